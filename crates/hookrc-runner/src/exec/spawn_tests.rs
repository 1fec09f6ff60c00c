//! The process start (`spawn`): what the child starts with, and how each
//! way it can fail to start is reported.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use super::tests::sh;
use super::{Job, ProcessStatus, run};
use crate::{Cancel, ExecError};

fn write_tool(path: &Path, body: &str, mode: u32) {
    std::fs::write(path, body).expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn status_line(status: &str, field: &str) -> u64 {
    let line = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .expect("the field");
    u64::from_str_radix(line.trim(), 16).expect("a hex mask")
}

#[test]
fn the_child_has_its_own_group_no_blocked_signal_and_the_default_sigpipe() {
    let done = run(
        &Job::new(["/bin/cat", "/proc/self/status"], "/"),
        &Cancel::new(),
    )
    .expect("runs");
    let status = String::from_utf8(done.stdout().to_vec()).expect("utf-8");
    assert_eq!(status_line(&status, "SigBlk:"), 0, "{status}");
    // hookrc ignores SIGPIPE, as every Rust program does; its tools must not.
    let sigpipe = 1 << (nix::libc::SIGPIPE - 1);
    assert_eq!(status_line(&status, "SigIgn:") & sigpipe, 0, "{status}");
    let script = "set -- $(cat /proc/$$/stat | sed 's/.*) //'); [ \"$3\" = $$ ] && echo leader";
    let done = run(&sh(script), &Cancel::new()).expect("runs");
    assert_eq!(done.stdout(), b"leader\n");
}

#[test]
fn a_script_without_an_interpreter_line_runs_under_sh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tool = dir.path().join("tool");
    write_tool(&tool, "echo \"ran with $1\"\n", 0o755);
    let done = run(
        &Job::new([tool.as_os_str(), "x".as_ref()], "/"),
        &Cancel::new(),
    )
    .expect("runs");
    assert_eq!(done.stdout(), b"ran with x\n");
}

#[test]
fn relative_path_entries_are_looked_up_from_the_jobs_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("bin")).expect("mkdir");
    write_tool(
        &dir.path().join("bin/tool"),
        "#!/bin/sh\necho found\n",
        0o755,
    );
    let job = Job::new(["tool"], dir.path()).with_env_var("PATH", "/nonexistent-hookrc-dir:bin");
    let done = run(&job, &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert_eq!(done.stdout(), b"found\n");
}

#[test]
fn a_program_on_path_that_is_not_executable_is_refused_not_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_tool(&dir.path().join("tool"), "#!/bin/sh\n", 0o644);
    let job = Job::new(["tool"], "/").with_env_var("PATH", dir.path());
    let err = run(&job, &Cancel::new()).expect_err("not executable");
    let ExecError::Spawn { source, .. } = &err else {
        panic!("{err:?}");
    };
    // As root every file with no execute bit at all is still refused.
    assert_eq!(
        source.kind(),
        std::io::ErrorKind::PermissionDenied,
        "{err:?}"
    );
}

#[test]
fn a_nul_byte_in_an_argument_or_variable_is_a_spawn_error() {
    let err = run(&Job::new(["/bin/echo", "a\0b"], "/"), &Cancel::new()).expect_err("NUL");
    assert!(matches!(err, ExecError::Spawn { .. }), "{err:?}");
    let job = Job::new(["/bin/echo"], "/").with_env_var("A", "x\0y");
    let err = run(&job, &Cancel::new()).expect_err("NUL");
    assert!(matches!(err, ExecError::Spawn { .. }), "{err:?}");
}

#[test]
fn a_failed_start_leaves_no_child_behind() {
    // Each failure is reported after its child was reaped: nothing is left
    // for `waitpid(-1)` to find from this thread's failures.
    for _ in 0..50 {
        let job = Job::new(["sh"], "/nonexistent-hookrc-cwd").with_env_var("PATH", "/usr/bin:/bin");
        let err = run(&job, &Cancel::new()).expect_err("no such cwd");
        assert!(matches!(err, ExecError::Cwd { .. }), "{err:?}");
    }
    let children = std::fs::read_to_string(format!(
        "/proc/{}/task/{}/children",
        std::process::id(),
        nix::unistd::gettid()
    ))
    .expect("this thread's children (CONFIG_PROC_CHILDREN)");
    assert_eq!(children.trim(), "", "children left: {children}");
}

#[test]
fn a_job_with_a_umask_creates_what_its_mask_allows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let create = |name: &str| Job::new(["/bin/sh", "-c", &format!("echo x > {name}")], dir.path());
    assert!(
        run(&create("private").with_umask(0o077), &Cancel::new())
            .expect("runs")
            .success()
    );
    let mode = |name: &str| {
        std::fs::metadata(dir.path().join(name))
            .expect("created")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("private"), 0o600);
    let done = run(&create("open").with_umask(0o022), &Cancel::new()).expect("runs");
    assert!(done.success());
    assert_eq!(mode("open"), 0o644);
}
