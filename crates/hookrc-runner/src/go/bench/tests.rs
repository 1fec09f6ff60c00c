use std::fmt::Write as _;
use std::path::PathBuf;

use super::{
    Baseline, BenchComparison, BenchOptions, BenchResult, BenchRule, BenchUnit, Samples,
    compare_bench, run_bench,
};
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
            allocs_per_op: Some(1.0),
            samples: Samples {
                ns_per_op: vec![300.0, 100.0, 200.0],
                bytes_per_op: vec![16.0; 3],
                allocs_per_op: vec![1.0; 3],
            },
        }
    );
    let b = &parsed.benchmarks["example.com/m/p.BenchmarkB/case-2"];
    assert!((b.ns_per_op - 8.0).abs() < f64::EPSILON, "{b:?}");
    let round_trip = Baseline::from_json(&parsed.to_json()).expect("reads back");
    assert_eq!(round_trip, parsed);
    assert!(parsed.to_json().ends_with("}\n"));
}

const RULE: BenchRule = BenchRule {
    tolerance: 0.05,
    alpha: 0.05,
};

/// A baseline of one benchmark whose ten runs of ns/op are `runs`.
fn ten_runs(runs: [f64; 10]) -> Baseline {
    let mut text =
        String::from("goos: linux\ngoarch: amd64\npkg: example.com/m/p\ncpu: Test CPU\n");
    for ns in runs {
        let _ = writeln!(text, "BenchmarkA-8 	 100	 {ns} ns/op	 16 B/op	 1 allocs/op");
    }
    Baseline::parse(&text, "go1.27.3")
}

const OLD: [f64; 10] = [
    1023.4, 1019.8, 1031.2, 1025.5, 1018.1, 1040.7, 1022.3, 1027.9, 1020.6, 1029.4,
];

fn messages(outcome: &crate::Outcome) -> Vec<&str> {
    outcome
        .findings()
        .iter()
        .map(crate::Finding::message)
        .collect()
}

#[test]
fn a_significant_slowdown_over_the_tolerance_fails_with_the_table() {
    let slower = ten_runs(OLD.map(|ns| ns * 1.5));
    let outcome = compare_bench("go-bench", &ten_runs(OLD), &slower, RULE);
    assert_eq!(outcome.status(), &Status::Failed);
    assert_eq!(
        messages(&outcome),
        [
            "example.com/m/p.BenchmarkA: ns/op 1024.5 → 1536.7 (+50.0%, p=0.000 n=10), over the tolerance of 5.0%"
        ]
    );
    assert_eq!(
        outcome.output(),
        "\
sec/op                            baseline             now  vs baseline
example.com/m/p.BenchmarkA     1.024µ ± 1%     1.537µ ± 1%  +50.00% (p=0.000 n=10)
geomean                             1.024µ          1.537µ  +50.00%

B/op                              baseline             now  vs baseline
example.com/m/p.BenchmarkA      16.00 ± 0%      16.00 ± 0%  ~ (p=1.000 n=10)
geomean                              16.00           16.00  +0.00%

allocs/op                         baseline             now  vs baseline
example.com/m/p.BenchmarkA      1.000 ± 0%      1.000 ± 0%  ~ (p=1.000 n=10)
geomean                              1.000           1.000  +0.00%
"
    );
    // Within a tolerance of 60 %, the same significant change passes.
    let wide = BenchRule {
        tolerance: 0.6,
        ..RULE
    };
    assert_eq!(
        compare_bench("go-bench", &ten_runs(OLD), &slower, wide).status(),
        &Status::Passed
    );
}

