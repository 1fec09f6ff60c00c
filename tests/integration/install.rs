//! `hookrc install` / `hookrc uninstall` on real repositories, proven by git
//! running the installed hooks: fresh and repeated installs, a foreign hook
//! kept and chained, `--force`, the shim, `core.hooksPath`, linked
//! worktrees, bare repositories and no repository at all.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

/// A committed repository whose policy refuses every commit through
/// `pre-commit` (check `deny`) and checks nothing else.
fn repo_with_deny_policy() -> TestRepo {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"deny\"]\n\n[check.deny]\nrun = [\"false\"]\npass-filenames = false\n",
    );
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    repo
}

fn write_executable(path: &Path, text: &str) {
    fs_err::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs_err::write(path, text).expect("write");
    fs_err::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// `git commit` of a change to `a.txt` in `dir`; returns (exit code, stderr).
fn try_commit(repo: &TestRepo, dir: &Path) -> (Option<i32>, String) {
    fs_err::write(dir.join("a.txt"), "changed\n").expect("edit");
    repo.git_in(dir, ["add", "a.txt"]);
    let output = repo
        .git_cmd_in(dir, ["commit", "-m", "feat: change"])
        .output()
        .expect("run git");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn link_target(path: &Path) -> std::path::PathBuf {
    fs_err::read_link(path).expect("a symlink")
}

#[test]
fn fresh_install_links_the_policy_hooks_and_git_runs_them() {
    let repo = repo_with_deny_policy();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    linked `.git/hooks/pre-commit` → `[HOOKRC]`
    ");
    assert_eq!(
        link_target(&repo.path(".git/hooks/pre-commit")),
        repo.hookrc_path()
    );
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("deny"), "{stderr}");
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn installing_again_changes_nothing() {
    let repo = repo_with_deny_policy();
    repo.hookrc_cmd()
        .args(["install", "pre-commit", "commit-msg"])
        .output()
        .expect("install");
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "pre-commit", "commit-msg"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    `.git/hooks/pre-commit` already runs hookrc
    `.git/hooks/commit-msg` already runs hookrc
    ");
    assert_eq!(before, repo.snapshot_state());
}

#[test]
fn a_foreign_hook_is_kept_chained_and_restored_by_uninstall() {
    let repo = repo_with_deny_policy();
    let marker = repo.tmp_root().join("foreign-ran");
    let foreign = format!(
        "#!/bin/sh\necho \"foreign hook ran\" > '{}'\n",
        marker.display()
    );
    write_executable(&repo.path(".git/hooks/pre-commit"), &foreign);
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-legacy`; hookrc runs it first
    linked `.git/hooks/pre-commit` → `[HOOKRC]`
    ");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "hookrc's check still refuses: {stderr}");
    assert_eq!(
        fs_err::read_to_string(&marker).expect("the foreign hook ran"),
        "foreign hook ran\n"
    );

    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("uninstall"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    removed `.git/hooks/pre-commit`; put back the earlier hook from `pre-commit.hookrc-legacy`
    ");
    let hook = repo.path(".git/hooks/pre-commit");
    assert_eq!(fs_err::read_to_string(&hook).expect("restored"), foreign);
    assert_eq!(
        fs_err::metadata(&hook).expect("stat").permissions().mode() & 0o777,
        0o755
    );
    fs_err::remove_file(&marker).expect("reset the marker");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(0), "only the foreign hook is left: {stderr}");
    assert!(marker.exists());
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("uninstall"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    no hookrc hook in `.git/hooks`; nothing to do
    ");
}

#[test]
fn a_failing_foreign_hook_fails_the_commit_before_hookrc_checks() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"ok\"]\n\n[check.ok]\nrun = [\"true\"]\n",
    );
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    write_executable(
        &repo.path(".git/hooks/pre-commit"),
        "#!/bin/sh\necho 'foreign says no' >&2\nexit 7\n",
    );
    repo.hookrc_cmd().arg("install").output().expect("install");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("foreign says no"), "{stderr}");
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn a_hook_that_cannot_be_chained_is_refused_without_force() {
    let repo = repo_with_deny_policy();
    write_executable(&repo.path(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n");
    write_executable(
        &repo.path(".git/hooks/pre-commit.hookrc-legacy"),
        "#!/bin/sh\nexit 0\n",
    );
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: `.git/hooks/pre-commit` is not hookrc's and cannot be chained: `pre-commit.hookrc-legacy` already holds an earlier hook; nothing was installed

    hint: merge that hook into its `*.hookrc-legacy` (hookrc runs that one first) and remove it, or rerun with `--force` to move it aside to `*.hookrc-replaced`, where it is kept but not run
    ");
    assert_eq!(before, repo.snapshot_state());
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "--force"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-replaced`; it is kept but not run
    linked `.git/hooks/pre-commit` → `[HOOKRC]`
    ");
    assert!(repo.path(".git/hooks/pre-commit.hookrc-replaced").exists());
}

#[test]
fn core_hooks_path_relative_and_absolute() {
    let repo = repo_with_deny_policy();
    repo.git(["config", "core.hooksPath", ".githooks"]);
    let sub = repo.path("sub");
    fs_err::create_dir_all(&sub).expect("mkdir");
    hookrc_snapshot!(repo, repo.hookrc_cmd_in(&sub).arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    linked `.githooks/pre-commit` → `[HOOKRC]`
    ");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "{stderr}");

    let shared = repo.tmp_root().join("shared-hooks");
    repo.git(["config", "core.hooksPath", shared.to_str().expect("utf-8")]);
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    linked `[TMP]/shared-hooks/pre-commit` → `[HOOKRC]`
    ");
    assert_eq!(link_target(&shared.join("pre-commit")), repo.hookrc_path());
}

#[test]
fn core_hooks_path_under_home() {
    let repo = repo_with_deny_policy();
    repo.git(["config", "core.hooksPath", "~/hooks"]);
    let output = repo.hookrc_cmd().arg("install").output().expect("install");
    assert!(output.status.success(), "{output:?}");
    let link = repo.tmp_root().join("home/hooks/pre-commit");
    assert_eq!(link_target(&link), repo.hookrc_path());
}

#[test]
fn a_linked_worktree_installs_into_the_shared_hooks_dir() {
    let repo = repo_with_deny_policy();
    let worktree = repo.add_worktree("topic");
    hookrc_snapshot!(repo, repo.hookrc_cmd_in(&worktree).arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    linked `[REPO]/.git/hooks/pre-commit` → `[HOOKRC]`
    ");
    let (code, stderr) = try_commit(&repo, &worktree);
    assert_eq!(code, Some(1), "{stderr}");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "the main worktree shares the hook: {stderr}");
}

#[test]
fn the_shim_runs_hookrc_where_no_symlink_is_wanted() {
    let repo = repo_with_deny_policy();
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "--shim"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    wrote the shim `.git/hooks/pre-commit` running `[HOOKRC]`
    ");
    let (code, stderr) = try_commit(&repo, repo.root());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("deny"), "{stderr}");
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("uninstall"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    removed `.git/hooks/pre-commit`
    ");
}

#[test]
fn the_shim_chains_a_foreign_pre_push_hook_with_its_args_and_stdin() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-push = [\"ok\"]\n\n[check.ok]\nrun = [\"true\"]\n",
    );
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    repo.add_bare_remote("origin");
    let seen = repo.tmp_root().join("seen");
    let foreign = format!(
        "#!/bin/sh\n{{ echo \"$1\"; cat; }} > '{}'\n",
        seen.display()
    );
    write_executable(&repo.path(".git/hooks/pre-push"), &foreign);
    let output = repo
        .hookrc_cmd()
        .args(["install", "--shim"])
        .output()
        .expect("install");
    assert!(output.status.success(), "{output:?}");
    let push = repo
        .git_cmd(["push", "-q", "origin", "main"])
        .output()
        .expect("push");
    assert!(push.status.success(), "{push:?}");
    let head = repo.git(["rev-parse", "HEAD"]);
    let zero = "0".repeat(40);
    assert_eq!(
        fs_err::read_to_string(&seen).expect("the foreign hook ran"),
        format!(
            "origin\nrefs/heads/main {} refs/heads/main {zero}\n",
            head.trim()
        )
    );
}

#[test]
fn a_bare_repository_is_refused() {
    let repo = TestRepo::new_bare().with_hookrc(env!("CARGO_BIN_EXE_hookrc"));
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "pre-push"]), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: `[REPO]` is a bare repository, where no commit is made, so no client hook runs

    hint: run `hookrc install` in a clone with a worktree
    ");
    assert!(!repo.path("hooks/pre-push").exists());
}

#[test]
fn outside_any_repository_is_an_error() {
    let repo = test_repo!();
    let outside = repo.outside_dir("elsewhere");
    hookrc_snapshot!(repo, repo.hookrc_cmd_in(&outside).arg("install"), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: `[TMP]/elsewhere` is not inside a git repository

    hint: run hookrc inside a git repository (create one with `git init`)
    ");
}

#[test]
fn nothing_to_install_and_unknown_hook_names() {
    let repo = test_repo!();
    repo.write(".hookrc.toml", "[hooks]\n");
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    the policy gives no hook any check; nothing to install
    ");
    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "pre-comit"]), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: invalid value 'pre-comit' for '[HOOKS]...'
      [possible values: applypatch-msg, pre-applypatch, post-applypatch, pre-commit, pre-merge-commit, prepare-commit-msg, commit-msg, post-commit, pre-rebase, post-checkout, post-merge, pre-push, reference-transaction, push-to-checkout, pre-auto-gc, post-rewrite, sendemail-validate, p4-changelist, p4-prepare-changelist, p4-post-changelist, p4-pre-submit, post-index-change]

      tip: a similar value exists: 'pre-commit'

    For more information, try '--help'.
    ");
    assert!(!repo.path(".git/hooks/pre-commit").exists());
}
