//! `hookrc lint-commits`: ranges walked like git walks them (tags peeled,
//! merges skipped unless asked), on a 10,000-commit repository made with
//! `git fast-import`, on this project's own history, in every format.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Output, Stdio};

use hookrc_testkit::{TestRepo, test_repo};
use serde_json::Value;

fn lint(repo: &TestRepo, args: &[&str]) -> Output {
    repo.hookrc_cmd()
        .env_remove("GITHUB_ACTIONS")
        .arg("lint-commits")
        .args(args)
        .output()
        .expect("test setup")
}

fn json(repo: &TestRepo, range: &str, extra: &[&str]) -> Value {
    let mut args = vec![range, "--format", "json"];
    args.extend_from_slice(extra);
    let output = lint(repo, &args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("test setup")
}

fn headers(report: &Value) -> Vec<&str> {
    report["commits"]
        .as_array()
        .expect("test setup")
        .iter()
        .map(|c| c["header"].as_str().expect("test setup"))
        .collect()
}

fn failed_headers(report: &Value) -> Vec<&str> {
    report["commits"]
        .as_array()
        .expect("test setup")
        .iter()
        .filter(|c| c["status"] == "failed")
        .map(|c| c["header"].as_str().expect("test setup"))
        .collect()
}

fn with_filters(repo: &TestRepo, f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    for (pattern, replacement) in repo.filters() {
        settings.add_filter(&pattern, replacement);
    }
    settings.bind(f);
}

/// `count` commits on `main` by `git fast-import`: every 500th message is
/// not conventional; tag `v-half` (annotated) sits on the middle commit.
fn generated(count: usize) -> TestRepo {
    let repo = test_repo!();
    let mut stream = String::new();
    for i in 1..=count {
        let message = if i % 500 == 0 {
            format!("bad message {i}\n")
        } else {
            format!("feat(gen): change {i}\n")
        };
        let time = 1_700_000_000 + i;
        let len = message.len();
        write!(
            stream,
            "commit refs/heads/main\nmark :{i}\ncommitter G <g@example.com> {time} +0000\ndata {len}\n{message}"
        )
        .expect("write to a String");
        if i > 1 {
            writeln!(stream, "from :{}", i - 1).expect("write to a String");
        }
        stream.push('\n');
    }
    let half = count / 2;
    write!(
        stream,
        "tag v-half\nfrom :{half}\ntagger G <g@example.com> 1700000000 +0000\ndata 5\nhalf\n\n"
    )
    .expect("write to a String");
    let mut import = repo
        .git_cmd(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("test setup");
    import
        .stdin
        .take()
        .expect("test setup")
        .write_all(stream.as_bytes())
        .expect("test setup");
    assert!(import.wait().expect("test setup").success());
    repo.git(["reset", "--quiet", "--hard", "main"]);
    repo
}

#[test]
fn ten_thousand_generated_commits() {
    let repo = generated(10_000);
    let report = json(&repo, "main", &[]);
    assert_eq!(report["summary"]["commits"], 10_000);
    assert_eq!(report["summary"]["failed"], 20);
    let expected: Vec<String> = (1..=20)
        .rev()
        .map(|k| format!("bad message {}", k * 500))
        .collect();
    assert_eq!(failed_headers(&report), expected);
    assert_eq!(headers(&report)[0], "bad message 10000");
    assert_eq!(headers(&report)[9_999], "feat(gen): change 1");
    // The annotated tag is peeled: `v-half..main` is the second half only.
    let half = json(&repo, "v-half..main", &[]);
    assert_eq!(half["summary"]["commits"], 5_000);
    assert_eq!(failed_headers(&half), expected[..10]);
    assert_eq!(
        lint(&repo, &["main", "--format", "json"]).status.code(),
        Some(1)
    );
}

/// This project's own history, cloned: the same commits, in the same order,
/// with the same headers as `git log --no-merges`.
#[test]
fn a_real_history_matches_git_log() {
    let repo = test_repo!();
    let clone = repo.tmp_root().join("clone");
    let mut cmd = repo.git_cmd_in(repo.tmp_root(), ["clone", "--quiet", "--no-local"]);
    cmd.arg(env!("CARGO_MANIFEST_DIR")).arg(&clone);
    assert!(cmd.status().expect("test setup").success());
    let git = |args: &[&str]| {
        let out = repo.git_cmd_in(&clone, args).output().expect("test setup");
        String::from_utf8(out.stdout).expect("test setup")
    };
    let output = repo
        .hookrc_cmd_in(&clone)
        .args(["lint-commits", "HEAD", "--format", "json"])
        .output()
        .expect("test setup");
    let report: Value = serde_json::from_slice(&output.stdout).expect("test setup");
    let ids: Vec<&str> = report["commits"]
        .as_array()
        .expect("test setup")
        .iter()
        .map(|c| c["id"].as_str().expect("test setup"))
        .collect();
    let log_ids = git(&["rev-list", "--no-merges", "HEAD"]);
    assert_eq!(ids, log_ids.lines().collect::<Vec<_>>());
    let subjects = git(&["log", "--no-merges", "--format=%s"]);
    assert_eq!(headers(&report), subjects.lines().collect::<Vec<_>>());
    assert!(report["summary"]["passed"].as_u64().expect("test setup") > 0);
    let failed = report["summary"]["failed"].as_u64().expect("test setup");
    assert_eq!(output.status.code(), Some(i32::from(failed > 0)));
}

/// main: start, (topic: feat, bad), main: fix, then a `--no-ff` merge.
fn branched() -> TestRepo {
    let repo = test_repo!();
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: start");
    repo.git(["switch", "--quiet", "-c", "topic"]);
    repo.write("t.txt", "t\n");
    repo.commit_all("feat(topic): add t");
    repo.write("t.txt", "tt\n");
    repo.commit_all("Bad topic message");
    repo.git(["switch", "--quiet", "main"]);
    repo.write("m.txt", "m\n");
    repo.commit_all("fix: on main");
    repo
}

#[test]
fn symmetric_ranges_single_commits_and_merges() {
    let repo = branched();
    let both = json(&repo, "main...topic", &[]);
    assert_eq!(
        headers(&both),
        ["fix: on main", "Bad topic message", "feat(topic): add t"]
    );
    assert_eq!(headers(&json(&repo, "topic^!", &[])), ["Bad topic message"]);
    repo.git(["merge", "--quiet", "--no-ff", "--no-edit", "topic"]);
    let skipped = json(&repo, "HEAD~1..HEAD", &[]);
    assert_eq!(skipped["summary"]["commits"], 2);
    assert_eq!(skipped["summary"]["skipped_merges"], 1);
    let merges = json(&repo, "HEAD~1..HEAD", &["--include-merges"]);
    assert_eq!(merges["commits"][0]["header"], "Merge branch 'topic'");
    assert_eq!(merges["commits"][0]["status"], "ignored");
    assert_eq!(merges["commits"][0]["ignored_reason"], "a merge message");
}

#[test]
fn human_format_reports_per_commit() {
    let repo = branched();
    let output = lint(&repo, &["main..topic", "--format", "human"]);
    with_filters(&repo, || {
        insta::assert_snapshot!(String::from_utf8_lossy(&output.stderr));
    });
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn github_format_is_chosen_in_github_actions() {
    let repo = branched();
    let output = repo
        .hookrc_cmd()
        .env("GITHUB_ACTIONS", "true")
        .args(["lint-commits", "main..topic"])
        .output()
        .expect("test setup");
    assert_eq!(output.status.code(), Some(1));
    with_filters(&repo, || {
        insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
    });
}

#[test]
fn a_bad_range_or_no_repository_is_exit_2() {
    let repo = branched();
    let output = lint(&repo, &["nope..main"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`nope..main` is not a revision range"),
        "{stderr}"
    );
    let outside = repo.outside_dir("elsewhere");
    let output = repo
        .hookrc_cmd_in(&outside)
        .args(["lint-commits", "HEAD"])
        .output()
        .expect("test setup");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

/// 30 bad commits after a good start: enough to pass GitHub's caps.
fn many_bad() -> TestRepo {
    let repo = test_repo!();
    repo.write("a.txt", "0\n");
    repo.commit_all("chore: start");
    for i in 1..=30 {
        repo.write("a.txt", format!("{i}\n"));
        repo.commit_all(&format!("Bad message {i}."));
    }
    repo
}

#[test]
fn the_summary_counts_rules_and_names_the_first_ids() {
    let repo = many_bad();
    let output = lint(&repo, &["main", "--format", "human"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let summary = stderr
        .split("checked 31 commits")
        .nth(1)
        .expect("a summary");
    assert!(
        summary.contains("error: 30 of 31 commits failed"),
        "{summary}"
    );
    assert!(
        summary.contains("  subject-empty      30 commits\n  subject-full-stop  30 commits\n"),
        "{summary}"
    );
    assert!(
        summary.contains("and 25 more (`--format json` lists them all)"),
        "{summary}"
    );
    assert!(!summary.contains("mark each `reword`"), "{summary}");
    let newest = repo.git(["rev-parse", "--short=7", "HEAD"]);
    assert!(
        summary.contains(&format!(
            "`hookrc lint-commits main --since {}`",
            newest.trim()
        )),
        "{summary}"
    );
    let report = json(&repo, "main", &[]);
    assert_eq!(report["summary"]["rules"]["type-empty"], 30);
    assert_eq!(
        report["summary"]["failed_commits"]
            .as_array()
            .expect("ids")
            .len(),
        30
    );
}

#[test]
fn since_lints_only_the_commits_after_a_revision() {
    let repo = many_bad();
    repo.git(["tag", "adopted"]);
    repo.write("a.txt", "new\n");
    repo.commit_all("feat: from now on");
    let report = json(&repo, "main", &["--since", "adopted"]);
    assert_eq!(headers(&report), ["feat: from now on"]);
    assert_eq!(report["range"], "main --since adopted");
    let aliased = json(&repo, "main", &["--from-ref", "adopted"]);
    assert_eq!(headers(&aliased), ["feat: from now on"]);
    assert_eq!(
        lint(&repo, &["main", "--since", "adopted"]).status.code(),
        Some(0)
    );
    let output = lint(&repo, &["main", "--since", "adoptd"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("did you mean `adopted` for `adoptd`?")
    );
}

#[test]
fn a_message_or_message_file_is_linted_like_a_commit() {
    let repo = branched();
    let before = repo.snapshot_state();
    let ok = lint(&repo, &["--message", "feat(api): add paging"]);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = lint(&repo, &["--message", "Add paging", "--format", "human"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.starts_with("message Add paging\n"), "{stderr}");
    assert!(
        stderr.contains("hint: edit the message (for a pull request: its title"),
        "{stderr}"
    );
    repo.write("squash.txt", "fix: paging\n\nbody\n");
    let file = lint(&repo, &["--message-file", "squash.txt", "--format", "json"]);
    assert_eq!(file.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&file.stdout).expect("JSON");
    assert_eq!(report["commits"][0]["id"], "squash.txt");
    std::fs::remove_file(repo.path("squash.txt")).expect("test setup");
    assert_eq!(repo.snapshot_state(), before);
    let both = lint(&repo, &["HEAD", "--message", "feat: x"]);
    assert_eq!(both.status.code(), Some(2));
    let missing = lint(&repo, &["--message-file", "nope.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
}

#[test]
fn an_unknown_ref_gets_a_suggestion() {
    let repo = branched();
    repo.git(["branch", "-m", "main", "master"]);
    let remote = repo.add_bare_remote("origin");
    repo.git(["push", "--quiet", "origin", "master"]);
    assert!(remote.exists());
    let output = lint(&repo, &["origin/main..HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`origin/main..HEAD` is not a revision range of this repository: `origin/main` names no commit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: did you mean `origin/master` for `origin/main`?"),
        "{stderr}"
    );
}

#[test]
fn github_mode_caps_annotations_and_writes_the_step_summary() {
    let repo = many_bad();
    let summary = repo.outside_dir("runner").join("summary.md");
    std::fs::write(&summary, "earlier step\n").expect("test setup");
    let output = repo
        .hookrc_cmd()
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["lint-commits", "main"])
        .output()
        .expect("test setup");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.matches("::error ").count(), 10, "{stdout}");
    assert!(
        stdout.contains("::notice title=hookrc%3A more problems::80 more errors and 0 more warnings are not annotated"),
        "{stdout}"
    );
    // Newest first: the first annotation is the last commit.
    assert!(
        stdout
            .lines()
            .next()
            .expect("a line")
            .contains("Bad message 30."),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&summary).expect("the summary file");
    assert!(
        written.starts_with("earlier step\n### hookrc lint-commits `main`\n"),
        "{written}"
    );
    assert!(written.contains("| `subject-empty` | 30 |"), "{written}");
    assert_eq!(written.matches("| failed |").count(), 30, "{written}");
}
