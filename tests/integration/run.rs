//! `hookrc run HOOK`: file selection (`--files`, `--all-files`,
//! `--from-ref/--to-ref`), argv exactly as given (no shell unless asked),
//! timeouts, Ctrl-C, git's arguments and stdin for `commit-msg` and
//! `pre-push`, and the documented behaviour without a policy or a repository.

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

use crate::pre_commit::install;

fn repo_with_policy(policy: &str) -> TestRepo {
    let repo = test_repo!();
    repo.write(".hookrc.toml", policy);
    repo
}

/// The exit code and the `output` of the first check of a JSON report.
fn json_output(cmd: &mut Command) -> (Option<i32>, String) {
    let output = cmd.output().expect("run hookrc");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|err| panic!("{err}: {output:?}"));
    let text = report["checks"][0]["output"]
        .as_str()
        .expect("a check output")
        .to_owned();
    (output.status.code(), text)
}

const ODD_NAMES: &[&str] = &[
    "with space.txt",
    "quote'\"s.txt",
    "ünï.txt",
    "new\nline.txt",
    "-leading.txt",
];

#[test]
fn odd_file_names_reach_a_check_intact_without_a_shell() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"names\"]\n\n[check.names]\nrun = [\"printf\", \"%s\\\\0\"]\n",
    );
    for name in ODD_NAMES {
        repo.write(name, "x\n");
    }
    repo.git(["add", "-A"]);
    let (code, output) =
        json_output(
            repo.hookrc_cmd()
                .args(["run", "pre-commit", "--format", "json"]),
        );
    assert_eq!(code, Some(0));
    let mut got: Vec<&str> = output.split_terminator('\0').collect();
    got.sort_unstable();
    let mut want: Vec<&str> = ODD_NAMES.to_vec();
    want.push(".hookrc.toml");
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn odd_file_names_reach_a_shell_check_intact_through_git_commit() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"names\"]\n\n[check.names]\nrun = [\"printf '%s\\\\0' \\\"$@\\\" > \\\"$OUT\\\"\"]\nshell = \"sh\"\nfiles = [\"*.txt\"]\n",
    );
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    for name in ODD_NAMES {
        repo.write(name, "x\n");
    }
    repo.git(["add", "-A"]);
    let out = repo.tmp_root().join("names.bin");
    let output = repo
        .git_cmd(["commit", "-q", "-m", "feat: names"])
        .env("OUT", &out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let written = fs_err::read(&out).unwrap();
    let mut got: Vec<&[u8]> = written
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .collect();
    got.sort_unstable();
    let mut want: Vec<&[u8]> = ODD_NAMES.iter().map(|n| n.as_bytes()).collect();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn without_shell_nothing_is_expanded_or_split() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"literal\"]\n\n[check.literal]\nrun = [\"printf\", \"<%s>\", \"$HOME\", \"a;b\", \"*\", \"x y\"]\npass-filenames = false\nalways-run = true\n",
    );
    let (code, output) =
        json_output(
            repo.hookrc_cmd()
                .args(["run", "pre-commit", "--format", "json"]),
        );
    assert_eq!((code, output.as_str()), (Some(0), "<$HOME><a;b><*><x y>"));
}

#[test]
fn files_all_files_and_ref_ranges_select_what_is_checked() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"list\"]\n\n[check.list]\nrun = [\"printf\", \"%s,\"]\nfiles = [\"*.txt\"]\n",
    );
    repo.write("a.txt", "a\n");
    repo.write("sub/b.txt", "b\n");
    let first = repo.commit_all("chore: one");
    repo.write("c.txt", "c\n");
    repo.write("d.md", "d\n");
    let second = repo.commit_all("chore: two");
    repo.write("e.txt", "e\n");
    repo.git(["add", "e.txt"]);
    let run = |args: &[&str]| {
        json_output(
            repo.hookrc_cmd()
                .args(["run", "pre-commit", "--format", "json"])
                .args(args),
        )
    };
    assert_eq!(run(&[]), (Some(0), "e.txt,".to_owned()));
    assert_eq!(
        run(&["--all-files"]),
        (Some(0), "a.txt,c.txt,e.txt,sub/b.txt,".to_owned())
    );
    assert_eq!(
        run(&["--from-ref", &first, "--to-ref", &second]),
        (Some(0), "c.txt,".to_owned())
    );
    assert_eq!(
        run(&["--files", "x.txt", "y.md"]),
        (Some(0), "x.txt,".to_owned())
    );
    let (code, output) = json_output(repo.hookrc_cmd_in(&repo.path("sub")).args([
        "run",
        "pre-commit",
        "--format",
        "json",
        "--files",
        "b.txt",
    ]));
    assert_eq!((code, output.as_str()), (Some(0), "sub/b.txt,"));
}

