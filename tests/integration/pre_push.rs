//! The pre-push Go gates through the installed hook and a real `git push`
//! to a local bare remote, with the real Go toolchain on `fixtures/go/`:
//! coverage, benchmarks against a committed baseline, cross builds, module
//! hygiene, the Go environment; new branches, deleted branches, several refs.

use std::path::Path;
use std::process::Output;

use hookrc_testkit::{TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::install;

/// A repository holding each `fixtures/go/<name>` at `<name>/` and `policy`,
/// committed, with hookrc as its pre-push hook and a bare remote `origin`.
fn push_repo(fixtures: &[&str], policy: &str) -> TestRepo {
    let repo = test_repo!();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go");
    for fixture in fixtures {
        copy_dir(&base.join(fixture), &repo.path(fixture));
    }
    repo.write(".hookrc.toml", policy);
    repo.commit_all("chore: init");
    repo.add_bare_remote("origin");
    install(&repo, &["pre-push"]);
    repo
}

/// `git push origin <args…>` with the shared Go cache and `env`.
fn push(repo: &TestRepo, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = repo.git_cmd(["push", "-q", "origin"]);
    cmd.args(args).env("GOCACHE", gocache());
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("test I/O")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_pushed(output: &Output) {
    assert!(output.status.success(), "push refused:\n{}", stderr(output));
}

fn assert_refused(output: &Output, says: &[&str]) {
    let text = stderr(output);
    assert!(!output.status.success(), "push went through:\n{text}");
    for needle in says {
        assert!(text.contains(needle), "missing `{needle}` in:\n{text}");
    }
}

/// The remote's commit for `branch`, if it has one.
fn remote_has(repo: &TestRepo, branch: &str) -> bool {
    repo.git_cmd(["ls-remote", "--exit-code", "origin", branch])
        .output()
        .expect("test I/O")
        .status
        .success()
}

#[test]
fn coverage_under_the_bar_is_refused_and_over_it_pushed() {
    let policy = "[hooks]\npre-push = [\"go-test\"]\n[check.go-test]\ncoverage-min = 80.0\n";
    let repo = push_repo(&["cover"], policy);
    let output = push(&repo, &["main"], &[]);
    assert_refused(
        &output,
        &[
            "total coverage 46.2% is under the minimum 80.0%",
            "example.com/cover/gap: 22.2%",
        ],
    );
    assert!(!remote_has(&repo, "main"));
    repo.write(".hookrc.toml", policy.replace("80.0", "40.0"));
    repo.commit_all("chore: lower the bar");
    assert_pushed(&push(&repo, &["main"], &[]));
}

#[test]
fn coverage_without_commands_and_generated_code_passes_and_shows_them_apart() {
    let policy = "[hooks]\npre-push = [\"go-test\"]\n[check.go-test]\ncoverage-min = 60.0\n";
    let repo = push_repo(&["scoped"], policy);
    assert_refused(
        &push(&repo, &["main"], &[]),
        &["total coverage 36.0% is under the minimum 60.0%"],
    );
    repo.write(
        ".hookrc.toml",
        format!("{policy}exclude-packages = [\"cmd/**\"]\nexclude-files = ['_gen\\.go$']\n"),
    );
    repo.commit_all("chore: leave commands and generated code out of coverage");
    assert_pushed(&push(&repo, &["main"], &[]));
    let report = repo
        .hookrc_cmd()
        .args(["run", "pre-push", "--all-files", "--format", "json"])
        .env("GOCACHE", gocache())
        .output()
        .expect("test I/O");
    let json = String::from_utf8_lossy(&report.stdout);
    for needle in [
        "coverage: 64.3% of 14 statements",
        "excluded from the figures (`exclude-packages`, `exclude-files`): 11 statements, 0.0% covered",
        "example.com/scoped/cmd/tool: 0.0%",
    ] {
        assert!(json.contains(needle), "missing `{needle}` in {json}");
    }
}

/// The widest tolerance the policy allows (+100%) leaves a factor of 2 for a
/// shared machine's noise on the unchanged push (which must pass) and of 5
/// on ten times the work (which must be refused).
const BENCH_POLICY: &str = r#"[hooks]
pre-push = ["go-bench"]
[check.go-bench]
baseline = "bench/baseline.json"
tolerance = 1.0
count = 6
args = ["-benchtime=2000x"]
"#;

#[test]
fn a_committed_benchmark_slowdown_is_caught_against_the_baseline() {
    let repo = push_repo(&["benchwork"], BENCH_POLICY);
    let update = repo
        .hookrc_cmd()
        .args(["go", "bench", "--update"])
        .env("GOCACHE", gocache())
        .output()
        .expect("test I/O");
    assert!(update.status.success(), "{update:?}");
    let baseline = repo.read_string("bench/baseline.json");
    for needle in [
        "\"goarch\"",
        "\"cpu\"",
        "\"go\": \"go1.",
        "example.com/benchwork/work.BenchmarkHash",
        "\"ns_per_op\"",
    ] {
        assert!(baseline.contains(needle), "{needle} in {baseline}");
    }
    repo.commit_all("chore: record the benchmark baseline");
    assert_pushed(&push(&repo, &["main"], &[]));
    let work = "benchwork/work/work.go";
    repo.write(
        work,
        repo.read_string(work)
            .replace("Rounds = 20000", "Rounds = 200000"),
    );
    repo.commit_all("perf: ten times the rounds");
    assert_refused(
        &push(&repo, &["main"], &[]),
        &[
            "example.com/benchwork/work.BenchmarkHash: ns/op",
            "over the tolerance of 100.0%",
        ],
    );
}

const BUILD_POLICY: &str = "[hooks]\npre-push = [\"go-test\", \"go-build\"]\n";

#[test]
fn new_branches_check_what_they_change_and_an_arm64_break_names_the_target() {
    let repo = push_repo(&["cover", "arch"], BUILD_POLICY);
    // The first push of main checks everything: arch/ only builds on amd64.
    assert_refused(
        &push(&repo, &["main"], &[]),
        &["[linux/arm64] undefined: wordSize", "arch/main.go"],
    );
    assert_pushed(&push(&repo, &["main"], &[("HOOKRC_SKIP", "go-build")]));
    // A new branch that only touches cover/ is compared with origin/main.
    repo.git(["switch", "-q", "-c", "topic"]);
    repo.write("cover/calc/doc.go", "// Package calc adds.\npackage calc\n");
    repo.commit_all("docs: calc");
    assert_pushed(&push(&repo, &["topic"], &[]));
    // Deleting a branch checks nothing, whatever the tree holds.
    assert_pushed(&push(&repo, &["--delete", "topic"], &[]));
    assert!(!remote_has(&repo, "topic"));
    // Two refs in one push: one touches arch/, and the push is refused.
    repo.git(["switch", "-q", "-c", "topic2"]);
    repo.write(
        "arch/doc.go",
        "// Command arch prints a word size.\npackage main\n",
    );
    repo.commit_all("docs: arch");
    assert_refused(
        &push(&repo, &["topic", "topic2"], &[]),
        &["[linux/arm64] undefined: wordSize"],
    );
    assert!(!remote_has(&repo, "topic") && !remote_has(&repo, "topic2"));
}

const MOD_POLICY: &str = "[hooks]\npre-push = [\"go-mod\"]\n";

#[test]
fn an_untidy_go_mod_is_refused_and_left_as_it_was() {
    let repo = push_repo(&["untidy"], MOD_POLICY);
    let before = repo.read("untidy/go.mod");
    assert_refused(
        &push(&repo, &["main"], &[]),
        &[
            "`go mod tidy` would change go.mod or go.sum",
            "-require example.com/lib v0.0.0",
        ],
    );
    assert_eq!(repo.read("untidy/go.mod"), before);
}

#[test]
fn vendor_out_of_date_is_refused() {
    let repo = push_repo(&["vendored"], MOD_POLICY);
    assert_pushed(&push(&repo, &["main"], &[]));
    let lib = "vendored/lib/lib.go";
    repo.write(lib, repo.read_string(lib).replace("\"hello\"", "\"hi\""));
    let code = "vendored/vendored.go";
    repo.write(
        code,
        repo.read_string(code)
            .replace("lib's greeting", "lib's short greeting"),
    );
    repo.commit_all("feat: a shorter greeting");
    assert_refused(
        &push(&repo, &["main"], &[]),
        &[
            "vendored/vendor/example.com/lib/lib.go",
            "vendor/ is out of date with go.mod",
        ],
    );
}

#[test]
fn gosumdb_off_in_the_environment_is_refused() {
    let policy = "[hooks]\npre-push = [\"go-env\"]\n[check.go-env]\nallowed-proxies = [\"off\", \"direct\"]\n";
    let repo = push_repo(&["cover"], policy);
    assert_refused(
        &push(&repo, &["main"], &[("GOSUMDB", "off")]),
        &["GOSUMDB=off (from environment): checksum verification is switched off"],
    );
    assert_pushed(&push(&repo, &["main"], &[]));
}