#[test]
fn a_median_over_the_tolerance_that_is_not_significant_passes() {
    // Half the runs far slower move the median by 6 %, which the U test
    // does not call a difference (p = 0.28).
    let noisy = [
        1017.0, 1019.0, 1021.0, 1024.0, 1026.0, 1150.0, 1160.0, 1170.0, 1180.0, 1190.0,
    ];
    let comparison = BenchComparison::new(&ten_runs(OLD), &ten_runs(noisy), RULE);
    let row = &comparison.rows[0];
    assert_eq!(row.unit, BenchUnit::NsPerOp);
    assert!(row.delta > RULE.tolerance && !row.significant, "{row:?}");
    assert!(!comparison.failed());
    assert!(
        comparison.table().contains("~ (p="),
        "{}",
        comparison.table()
    );
    assert!(
        comparison
            .notes
            .iter()
            .any(|n| n.contains("wider than the tolerance of 5%")),
        "{:?}",
        comparison.notes
    );
}

#[test]
fn a_baseline_with_medians_only_loads_and_is_judged_by_medians_with_a_note() {
    let old = Baseline::from_json(
        r#"{"machine": {"go": "go1.27.3", "goos": "linux", "goarch": "amd64", "cpu": "Test CPU"},
            "benchmarks": {"example.com/m/p.BenchmarkA": {"ns_per_op": 1000.0, "bytes_per_op": 16.0, "allocs_per_op": 1.0}}}"#,
    )
    .expect("an old baseline loads");
    let comparison = BenchComparison::new(&old, &ten_runs(OLD), RULE);
    assert!(!comparison.failed(), "+2.5% is within 5%");
    assert_eq!(comparison.rows[0].p, None);
    assert!(
        comparison.notes[0].contains("holds medians only"),
        "{:?}",
        comparison.notes
    );
    assert!(comparison.notes[0].contains("hookrc go bench --update"));
    let outcome = compare_bench("go-bench", &old, &ten_runs(OLD.map(|ns| ns * 1.1)), RULE);
    assert_eq!(
        messages(&outcome),
        [
            "example.com/m/p.BenchmarkA: ns/op 1000.0 → 1126.9 (+12.7%, significance not tested), over the tolerance of 5.0%"
        ]
    );
    assert!(
        outcome.output().contains("(n=0+10, not tested)"),
        "{}",
        outcome.output()
    );
}

#[test]
fn too_few_runs_for_the_test_are_judged_by_medians_with_a_note() {
    let three = Baseline::parse(
        &OUTPUT.replace("BenchmarkB/case-2-8 \t 10\t 9 ns/op\n", ""),
        "go1.27.3",
    );
    let mut slower = three.clone();
    let a = slower
        .benchmarks
        .get_mut("example.com/m/p.BenchmarkA")
        .expect("A");
    a.ns_per_op = 230.0;
    a.samples.ns_per_op = vec![330.0, 130.0, 230.0];
    let comparison = BenchComparison::new(&three, &slower, RULE);
    assert!(comparison.failed());
    assert!(
        comparison.notes.iter().any(|n| n.contains(
            "n=3 runs cannot show a difference at alpha 0.05 (the U test needs 4 a side)"
        )),
        "{:?}",
        comparison.notes
    );
    let mut other = three.clone();
    other.machine.cpu = "Other CPU".into();
    let outcome = compare_bench("go-bench", &other, &three, RULE);
    assert_eq!(outcome.status(), &Status::Passed);
    assert!(
        outcome.findings()[0]
            .message()
            .starts_with("warning: the baseline was recorded on another kind of machine")
    );
    assert!(
        outcome
            .output()
            .contains("\nwarning: the baseline was recorded")
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
        count: 6,
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
    let rule = BenchRule {
        tolerance: 2.0,
        alpha: 0.05,
    };
    let unchanged = compare_bench("go-bench", &before, &measure(), rule);
    assert_eq!(
        unchanged.status(),
        &Status::Passed,
        "{}",
        unchanged.output()
    );
    let work = dir.path().join("benchwork/work/work.go");
    let text = std::fs::read_to_string(&work).expect("read");
    std::fs::write(&work, text.replace("Rounds = 20000", "Rounds = 200000")).expect("write");
    let outcome = compare_bench("go-bench", &before, &measure(), rule);
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
