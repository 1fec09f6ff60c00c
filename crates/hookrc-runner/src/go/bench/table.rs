//! The benchstat-like text table of a [`BenchComparison`]: one section per
//! unit with the baseline's and the new median ± their 95 % interval, the
//! change or `~` where it is not significant, the p-value and the run
//! counts, a geomean row; then the added and missing benchmarks and the
//! notes.

use std::fmt::Write as _;

use super::BenchUnit;
use super::compare::{BenchComparison, UnitComparison, runs};
use crate::go::stats::Summary;

impl BenchComparison {
    /// The table, as text ending in a newline (empty when nothing ran).
    pub fn table(&self) -> String {
        let width = self
            .rows
            .iter()
            .map(|row| row.benchmark.chars().count())
            .chain(
                self.added
                    .iter()
                    .chain(&self.gone)
                    .map(|b| b.chars().count()),
            )
            .max()
            .unwrap_or(0)
            .max("geomean".len());
        let mut text = String::new();
        for unit in BenchUnit::ALL {
            self.section(&mut text, unit, width);
        }
        for (label, names) in [("new", &self.added), ("gone", &self.gone)] {
            for bench in names {
                let _ = writeln!(text, "{bench:<width$}  {label}");
            }
        }
        if let Some(warning) = &self.other_machine {
            let _ = writeln!(text, "{warning}");
        }
        for note in &self.notes {
            let _ = writeln!(text, "note: {note}");
        }
        text
    }
}

impl BenchComparison {
    /// One unit's rows and geomean, after a blank line when `text` has
    /// something already; nothing when no benchmark reported the unit.
    fn section(&self, text: &mut String, unit: BenchUnit, width: usize) {
        let rows: Vec<&UnitComparison> = self.rows.iter().filter(|r| r.unit == unit).collect();
        if rows.is_empty() {
            return;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        let mut line = |name: &str, old: String, new: String, change: String| {
            let _ = writeln!(text, "{name:<width$}  {old:>14}  {new:>14}  {change}");
        };
        line(
            header(unit),
            "baseline".into(),
            "now".into(),
            "vs baseline".into(),
        );
        for row in rows {
            line(
                &row.benchmark,
                cell(&row.old, unit, row.old_runs > 0),
                cell(&row.new, unit, row.new_runs > 0),
                verdict(row),
            );
        }
        if let Some(mean) = self.geomeans.iter().find(|g| g.unit == unit) {
            line(
                "geomean",
                scaled(mean.old, unit),
                scaled(mean.new, unit),
                percent(mean.delta),
            );
        }
    }
}

/// The relative change as findings say it: `+15.0%`.
pub(super) fn format_delta(delta: f64) -> String {
    if delta.is_infinite() {
        "+inf%".to_owned()
    } else {
        format!("{:+.1}%", delta * 100.0)
    }
}

/// The change as benchstat shows it: `+15.00%`.
fn percent(delta: f64) -> String {
    if delta.is_infinite() {
        "+inf%".to_owned()
    } else {
        format!("{:+.2}%", delta * 100.0)
    }
}

fn header(unit: BenchUnit) -> &'static str {
    match unit {
        BenchUnit::NsPerOp => "sec/op",
        other => other.label(),
    }
}

/// `12.34µ ± 2%`; `± ∞` when the runs are too few for an interval, `± ?`
/// when its bounds are not on the median's side of zero, and the median
/// alone when there are no runs.
fn cell(summary: &Summary, unit: BenchUnit, measured: bool) -> String {
    let center = scaled(summary.center, unit);
    if !measured {
        return center;
    }
    match summary.relative_spread() {
        Some(spread) => format!("{center} ± {:.0}%", spread * 100.0),
        None if summary.lo.is_infinite() || summary.hi.is_infinite() => format!("{center} ± ∞"),
        None => format!("{center} ± ?"),
    }
}

/// `+15.00% (p=0.000 n=10)`, `~ (p=0.481 n=10)`, or the change of the
/// medians when the test could not be made.
fn verdict(row: &UnitComparison) -> String {
    match row.p {
        Some(p) if row.testable && row.significant => {
            format!("{} (p={p:.3} {})", percent(row.delta), runs(row))
        }
        Some(p) if row.testable => format!("~ (p={p:.3} {})", runs(row)),
        _ => format!("{} ({}, not tested)", percent(row.delta), runs(row)),
    }
}

/// Four significant digits with a prefix: seconds (`n`, `µ`, `m`) for
/// time, binary (`Ki`, `Mi`, `Gi`) for bytes, decimal (`k`, `M`, `G`) for
/// counts.
fn scaled(value: f64, unit: BenchUnit) -> String {
    if !value.is_finite() {
        return "?".to_owned();
    }
    let (value, base, prefixes): (f64, f64, &[&str]) = match unit {
        BenchUnit::NsPerOp => (value, 1000.0, &["n", "µ", "m", ""]),
        BenchUnit::BytesPerOp => (value, 1024.0, &["", "Ki", "Mi", "Gi"]),
        _ => (value, 1000.0, &["", "k", "M", "G"]),
    };
    let mut scaled = value;
    let mut prefix = prefixes.first().copied().unwrap_or_default();
    for next in prefixes.iter().skip(1) {
        if scaled.abs() < base {
            break;
        }
        scaled /= base;
        prefix = next;
    }
    let digits = match scaled.abs() {
        x if x < 10.0 => 3,
        x if x < 100.0 => 2,
        _ => 1,
    };
    format!("{scaled:.digits$}{prefix}")
}
