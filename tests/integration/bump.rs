//! `hookrc bump`: the next version from the commits since the last release
//! (0.x and 1.x rules, forced levels), pre-release counters, an empty range
//! refused, a nested Go module versioned apart, the `/vN` rule, and `--tag`
//! creating an annotated tag that is never pushed.

use std::process::Output;

use hookrc_testkit::{TestRepo, test_repo};

fn bump(repo: &TestRepo, args: &[&str]) -> Output {
    repo.hookrc_cmd()
        .arg("bump")
        .args(args)
        .output()
        .expect("test setup")
}

/// The version `bump` prints, after checking it exits 0.
fn next(repo: &TestRepo, args: &[&str]) -> String {
    let output = bump(repo, args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("test setup")
        .trim()
        .to_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn commit(repo: &TestRepo, message: &str) {
    let count = repo.git(["rev-list", "--all", "--count"]).trim().to_owned();
    repo.write("change.txt", format!("{count} {message}\n"));
    repo.commit_all(message);
}

fn tags(repo: &TestRepo) -> Vec<String> {
    repo.git(["tag", "--list"])
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn zero_major_rules_then_one_major_rules() {
    let repo = test_repo!();
    commit(&repo, "feat: start");
    repo.git(["tag", "v0.3.1"]);
    commit(&repo, "feat: more");
    let before = repo.snapshot_state();
    assert_eq!(next(&repo, &[]), "v0.3.2", "feature on 0.x: patch");
    assert_eq!(
        repo.snapshot_state(),
        before,
        "bump without --tag writes nothing"
    );
    assert!(stderr(&bump(&repo, &[])).contains("v0.3.1 → v0.3.2 (patch: 1 feature)"));
    commit(&repo, "fix!: stricter");
    assert_eq!(next(&repo, &[]), "v0.4.0", "breaking on 0.x: minor");
    repo.write(
        ".hookrc.toml",
        "[changelog]\nzero-major-breaking = \"major\"\n",
    );
    assert_eq!(next(&repo, &[]), "v1.0.0", "the policy's 0.x rule");
    repo.git(["tag", "v1.0.0"]);
    commit(&repo, "fix: one");
    assert_eq!(next(&repo, &[]), "v1.0.1");
    commit(&repo, "feat: two");
    assert_eq!(next(&repo, &[]), "v1.1.0");
    commit(&repo, "refactor: three\n\nBREAKING CHANGE: the API moved");
    assert_eq!(next(&repo, &[]), "v2.0.0");
    assert_eq!(next(&repo, &["--keep-major"]), "v1.1.0");
}

#[test]
fn forced_levels() {
    let repo = test_repo!();
    commit(&repo, "fix: start");
    repo.git(["tag", "v1.2.3"]);
    commit(&repo, "docs: words");
    assert_eq!(next(&repo, &[]), "v1.2.4");
    assert_eq!(next(&repo, &["--patch"]), "v1.2.4");
    assert_eq!(next(&repo, &["--minor"]), "v1.3.0");
    assert_eq!(next(&repo, &["--major"]), "v2.0.0");
    let output = bump(&repo, &["--major", "--minor"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn pre_release_counters_increment_then_release() {
    let repo = test_repo!();
    commit(&repo, "feat: start");
    repo.git(["tag", "v1.2.0"]);
    commit(&repo, "feat: shiny");
    assert_eq!(next(&repo, &["--pre", "rc", "--tag"]), "v1.3.0-rc.1");
    let output = bump(&repo, &["--pre", "rc"]);
    assert_eq!(output.status.code(), Some(1), "no commit since rc.1");
    commit(&repo, "fix: polish");
    assert_eq!(next(&repo, &["--pre", "rc", "--tag"]), "v1.3.0-rc.2");
    assert_eq!(next(&repo, &["--tag"]), "v1.3.0");
    assert_eq!(
        tags(&repo),
        ["v1.2.0", "v1.3.0", "v1.3.0-rc.1", "v1.3.0-rc.2"]
    );
    let kind = repo.git(["cat-file", "-t", "v1.3.0"]);
    assert_eq!(kind.trim(), "tag", "an annotated tag");
    let message = repo.git(["tag", "-l", "--format=%(contents)", "v1.3.0"]);
    assert!(message.starts_with("v1.3.0\n\n## v1.3.0 - "), "{message}");
    assert!(
        message.contains("- shiny") && message.contains("- polish"),
        "{message}"
    );
    commit(&repo, "fix: more");
    let output = bump(&repo, &["--pre", "r c"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`r c` is not a pre-release identifier"));
}

#[test]
fn an_empty_range_is_exit_1_and_tags_nothing() {
    let repo = test_repo!();
    commit(&repo, "feat: start");
    repo.git(["tag", "v1.0.0"]);
    commit(&repo, "Not conventional");
    commit(&repo, "fixup! feat: start");
    let before = (repo.snapshot_state(), tags(&repo));
    let output = bump(&repo, &["--tag"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(
        stderr(&output).contains("nothing to release: no Conventional Commit since `v1.0.0`"),
        "{}",
        stderr(&output)
    );
    assert_eq!((repo.snapshot_state(), tags(&repo)), before);
}

#[test]
fn tag_never_pushes_and_dry_run_creates_nothing() {
    let repo = test_repo!();
    let remote = repo.add_bare_remote("origin");
    commit(&repo, "feat: start");
    repo.git(["push", "--quiet", "origin", "main"]);
    let output = bump(&repo, &["--tag", "--dry-run"]);
    assert!(stderr(&output).contains("dry run: would create the annotated tag `v0.0.1`"));
    assert!(tags(&repo).is_empty());
    assert_eq!(next(&repo, &["--tag"]), "v0.0.1");
    assert_eq!(tags(&repo), ["v0.0.1"]);
    let remote_tags = repo.git_in(&remote, ["tag", "--list"]);
    assert_eq!(remote_tags, "", "bump --tag never pushes");
}

/// Root `v1.x` tags and `sub/v1.2.0` for the nested module: each bumps from
/// its own tags and its own commits.
#[test]
fn a_nested_go_module_is_versioned_apart() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/app\n");
    repo.write("sub/go.mod", "module example.com/app/sub\n");
    repo.commit_all("feat: start");
    repo.git(["tag", "v1.0.0"]);
    repo.git(["tag", "sub/v1.2.0"]);
    repo.write("sub/a.go", "package sub\n");
    repo.commit_all("fix(sub): in sub");
    assert_eq!(next(&repo, &["--module", "sub"]), "sub/v1.2.1");
    let output = bump(&repo, &[]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the root has no commit of its own"
    );
    repo.write("main.go", "package main\n");
    repo.commit_all("feat: in root");
    assert_eq!(next(&repo, &[]), "v1.1.0");
    assert_eq!(next(&repo, &["--module", "sub/", "--tag"]), "sub/v1.2.1");
    assert!(tags(&repo).contains(&"sub/v1.2.1".to_owned()));
}

#[test]
fn a_v2_bump_needs_the_v2_module_path() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    repo.commit_all("feat: start");
    repo.git(["tag", "v1.4.0"]);
    repo.write("a.go", "package app\n");
    repo.commit_all("feat!: new API");
    let before = (repo.snapshot_state(), tags(&repo));
    let output = bump(&repo, &["--tag"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let text = stderr(&output);
    assert!(
        text.contains("module path `example.com/app` has no `/v2` suffix"),
        "{text}"
    );
    assert!(text.contains("`example.com/app/v2`"), "{text}");
    assert!(text.contains("hookrc bump --keep-major"), "{text}");
    assert_eq!((repo.snapshot_state(), tags(&repo)), before);
    assert_eq!(next(&repo, &["--keep-major"]), "v1.5.0");
    repo.write("go.mod", "module example.com/app/v2\n\ngo 1.22\n");
    repo.commit_all("refactor!: module path example.com/app/v2");
    assert_eq!(next(&repo, &["--tag"]), "v2.0.0");
}
