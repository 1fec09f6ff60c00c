//! The pre-push Go gates through the installed hook and a real `git push`
//! to a local bare remote, with the real Go toolchain on `fixtures/go/`:
//! coverage, benchmarks against a committed baseline, cross builds, module
//! hygiene, the Go environment; new branches, deleted branches, several refs.

use std::path::Path;
use std::process::Output;

use hookrc_testkit::{TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::{install, trust};

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
    trust(&repo);
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
    trust(&repo);
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
            "vs baseline",
            "geomean",
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

/// A `go` on `PATH` that logs when each call starts and ends (nanoseconds)
/// with its arguments, then runs the real one: how the tests see which go
/// commands overlapped.
fn logging_go(repo: &TestRepo) -> (std::path::PathBuf, std::path::PathBuf) {
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v go"])
            .output()
            .expect("test I/O")
            .stdout,
    )
    .expect("test I/O");
    let dir = repo.outside_dir("gobin");
    let log = dir.join("calls.log");
    let script = format!(
        "#!/bin/sh\necho \"start $(date +%s%N) $*\" >> '{log}'\n'{real}' \"$@\"\nrc=$?\necho \"end $(date +%s%N) $*\" >> '{log}'\nexit $rc\n",
        log = log.display(),
        real = real.trim()
    );
    let go = dir.join("go");
    fs_err::write(&go, script).expect("test I/O");
    let executable = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    fs_err::set_permissions(&go, executable).expect("test I/O");
    (dir, log)
}

/// The `(start, end)` of every logged go call whose arguments satisfy
/// `pick`.
fn calls(log: &str, pick: impl Fn(&str) -> bool) -> Vec<(u128, u128)> {
    let mut open: Vec<(String, u128)> = Vec::new();
    let mut done = Vec::new();
    for line in log.lines() {
        let mut parts = line.splitn(3, ' ');
        let (Some(kind), Some(time), args) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let time: u128 = time.parse().expect("a time");
        let args = args.unwrap_or_default().to_owned();
        if kind == "start" {
            open.push((args, time));
        } else if let Some(at) = open.iter().position(|(a, _)| *a == args) {
            let (args, start) = open.remove(at);
            if pick(&args) {
                done.push((start, time));
            }
        }
    }
    done
}

#[test]
fn benchmarks_run_alone_after_every_other_gate_passed() {
    let policy = BENCH_POLICY.replace(
        "pre-push = [\"go-bench\"]",
        "pre-push = [\"go-bench\", \"go-test\", \"go-build\"]",
    );
    let repo = push_repo(&["benchwork"], &policy);
    let update = repo
        .hookrc_cmd()
        .args(["go", "bench", "--update"])
        .env("GOCACHE", gocache())
        .output()
        .expect("test I/O");
    assert!(update.status.success(), "{update:?}");
    repo.commit_all("chore: record the benchmark baseline");
    let (gobin, log) = logging_go(&repo);
    let inherited = repo.env().get(std::ffi::OsStr::new("PATH")).cloned();
    let path = format!(
        "{}:{}",
        gobin.display(),
        inherited.expect("PATH").to_string_lossy()
    );
    let output = push(&repo, &["main"], &[("PATH", &path)]);
    assert_pushed(&output);
    let text = fs_err::read_to_string(&log).expect("the go calls were logged");
    let bench = calls(&text, |args| args.contains("-bench"));
    let others = calls(&text, |args| {
        !args.contains("-bench") && (args.starts_with("test") || args.starts_with("build"))
    });
    assert!(!bench.is_empty() && !others.is_empty(), "{text}");
    let last_other_end = others.iter().map(|(_, end)| *end).max().expect("others");
    let first_bench_start = bench.iter().map(|(start, _)| *start).min().expect("bench");
    assert!(
        first_bench_start > last_other_end,
        "a benchmark overlapped another gate:\n{text}"
    );
    // A failing gate: the benchmarks do not run at all.
    let test_file = "benchwork/work/work_test.go";
    repo.write(
        test_file,
        repo.read_string(test_file)
            .replace("Hash(1) == 1", "Hash(1) != 0"),
    );
    repo.commit_all("test: a failing test");
    fs_err::remove_file(&log).expect("test I/O");
    let output = push(&repo, &["main"], &[("PATH", &path)]);
    assert_refused(
        &output,
        &["go-bench (main) ... skipped (another check did not pass"],
    );
    let text = fs_err::read_to_string(&log).expect("the go calls were logged");
    assert!(
        calls(&text, |args| args.contains("-bench")).is_empty(),
        "{text}"
    );
}

