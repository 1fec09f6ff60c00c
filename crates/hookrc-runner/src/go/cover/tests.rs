use std::path::PathBuf;

use super::{Coverage, TestOptions, test_coverage};
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
    let messages: Vec<&str> = outcome
        .findings()
        .iter()
        .map(crate::Finding::message)
        .collect();
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
    let messages: Vec<&str> = outcome
        .findings()
        .iter()
        .map(crate::Finding::message)
        .collect();
    assert_eq!(messages, vec!["test TestAdd failed"]);
}
