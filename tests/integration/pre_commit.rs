//! `git commit` through hookrc installed as the repository's hooks: a custom
//! check refuses or lets through what is staged, and never changes the
//! index or the working tree; worktrees and `core.hooksPath`.

use std::process::Stdio;

use hookrc_testkit::{TestRepo, hookrc_snapshot, test_repo};

/// `hookrc install HOOK…`, which must succeed.
pub(crate) fn install(repo: &TestRepo, hooks: &[&str]) {
    let output = repo
        .hookrc_cmd()
        .arg("install")
        .args(hooks)
        .output()
        .expect("run hookrc install");
    assert!(output.status.success(), "{output:?}");
}

/// `hookrc trust`: the test, as the user, trusts the policy it just changed.
pub(crate) fn trust(repo: &TestRepo) {
    let output = repo
        .hookrc_cmd()
        .arg("trust")
        .output()
        .expect("run hookrc trust");
    assert!(output.status.success(), "{output:?}");
}

/// A repository with one commit, hookrc as its `pre-commit` hook and a
/// policy whose `no-todo` check fails on staged `*.txt` files holding
/// `TODO` (`grep` succeeds when it finds one, so `sh` inverts it).
fn repo_with_no_todo_check() -> TestRepo {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        r#"
[hooks]
pre-commit = ["no-todo"]

[check.no-todo]
run = ["! grep -Hn TODO -- \"$@\""]
shell = "sh"
files = ["*.txt"]
"#,
    );
    repo.write("a.txt", "first\n");
    repo.write("b.txt", "second\n");
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    repo
}

