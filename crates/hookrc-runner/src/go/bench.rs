//! go-bench: `go test -run '^$' -bench <re> -benchmem -count N` on a
//! module, the median ns/op, B/op and allocs/op per benchmark, a baseline
//! file (stable, reviewable JSON that records the Go version, GOOS/GOARCH and
//! CPU), and a benchstat-like comparison with a tolerance. A baseline from
//! another kind of machine gives a warning finding, never a silent verdict.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;

use crate::go::GoError;
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Finding, Outcome, ProcessStatus, Status};

/// Which benchmarks to run and how often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenchOptions {
    /// The `-bench` regex.
    pub pattern: String,
    /// `-count`.
    pub count: u32,
    /// Extra `go test` arguments (e.g. `-benchtime`).
    pub args: Vec<OsString>,
}

/// Where benchmarks were measured.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Machine {
    /// `GOVERSION`, e.g. `go1.27.3`.
    pub go: String,
    /// `GOOS`.
    pub goos: String,
    /// `GOARCH`.
    pub goarch: String,
    /// The `cpu:` line `go test -bench` prints.
    pub cpu: String,
}

/// The medians of one benchmark.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BenchResult {
    /// Nanoseconds per operation.
    pub ns_per_op: f64,
    /// Bytes allocated per operation, when `-benchmem` reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes_per_op: Option<f64>,
    /// Allocations per operation, when `-benchmem` reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocs_per_op: Option<f64>,
}

/// Benchmarks by `<import path>.<name>` (without the `-GOMAXPROCS` suffix),
/// and the machine they ran on: what the baseline file holds.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    /// Where they ran.
    pub machine: Machine,
    /// The medians, by benchmark.
    pub benchmarks: BTreeMap<String, BenchResult>,
}

impl Baseline {
    /// The file's text: pretty JSON with sorted keys and a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file's text.
    ///
    /// # Errors
    ///
    /// The JSON error, with its line and column.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Adds another module's benchmarks (the machine of the first is kept).
    pub fn extend(&mut self, other: Baseline) {
        if self.benchmarks.is_empty() && self.machine == Machine::default() {
            self.machine = other.machine;
        }
        self.benchmarks.extend(other.benchmarks);
    }

    /// Parses `go test -bench` output: `goos:`, `goarch:`, `pkg:`, `cpu:`
    /// headers and `Benchmark… N v unit v unit…` lines; medians per name.
    pub fn parse(output: &str, go_version: &str) -> Self {
        let mut machine = Machine {
            go: go_version.to_owned(),
            ..Machine::default()
        };
        let mut package = "";
        let mut samples: BTreeMap<String, [Vec<f64>; 3]> = BTreeMap::new();
        for line in output.lines() {
            if let Some((key, value)) = line.split_once(": ") {
                match key {
                    "goos" => value.trim().clone_into(&mut machine.goos),
                    "goarch" => value.trim().clone_into(&mut machine.goarch),
                    "cpu" => value.trim().clone_into(&mut machine.cpu),
                    "pkg" => package = value.trim(),
                    _ => {}
                }
            }
            let mut fields = line.split_whitespace();
            let Some(name) = fields.next().filter(|n| n.starts_with("Benchmark")) else {
                continue;
            };
            if fields.next().and_then(|n| n.parse::<u64>().ok()).is_none() {
                continue;
            }
            let entry = samples
                .entry(format!("{package}.{}", strip_procs(name)))
                .or_default();
            let values: Vec<&str> = fields.collect();
            for pair in values.chunks_exact(2) {
                let slot = match pair[1] {
                    "ns/op" => 0,
                    "B/op" => 1,
                    "allocs/op" => 2,
                    _ => continue,
                };
                if let Ok(value) = pair[0].parse() {
                    entry[slot].push(value);
                }
            }
        }
        let benchmarks = samples
            .into_iter()
            .filter_map(|(name, [ns, bytes, allocs])| {
                Some((
                    name,
                    BenchResult {
                        ns_per_op: median(ns)?,
                        bytes_per_op: median(bytes),
                        allocs_per_op: median(allocs),
                    },
                ))
            })
            .collect();
        Self {
            machine,
            benchmarks,
        }
    }
}

/// `BenchmarkX/case-8` → `BenchmarkX/case` (the `-GOMAXPROCS` suffix).
fn strip_procs(name: &str) -> &str {
    match name.rsplit_once('-') {
        Some((base, procs)) if !procs.is_empty() && procs.bytes().all(|b| b.is_ascii_digit()) => {
            base
        }
        _ => name,
    }
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        f64::midpoint(values[mid - 1], values[mid])
    } else {
        values[mid]
    })
}

