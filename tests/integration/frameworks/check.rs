//! `hookrc check NAME [FILES]...`, what the single-check ids run: the
//! policy's settings for the check when it has some, the defaults when there
//! is no policy, and a clear usage error (exit 2, nothing changed).

use hookrc_testkit::{TestRepo, test_repo};

use super::assert_unchanged;

/// `hookrc check ARGS` in `repo`: its exit code and stderr; nothing in the
/// working tree or the index changes.
fn check(repo: &TestRepo, args: &[&str]) -> (Option<i32>, String) {
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .arg("check")
        .args(args)
        .output()
        .expect("run hookrc");
    assert_unchanged(&before, repo);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn conventional_takes_the_policys_settings_else_its_defaults() {
    let repo = test_repo!();
    repo.write("msg.txt", "fix: handle empty input\n");
    repo.commit_all("chore: init");
    let (code, err) = check(&repo, &["conventional", "msg.txt"]);
    assert_eq!(code, Some(0), "{err}");

    repo.write(
        ".hookrc.toml",
        "[hooks]\n\n[check.conventional]\ntypes = [\"feat\"]\n",
    );
    let (code, err) = check(&repo, &["conventional", "msg.txt"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("type-enum"), "{err}");
}

#[test]
fn conventional_without_a_message_file_is_a_usage_error() {
    let repo = test_repo!();
    let (code, err) = check(&repo, &["conventional"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("takes one commit message file, not 0"),
        "{err}"
    );
    let (code, err) = check(&repo, &["go-release"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("invalid value 'go-release'"), "{err}");
}

#[test]
fn go_vet_judges_the_files_given_as_staged_never_an_untracked_file_beside_them() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/m\n\ngo 1.21\n");
    repo.write(
        "app/app.go",
        "package app\n\n// A is one.\nfunc A() int { return 1 }\n",
    );
    repo.commit_all("chore: init");
    repo.write(
        "app/app.go",
        "package app\n\n// A is two.\nfunc A() int { return 2 }\n",
    );
    repo.git(["add", "app/app.go"]);
    // Untracked, so not part of the commit: go vet on the working tree sees it.
    repo.write(
        "app/scratch.go",
        "package app\n\nimport \"fmt\"\n\nfunc b() { fmt.Printf(\"%d\\n\", \"x\") }\n",
    );
    let on_worktree = std::process::Command::new("go")
        .args(["vet", "./..."])
        .current_dir(repo.root())
        .env("GOCACHE", crate::go_support::gocache())
        .output()
        .expect("`go` on PATH: run the tests with scripts/test");
    assert!(
        !on_worktree.status.success(),
        "go vet passed the working tree"
    );
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .args(["check", "go-vet", "app/app.go"])
        .env("GOCACHE", crate::go_support::gocache())
        .output()
        .expect("run hookrc");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("go-vet ... passed"), "{err}");
    assert_unchanged(&before, &repo);
}