#[test]
fn pre_push_all_files_gives_custom_checks_every_file_of_head() {
    let repo = repo_with_policy(
        "[hooks]\npre-push = [\"list\"]\n\n[check.list]\nrun = [\"printf\", \"%s,\"]\nfiles = [\"*.txt\"]\n",
    );
    repo.write("a.txt", "a\n");
    repo.write("sub/b.txt", "b\n");
    repo.write("d.md", "d\n");
    repo.commit_all("chore: one");
    repo.write("untracked.txt", "u\n");
    let before = repo.snapshot_state();
    let (code, output) =
        json_output(
            repo.hookrc_cmd()
                .args(["run", "pre-push", "--all-files", "--format", "json"]),
        );
    assert_eq!((code, output.as_str()), (Some(0), "a.txt,sub/b.txt,"));
    assert_eq!(repo.snapshot_state(), before);
}

#[test]
fn a_hanging_check_is_stopped_at_its_timeout() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"hang\"]\n\n[check.hang]\nrun = [\"sleep\", \"30\"]\ntimeout = \"300ms\"\nalways-run = true\npass-filenames = false\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-commit"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        hang ... failed ([TIME])
          error[hang]: `sleep` did not finish within [TIME] and was stopped
          hint: raise `timeout` under `[check.hang]` if it needs longer

        error: hook `pre-commit` failed: 1 of 1 check did not pass: `hang`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=hang`
        "#);
}

#[test]
fn ctrl_c_and_sigterm_kill_the_running_check_and_change_nothing() {
    for signal in ["-INT", "-TERM"] {
        interrupt_a_running_check(signal);
    }
}

/// Send `signal` to hookrc while its check runs: hookrc exits 130, the
/// check's processes are gone and never finished, the repository is as it was.
fn interrupt_a_running_check(signal: &str) {
    let repo = test_repo!();
    let pid_file = repo.tmp_root().join("check.pid");
    let done_file = repo.tmp_root().join("check.done");
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"slow\"]\n\n[check.slow]\n\
         run = [\"echo $$ > \\\"$PID_FILE\\\"; sleep 30; echo finished > \\\"$DONE_FILE\\\"\"]\n\
         shell = \"sh\"\n",
    );
    repo.write("a.txt", "a\n");
    repo.git(["add", "-A"]);
    let before = repo.snapshot_state();
    let mut child = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .env("PID_FILE", &pid_file)
        .env("DONE_FILE", &done_file)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hookrc");
    let check_pid = wait_for_pid(&pid_file);
    kill(signal, &child.id().to_string());
    let status = child.wait().expect("wait for hookrc");
    let mut stderr = String::new();
    let mut pipe = child.stderr.take().expect("stderr is piped");
    pipe.read_to_string(&mut stderr).expect("read stderr");
    assert_eq!(status.code(), Some(130), "{signal}: {stderr}");
    assert!(
        stderr.contains("slow ... interrupted"),
        "{signal}: {stderr}"
    );
    assert!(!alive(&check_pid), "{signal}: the check's shell survived");
    assert!(!done_file.exists(), "{signal}: the check ran to its end");
    assert_eq!(before, repo.snapshot_state(), "{signal}");
}

fn wait_for_pid(path: &std::path::Path) -> String {
    for _ in 0..400 {
        if let Ok(pid) = fs_err::read_to_string(path)
            && pid.ends_with('\n')
        {
            return pid.trim().to_owned();
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the check never started");
}

fn kill(signal: &str, pid: &str) {
    assert!(
        Command::new("kill")
            .args([signal, pid])
            .status()
            .expect("run kill")
            .success()
    );
}

fn alive(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid])
        .stderr(Stdio::null())
        .status()
        .expect("run kill")
        .success()
}

#[test]
fn commit_msg_checks_get_the_message_file_and_pre_push_checks_get_stdin() {
    let repo = repo_with_policy(
        "[hooks]\ncommit-msg = [\"msg\"]\npre-push = [\"push\"]\n\n\
         [check.msg]\nrun = [\"grep -q '^feat' \\\"$1\\\"\"]\nshell = \"sh\"\n\n\
         [check.push]\nrun = [\"printf '%s|' \\\"$@\\\" > \\\"$OUT\\\"; cat >> \\\"$OUT\\\"\"]\nshell = \"sh\"\n",
    );
    install(&repo, &["commit-msg", "pre-push"]);
    repo.write("a.txt", "a\n");
    repo.git(["add", "-A"]);
    hookrc_snapshot!(repo, repo.git_cmd(["commit", "-q", "-m", "chore: nope"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        msg ... failed ([TIME])
          error[msg]: `sh` exited with status 1

        error: hook `commit-msg` failed: 1 of 1 check did not pass: `msg`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=msg`
        "#);
    repo.git(["commit", "-q", "-m", "feat: yes"]);
    let remote = repo.add_bare_remote("origin");
    let out = repo.tmp_root().join("push.txt");
    let output = repo
        .git_cmd(["push", "-q", "origin", "main"])
        .env("OUT", &out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let head = repo.git(["rev-parse", "HEAD"]);
    let zero = "0".repeat(40);
    assert_eq!(
        fs_err::read_to_string(&out).unwrap(),
        format!(
            "origin|{}|refs/heads/main {} refs/heads/main {zero}\n",
            remote.display(),
            head.trim()
        )
    );
}

