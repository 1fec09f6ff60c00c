use std::path::PathBuf;

use super::{Coverage, CoverageScope, TestOptions, test_coverage};
use crate::go::Target;
use crate::go::testenv::{fixture, toolchain};
use crate::{Cancel, Status};

const PROFILE: &str = "mode: set
example.com/m/a/a.go:6.2,7.1 1 1
example.com/m/a/a.go:9.2,9.11 3 0
example.com/m/b/b.go:3.2,4.1 2 0
example.com/m/a/a.go:9.2,9.11 3 1
";

#[test]
fn profile_blocks_are_merged_as_go_tool_cover_merges_them() {
    let coverage = Coverage::parse(PROFILE).expect("parsed");
    // a: 4 statements, all covered (the repeated block is covered by one run);
    // b: 2 statements, none: 4 / 6.
    assert!((coverage.total() - 400.0 / 6.0).abs() < 1e-9);
    assert_eq!(
        coverage.packages(),
        vec![("example.com/m/a", 100.0), ("example.com/m/b", 0.0)]
    );
    assert!(Coverage::parse("mode: set\n").expect("empty").total().abs() < f64::EPSILON);
    let error = Coverage::parse("mode: set\nnot a block\n").expect_err("bad line");
    assert!(error.contains("not a block"), "{error}");
}

fn messages(outcome: &crate::Outcome) -> Vec<&str> {
    outcome
        .findings()
        .iter()
        .map(crate::Finding::message)
        .collect()
}

fn whole_module(root: &std::path::Path) -> Target {
    Target::new(root, "cover").with_packages(vec![PathBuf::from("...")])
}

#[test]
fn total_under_the_bar_lists_the_packages_under_it() {
    let dir = fixture("cover");
    let options = TestOptions {
        coverage_min: Some(80.0),
        ..TestOptions::default()
    };
    let outcome = test_coverage(
        &toolchain(),
        "go-test",
        &whole_module(dir.path()),
        &options,
        &Cancel::new(),
    )
    .expect("go test ran");
    assert_eq!(outcome.status(), &Status::Failed);
    let finding = &outcome.findings()[0];
    // 6 of 13 statements, as `go tool cover -func` prints it.
    assert_eq!(
        finding.message(),
        "total coverage 46.2% is under the minimum 80.0%"
    );
    let hint = finding.hint().expect("packages listed");
    assert!(hint.contains("example.com/cover/gap: 22.2%"), "{hint}");
    assert!(!hint.contains("calc"), "{hint}");
}

#[test]
fn total_over_the_bar_passes_and_per_package_bars_name_packages() {
    let dir = fixture("cover");
    let mut options = TestOptions {
        coverage_min: Some(40.0),
        ..TestOptions::default()
    };
    let target = whole_module(dir.path());
    let outcome = test_coverage(&toolchain(), "go-test", &target, &options, &Cancel::new())
        .expect("go test ran");
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
    options.per_package_min = Some(50.0);
    let outcome = test_coverage(&toolchain(), "go-test", &target, &options, &Cancel::new())
        .expect("go test ran");
    let messages = messages(&outcome);
    assert_eq!(
        messages,
        vec![
            "package example.com/cover/gap: coverage 22.2% is under the per-package minimum 50.0%"
        ]
    );
}

#[test]
fn failing_tests_are_named() {
    let dir = fixture("cover");
    let test_file = dir.path().join("cover/calc/calc_test.go");
    let text = std::fs::read_to_string(&test_file).expect("read");
    std::fs::write(&test_file, text.replace("Add(2, 3) != 5", "Add(2, 3) != 6")).expect("write");
    let outcome = test_coverage(
        &toolchain(),
        "go-test",
        &whole_module(dir.path()),
        &TestOptions::default(),
        &Cancel::new(),
    )
    .expect("go test ran");
    assert_eq!(outcome.status(), &Status::Failed);
    let messages = messages(&outcome);
    assert_eq!(messages, vec!["test TestAdd failed"]);
}