#[test]
fn run_pre_push_by_hand_judges_what_git_push_would_send_or_says_how_to_choose() {
    let repo = push_repo(&["cover"], "[hooks]\npre-push = [\"go-build\"]\n");
    // `hookrc run pre-push` with no input, asserting it changes nothing.
    let run = |repo: &TestRepo| {
        let before = repo.snapshot_state();
        let output = repo
            .hookrc_cmd()
            .args(["run", "pre-push"])
            .env("GOCACHE", gocache())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("test I/O");
        assert_eq!(before, repo.snapshot_state(), "{}", stderr(&output));
        output
    };
    let output = run(&repo);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("has no upstream") && stderr(&output).contains("--all-files"),
        "{}",
        stderr(&output)
    );
    assert_pushed(&push(&repo, &["-u", "main"], &[]));
    repo.write(
        "cover/calc/calc.go",
        repo.read_string("cover/calc/calc.go") + "\nfunc broken() { undefinedThing() }\n",
    );
    repo.commit_all("feat: broken");
    let output = run(&repo);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("go-build (main)") && stderr(&output).contains("undefinedThing"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_test_failing_only_on_arm64_is_caught_under_emulation() {
    let policy = "[hooks]\npre-push = [\"go-test\"]\n";
    let repo = push_repo(&["archtest"], policy);
    repo.write(
        ".hookrc.toml",
        format!("{policy}[check.go-test]\ntargets = [\"linux/amd64\", \"linux/arm64\"]\n"),
    );
    repo.commit_all("ci: test on arm64 too");
    trust(&repo);
    let before = repo.snapshot_state();
    assert_refused(
        &push(&repo, &["main"], &[]),
        &["[linux/arm64] test TestNotOnArm64 failed"],
    );
    assert_eq!(before, repo.snapshot_state());
    assert!(!remote_has(&repo, "main"));
    // The host alone passes it.
    repo.write(".hookrc.toml", policy);
    repo.commit_all("ci: host only");
    trust(&repo);
    assert_pushed(&push(&repo, &["main"], &[]));
}

#[test]
fn too_few_benchmark_runs_for_the_statistics_are_refused_before_anything_runs() {
    let policy = BENCH_POLICY.replace("count = 6", "count = 3");
    let repo = push_repo(&["benchwork"], &policy);
    let says = [
        ".hookrc.toml:6:1: `count = 3` is too few runs for benchstat's statistics at `alpha = 0.05`: they need at least 6",
    ];
    assert_refused(&push(&repo, &["main"], &[]), &says);
    assert!(!remote_has(&repo, "main"));
    let update = repo
        .hookrc_cmd()
        .args(["go", "bench", "--update"])
        .output()
        .expect("test I/O");
    assert_eq!(update.status.code(), Some(2), "{update:?}");
    assert!(String::from_utf8_lossy(&update.stderr).contains(says[0]));
}

/// go-bench against the base of the push: interleaved runs and the U test
/// keep an unchanged push from failing on noise, and a 3x slowdown clears
/// the +50% tolerance even if the load halves what is measured.
const BASE_POLICY: &str = r#"[hooks]
pre-push = ["go-bench"]
[check.go-bench]
against = "base"
tolerance = 0.5
count = 6
args = ["-benchtime=2000x"]
"#;

#[test]
fn against_the_base_an_unchanged_benchmark_passes_and_a_slower_one_is_refused() {
    let repo = push_repo(&["benchwork"], BASE_POLICY);
    assert_pushed(&push(&repo, &["main"], &[]));
    repo.write(
        "benchwork/work/doc.go",
        "// Package work is documented here too.\npackage work\n",
    );
    repo.commit_all("docs: work");
    assert_pushed(&push(&repo, &["main"], &[]));
    let work = "benchwork/work/work.go";
    repo.write(
        work,
        repo.read_string(work)
            .replace("Rounds = 20000", "Rounds = 60000"),
    );
    repo.commit_all("perf: three times the rounds");
    let before = repo.snapshot_state();
    assert_refused(
        &push(&repo, &["main"], &[]),
        &[
            "example.com/benchwork/work.BenchmarkHash: ns/op",
            "go-bench (main)",
            "vs baseline",
            "n=6",
        ],
    );
    assert_eq!(before, repo.snapshot_state());
}

#[test]
fn a_v2_tag_without_the_v2_module_path_is_refused_and_with_it_pushed() {
    let repo = test_repo!();
    repo.write("go.mod", "module example.com/lib\n\ngo 1.21\n");
    repo.write("lib.go", "// Package lib is versioned.\npackage lib\n");
    repo.write(".hookrc.toml", "[hooks]\npre-push = [\"go-release\"]\n");
    repo.commit_all("feat: lib");
    repo.add_bare_remote("origin");
    install(&repo, &["pre-push"]);
    assert_pushed(&push(&repo, &["main"], &[]));
    repo.git(["tag", "-a", "-m", "v2", "v2.0.0"]);
    let before = repo.snapshot_state();
    assert_refused(
        &push(&repo, &["v2.0.0"], &[]),
        &["go-release (v2.0.0)", "/v2"],
    );
    assert_eq!(before, repo.snapshot_state());
    assert!(!remote_has(&repo, "refs/tags/v2.0.0"));
    repo.write("go.mod", "module example.com/lib/v2\n\ngo 1.21\n");
    repo.commit_all("feat!: v2 module path");
    repo.git(["tag", "v2.0.1"]);
    assert_pushed(&push(&repo, &["main", "v2.0.1"], &[]));
    assert!(remote_has(&repo, "refs/tags/v2.0.1"));
}

#[test]
fn the_baseline_is_never_written_outside_the_repository_or_through_a_symlink() {
    let repo = push_repo(&["benchwork"], BENCH_POLICY);
    let outside = repo.outside_dir("elsewhere");
    std::os::unix::fs::symlink(&outside, repo.path("bench")).expect("link");
    let update = repo
        .hookrc_cmd()
        .args(["go", "bench", "--update"])
        .env("GOCACHE", gocache())
        .output()
        .expect("test I/O");
    let err = stderr(&update);
    assert_eq!(update.status.code(), Some(2), "{err}");
    assert!(err.contains("`bench` is a symbolic link"), "{err}");
    assert!(
        !outside.join("baseline.json").exists(),
        "written through the link"
    );
    fs_err::remove_file(repo.path("bench")).expect("test I/O");
    repo.write(
        ".hookrc.toml",
        BENCH_POLICY.replace("bench/baseline.json", "../baseline.json"),
    );
    let check = repo
        .hookrc_cmd()
        .args(["config", "check"])
        .output()
        .expect("test I/O");
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`../baseline.json` climbs out of the repository"),
        "{err}"
    );
}
