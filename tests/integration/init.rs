//! `hookrc init` as a newcomer meets it: in a Go repository it keeps what
//! the embedded default enforced (gofmt and vet refuse a commit), lints only
//! with a linter on `PATH`, and points out other hook managers' files.

use std::ffi::OsString;
use std::path::Path;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

use crate::go_support::{copy_dir, gocache};

/// A repository holding the committed `fixtures/go/nested` (modules `.` and
/// `tools`) and no policy.
fn nested_go_repo() -> TestRepo {
    let repo = test_repo!();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go/nested");
    copy_dir(&fixtures, repo.root());
    repo.commit_all("chore: init");
    repo
}

#[test]
fn init_in_a_go_repository_then_an_unformatted_commit_is_refused() {
    let repo = nested_go_repo();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    wrote `.hookrc.toml` (pre-commit: go-fmt, go-vet; commit-msg: conventional)
    Go modules found: `.`, `tools`
    no Go linter on PATH (staticcheck, golangci-lint, revive): go-lint is left out
    `hookrc install` links the hooks it lists
    ");
    let policy = repo.read_string(".hookrc.toml");
    assert!(
        policy.contains("\npre-commit = [\"go-fmt\", \"go-vet\"]\n"),
        "{policy}"
    );
    let install = repo.hookrc_cmd().arg("install").output().expect("install");
    assert!(install.status.success(), "{install:?}");

    repo.write(
        "app/app.go",
        "package app\n\nfunc Name() string {\nreturn \"nested\"\n}\n",
    );
    repo.git(["add", "app/app.go"]);
    let before = repo.snapshot_state();
    let output = repo
        .git_cmd(["commit", "-q", "-m", "feat: rename"])
        .env("GOCACHE", gocache())
        .output()
        .expect("run git");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("go-fmt"), "{stderr}");
    assert!(stderr.contains("app/app.go"), "{stderr}");
    let after = repo.snapshot_state();
    assert_eq!(before.worktree, after.worktree, "the working tree changed");
    assert_eq!(before.entries, after.entries, "the index changed");
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn init_adds_go_lint_when_a_maintained_linter_is_on_path() {
    let repo = nested_go_repo();
    let bin = repo.tmp_root().join("bin");
    fs_err::create_dir_all(&bin).expect("mkdir");
    std::os::unix::fs::symlink("/usr/bin/go-staticcheck", bin.join("staticcheck"))
        .expect("link staticcheck");
    let mut path = OsString::from(&bin);
    path.push(":");
    path.push(
        repo.env()
            .get(&OsString::from("PATH"))
            .cloned()
            .unwrap_or_default(),
    );
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .arg("init")
        .env("PATH", path)
        .output()
        .expect("init");
    assert!(output.status.success(), "{output:?}");
    let policy = repo.read_string(".hookrc.toml");
    assert!(
        policy.contains("\npre-commit = [\"go-fmt\", \"go-vet\", \"go-lint\"]\n"),
        "{policy}"
    );
    assert!(
        policy.contains("\n[check.go-lint]\ntool = \"staticcheck\"\n"),
        "{policy}"
    );
    let mut after = repo.snapshot_state();
    after.worktree.remove(Path::new(".hookrc.toml"));
    assert_eq!(
        before.worktree, after.worktree,
        "init wrote only `.hookrc.toml`"
    );
    assert_eq!(before.entries, after.entries, "the index changed");
}

#[test]
fn init_names_other_hook_managers_and_offers_import() {
    let repo = test_repo!();
    repo.write(
        ".husky/commit-msg",
        "npx --no -- commitlint --edit \"$1\"\n",
    );
    repo.write(
        ".commitlintrc.json",
        "{\"extends\": [\"@commitlint/config-conventional\"]}\n",
    );
    repo.write(".pre-commit-config.yaml", "repos: []\n");
    repo.write("lefthook.yml", "pre-commit:\n  commands: {}\n");
    repo.write("package.json", "{\"commitlint\": {\"rules\": {}}}\n");
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("init"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    wrote `.hookrc.toml` (commit-msg: conventional)
    found pre-commit (`.pre-commit-config.yaml`), lefthook (`lefthook.yml`), husky (`.husky`), commitlint (`.commitlintrc.json`, `package.json` (`commitlint` key)): `hookrc import --force` converts them into `.hookrc.toml`, replacing this starter
    `hookrc install` links the hooks it lists
    ");
    let mut after = repo.snapshot_state();
    after.worktree.remove(Path::new(".hookrc.toml"));
    assert_eq!(
        before.worktree, after.worktree,
        "init wrote only `.hookrc.toml`"
    );
    assert_eq!(before.entries, after.entries, "the index changed");
}

#[test]
fn config_show_says_when_the_policy_is_the_embedded_default() {
    let repo = test_repo!();
    let output = repo
        .hookrc_cmd()
        .args(["config", "show"])
        .output()
        .expect("config show");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "no `.hookrc.toml` here: this is the embedded default policy (`hookrc init` writes a starter)\n"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("commit-msg = [\"conventional\"]"),
        "{stdout}"
    );
    repo.write(".hookrc.toml", "[hooks]\n");
    let output = repo
        .hookrc_cmd()
        .args(["config", "show"])
        .output()
        .expect("config show");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
