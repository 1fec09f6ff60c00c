//! benchstat's decision rule plus a threshold: per benchmark and unit, the
//! U test between the baseline's runs and the new runs at `alpha`, and a
//! failure only when the difference is significant *and* the new median is
//! slower than the baseline's by more than the tolerance. The result is
//! data ([`BenchComparison`]) that the table and the outcome are made from.

use super::{Baseline, BenchResult, BenchUnit};
use crate::go::stats::{CONFIDENCE, Summary, min_samples_for_test, smallest_p, summarize, u_test};
use crate::{Finding, Outcome, Status};

/// When a benchmark fails.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenchRule {
    /// How much slower than the baseline a median may get, as a fraction
    /// (`0.05` = 5 %).
    pub tolerance: f64,
    /// The significance level of the U test (`0.05`).
    pub alpha: f64,
}

/// One unit of one benchmark, baseline against now.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitComparison {
    /// `<import path>.<name>`.
    pub benchmark: String,
    /// What is measured.
    pub unit: BenchUnit,
    /// The baseline's median and interval (unbounded for a baseline with
    /// medians only).
    pub old: Summary,
    /// The new median and interval.
    pub new: Summary,
    /// The baseline's runs (0 for a baseline with medians only).
    pub old_runs: usize,
    /// The new runs.
    pub new_runs: usize,
    /// The U test's p-value (1 when every value is the same); `None` when
    /// a side has no runs.
    pub p: Option<f64>,
    /// The change of the median, `new / old - 1` (infinite from zero).
    pub delta: f64,
    /// Whether the runs are enough for the test to reach `alpha`.
    pub testable: bool,
    /// Whether `p <= alpha` (never when not testable).
    pub significant: bool,
    /// Whether this unit fails the check.
    pub failed: bool,
}

/// The geometric mean of one unit's medians over the benchmarks compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Geomean {
    /// What is measured.
    pub unit: BenchUnit,
    /// Over the baseline's medians.
    pub old: f64,
    /// Over the new medians.
    pub new: f64,
    /// `new / old - 1`.
    pub delta: f64,
}

/// Everything go-bench's verdict and table are made of.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchComparison {
    /// The rule applied.
    pub rule: BenchRule,
    /// Per benchmark (sorted) and unit.
    pub rows: Vec<UnitComparison>,
    /// Per unit, over the benchmarks with positive medians on both sides.
    pub geomeans: Vec<Geomean>,
    /// Benchmarks the baseline does not have.
    pub added: Vec<String>,
    /// Benchmarks of the baseline that did not run.
    pub gone: Vec<String>,
    /// What the reader must know to trust the verdict: runs too spread for
    /// the tolerance, a baseline without runs, too few runs for the test.
    pub notes: Vec<String>,
    /// Set when the baseline was recorded on another kind of machine.
    pub other_machine: Option<String>,
}

impl BenchComparison {
    /// Compares `current` with `baseline` under `rule`.
    pub fn new(baseline: &Baseline, current: &Baseline, rule: BenchRule) -> Self {
        let mut rows = Vec::new();
        let mut added = Vec::new();
        for (bench, now) in &current.benchmarks {
            match baseline.benchmarks.get(bench) {
                Some(was) => rows.extend(
                    BenchUnit::ALL
                        .into_iter()
                        .filter_map(|unit| compare_unit(bench, unit, was, now, rule)),
                ),
                None => added.push(bench.clone()),
            }
        }
        let gone = baseline
            .benchmarks
            .keys()
            .filter(|b| !current.benchmarks.contains_key(*b))
            .cloned()
            .collect();
        let geomeans = BenchUnit::ALL
            .into_iter()
            .filter_map(|unit| geomean(&rows, unit))
            .collect();
        let notes = notes(&rows, rule);
        Self {
            rule,
            rows,
            geomeans,
            added,
            gone,
            notes,
            other_machine: other_machine(baseline, current),
        }
    }

    /// Whether any benchmark fails.
    pub fn failed(&self) -> bool {
        self.rows.iter().any(|row| row.failed)
    }

    /// The check's outcome: a finding per failed unit (and one warning
    /// when the machines differ), the table as its output.
    pub fn outcome(&self, name: &str) -> Outcome {
        let mut findings: Vec<Finding> = self
            .rows
            .iter()
            .filter(|row| row.failed)
            .map(|row| failure(row, self.rule))
            .collect();
        if let Some(warning) = &self.other_machine {
            findings.push(Finding::new(warning.clone()).with_hint(
                "record a baseline on this kind of machine with `hookrc go bench --update`",
            ));
        }
        let status = if self.failed() {
            Status::Failed
        } else {
            Status::Passed
        };
        Outcome::new(name, status)
            .with_findings(findings)
            .with_output(self.table())
    }
}

/// Compares `current` with `baseline` under `rule`: the outcome of
/// [`BenchComparison::new`], with the benchstat-like table as its output.
pub fn compare_bench(
    name: &str,
    baseline: &Baseline,
    current: &Baseline,
    rule: BenchRule,
) -> Outcome {
    BenchComparison::new(baseline, current, rule).outcome(name)
}

