//! `hookrc install` over another hooks manager whose hooks directory git
//! tracks (husky's `.husky` with `core.hooksPath=.husky`): refused with the
//! way to switch, installed with `--force`, put back by `uninstall`.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

/// husky's `commit-msg` as projects commit it, with a body that needs no
/// npm: it leaves a mark in the git dir when git runs it.
const HUSKY_COMMIT_MSG: &str = "#!/usr/bin/env sh\n\
    # husky: runs on every commit message\n\
    echo \"husky commit-msg ran\" > \"$(git rev-parse --git-dir)/husky-ran\"\n";

/// A repository set up by husky: `.husky/commit-msg` committed and
/// `core.hooksPath=.husky`, with a policy checking commit messages.
fn husky_repo() -> TestRepo {
    let repo = test_repo!();
    repo.write(".hookrc.toml", "[hooks]\ncommit-msg = [\"conventional\"]\n");
    repo.write(".husky/commit-msg", HUSKY_COMMIT_MSG);
    fs_err::set_permissions(
        repo.path(".husky/commit-msg"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    repo.git(["config", "core.hooksPath", ".husky"]);
    repo
}

/// `git commit -m message` of a change to `a.txt`; its exit code.
fn commit(repo: &TestRepo, message: &str) -> Option<i32> {
    repo.write("a.txt", message);
    repo.git(["add", "a.txt"]);
    repo.git_cmd(["commit", "-m", message])
        .output()
        .expect("run git")
        .status
        .code()
}

#[test]
fn install_refuses_a_tracked_husky_dir_force_installs_and_uninstall_restores() {
    let repo = husky_repo();
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: the hooks directory `.husky` (`core.hooksPath`) is tracked by git (1 committed file, `.husky/commit-msg` among them): installing there would replace committed hooks with links to this machine's hookrc; nothing was installed

    hint: to switch to hookrc: convert the husky hooks with `hookrc import --from husky`, then `git config --unset core.hooksPath`, then `hookrc install` (hooks go to `.git/hooks`, which is not shared); or rerun with `--force` to install into `.husky` anyway
    ");
    assert_eq!(before, repo.snapshot_state());
    assert!(
        !fs_err::symlink_metadata(repo.path(".husky/commit-msg"))
            .expect("stat")
            .file_type()
            .is_symlink()
    );

    hookrc_snapshot!(repo, repo.hookrc_cmd().args(["install", "--force"]), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    moved the existing `.husky/commit-msg` to `commit-msg.hookrc-legacy`; hookrc runs it first
    linked `.husky/commit-msg` → `[HOOKRC]`
    `.husky` is tracked: `git status` shows the hooks hookrc replaced there as changed; do not commit them (`hookrc uninstall` puts them back)
    ");
    assert_eq!(
        fs_err::read_link(repo.path(".husky/commit-msg")).expect("a link"),
        repo.hookrc_path()
    );
    assert_eq!(commit(&repo, "bad message"), Some(1));
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
    assert_eq!(commit(&repo, "feat: a good message"), Some(0));
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "2");
    assert!(
        repo.path(".git/husky-ran").exists(),
        "the husky hook is chained"
    );

    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("uninstall"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    removed `.husky/commit-msg`; put back the earlier hook from `commit-msg.hookrc-legacy`
    ");
    assert_eq!(repo.read_string(".husky/commit-msg"), HUSKY_COMMIT_MSG);
    assert_eq!(repo.git(["status", "--porcelain"]), "");
}

#[test]
fn a_committed_githooks_dir_is_refused_and_an_untracked_one_is_not() {
    let repo = husky_repo();
    repo.git(["config", "core.hooksPath", ".githooks"]);
    repo.write(".githooks/pre-push", "#!/bin/sh\nexit 0\n");
    repo.commit_all("chore: githooks");
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: false
    exit_code: 2
    ----- stdout -----

    ----- stderr -----
    error: the hooks directory `.githooks` (`core.hooksPath`) is tracked by git (1 committed file, `.githooks/pre-push` among them): installing there would replace committed hooks with links to this machine's hookrc; nothing was installed

    hint: to switch to hookrc: move what the hooks in `.githooks` do into `.hookrc.toml` (custom checks), then `git config --unset core.hooksPath`, then `hookrc install` (hooks go to `.git/hooks`, which is not shared); or rerun with `--force` to install into `.githooks` anyway
    ");
    assert_eq!(before, repo.snapshot_state());

    repo.git(["config", "core.hooksPath", "./local-hooks/../hooks-here"]);
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.hookrc_cmd().arg("install"), @r"
    success: true
    exit_code: 0
    ----- stdout -----

    ----- stderr -----
    linked `local-hooks/../hooks-here/commit-msg` → `[HOOKRC]`
    ");
    assert_eq!(
        fs_err::read_link(repo.path("hooks-here/commit-msg")).expect("a link"),
        repo.hookrc_path()
    );
    // Its link, and the directory the configured path goes through (git
    // opens `local-hooks/../hooks-here/…` as it is written).
    let mut after = repo.snapshot_state();
    after.worktree.remove(Path::new("hooks-here/commit-msg"));
    after.worktree.remove(Path::new("local-hooks"));
    assert_eq!(
        before.worktree, after.worktree,
        "install wrote only its link"
    );
    assert_eq!(before.entries, after.entries, "the index changed");
}

#[test]
fn husky_9s_generated_dir_is_refused_for_the_tracked_husky_dir_around_it() {
    let repo = husky_repo();
    repo.write(".husky/_/.gitignore", "*\n");
    repo.write(
        ".husky/_/commit-msg",
        "#!/usr/bin/env sh\n. \"${0%/*}/h\"\n",
    );
    repo.git(["config", "core.hooksPath", ".husky/_"]);
    assert_eq!(
        repo.git(["status", "--porcelain"]),
        "",
        "husky's `_` is ignored"
    );
    let before = repo.snapshot_state();
    let output = repo.hookrc_cmd().arg("install").output().expect("install");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: the hooks directory `.husky/_` (`core.hooksPath`) is inside `.husky`, which git tracks"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("`hookrc import --from husky`"), "{stderr}");
    assert_eq!(before, repo.snapshot_state());
}
