//! `hookrc init` and `hookrc config check|show` on real repositories, and
//! what the loader refuses: malformed text, files that are not regular.

use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::Duration;

use hookrc_testkit::{hookrc_snapshot, test_repo};

#[test]
fn init_writes_the_starter_policy_once() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        wrote `.hookrc.toml` (commit-msg: conventional)
        `hookrc install` links the hooks it lists
        "#);
    let written = repo.read_string(".hookrc.toml");
    let output = repo
        .hookrc_cmd()
        .args(["config", "check"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    repo.write(".hookrc.toml", "# mine\n");
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: `.hookrc.toml` already exists; it was left as it is

        hint: edit it (`hookrc config check` validates it), or remove it to start over
        "#);
    assert_eq!(repo.read_string(".hookrc.toml"), "# mine\n");
    assert!(written.contains("[hooks]"));
}

#[test]
fn init_detects_a_go_module() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/m\n\ngo 1.22\n");
    let output = repo.hookrc_cmd().arg("init").output().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(repo.read_string(".hookrc.toml").contains("go-"));
}

#[test]
fn config_check_prints_ok_or_the_located_error() {
    let repo = test_repo!();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "check"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----
        ok

        ----- stderr -----
        no `.hookrc.toml` here: the embedded default policy applies
        "#);
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"lint\"]\n\n[check.lint]\nrun = [\"true\"]\nfile = [\"*.sh\"]\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "check"]), @r#"
        success: false
        exit_code: 2
        ----- stdout -----

        ----- stderr -----
        error: .hookrc.toml:6:1: unknown key `file` in `[check.lint]`
          |
        6 | file = ["*.sh"]
          | ^^^^
          |
        help: did you mean `files`?
        "#);
}

#[test]
fn config_show_prints_the_effective_policy() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"lint\"]\n\n[check.lint]\nrun = [\"true\"]\n",
    );
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["config", "show"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----
        [hooks]
        pre-commit = ["lint"]

        [check.lint]
        run = ["true"]
        files = []
        exclude = []
        pass-filenames = true
        timeout = "1m"
        always-run = false
        optional = false

        [go]
        tags = []
        include-generated = false
        include-vendor = false

        [changelog]
        other = "Other"
        ignore = []
        zero-major-breaking = "minor"
        zero-major-feature = "patch"

        [[changelog.sections]]
        title = "Features"
        types = ["feat"]

        [[changelog.sections]]
        title = "Bug Fixes"
        types = ["fix"]

        [[changelog.sections]]
        title = "Refactor"
        types = ["refactor"]

        [[changelog.sections]]
        title = "Documentation"
        types = ["docs"]

        [[changelog.sections]]
        title = "Performance"
        types = ["perf"]

        [[changelog.sections]]
        title = "Styling"
        types = ["style"]

        [[changelog.sections]]
        title = "Testing"
        types = ["test"]

        [[changelog.sections]]
        title = "Miscellaneous Tasks"
        types = ["chore", "ci"]

        [[changelog.sections]]
        title = "Revert"
        types = ["revert"]

        ----- stderr -----
        "#);
}

