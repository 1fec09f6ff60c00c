//! go-fmt, go-vet and go-lint through the installed pre-commit hook and a
//! real `git commit`, with the real Go toolchain (`go` on `PATH`, as
//! `scripts/test` sets it up) on the fixtures of `fixtures/go/`: judged on
//! what is staged, never on unstaged edits, which stay byte for byte.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use hookrc_testkit::{RepoState, TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::{install, trust};

const VET_ERROR: &str =
    "\n// Bad has a vet error.\nfunc Bad() string {\n\treturn fmt.Sprintf(\"%d\", \"x\")\n}\n";

/// A repository holding `fixtures/go/<fixture>` (committed), `policy` as
/// its `.hookrc.toml`, and hookrc as its pre-commit hook.
fn go_repo(fixture: &str, policy: &str) -> TestRepo {
    let repo = test_repo!();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go");
    copy_dir(&fixtures.join(fixture), repo.root());
    repo.write(".hookrc.toml", policy);
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    repo
}

const FMT_VET: &str = "[hooks]\npre-commit = [\"go-fmt\", \"go-vet\"]\n";

/// `git commit -m …` with the shared Go cache; its output.
fn commit(repo: &TestRepo, extra_env: &[(&str, &OsString)]) -> Output {
    let mut cmd = repo.git_cmd(["commit", "-q", "-m", "feat: change"]);
    cmd.env("GOCACHE", gocache());
    for (key, value) in extra_env {
        cmd.env(key, value);
    }
    cmd.output().expect("test I/O")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The worktree and the index entries are what they were.
fn assert_unchanged(before: &RepoState, repo: &TestRepo) {
    let after = repo.snapshot_state();
    assert_eq!(before.worktree, after.worktree, "the working tree changed");
    assert_eq!(before.entries, after.entries, "the index changed");
}

/// `git commit` through the hooks, which must exit with `code` and leave
/// the working tree and the index as they were; its stderr.
fn commit_unchanged(repo: &TestRepo, extra_env: &[(&str, &OsString)], code: i32) -> String {
    let before = repo.snapshot_state();
    let output = commit(repo, extra_env);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(code), "{err}");
    assert_unchanged(&before, repo);
    err
}

fn commits(repo: &TestRepo) -> String {
    repo.git(["rev-list", "--count", "HEAD"]).trim().to_owned()
}

fn replace(repo: &TestRepo, path: &str, from: &str, to: &str) {
    let text = repo.read_string(path);
    assert!(text.contains(from), "{path} has no {from:?}");
    repo.write(path, text.replacen(from, to, 1));
}

/// Add `import "fmt"` and a function vet rejects to `mathx/mathx.go`.
fn with_vet_error(source: &str) -> String {
    source.replacen(
        "import \"strconv\"",
        "import (\n\t\"fmt\"\n\t\"strconv\"\n)",
        1,
    ) + VET_ERROR
}

#[test]
fn staged_unformatted_content_is_refused_though_the_worktree_is_formatted() {
    let repo = go_repo("multi", FMT_VET);
    let clean = repo.read_string("mathx/mathx.go");
    replace(&repo, "mathx/mathx.go", "total := 0", "total:=0");
    repo.git(["add", "mathx/mathx.go"]);
    repo.write("mathx/mathx.go", &clean);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("go-fmt ... failed"), "{err}");
    assert!(
        err.contains("-\ttotal:=0\n") && err.contains("+\ttotal := 0\n"),
        "{err}"
    );
    assert!(err.contains("--> `mathx/mathx.go`"), "{err}");
    assert!(err.contains("go-vet ... passed"), "{err}");
    assert_eq!(commits(&repo), "1");
}

#[test]
fn staged_formatted_content_is_accepted_though_the_worktree_is_not() {
    let repo = go_repo("multi", FMT_VET);
    replace(&repo, "mathx/mathx.go", "\"1 item\"", "\"one item\"");
    repo.git(["add", "mathx/mathx.go"]);
    replace(&repo, "mathx/mathx.go", "total := 0", "total:=0");
    commit_unchanged(&repo, &[], 0);
    assert_eq!(commits(&repo), "2");
    assert!(
        repo.git(["show", "HEAD:mathx/mathx.go"])
            .contains("total := 0")
    );
}

#[test]
fn a_vet_error_only_in_the_staged_version_is_found() {
    let repo = go_repo("multi", FMT_VET);
    let clean = repo.read_string("mathx/mathx.go");
    repo.write("mathx/mathx.go", with_vet_error(&clean));
    repo.git(["add", "mathx/mathx.go"]);
    repo.write("mathx/mathx.go", &clean);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("go-vet ... failed"), "{err}");
    assert!(
        err.contains("fmt.Sprintf format %d has arg \"x\" of wrong type string"),
        "{err}"
    );
    assert!(err.contains("--> `mathx/mathx.go`:28:"), "{err}");
    assert!(!err.contains("hookrc-overlay"), "temp paths leaked: {err}");
    assert_eq!(commits(&repo), "1");
}