/// Runs the benchmarks of the target's packages. `Ok(Err(outcome))` when
/// `go test` failed (a build error, a failing benchmark): the failed outcome.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn run_bench(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    options: &BenchOptions,
    cancel: &Cancel,
) -> Result<Result<Baseline, Outcome>, GoError> {
    let mut args: Vec<OsString> = vec![
        "test".into(),
        "-run".into(),
        "^$".into(),
        "-bench".into(),
        options.pattern.clone().into(),
        "-benchmem".into(),
        format!("-count={}", options.count).into(),
    ];
    if !target.tags().is_empty() {
        args.push(format!("-tags={}", target.tags().join(",")).into());
    }
    args.extend(options.args.iter().cloned());
    args.extend(target.package_args());
    let job = toolchain.go_job(args, &target.run_dir());
    let done = target.run_tool(job, "go test -bench", cancel)?;
    if done.status() != ProcessStatus::Exited(0) {
        return Ok(Err(tool_outcome(name, "go test -bench", target, &done)));
    }
    let go = toolchain.go_env().get("GOVERSION").unwrap_or_default();
    Ok(Ok(Baseline::parse(
        &String::from_utf8_lossy(done.stdout()),
        go,
    )))
}

/// Compares `current` with `baseline`: a benchmark whose median ns/op, B/op
/// or allocs/op grew by more than `tolerance` (a fraction) fails. The output
/// is a benchstat-like table; a different machine kind is a warning finding.
pub fn compare_bench(
    name: &str,
    baseline: &Baseline,
    current: &Baseline,
    tolerance: f64,
) -> Outcome {
    let mut findings = Vec::new();
    let (old, new) = (&baseline.machine, &current.machine);
    if (&old.goos, &old.goarch, &old.cpu, &old.go) != (&new.goos, &new.goarch, &new.cpu, &new.go) {
        findings.push(Finding::new(format!(
            "warning: the baseline was recorded on another kind of machine ({} {}/{}, {}); this is {} {}/{}, {}: the comparison may not mean much",
            old.go, old.goos, old.goarch, old.cpu, new.go, new.goos, new.goarch, new.cpu
        )).with_hint("record a baseline on this kind of machine with `hookrc go bench --update`"));
    }
    let mut table = format!(
        "{:<50} {:>14} {:>14} {:>9}\n",
        "name", "old", "new", "delta"
    );
    let mut failed = false;
    for (bench, now) in &current.benchmarks {
        let Some(was) = baseline.benchmarks.get(bench) else {
            let _ = writeln!(
                table,
                "{bench:<50} {:>14} {:>14.0} {:>9}",
                "-", now.ns_per_op, "new"
            );
            continue;
        };
        let metrics = [
            ("ns/op", Some(was.ns_per_op), Some(now.ns_per_op)),
            ("B/op", was.bytes_per_op, now.bytes_per_op),
            ("allocs/op", was.allocs_per_op, now.allocs_per_op),
        ];
        for (unit, old_value, new_value) in metrics {
            let (Some(old_value), Some(new_value)) = (old_value, new_value) else {
                continue;
            };
            let delta = change(old_value, new_value);
            let _ = writeln!(
                table,
                "{:<50} {old_value:>14.1} {new_value:>14.1} {:>9}",
                format!("{bench} {unit}"),
                format_delta(delta)
            );
            if delta > tolerance {
                failed = true;
                findings.push(Finding::new(format!(
                    "{bench}: {unit} {old_value:.1} → {new_value:.1} ({}), over the tolerance of {:.1}%",
                    format_delta(delta),
                    tolerance * 100.0
                )));
            }
        }
    }
    for gone in baseline
        .benchmarks
        .keys()
        .filter(|b| !current.benchmarks.contains_key(*b))
    {
        let _ = writeln!(table, "{gone:<50} {:>14} {:>14} {:>9}", "", "-", "gone");
    }
    let status = if failed {
        Status::Failed
    } else {
        Status::Passed
    };
    Outcome::new(name, status)
        .with_findings(findings)
        .with_output(table)
}

/// The relative change; growth from zero is infinite.
fn change(old: f64, new: f64) -> f64 {
    if old == 0.0 {
        return if new > 0.0 { f64::INFINITY } else { 0.0 };
    }
    (new - old) / old
}

fn format_delta(delta: f64) -> String {
    if delta.is_infinite() {
        "+inf%".to_owned()
    } else {
        format!("{:+.1}%", delta * 100.0)
    }
}

#[cfg(test)]
mod tests;
