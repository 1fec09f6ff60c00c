//! Real processes through `run`: statuses, output capture, stdin, the exact
//! environment, argv bytes, timeouts, cancellation, spawn errors.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::{Job, ProcessStatus, run};
use crate::{Cancel, ExecError, run_ordered};

const PATH: &str = "/usr/local/bin:/usr/bin:/bin";

pub(super) fn sh(script: &str) -> Job {
    Job::new(["sh", "-c", script], "/").with_env_var("PATH", PATH)
}

fn stdout_text(job: &Job) -> String {
    let done = run(job, &Cancel::new()).expect("job runs");
    String::from_utf8(done.stdout().to_vec()).expect("utf-8 output")
}

/// Whether `pid` has exited: no `/proc` entry, or a zombie nobody reaped yet.
fn is_gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

/// Waits (bounded, generously) for `pid` to be gone; a correctness check,
/// not a timing assert.
pub(super) fn assert_dies(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !is_gone(pid) {
        assert!(Instant::now() < deadline, "process {pid} is still alive");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn first_pid(text: &str) -> u32 {
    text.lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no pid in {text:?}"))
}

#[test]
fn exit_codes_are_reported_and_failure_is_not_an_error() {
    let done = run(&sh("exit 0"), &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert!(done.success());
    let done = run(&sh("echo oops >&2; exit 7"), &Cancel::new()).expect("ran and failed is Ok");
    assert_eq!(done.status(), ProcessStatus::Exited(7));
    assert!(!done.success());
    assert_eq!(done.stderr(), b"oops\n");
}

#[test]
fn death_by_signal_is_reported_with_partial_output() {
    let done = run(&sh("echo partial; kill -SEGV $$"), &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Signaled(11));
    assert_eq!(done.stdout(), b"partial\n");
}

#[test]
fn large_stdout_and_stderr_are_captured_concurrently() {
    let script = "yes out | head -c 3000000 & yes err | head -c 2000000 >&2; wait";
    let done = run(&sh(script), &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert_eq!(done.stdout().len(), 3_000_000);
    assert_eq!(done.stderr().len(), 2_000_000);
    assert!(done.stdout().starts_with(b"out\nout\n"));
    assert!(done.stderr().starts_with(b"err\nerr\n"));
}

#[test]
fn stdin_bytes_reach_the_child_while_its_output_is_drained() {
    let input: Vec<u8> = (0..4_000_000u32)
        .map(|i| u8::try_from(i % 251).expect("small"))
        .collect();
    let job = Job::new(["cat"], "/")
        .with_env_var("PATH", PATH)
        .with_stdin(input.clone());
    let done = run(&job, &Cancel::new()).expect("cat runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert!(
        done.stdout() == input.as_slice(),
        "cat echoed different bytes"
    );
    // A child that ignores its stdin does not make writing it fail.
    let done = run(
        &sh("exit 0").with_stdin(vec![b'x'; 1_000_000]),
        &Cancel::new(),
    )
    .expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    // Without stdin bytes, stdin is /dev/null: `cat` ends at once.
    assert_eq!(
        stdout_text(&Job::new(["cat"], "/").with_env_var("PATH", PATH)),
        ""
    );
}

#[test]
fn the_child_gets_exactly_the_env_map() {
    let mut env = BTreeMap::new();
    env.insert(OsString::from("HOOKRC_A"), OsString::from("1"));
    env.insert(OsString::from("SPACED"), OsString::from("x y\nz"));
    let job = Job::new(["/usr/bin/env"], "/").with_env(env);
    assert_eq!(stdout_text(&job), "HOOKRC_A=1\nSPACED=x y\nz\n");
    let empty = Job::new(["/usr/bin/env"], "/");
    assert_eq!(stdout_text(&empty), "");
}

#[test]
fn program_lookup_uses_the_path_of_the_env_map() {
    let job = Job::new(["sh", "-c", "exit 0"], "/").with_env_var("PATH", "/nonexistent-hookrc-dir");
    let err = run(&job, &Cancel::new()).expect_err("sh is not on that PATH");
    assert!(
        matches!(&err, ExecError::NotFound { program } if program == Path::new("sh")),
        "{err:?}"
    );
}

#[test]
fn argv_reaches_the_child_byte_for_byte() {
    let args: Vec<OsString> = vec![
        "with space".into(),
        "quotes ' \" `".into(),
        "new\nline".into(),
        "ünïcødé ✓".into(),
        "-leading-dash".into(),
        "--".into(),
        "".into(),
        "$HOME *".into(),
        OsString::from_vec(vec![b'n', 0xff, 0xfe, b'!']),
    ];
    let job = Job::new(["printf", "%s\\0"], "/")
        .with_env_var("PATH", PATH)
        .with_args(args.clone());
    let done = run(&job, &Cancel::new()).expect("printf runs");
    let mut received: Vec<OsString> = done
        .stdout()
        .split(|&b| b == 0)
        .map(|a| OsString::from_vec(a.to_vec()))
        .collect();
    assert_eq!(
        received.pop(),
        Some(OsString::new()),
        "output ends with a NUL"
    );
    assert_eq!(received, args);
}

#[test]
fn cwd_is_the_jobs_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let job = Job::new(["pwd", "-P"], dir.path()).with_env_var("PATH", PATH);
    let expected = dir.path().canonicalize().expect("canonical temp dir");
    assert_eq!(
        stdout_text(&job).trim_end(),
        expected.to_str().expect("utf-8 temp path")
    );
}

#[test]
fn timeout_kills_the_child_and_its_grandchild() {
    let job = sh("sleep 60 & echo $!; sleep 60").with_timeout(Duration::from_millis(300));
    let done = run(&job, &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::TimedOut);
    let grandchild = first_pid(std::str::from_utf8(done.stdout()).expect("utf-8"));
    assert_dies(grandchild);
}

#[test]
fn a_zero_timeout_never_starts_the_process() {
    let dir = tempfile::tempdir().expect("temp dir");
    let marker = dir.path().join("started");
    let job = sh(&format!("touch '{}'", marker.display())).with_timeout(Duration::ZERO);
    let done = run(&job, &Cancel::new()).expect("not an error");
    assert_eq!(done.status(), ProcessStatus::TimedOut);
    assert!(!marker.exists(), "the process ran");
}

#[test]
fn a_fast_job_under_a_timeout_is_not_timed_out() {
    let done = run(
        &sh("echo fast").with_timeout(Duration::from_mins(1)),
        &Cancel::new(),
    )
    .expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert_eq!(done.stdout(), b"fast\n");
}

#[test]
fn leftover_background_processes_die_with_the_leader() {
    // The background `sleep` holds stdout open: without the group kill this
    // would block for a minute.
    let done = run(&sh("sleep 60 & echo $!"), &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert_dies(first_pid(
        std::str::from_utf8(done.stdout()).expect("utf-8"),
    ));
}

#[test]
fn cancel_from_another_thread_kills_running_groups_and_stops_new_jobs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pid_file = dir.path().join("pid");
    let cancel = Cancel::new();
    let script = format!("sleep 60 & echo $! > '{}'; wait", pid_file.display());
    let job = sh(&script);
    let runner = {
        let cancel = cancel.clone();
        std::thread::spawn(move || run(&job, &cancel))
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let grandchild = loop {
        if let Ok(text) = std::fs::read_to_string(&pid_file)
            && text.ends_with('\n')
        {
            break first_pid(&text);
        }
        assert!(Instant::now() < deadline, "the job never started");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(!cancel.is_cancelled());
    cancel.cancel();
    assert!(cancel.is_cancelled());
    let done = runner.join().expect("no panic").expect("runs");
    assert_eq!(done.status(), ProcessStatus::Cancelled);
    assert_dies(grandchild);

    let marker = dir.path().join("started");
    let later = sh(&format!("touch '{}'", marker.display()));
    let done = run(&later, &cancel).expect("a cancelled run is not an error");
    assert_eq!(done.status(), ProcessStatus::Cancelled);
    assert!(!marker.exists(), "a job started after cancel");
}

#[test]
fn missing_program_is_not_found_with_a_clear_message() {
    let job = Job::new(["hookrc-no-such-tool", "--version"], "/").with_env_var("PATH", PATH);
    let err = run(&job, &Cancel::new()).expect_err("no such tool");
    assert_eq!(
        err.to_string(),
        "`hookrc-no-such-tool` was not found on PATH: is it installed, and is its directory on the PATH given to hookrc?"
    );
    let job = Job::new(["./bin/missing-tool"], "/");
    let err = run(&job, &Cancel::new()).expect_err("no such file");
    assert!(matches!(err, ExecError::NotFound { .. }), "{err:?}");
    assert_eq!(err.to_string(), "`./bin/missing-tool` does not exist");
}

#[test]
fn other_spawn_failures_say_what_and_where() {
    let job = Job::new(["sh"], "/nonexistent-hookrc-cwd").with_env_var("PATH", PATH);
    let err = run(&job, &Cancel::new()).expect_err("no such cwd");
    assert_eq!(
        err.to_string(),
        "cannot run `sh`: the working directory `/nonexistent-hookrc-cwd` does not exist"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let not_executable = dir.path().join("tool");
    std::fs::write(&not_executable, "#!/bin/sh\n").expect("write");
    let err = run(&Job::new([&not_executable], "/"), &Cancel::new()).expect_err("not executable");
    assert!(matches!(err, ExecError::Spawn { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("could not start `{}`", not_executable.display())
    );
    let err = run(&Job::new(Vec::<OsString>::new(), "/"), &Cancel::new()).expect_err("empty");
    assert!(matches!(err, ExecError::EmptyArgv));
}

#[test]
fn parallel_jobs_come_back_in_input_order() {
    let jobs: Vec<Job> = (0..6)
        .map(|i| sh(&format!("sleep 0.{}; echo {i}", 6 - i)))
        .collect();
    let cancel = Cancel::new();
    let outputs = run_ordered(jobs, 3, |job| stdout_text_with(&job, &cancel));
    assert_eq!(outputs, vec!["0\n", "1\n", "2\n", "3\n", "4\n", "5\n"]);
}

fn stdout_text_with(job: &Job, cancel: &Cancel) -> String {
    let done = run(job, cancel).expect("job runs");
    String::from_utf8(done.stdout().to_vec()).expect("utf-8 output")
}

#[test]
fn the_arming_step_runs_once_before_the_first_process_only() {
    let armed = Arc::new(AtomicUsize::new(0));
    let cancel = Cancel::new();
    let counter = Arc::clone(&armed);
    cancel.before_first_spawn(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        Ok(())
    });
    let err = run(&Job::new(Vec::<OsString>::new(), "/"), &cancel).expect_err("empty");
    assert!(matches!(err, ExecError::EmptyArgv));
    assert_eq!(armed.load(Ordering::SeqCst), 0, "armed without a process");

    let jobs: Vec<Job> = (0..4).map(|i| sh(&format!("echo {i}"))).collect();
    let outputs = run_ordered(jobs, 4, |job| stdout_text_with(&job, &cancel));
    assert_eq!(outputs, vec!["0\n", "1\n", "2\n", "3\n"]);
    assert_eq!(armed.load(Ordering::SeqCst), 1);
}

#[test]
fn a_failed_arming_step_keeps_that_job_from_starting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let marker = dir.path().join("started");
    let job = sh(&format!("touch '{}'", marker.display()));
    let cancel = Cancel::new();
    cancel.before_first_spawn(|_| Err(std::io::Error::other("no handler for you")));
    let err = run(&job, &cancel).expect_err("arming failed");
    assert!(matches!(err, ExecError::Spawn { .. }), "{err:?}");
    assert!(!marker.exists(), "the job started anyway");
    let done = run(&job, &cancel).expect("later jobs start");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert!(marker.exists());
}

#[test]
fn the_arming_step_gets_the_token_it_can_cancel() {
    let cancel = Cancel::new();
    cancel.before_first_spawn(|token| {
        token.cancel();
        Ok(())
    });
    let done = run(&sh("sleep 60"), &cancel).expect("a cancelled run is not an error");
    assert_eq!(done.status(), ProcessStatus::Cancelled);
}

#[test]
fn the_marker_set_when_arming_reaches_every_process_and_their_children() {
    let cancel = Cancel::new();
    cancel.before_first_spawn(|token| {
        token.mark_processes("HOOKRC_RUN", "/runs/one");
        Ok(())
    });
    let job = Job::new(["/usr/bin/env"], "/").with_env_var("HOOKRC_RUN", "/runs/given");
    assert_eq!(stdout_text_with(&job, &cancel), "HOOKRC_RUN=/runs/one\n");
    let nested = sh("sh -c 'echo $HOOKRC_RUN' & wait");
    assert_eq!(stdout_text_with(&nested, &cancel), "/runs/one\n");
    // A token without a marker adds nothing.
    assert_eq!(stdout_text(&Job::new(["/usr/bin/env"], "/")), "");
}