#[test]
fn vet_errors_only_in_unstaged_edits_and_untracked_files_are_not() {
    let repo = go_repo("multi", FMT_VET);
    let clean = repo.read_string("mathx/mathx.go");
    replace(&repo, "mathx/mathx.go", "\"1 item\"", "\"one item\"");
    repo.git(["add", "mathx/mathx.go"]);
    let staged = repo.read_string("mathx/mathx.go");
    repo.write("mathx/mathx.go", with_vet_error(&staged));
    repo.write(
        "mathx/untracked.go",
        "package mathx\n\nimport \"fmt\"\n\n// U is untracked.\nfunc U() string { return fmt.Sprintf(\"%d\", \"u\") }\n",
    );
    assert_ne!(clean, staged);
    commit_unchanged(&repo, &[], 0);
    assert_eq!(commits(&repo), "2");
}

#[test]
fn fix_stages_gofmt_output_and_rewrites_only_worktree_files_equal_to_the_index() {
    let policy = format!("{FMT_VET}\n[check.go-fmt]\nfix = true\n");
    let repo = go_repo("multi", &policy);
    replace(&repo, "mathx/mathx.go", "total := 0", "total:=0");
    replace(
        &repo,
        "internal/strutil/strutil.go",
        "package strutil",
        "package   strutil",
    );
    repo.git(["add", "-A"]);
    let unstaged = format!(
        "{}// unstaged\n",
        repo.read_string("internal/strutil/strutil.go")
    );
    repo.write("internal/strutil/strutil.go", &unstaged);
    let output = commit(&repo, &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("go-fmt ... passed"), "{err}");
    assert!(
        err.contains("has unstaged edits and was left alone"),
        "{err}"
    );
    assert_eq!(commits(&repo), "2");
    for path in ["mathx/mathx.go", "internal/strutil/strutil.go"] {
        let committed = repo.git(["show", &format!("HEAD:{path}")]);
        let fixture = fs_err::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/go/multi")
                .join(path),
        )
        .expect("test I/O");
        assert_eq!(committed, fixture, "{path} was committed unformatted");
    }
    assert!(repo.read_string("mathx/mathx.go").contains("total := 0"));
    assert_eq!(repo.read_string("internal/strutil/strutil.go"), unstaged);
    assert_eq!(
        repo.git(["status", "--porcelain"]),
        " M internal/strutil/strutil.go\n"
    );
}

#[test]
fn sigint_mid_check_kills_the_checks_and_changes_nothing() {
    let pid_file = std::env::temp_dir().join(format!("hookrc-go-lint-{}.pid", std::process::id()));
    let _ = fs_err::remove_file(&pid_file);
    let linter = hanging_linter(&pid_file);
    let policy = format!(
        "[hooks]\npre-commit = [\"go-fmt\", \"go-vet\", \"go-lint\"]\n\n[check.go-fmt]\nfix = true\n\n[check.go-lint]\npath = \"{}\"\n",
        linter.display()
    );
    let repo = go_repo("multi", &policy);
    replace(&repo, "mathx/mathx.go", "total := 0", "total:=0");
    repo.git(["add", "-A"]);
    repo.write(
        "mathx/mathx.go",
        format!("{}// unstaged\n", repo.read_string("mathx/mathx.go")),
    );
    let before = repo.snapshot_state();
    let mut cmd = repo.git_cmd(["commit", "-q", "-m", "feat: change"]);
    cmd.env("GOCACHE", gocache()).stderr(Stdio::piped());
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn().expect("test I/O");
    let linter_pid = wait_for_pid(&pid_file);
    let group = format!("-{}", child.id());
    assert!(
        Command::new("kill")
            .args(["-INT", "--", &group])
            .status()
            .expect("test I/O")
            .success()
    );
    let status = child.wait().expect("test I/O");
    assert!(!status.success());
    // git dies of the SIGINT at once; hookrc holds the stderr pipe until it
    // has stopped its children and exited.
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("test I/O"), &mut err)
        .expect("test I/O");
    assert!(!alive(&linter_pid), "the linter survived Ctrl-C: {err}");
    assert_unchanged(&before, &repo);
    assert!(!repo.path(".git/index.lock").exists());
    assert_eq!(commits(&repo), "1");
    let _ = fs_err::remove_file(&pid_file);
}

