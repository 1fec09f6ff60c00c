use std::path::PathBuf;

use super::{Baseline, BenchOptions, BenchResult, compare_bench, run_bench};
use crate::go::Target;
use crate::go::testenv::{fixture, toolchain};
use crate::{Cancel, Status};

const OUTPUT: &str = "goos: linux
goarch: amd64
pkg: example.com/m/p
cpu: Test CPU
BenchmarkA-8   \t 100\t 300 ns/op\t 16 B/op\t 1 allocs/op
BenchmarkA-8   \t 100\t 100 ns/op\t 16 B/op\t 1 allocs/op
BenchmarkA-8   \t 100\t 200 ns/op\t 16 B/op\t 1 allocs/op
BenchmarkB/case-2-8 \t 10\t 7 ns/op
BenchmarkB/case-2-8 \t 10\t 9 ns/op
PASS
ok  \texample.com/m/p\t1.0s
";

#[test]
fn output_is_reduced_to_medians_per_benchmark() {
    let parsed = Baseline::parse(OUTPUT, "go1.27.3");
    assert_eq!(
        (
            parsed.machine.go.as_str(),
            parsed.machine.goos.as_str(),
            parsed.machine.goarch.as_str(),
            parsed.machine.cpu.as_str()
        ),
        ("go1.27.3", "linux", "amd64", "Test CPU")
    );
    let names: Vec<&str> = parsed.benchmarks.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "example.com/m/p.BenchmarkA",
            "example.com/m/p.BenchmarkB/case-2"
        ]
    );
    assert_eq!(
        parsed.benchmarks["example.com/m/p.BenchmarkA"],
        BenchResult {
            ns_per_op: 200.0,
            bytes_per_op: Some(16.0),
            allocs_per_op: Some(1.0)
        }
    );
    let b = parsed.benchmarks["example.com/m/p.BenchmarkB/case-2"];
    assert!((b.ns_per_op - 8.0).abs() < f64::EPSILON, "{b:?}");
    let round_trip = Baseline::from_json(&parsed.to_json()).expect("reads back");
    assert_eq!(round_trip, parsed);
    assert!(parsed.to_json().ends_with("}\n"));
}

#[test]
fn slower_than_the_tolerance_fails_with_old_new_and_delta() {
    let old = Baseline::parse(OUTPUT, "go1.27.3");
    let mut new = old.clone();
    new.benchmarks
        .get_mut("example.com/m/p.BenchmarkA")
        .expect("A")
        .ns_per_op = 230.0;
    let outcome = compare_bench("go-bench", &old, &new, 0.05);
    assert_eq!(outcome.status(), &Status::Failed);
    let messages: Vec<&str> = outcome
        .findings()
        .iter()
        .map(crate::Finding::message)
        .collect();
    assert_eq!(
        messages,
        ["example.com/m/p.BenchmarkA: ns/op 200.0 → 230.0 (+15.0%), over the tolerance of 5.0%"]
    );
    assert!(outcome.output().contains("+15.0%"), "{}", outcome.output());
    assert_eq!(
        compare_bench("go-bench", &old, &new, 0.2).status(),
        &Status::Passed
    );
    let mut other = old.clone();
    other.machine.cpu = "Other CPU".into();
    let outcome = compare_bench("go-bench", &other, &old, 0.05);
    assert_eq!(outcome.status(), &Status::Passed);
    assert!(
        outcome.findings()[0]
            .message()
            .starts_with("warning: the baseline was recorded on another kind of machine")
    );
}

/// Real `go test -bench` runs on a shared machine: the tolerance (+200%)
/// leaves a factor of 3 for noise on each side, between an unchanged rerun
/// (which must pass) and ten times the work (which must fail).
#[test]
fn a_work_dominated_benchmark_slowed_tenfold_is_caught() {
    let dir = fixture("benchwork");
    let target = Target::new(dir.path(), "benchwork").with_packages(vec![PathBuf::from("...")]);
    let options = BenchOptions {
        pattern: ".".into(),
        count: 3,
        args: vec!["-benchtime=2000x".into()],
    };
    let measure = || {
        run_bench(&toolchain(), "go-bench", &target, &options, &Cancel::new())
            .expect("go test ran")
            .expect("benchmarks passed")
    };
    let before = measure();
    assert_eq!(
        before.benchmarks.keys().collect::<Vec<_>>(),
        ["example.com/benchwork/work.BenchmarkHash"]
    );
    let tolerance = 2.0;
    let unchanged = compare_bench("go-bench", &before, &measure(), tolerance);
    assert_eq!(
        unchanged.status(),
        &Status::Passed,
        "{}",
        unchanged.output()
    );
    let work = dir.path().join("benchwork/work/work.go");
    let text = std::fs::read_to_string(&work).expect("read");
    std::fs::write(&work, text.replace("Rounds = 20000", "Rounds = 200000")).expect("write");
    let outcome = compare_bench("go-bench", &before, &measure(), tolerance);
    assert_eq!(outcome.status(), &Status::Failed, "{}", outcome.output());
}

#[test]
fn a_benchmark_that_does_not_build_is_a_failed_outcome() {
    let dir = fixture("benchwork");
    let work = dir.path().join("benchwork/work/work.go");
    std::fs::write(
        &work,
        "package work\n\nfunc Hash(seed uint64) uint64 { return nope }\n",
    )
    .expect("write");
    let target = Target::new(dir.path(), "benchwork").with_packages(vec![PathBuf::from("...")]);
    let options = BenchOptions {
        pattern: ".".into(),
        count: 1,
        args: Vec::new(),
    };
    let failed = run_bench(&toolchain(), "go-bench", &target, &options, &Cancel::new())
        .expect("go test ran")
        .expect_err("does not build");
    assert_eq!(failed.status(), &Status::Failed);
    assert_eq!(
        failed.findings()[0].file(),
        Some(std::path::Path::new("benchwork/work/work.go"))
    );
}
