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