/// A stand-in linter that records its pid and hangs (the one fake tool:
/// a real linter finishes too fast to interrupt reliably).
fn hanging_linter(pid_file: &Path) -> PathBuf {
    let dir = tempfile::tempdir().expect("test I/O").keep();
    let script = dir.join("staticcheck");
    fs_err::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec sleep 60\n",
            pid_file.display()
        ),
    )
    .expect("test I/O");
    let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    fs_err::set_permissions(&script, executable).expect("test I/O");
    script
}

fn wait_for_pid(path: &Path) -> String {
    for _ in 0..1200 {
        if let Ok(pid) = fs_err::read_to_string(path)
            && pid.ends_with('\n')
        {
            return pid.trim().to_owned();
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the check never started");
}

fn alive(pid: &str) -> bool {
    // A zombie is dead too: `kill -0` would still succeed on it.
    let stat = fs_err::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    !stat.is_empty() && !stat.contains(") Z ")
}

#[test]
fn file_names_with_spaces_and_a_leading_dash_are_checked() {
    let repo = go_repo("multi", FMT_VET);
    repo.write(
        "mathx/with space.go",
        "package mathx\n\nimport \"fmt\"\n\n// Twice doubles.\nfunc Twice(n int) int { return n*2 }\n\n// Space is wrong.\nfunc Space() string {\n\treturn fmt.Sprintf(\"%d\", \"space\")\n}\n",
    );
    repo.git(["add", "--", "mathx/with space.go"]);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("--> `mathx/with space.go`\n"), "{err}");
    assert!(
        err.contains("+func Twice(n int) int { return n * 2 }"),
        "{err}"
    );
    assert!(err.contains("--> `mathx/with space.go`:10:"), "{err}");

    // The go command refuses to build a package holding `-dash.go`, so
    // only gofmt looks at it (its name must reach no tool as an option).
    repo.write(".hookrc.toml", "[hooks]\npre-commit = [\"go-fmt\"]\n");
    repo.git(["rm", "-q", "--cached", "--", "mathx/with space.go"]);
    repo.write(
        "-dash.go",
        "package multi\n\n// Dash is here.\nfunc Dash() int { return 1+1 }\n",
    );
    repo.git(["add", "--", "-dash.go"]);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("--> `-dash.go`\n"), "{err}");
    assert!(err.contains("+func Dash() int { return 1 + 1 }"), "{err}");
}

#[test]
fn a_nested_module_is_vetted_in_its_own_module() {
    let repo = go_repo("nested", FMT_VET);
    let source = repo.read_string("tools/lint/lint.go");
    let broken = format!("{source}\nfunc nestedBad() {{ _ = fmt.Sprintf(\"%d\", \"x\") }}\n");
    let broken = if source.contains("\"fmt\"") {
        broken
    } else {
        broken.replacen("package lint\n", "package lint\n\nimport \"fmt\"\n", 1)
    };
    repo.write("tools/lint/lint.go", gofmt(&broken));
    repo.git(["add", "-A"]);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("go-vet ... failed"), "{err}");
    assert!(err.contains("--> `tools/lint/lint.go`:"), "{err}");
}

#[test]
fn a_gopath_mode_repository_is_vetted_without_modules() {
    let repo = go_repo("gopath", FMT_VET);
    let path = "src/example.com/hello/greet/greet.go";
    let source = repo.read_string(path);
    let broken = format!("{source}\nfunc gopathBad() {{ _ = fmt.Sprintf(\"%d\", \"x\") }}\n");
    let broken = if source.contains("\"fmt\"") {
        broken
    } else {
        broken.replacen("package greet\n", "package greet\n\nimport \"fmt\"\n", 1)
    };
    repo.write(path, gofmt(&broken));
    repo.git(["add", "-A"]);
    let before = repo.snapshot_state();
    let gopath = repo.root().as_os_str().to_owned();
    let off = OsString::from("off");
    let output = commit(&repo, &[("GOPATH", &gopath), ("GO111MODULE", &off)]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("go-vet ... failed"), "{err}");
    assert!(err.contains(&format!("--> `{path}`:")), "{err}");
    assert_unchanged(&before, &repo);
}