#[test]
fn a_failing_check_refuses_the_commit_and_changes_nothing() {
    let repo = repo_with_no_todo_check();
    repo.write("a.txt", "first\nTODO: later\n");
    repo.git(["add", "a.txt"]);
    repo.write("b.txt", "second\nunstaged edit\n");
    let before = repo.snapshot_state();
    hookrc_snapshot!(repo, repo.git_cmd(["commit", "-m", "feat: todo"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        no-todo ... failed ([TIME])
            a.txt:2:TODO: later
          error[no-todo]: `sh` exited with status 1

        error: hook `pre-commit` failed: 1 of 1 check did not pass: `no-todo`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=no-todo`
        "#);
    let after = repo.snapshot_state();
    assert_eq!(before.worktree, after.worktree);
    assert_eq!(before.entries, after.entries);
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn commit_all_and_commit_paths_are_checked_on_what_they_would_commit() {
    let repo = repo_with_no_todo_check();
    repo.write("a.txt", "first\nTODO: later\n");
    let before = repo.snapshot_state();
    for args in [
        &["commit", "-a", "-m", "feat: a"][..],
        &["commit", "-m", "feat: a", "a.txt"],
    ] {
        let output = repo.git_cmd(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("a.txt:2:TODO: later"), "{args:?}: {stderr}");
        let after = repo.snapshot_state();
        assert_eq!(before.worktree, after.worktree, "{args:?}");
        assert_eq!(before.entries, after.entries, "{args:?}");
    }
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "1");
}

#[test]
fn a_passing_check_lets_the_commit_through() {
    let repo = repo_with_no_todo_check();
    repo.write("a.txt", "first\nDONE\n");
    repo.git(["add", "a.txt"]);
    hookrc_snapshot!(repo, repo.git_cmd(["commit", "-q", "-m", "feat: done"]), @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        no-todo ... passed ([TIME])
        "#);
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "2");
}

#[test]
fn a_commit_that_stages_no_matching_file_skips_the_check() {
    let repo = repo_with_no_todo_check();
    repo.write("c.md", "TODO\n");
    repo.git(["add", "c.md"]);
    let output = repo
        .git_cmd(["commit", "-q", "-m", "docs: c"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "no-todo ... skipped (no files to check)\n"
    );
}

#[test]
fn a_linked_worktree_runs_the_shared_hook_on_its_own_index() {
    let repo = repo_with_no_todo_check();
    let worktree = repo.add_worktree("topic");
    fs_err::write(worktree.join("a.txt"), "TODO in the worktree\n").unwrap();
    repo.git_in(&worktree, ["add", "a.txt"]);
    let before = repo.snapshot_state_of(&worktree);
    let output = repo
        .git_cmd_in(&worktree, ["commit", "-m", "feat: wt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("a.txt:1:TODO in the worktree"));
    assert_eq!(before.entries, repo.snapshot_state_of(&worktree).entries);
    // The main worktree's staged state is not the linked one's.
    let output = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn core_hooks_path_is_where_git_finds_the_hook() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"refuse\"]\n\n[check.refuse]\nrun = [\"false\"]\nalways-run = true\n",
    );
    repo.commit_all("chore: init");
    repo.git(["config", "core.hooksPath", "githooks"]);
    install(&repo, &["pre-commit"]);
    assert!(repo.path("githooks/pre-commit").is_symlink());
    repo.write("x", "x\n");
    repo.git(["add", "x"]);
    hookrc_snapshot!(repo, repo.git_cmd(["commit", "-m", "feat: x"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        refuse ... failed ([TIME])
          error[refuse]: `false` exited with status 1

        error: hook `pre-commit` failed: 1 of 1 check did not pass: `refuse`

        hint: fix what is reported above; to skip checks once, set `HOOKRC_SKIP=refuse`
        "#);
}

#[test]
fn hookrc_0_disables_and_hookrc_skip_skips() {
    let repo = repo_with_no_todo_check();
    repo.write("a.txt", "TODO\n");
    repo.git(["add", "a.txt"]);
    let mut skip = repo.git_cmd(["commit", "-q", "-m", "feat: skip"]);
    skip.env("HOOKRC_SKIP", "other, no-todo");
    hookrc_snapshot!(repo, skip, @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        warning: `HOOKRC_SKIP` names `other`, which is no check: nothing was skipped for it
        no-todo ... skipped (listed in `HOOKRC_SKIP`)
        "#);
    repo.write("a.txt", "TODO again\n");
    repo.git(["add", "a.txt"]);
    let mut off = repo.git_cmd(["commit", "-q", "-m", "feat: off"]);
    off.env("HOOKRC", "0");
    hookrc_snapshot!(repo, off, @r#"
        success: true
        exit_code: 0
        ----- stdout -----

        ----- stderr -----
        "#);
    assert_eq!(repo.git(["rev-list", "--count", "HEAD"]).trim(), "3");
}

#[test]
fn a_broken_policy_refuses_the_commit_with_a_located_error() {
    let repo = repo_with_no_todo_check();
    repo.write(".hookrc.toml", "[hooks]\npre-comit = [\"x\"]\n");
    repo.write("a.txt", "fine\n");
    repo.git(["add", "a.txt"]);
    hookrc_snapshot!(repo, repo.git_cmd(["commit", "-m", "feat: x"]), @r#"
        success: false
        exit_code: 1
        ----- stdout -----

        ----- stderr -----
        error: .hookrc.toml:2:1: unknown hook `pre-comit`
          |
        2 | pre-comit = ["x"]
          | ^^^^^^^^^
          |
        help: did you mean `pre-commit`?
        "#);
}

#[test]
fn two_worktrees_run_their_hooks_at_once_without_interfering() {
    let repo = repo_with_no_todo_check();
    let topic = repo.add_worktree("topic");
    repo.write("a.txt", "TODO in main\n");
    repo.git(["add", "a.txt"]);
    fs_err::write(topic.join("b.txt"), "clean in topic\n").unwrap();
    repo.git_in(&topic, ["add", "b.txt"]);
    let spawn = |mut cmd: std::process::Command| {
        let cmd = cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd.spawn().unwrap()
    };
    let main = spawn(repo.git_cmd(["commit", "-q", "-m", "feat: main"]));
    let other = spawn(repo.git_cmd_in(&topic, ["commit", "-q", "-m", "feat: topic"]));
    let main = main.wait_with_output().unwrap();
    let other = other.wait_with_output().unwrap();
    assert_eq!(main.status.code(), Some(1), "{main:?}");
    assert!(other.status.success(), "{other:?}");
    assert_eq!(repo.git(["rev-list", "--count", "main"]).trim(), "1");
    assert_eq!(repo.git(["rev-list", "--count", "topic"]).trim(), "2");
}

#[test]
fn a_policy_changed_since_install_runs_its_commands_only_once_trusted() {
    let repo = repo_with_no_todo_check();
    let policy = repo.read_string(".hookrc.toml");
    repo.write(".hookrc.toml", format!("{policy}\n# changed by a pull\n"));
    repo.write("notes.txt", "fine\n");
    repo.git(["add", "-A"]);
    let before = repo.snapshot_state();
    let output = repo
        .git_cmd(["commit", "-q", "-m", "docs: notes"])
        .output()
        .expect("test I/O");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "git aborts the commit: {err}"
    );
    assert!(
        err.contains("`.hookrc.toml` is not trusted here") && err.contains("hookrc trust"),
        "{err}"
    );
    assert_eq!(before.worktree, repo.snapshot_state().worktree);
    assert_eq!(before.entries, repo.snapshot_state().entries);
    // `hookrc run`, typed by the user, is their own request.
    let by_hand = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .output()
        .expect("test I/O");
    assert!(by_hand.status.success(), "{by_hand:?}");
    trust(&repo);
    let output = repo
        .git_cmd(["commit", "-q", "-m", "docs: notes"])
        .output()
        .expect("test I/O");
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_clone_runs_nothing_of_the_cloned_policy_through_a_global_hooks_path() {
    let origin = test_repo!();
    origin.write(
        ".hookrc.toml",
        "[hooks]\npost-checkout = [\"mark\"]\npre-commit = [\"mark\"]\n\n[check.mark]\nrun = [\"touch\", \"MARKED\"]\npass-filenames = false\nalways-run = true\n",
    );
    origin.write("a.txt", "a\n");
    origin.commit_all("chore: init");
    // hookrc linked as the global hooks dir, as `install` does it for a
    // user who wants it in every repository.
    let global_hooks = origin.outside_dir("global-hooks");
    for hook in ["post-checkout", "pre-commit"] {
        std::os::unix::fs::symlink(origin.hookrc_path(), global_hooks.join(hook)).expect("link");
    }
    let clone = origin.outside_dir("clones").join("clone");
    let output = origin
        .git_cmd(["-c"])
        .arg(format!("core.hooksPath={}", global_hooks.display()))
        .args(["clone", "-q"])
        .arg(origin.root())
        .arg(&clone)
        .output()
        .expect("test I/O");
    assert!(output.status.success(), "{output:?}");
    assert!(
        !clone.join("MARKED").exists(),
        "post-checkout ran the clone's command"
    );
    fs_err::write(clone.join("b.txt"), "b\n").expect("test I/O");
    let commit = |clone: &std::path::Path| {
        origin
            .git_cmd_in(clone, ["-c"])
            .arg(format!("core.hooksPath={}", global_hooks.display()))
            .args(["commit", "-q", "-am", "feat: b", "--allow-empty"])
            .output()
            .expect("test I/O")
    };
    origin.git_in(&clone, ["add", "b.txt"]);
    let output = commit(&clone);
    assert!(
        !output.status.success(),
        "the untrusted policy's commit went through"
    );
    assert!(
        !clone.join("MARKED").exists(),
        "pre-commit ran the clone's command"
    );
}