#[test]
fn without_a_policy_the_embedded_default_applies() {
    let repo = test_repo!();
    repo.write("a.txt", "TODO\n");
    repo.git(["add", "a.txt"]);
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-commit"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "#);
}

#[test]
fn outside_a_repository_is_an_error() {
    let repo = test_repo!();
    let outside = repo.outside_dir("elsewhere");
    hookrc_snapshot!(repo, repo.hookrc_cmd_in(&outside).args(["run", "pre-commit"]), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: `[TMP]/elsewhere` is not inside a git work tree

        hint: run hookrc inside a git repository's work tree (create one with `git init`)
        "#);
    let mut disabled = repo.hookrc_cmd_in(&outside);
    disabled.args(["run", "pre-commit"]).env("HOOKRC", "0");
    hookrc_snapshot!(repo, disabled, @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "#);
}

#[test]
fn a_missing_tool_is_an_error_unless_the_check_is_optional() {
    let repo = repo_with_policy(
        "[hooks]\npre-commit = [\"missing\", \"maybe\"]\n\n\
         [check.missing]\nrun = [\"hookrc-no-such-tool\"]\nalways-run = true\n\n\
         [check.maybe]\nrun = [\"hookrc-no-such-tool\"]\nalways-run = true\noptional = true\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-commit"]), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        missing ... error
          error[missing]: `hookrc-no-such-tool` was not found on PATH: is it installed, and is its directory on the PATH given to hookrc?
          hint: install `hookrc-no-such-tool`, or set `optional = true` under `[check.missing]` to skip the check where it is missing
        maybe ..... skipped (`hookrc-no-such-tool` is not installed)
          warning[maybe]: `hookrc-no-such-tool` was not found on PATH: is it installed, and is its directory on the PATH given to hookrc?

        error: hook `pre-commit` failed: 1 of 2 checks did not pass: `missing`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=missing`
        "#);
}

#[test]
fn an_unknown_hook_is_a_usage_error() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["run", "pre-comit"]), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: invalid value 'pre-comit' for '<HOOK>'
          [possible values: applypatch-msg, pre-applypatch, post-applypatch, pre-commit, pre-merge-commit, prepare-commit-msg, commit-msg, post-commit, pre-rebase, post-checkout, post-merge, pre-push, reference-transaction, push-to-checkout, pre-auto-gc, post-rewrite, sendemail-validate, p4-changelist, p4-prepare-changelist, p4-post-changelist, p4-pre-submit, post-index-change]

          tip: a similar value exists: 'pre-commit'

        For more information, try '--help'.
        "#);
}