#[test]
fn a_missing_go_is_a_clear_error_with_exit_2() {
    let repo = go_repo("multi", FMT_VET);
    replace(&repo, "mathx/mathx.go", "\"1 item\"", "\"one item\"");
    repo.git(["add", "-A"]);
    let before = repo.snapshot_state();
    let empty = repo.outside_dir("empty-bin");
    let output = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .env("PATH", &empty)
        .output()
        .expect("test I/O");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(
        err.contains("go-fmt ... error") && err.contains("go-vet ... error"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "the Go toolchain was not found: looked for `go` on PATH (`{}`)",
            empty.display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: install Go"), "{err}");
    assert_unchanged(&before, &repo);
}

#[test]
fn a_missing_go_skips_checks_marked_optional() {
    let policy = "[hooks]\npre-commit = [\"go-fmt\", \"go-vet\"]\n\
                  [check.go-fmt]\noptional = true\n[check.go-vet]\noptional = true\n";
    let repo = go_repo("multi", policy);
    replace(&repo, "mathx/mathx.go", "\"1 item\"", "\"one item\"");
    repo.git(["add", "-A"]);
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .env("PATH", repo.outside_dir("empty-bin"))
        .output()
        .expect("test I/O");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    for check in ["go-fmt", "go-vet"] {
        assert!(
            err.contains(&format!(
                "{check} ... skipped (the Go toolchain is not installed (the check is optional))"
            )),
            "{err}"
        );
    }
    assert_unchanged(&before, &repo);
}

#[test]
fn a_missing_linter_is_an_error_with_an_install_hint_or_a_skip_when_optional() {
    let policy = "[hooks]\npre-commit = [\"go-lint\"]\n\n[check.go-lint]\npath = \"/nonexistent/staticcheck\"\n";
    let repo = go_repo("multi", policy);
    replace(&repo, "mathx/mathx.go", "\"1 item\"", "\"one item\"");
    repo.git(["add", "mathx/mathx.go"]);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(err.contains("go-lint ... error"), "{err}");
    assert!(
        err.contains(
            "hint: install it with `go install honnef.co/go/tools/cmd/staticcheck@latest`"
        ),
        "{err}"
    );
    repo.write(".hookrc.toml", format!("{policy}optional = true\n"));
    trust(&repo);
    let output = commit(&repo, &[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert_eq!(commits(&repo), "2");
}

/// `gofmt`'s output for `source`.
fn gofmt(source: &str) -> String {
    let mut child = Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("test I/O");
    std::io::Write::write_all(
        &mut child.stdin.take().expect("test I/O"),
        source.as_bytes(),
    )
    .expect("test I/O");
    let output = child.wait_with_output().expect("test I/O");
    assert!(output.status.success(), "gofmt rejected {source}");
    String::from_utf8(output.stdout).expect("test I/O")
}

#[test]
fn fix_changes_nothing_when_another_check_refuses_the_commit() {
    let policy = format!("{FMT_VET}\n[check.go-fmt]\nfix = true\n");
    let repo = go_repo("multi", &policy);
    let clean = repo.read_string("mathx/mathx.go");
    repo.write(
        "mathx/mathx.go",
        with_vet_error(&clean).replacen("total := 0", "total:=0", 1),
    );
    repo.git(["add", "-A"]);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(
        err.contains("go-fmt ... failed") && err.contains("go-vet ... failed"),
        "{err}"
    );
    assert!(
        err.contains("not fixed: another check did not pass"),
        "{err}"
    );
    assert_eq!(commits(&repo), "1");
}

/// Debian's staticcheck, with the Go 1.19 it was built with first on its
/// `PATH` (`scripts/test` installs both).
const STATICCHECK_POLICY: &str = "[hooks]\npre-commit = [\"go-lint\"]\n\n[check.go-lint]\ntool = \"staticcheck\"\npath = \"/usr/bin/go-staticcheck\"\nenv = { PATH = \"/usr/lib/go-1.19/bin:/usr/bin:/bin\" }\n";

const LINT_BAD: &str = "package mathx\n\nimport \"strings\"\n\n// Same compares.\nfunc Same(s string) bool {\n\treturn strings.ToLower(s) == strings.ToLower(\"x\")\n}\n";

const LINT_GOOD: &str = "package mathx\n\nimport \"strings\"\n\n// Same compares.\nfunc Same(s string) bool {\n\treturn strings.EqualFold(s, \"x\")\n}\n";

#[test]
fn staticcheck_judges_the_staged_tree_not_the_worktree() {
    let repo = go_repo("multi", STATICCHECK_POLICY);
    repo.write("mathx/same.go", LINT_BAD);
    repo.git(["add", "mathx/same.go"]);
    repo.write("mathx/same.go", LINT_GOOD);
    let err = commit_unchanged(&repo, &[], 1);
    assert!(
        err.contains("should use strings.EqualFold instead (SA6005)"),
        "{err}"
    );
    assert!(err.contains("--> `mathx/same.go`:7:9"), "{err}");
    assert!(!err.contains("hookrc-staged"), "temp paths leaked: {err}");

    repo.write("mathx/same.go", LINT_GOOD);
    repo.git(["add", "mathx/same.go"]);
    repo.write("mathx/same.go", LINT_BAD);
    commit_unchanged(&repo, &[], 0);
    assert_eq!(commits(&repo), "2");
}