#[test]
fn config_schema_prints_a_json_schema_that_pipes_cleanly() {
    let repo = test_repo!();
    let output = repo
        .hookrc_cmd()
        .args(["config", "schema"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(schema["properties"]["hooks"].is_object(), "{schema}");
    assert!(schema["properties"]["check"].is_object(), "{schema}");
    // A closed pipe is a clean exit, not an error.
    let mut child = repo
        .hookrc_cmd()
        .args(["config", "schema"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}

/// Policies the loader must refuse, each with the `line:column` its error
/// points at. Every one is a located error with exit 2 from a hook run.
const MALFORMED: &[(&str, &[u8], &str)] = &[
    ("utf8 in a comment", b"# caf\xe9\n[hooks]\n", "1:6"),
    (
        "utf8 in a string",
        b"[hooks]\npre-commit = [\"\xff\"]\n",
        "2:16",
    ),
    ("utf8 in a key", b"[hooks]\npre-\xc3commit = []\n", "2:5"),
    ("truncated utf8 at the end", b"[hooks]\n# \xe2\x82", "2:3"),
    ("utf16 bom", b"\xff\xfe[\x00h\x00", "1:1"),
    ("nul byte", b"[hooks]\npre-commit = [\"a\0\"]\n", "2:17"),
    (
        "duplicate key",
        b"[check.a]\nrun = [\"true\"]\nrun = [\"false\"]\n",
        "3:1",
    ),
    (
        "duplicate table",
        b"[check.a]\nrun = [\"true\"]\n[check.a]\nrun = [\"x\"]\n",
        "3:8",
    ),
    ("duplicate hooks table", b"[hooks]\n[hooks]\n", "2:2"),
    (
        "duplicate dotted key",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"1s\"\ntimeout = \"2s\"\n",
        "4:1",
    ),
    (
        "huge timeout",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"18446744073709551615h\"\n",
        "3:11",
    ),
    (
        "u64 overflow timeout",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"99999999999999999999s\"\n",
        "3:11",
    ),
    (
        "timeout past the maximum",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"24h1s\"\n",
        "3:11",
    ),
    (
        "summed timeout past the maximum",
        b"[check.go-test]\ntimeout = \"20h5h\"\n",
        "2:11",
    ),
    (
        "negative timeout",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"-1s\"\n",
        "3:11",
    ),
    (
        "zero timeout",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"0ms\"\n",
        "3:11",
    ),
    (
        "timeout as a number",
        b"[check.a]\nrun = [\"x\"]\ntimeout = 30\n",
        "3:11",
    ),
    (
        "unit only",
        b"[check.a]\nrun = [\"x\"]\ntimeout = \"h\"\n",
        "3:11",
    ),
    ("unclosed table", b"[hooks\n", "1:7"),
    ("unclosed string", b"[hooks]\npre-commit = [\"a]\n", "2:18"),
    ("unclosed array", b"[hooks]\npre-commit = [\"a\"\n", "2:18"),
    ("missing value", b"[hooks]\npre-commit =\n", "2:13"),
    ("bare word value", b"[hooks]\npre-commit = go-fmt\n", "2:14"),
    (
        "table as hook list",
        b"[hooks]\npre-commit = { a = 1 }\n",
        "2:14",
    ),
    (
        "integer as check name",
        b"[hooks]\npre-commit = [1]\n",
        "2:15",
    ),
    ("unknown hook", b"[hooks]\npre-comit = []\n", "2:1"),
    ("server-side hook", b"[hooks]\nupdate = []\n", "2:1"),
    ("unknown top-level key", b"hoks = 1\n", "1:1"),
    (
        "unknown check in hook",
        b"[hooks]\npre-commit = [\"nope\"]\n",
        "2:15",
    ),
    (
        "check listed twice",
        b"[hooks]\npre-commit = [\"go-fmt\", \"go-fmt\"]\n",
        "2:25",
    ),
    (
        "custom check without run",
        b"[check.lint]\nfiles = [\"*\"]\n",
        "1:8",
    ),
    ("empty run", b"[check.lint]\nrun = []\n", "2:7"),
    ("empty command", b"[check.lint]\nrun = [\"\"]\n", "2:7"),
    (
        "run as a string",
        b"[check.lint]\nrun = \"make lint\"\n",
        "2:7",
    ),
    (
        "empty shell",
        b"[check.lint]\nrun = [\"x\"]\nshell = \"\"\n",
        "3:9",
    ),
    ("bad check name", b"[check.\"a b\"]\nrun = [\"x\"]\n", "1:8"),
    (
        "built-in with run",
        b"[check.go-fmt]\nrun = [\"gofmt\"]\n",
        "2:1",
    ),
    (
        "conventional in pre-commit",
        b"[hooks]\npre-commit = [\"conventional\"]\n",
        "2:15",
    ),
    (
        "bad glob",
        b"[check.lint]\nrun = [\"x\"]\nfiles = [\"[\"]\n",
        "3:10",
    ),
    (
        "bad regex",
        b"[check.conventional]\nignores = [\"(\"]\n",
        "2:12",
    ),
    (
        "unknown rule",
        b"[check.conventional]\nrules = { header-max = [2, \"always\", 72] }\n",
        "2:11",
    ),
    (
        "bad rule level",
        b"[check.conventional]\nrules = { header-max-length = [3, \"always\", 72] }\n",
        "2:31",
    ),
    ("check not a table", b"[check]\nlint = 1\n", "2:8"),
    (
        "env name with =",
        b"[go]\nenv = { \"A=B\" = \"1\" }\n",
        "2:9",
    ),
    (
        "coverage out of range",
        b"[check.go-test]\ncoverage-min = 101.0\n",
        "2:16",
    ),
    (
        "bad target",
        b"[check.go-build]\ntargets = [\"linux-amd64\"]\n",
        "2:12",
    ),
    ("crlf unknown key", b"[hooks]\r\npre-comit = []\r\n", "2:1"),
    (
        "control character",
        b"[hooks]\npre-commit = [\"a\x07\"]\n",
        "2:17",
    ),
];

/// The first line of stderr must be `error: .hookrc.toml:LINE:COL: …`.
fn assert_located(name: &str, output: &std::process::Output, at: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("error: .hookrc.toml:{at}: ")),
        "{name}: expected {at}, got {stderr}"
    );
}

/// Runs `cmd` to completion, failing the test (instead of hanging it) if it
/// is still running after a minute.
fn output_or_hang(name: &str, cmd: &mut Command) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    for _ in 0..600 {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().expect("kill");
    panic!("{name}: hookrc hung");
}

#[test]
fn malformed_policies_are_located_errors_that_change_nothing() {
    let repo = test_repo!();
    repo.write("a.txt", "staged\n");
    repo.git(["add", "a.txt"]);
    repo.write("a.txt", "staged\nunstaged\n");
    for (name, policy, at) in MALFORMED {
        repo.write(".hookrc.toml", policy);
        let before = repo.snapshot_state();
        let mut cmd = repo.hookrc_cmd();
        cmd.args(["run", "pre-commit"]);
        let output = output_or_hang(name, &mut cmd);
        assert_located(name, &output, at);
        let check = output_or_hang(name, repo.hookrc_cmd().args(["config", "check"]));
        assert_located(name, &check, at);
        assert_eq!(before, repo.snapshot_state(), "{name}");
    }
}

/// What `.hookrc.toml` is made instead of a regular file.
#[derive(Debug, Clone, Copy)]
enum Special {
    Fifo,
    Link(&'static str),
    Directory,
    TooLarge,
}

/// Each special policy, and a phrase its error must contain.
const SPECIAL: &[(Special, &str)] = &[
    (Special::Fifo, "a FIFO"),
    (Special::Link("/dev/zero"), "outside the repository"),
    (Special::Link("/dev/urandom"), "outside the repository"),
    (Special::Link("/etc/hostname"), "outside the repository"),
    (Special::Link("missing.toml"), "does not exist"),
    (Special::Link("sub"), "links to a directory"),
    (Special::Directory, "a directory"),
    (Special::TooLarge, "larger than 1048576 bytes"),
];

impl Special {
    fn make(self, path: &std::path::Path) {
        match self {
            Special::Fifo => {
                let status = Command::new("mkfifo").arg(path).status();
                assert!(status.expect("mkfifo").success());
            }
            Special::Link(target) => symlink(target, path).expect("symlink"),
            Special::Directory => std::fs::create_dir(path).expect("mkdir"),
            Special::TooLarge => {
                let text = format!("[hooks]\n{}", "#".repeat(1 << 20));
                std::fs::write(path, text).expect("write");
            }
        }
    }

    fn remove(self, path: &std::path::Path) {
        match self {
            Special::Directory => std::fs::remove_dir(path).expect("rmdir"),
            _ => std::fs::remove_file(path).expect("rm"),
        }
    }
}

#[test]
fn a_policy_that_is_not_a_regular_file_in_the_repository_is_refused() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"ok\"]\n[check.ok]\nrun = [\"true\"]\n",
    );
    repo.write("sub/keep.txt", "x\n");
    repo.commit_all("chore: init");
    crate::pre_commit::install(&repo, &["pre-commit"]);
    repo.write("a.txt", "staged\n");
    repo.git(["add", "a.txt"]);
    repo.write("a.txt", "staged\nunstaged\n");
    std::fs::remove_file(repo.path(".hookrc.toml")).expect("rm");
    let before = repo.snapshot_state();
    let policy = repo.path(".hookrc.toml");
    for &(special, expected) in SPECIAL {
        let name = &format!("{special:?}");
        special.make(&policy);
        let run = output_or_hang(name, repo.hookrc_cmd().args(["run", "pre-commit"]));
        let commit = output_or_hang(name, &mut repo.git_cmd(["commit", "-m", "feat: x"]));
        let trust = output_or_hang(name, repo.hookrc_cmd().arg("trust"));
        special.remove(&policy);
        for output in [&run, &trust] {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
            assert!(
                stderr.starts_with("error: cannot use `.hookrc.toml` as the policy: ")
                    && stderr.contains(expected),
                "{name}: {stderr}"
            );
        }
        assert!(!commit.status.success(), "{name}: {commit:?}");
        assert!(String::from_utf8_lossy(&commit.stderr).contains(expected));
        // `git commit` refreshes the index's stat data even when its hook
        // refuses; what it records must be as before.
        let after = repo.snapshot_state();
        assert_eq!(before.worktree, after.worktree, "{name}");
        assert_eq!(before.entries, after.entries, "{name}");
        assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
    }
}

#[test]
fn a_symlink_to_a_policy_inside_the_repository_is_followed() {
    let repo = test_repo!();
    repo.write(
        "conf/hookrc.toml",
        "[hooks]\npre-commit = [\"bad\"]\n[check.bad]\nrun = [\"false\"]\n",
    );
    symlink("conf/hookrc.toml", repo.path(".hookrc.toml")).expect("symlink");
    repo.write("a.txt", "staged\n");
    repo.git(["add", "a.txt"]);
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("`bad`"),
        "{output:?}"
    );
    assert_eq!(before, repo.snapshot_state());
}