/// `go <args>` in `dir` with the test toolchain's environment; its stdout.
fn go(dir: &std::path::Path, args: &[&str]) -> String {
    let toolchain = toolchain();
    let output = std::process::Command::new(toolchain.go())
        .args(args)
        .current_dir(dir)
        .env_clear()
        .envs(toolchain.env())
        .output()
        .expect("go runs");
    assert!(output.status.success(), "go {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The `total:` figure of `go tool cover -func` on `profile`.
fn go_tool_cover_total(dir: &std::path::Path, profile: &std::path::Path) -> String {
    let func = go(
        dir,
        &["tool", "cover", &format!("-func={}", profile.display())],
    );
    let total = func
        .lines()
        .find(|line| line.starts_with("total:"))
        .expect("a total line");
    total
        .split_whitespace()
        .last()
        .expect("a figure")
        .to_owned()
}

fn scope() -> CoverageScope {
    CoverageScope::new(&["cmd/**"], &["_gen\\.go$"], &[]).expect("valid")
}

#[test]
fn the_counted_total_agrees_with_go_tool_cover_on_the_restricted_profile() {
    let dir = fixture("scoped");
    let module = dir.path().join("scoped");
    let profile = dir.path().join("cover.out");
    go(
        &module,
        &[
            "test",
            &format!("-coverprofile={}", profile.display()),
            "./...",
        ],
    );
    let text = std::fs::read_to_string(&profile).expect("profile");
    let coverage = Coverage::parse(&text).expect("parsed");
    assert_eq!(
        format!("{:.1}%", coverage.total()),
        go_tool_cover_total(&module, &profile)
    );
    // The same profile without the lines of cmd/ and generated files,
    // filtered here by plain string tests, not by the scope.
    let restricted: String = text
        .lines()
        .filter(|line| !line.starts_with("example.com/scoped/cmd/") && !line.contains("_gen.go:"))
        .flat_map(|line| [line, "\n"])
        .collect();
    let restricted_path = dir.path().join("restricted.out");
    std::fs::write(&restricted_path, &restricted).expect("write");
    let (counted, excluded) = coverage.split(&scope(), "example.com/scoped");
    assert_eq!(
        format!("{:.1}%", counted.total()),
        go_tool_cover_total(&module, &restricted_path)
    );
    assert_eq!((counted.statements(), excluded.statements()), (14, 11));
    assert_eq!(
        excluded.packages(),
        vec![
            ("example.com/scoped/cmd/tool", 0.0),
            ("example.com/scoped/core", 0.0)
        ]
    );
}

#[test]
fn excluded_code_passes_the_bar_and_is_shown_apart() {
    let dir = fixture("scoped");
    let target = Target::new(dir.path(), "scoped").with_packages(vec![PathBuf::from("...")]);
    let mut options = TestOptions {
        coverage_min: Some(60.0),
        ..TestOptions::default()
    };
    let outcome = test_coverage(&toolchain(), "go-test", &target, &options, &Cancel::new())
        .expect("go test ran");
    // 9 of 25 statements.
    assert_eq!(
        outcome.findings()[0].message(),
        "total coverage 36.0% is under the minimum 60.0%"
    );
    options.scope = scope();
    let outcome = test_coverage(&toolchain(), "go-test", &target, &options, &Cancel::new())
        .expect("go test ran");
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
    // 9 of 14: core.go 8 of 9, util 1 of 5.
    assert!(
        outcome.output().contains(
            "coverage: 64.3% of 14 statements\nexcluded from the figures (`exclude-packages`, `exclude-files`): 11 statements, 0.0% covered:\n  example.com/scoped/cmd/tool: 0.0% of 5 statements\n  example.com/scoped/core: 0.0% of 6 statements\n"
        ),
        "{}",
        outcome.output()
    );
}

#[test]
fn per_package_minimums_override_by_the_longest_glob() {
    let dir = fixture("scoped");
    let target = Target::new(dir.path(), "scoped").with_packages(vec![PathBuf::from("...")]);
    let options = TestOptions {
        per_package_min: Some(50.0),
        scope: CoverageScope::new(
            &["example.com/scoped/cmd/*"],
            &["_gen\\.go$"],
            &[("internal/**", 30.0), ("internal/util", 10.0), ("*", 95.0)],
        )
        .expect("valid"),
        ..TestOptions::default()
    };
    let outcome = test_coverage(&toolchain(), "go-test", &target, &options, &Cancel::new())
        .expect("go test ran");
    // core (88.9 %) falls under `*` (95); util (20 %) meets `internal/util`
    // (10), which is longer than `internal/**` (30).
    let messages = messages(&outcome);
    assert_eq!(
        messages,
        ["package example.com/scoped/core: coverage 88.9% is under the per-package minimum 95.0%"]
    );
}