fn compare_unit(
    bench: &str,
    unit: BenchUnit,
    was: &BenchResult,
    now: &BenchResult,
    rule: BenchRule,
) -> Option<UnitComparison> {
    let (old_median, old_runs) = was.unit(unit)?;
    let (new_median, new_runs) = now.unit(unit)?;
    let old = side(old_median, old_runs);
    let new = side(new_median, new_runs);
    let delta = change(old.center, new.center);
    let measured = !old_runs.is_empty() && !new_runs.is_empty();
    let p = measured.then(|| u_test(old_runs, new_runs).map_or(1.0, |test| test.p));
    let testable = measured && smallest_p(old_runs.len(), new_runs.len()) <= rule.alpha;
    let significant = testable && p.is_some_and(|p| p <= rule.alpha);
    Some(UnitComparison {
        benchmark: bench.to_owned(),
        unit,
        old,
        new,
        old_runs: old_runs.len(),
        new_runs: new_runs.len(),
        p,
        delta,
        testable,
        significant,
        failed: delta > rule.tolerance && (significant || !testable),
    })
}

/// The runs' summary, or the median alone with an unbounded interval.
fn side(median: f64, runs: &[f64]) -> Summary {
    summarize(runs, CONFIDENCE).unwrap_or(Summary {
        center: median,
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
        confidence: 0.0,
    })
}

/// The relative change; growth from zero is infinite.
pub(super) fn change(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        return if new > 0.0 { f64::INFINITY } else { 0.0 };
    }
    (new - old) / old
}

fn geomean(rows: &[UnitComparison], unit: BenchUnit) -> Option<Geomean> {
    let pairs: Vec<(f64, f64)> = rows
        .iter()
        .filter(|row| row.unit == unit && row.old.center > 0.0 && row.new.center > 0.0)
        .map(|row| (row.old.center.ln(), row.new.center.ln()))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let count = f64::from(u32::try_from(pairs.len()).unwrap_or(u32::MAX));
    let old = (pairs.iter().map(|p| p.0).sum::<f64>() / count).exp();
    let new = (pairs.iter().map(|p| p.1).sum::<f64>() / count).exp();
    Some(Geomean {
        unit,
        old,
        new,
        delta: change(old, new),
    })
}

fn failure(row: &UnitComparison, rule: BenchRule) -> Finding {
    let evidence = match row.p {
        Some(p) if row.testable => format!("p={p:.3} {}", runs(row)),
        _ => "significance not tested".to_owned(),
    };
    Finding::new(format!(
        "{}: {} {:.1} → {:.1} ({}, {evidence}), over the tolerance of {:.1}%",
        row.benchmark,
        row.unit.label(),
        row.old.center,
        row.new.center,
        super::table::format_delta(row.delta),
        rule.tolerance * 100.0
    ))
}

/// `n=10`, or `n=10+6` when the sides differ.
pub(super) fn runs(row: &UnitComparison) -> String {
    if row.old_runs == row.new_runs {
        format!("n={}", row.old_runs)
    } else {
        format!("n={}+{}", row.old_runs, row.new_runs)
    }
}

fn other_machine(baseline: &Baseline, current: &Baseline) -> Option<String> {
    let (old, new) = (&baseline.machine, &current.machine);
    if (&old.goos, &old.goarch, &old.cpu, &old.go) == (&new.goos, &new.goarch, &new.cpu, &new.go) {
        return None;
    }
    Some(format!(
        "warning: the baseline was recorded on another kind of machine ({} {}/{}, {}); this is {} {}/{}, {}: the comparison may not mean much",
        old.go, old.goos, old.goarch, old.cpu, new.go, new.goos, new.goarch, new.cpu
    ))
}

/// One note per cause and benchmark: medians only, too few runs, runs
/// spread wider than the tolerance.
fn notes(rows: &[UnitComparison], rule: BenchRule) -> Vec<String> {
    let mut notes: Vec<String> = Vec::new();
    let mut push = |note: String| {
        if !notes.contains(&note) {
            notes.push(note);
        }
    };
    for row in rows {
        let bench = &row.benchmark;
        if row.old_runs == 0 {
            push(format!(
                "`{bench}`: the baseline holds medians only (recorded before hookrc kept every run), so significance cannot be tested: judged by the medians and the tolerance alone; re-record it with `hookrc go bench --update`"
            ));
        } else if !row.testable {
            push(format!(
                "`{bench}`: {} runs cannot show a difference at alpha {} (the U test needs {} a side): judged by the medians and the tolerance alone; re-record the baseline with `hookrc go bench --update`",
                runs(row),
                rule.alpha,
                min_samples_for_test(rule.alpha)
            ));
        }
        let spread = [row.old, row.new]
            .iter()
            .filter_map(Summary::relative_spread)
            .fold(0.0f64, f64::max);
        if spread > rule.tolerance {
            push(format!(
                "`{bench}` {}: the runs spread ±{:.0}% around the median (95% interval), wider than the tolerance of {:.0}%: a change that small cannot be told from noise; more runs (`count`), a longer `-benchtime` or a quieter machine narrow it",
                row.unit.label(),
                spread * 100.0,
                rule.tolerance * 100.0
            ));
        }
    }
    notes
}
