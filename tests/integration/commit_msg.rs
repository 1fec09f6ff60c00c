//! The `conventional` check on `commit-msg`, driven by real `git commit`
//! (`-m`, `-F`, `-v` with an editor), `git merge` and `git revert` through
//! the hook installed in `.git/hooks`.

use std::os::unix::fs::PermissionsExt as _;
use std::process::Output;

use hookrc_testkit::{TestRepo, test_repo};

const POLICY: &str = "[hooks]\ncommit-msg = [\"conventional\"]\n";

/// A repository with one commit, `policy` as `.hookrc.toml` (untracked:
/// every commit stays about `a.txt`) and hooks installed by `hookrc install`.
fn repo_with(policy: &str) -> TestRepo {
    let repo = test_repo!();
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: start");
    repo.write(".hookrc.toml", policy);
    repo.write(".git/info/exclude", ".hookrc.toml\n");
    let install = repo
        .hookrc_cmd()
        .arg("install")
        .output()
        .expect("run hookrc install");
    assert!(install.status.success(), "{}", stderr(&install));
    assert!(repo.path(".git/hooks/commit-msg").exists());
    repo
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn head_subject(repo: &TestRepo) -> String {
    repo.git(["log", "-1", "--format=%s"]).trim_end().to_owned()
}

/// Stage a change and run `git commit` with `args`.
fn commit(repo: &TestRepo, args: &[&str]) -> Output {
    repo.write("a.txt", format!("{}x\n", repo.read_string("a.txt")));
    repo.git(["add", "a.txt"]);
    repo.git_cmd(["commit"])
        .args(args)
        .output()
        .expect("test setup")
}

/// An editor script (`GIT_EDITOR`) that puts `message` above what git wrote.
fn editor(repo: &TestRepo, message: &str) -> String {
    let path = repo.tmp_root().join("editor.sh");
    let script = format!(
        "#!/bin/sh\n{{ printf '{message}'; cat \"$1\"; }} > \"$1.new\" && mv \"$1.new\" \"$1\"\n"
    );
    std::fs::write(&path, script).expect("test setup");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("test setup");
    path.to_str().expect("test setup").to_owned()
}

#[test]
fn a_good_message_commits() {
    let repo = repo_with(POLICY);
    let output = commit(&repo, &["-m", "feat(api): add the export endpoint"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(head_subject(&repo), "feat(api): add the export endpoint");
}

#[test]
fn a_bad_message_is_refused_with_carets() {
    let repo = repo_with(POLICY);
    let before = repo.git(["rev-parse", "HEAD"]);
    let output = commit(&repo, &["-m", "feet(api): Add the export endpoint."]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(repo.git(["rev-parse", "HEAD"]), before);
    let mut settings = insta::Settings::clone_current();
    for (pattern, replacement) in repo.filters() {
        settings.add_filter(&pattern, replacement);
    }
    settings.bind(|| insta::assert_snapshot!(stderr(&output)));
}

#[test]
fn verbose_commit_is_cut_at_the_scissors() {
    let repo = repo_with(POLICY);
    // The diff below the scissors has a 150-character line: body-max-line-length
    // would fail if hookrc linted it.
    repo.write("a.txt", format!("{}\n", "y".repeat(150)));
    repo.git(["add", "a.txt"]);
    let output = repo
        .git_cmd(["commit", "-v"])
        .env("GIT_EDITOR", editor(&repo, "fix: cut at the scissors\\n"))
        .output()
        .expect("test setup");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(head_subject(&repo), "fix: cut at the scissors");
}

#[test]
fn git_merge_and_revert_messages_pass() {
    let repo = repo_with(POLICY);
    repo.git(["switch", "--quiet", "-c", "topic"]);
    let output = commit(&repo, &["-m", "feat: on topic"]);
    assert!(output.status.success(), "{}", stderr(&output));
    repo.git(["switch", "--quiet", "main"]);
    let merge = repo
        .git_cmd(["merge", "--no-ff", "--no-edit", "topic"])
        .output()
        .expect("test setup");
    assert!(merge.status.success(), "{}", stderr(&merge));
    assert_eq!(head_subject(&repo), "Merge branch 'topic'");
    let revert = repo
        .git_cmd(["revert", "--no-edit", "HEAD^2"])
        .output()
        .expect("test setup");
    assert!(revert.status.success(), "{}", stderr(&revert));
    assert_eq!(head_subject(&repo), "Revert \"feat: on topic\"");
}

#[test]
fn a_message_of_only_comments_is_refused_as_empty() {
    let repo = repo_with(POLICY);
    repo.write("a.txt", "changed\n");
    repo.git(["add", "a.txt"]);
    let output = repo
        .git_cmd(["commit"])
        .env("GIT_EDITOR", editor(&repo, "# only a comment\\n"))
        .output()
        .expect("test setup");
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(stderr.contains("the commit message is empty"), "{stderr}");
    assert!(
        !stderr.contains("Aborting commit due to empty commit message"),
        "{stderr}"
    );
}

#[test]
fn a_non_utf8_message_is_an_error_not_a_panic() {
    let repo = repo_with(POLICY);
    repo.write("msg.txt", b"feat: caf\xe9\n");
    let output = commit(&repo, &["-F", "msg.txt"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "git reports any hook failure as 1"
    );
    let stderr = stderr(&output);
    assert!(stderr.contains("not valid UTF-8 (byte `0xe9`)"), "{stderr}");
    assert!(stderr.contains("`.git/COMMIT_EDITMSG`:1:10"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let direct = repo
        .hookrc_cmd()
        .args(["run", "commit-msg", "msg.txt"])
        .output()
        .expect("test setup");
    assert_eq!(
        direct.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&direct.stderr)
    );
}

#[test]
fn comment_char_from_git_config_is_honoured() {
    let repo = repo_with(POLICY);
    // A `;` line that would break body-max-line-length if it were linted.
    let message = format!("feat: semicolon comments\n\n; {}\n", "z".repeat(150));
    repo.write("msg.txt", message);
    // `git -c` reaches the hook only through `GIT_CONFIG_PARAMETERS`.
    repo.write("a.txt", "semicolon\n");
    repo.git(["add", "a.txt"]);
    let output = repo
        .git_cmd([
            "-c",
            "core.commentChar=;",
            "commit",
            "--cleanup=strip",
            "-F",
            "msg.txt",
        ])
        .output()
        .expect("test setup");
    assert!(output.status.success(), "{}", stderr(&output));
    repo.git(["config", "core.commentChar", ";"]);
    let hash_line = format!("feat: hash is text now\n\n# {}\n", "z".repeat(150));
    repo.write("msg.txt", hash_line);
    let output = commit(&repo, &["--cleanup=strip", "-F", "msg.txt"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("body-max-line-length"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn custom_types_and_rules_from_the_policy() {
    let policy = format!(
        "{POLICY}[check.conventional]\ntypes = [\"feat\", \"oops\"]\n\
         rules = {{ header-max-length = [2, \"always\", 30], subject-full-stop = [1, \"never\", \".\"] }}\n"
    );
    let repo = repo_with(&policy);
    let output = commit(&repo, &["-m", "oops: a custom type"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = commit(&repo, &["-m", "fix: a standard type"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[type-enum]"),
        "{}",
        stderr(&output)
    );
    let output = commit(&repo, &["-m", "feat: a header longer than thirty"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[header-max-length]"),
        "{}",
        stderr(&output)
    );
    let output = commit(&repo, &["-m", "feat: only a warning."]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning[subject-full-stop]"),
        "{}",
        stderr(&output)
    );
}
