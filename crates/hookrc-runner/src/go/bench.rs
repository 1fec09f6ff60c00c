//! go-bench: `go test -run '^$' -bench <re> -benchmem -count N` on a
//! module, every run's ns/op, B/op and allocs/op per benchmark and their
//! medians, and the baseline file (stable, reviewable JSON that records the
//! Go version, GOOS/GOARCH and CPU). The comparison with benchstat's
//! decision rule is in `compare`, its table in `table`.

use std::collections::BTreeMap;
use std::ffi::OsString;

use crate::go::GoError;
use crate::go::stats::{CONFIDENCE, summarize};
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Outcome, ProcessStatus};

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

/// One benchmark's medians and every run's values.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BenchResult {
    /// The median nanoseconds per operation.
    pub ns_per_op: f64,
    /// The median bytes allocated per operation, when `-benchmem` reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes_per_op: Option<f64>,
    /// The median allocations per operation, when `-benchmem` reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocs_per_op: Option<f64>,
    /// Every run's values, which the significance test needs. Baseline
    /// files written before hookrc kept them have none: they load, and
    /// are compared by their medians alone, with a note.
    #[serde(default, skip_serializing_if = "Samples::is_empty")]
    pub samples: Samples,
}

impl BenchResult {
    /// The median and the runs of `unit` (no runs in an old baseline), if
    /// the benchmark reported it.
    pub fn unit(&self, unit: BenchUnit) -> Option<(f64, &[f64])> {
        let (median, runs) = match unit {
            BenchUnit::NsPerOp => (Some(self.ns_per_op), &self.samples.ns_per_op),
            BenchUnit::BytesPerOp => (self.bytes_per_op, &self.samples.bytes_per_op),
            BenchUnit::AllocsPerOp => (self.allocs_per_op, &self.samples.allocs_per_op),
        };
        median.map(|median| (median, runs.as_slice()))
    }
}

/// Every run's values of one benchmark, per unit, in the order they ran.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Samples {
    /// Nanoseconds per operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ns_per_op: Vec<f64>,
    /// Bytes allocated per operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bytes_per_op: Vec<f64>,
    /// Allocations per operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocs_per_op: Vec<f64>,
}

impl Samples {
    /// No runs at all (a baseline from before samples were kept).
    pub fn is_empty(&self) -> bool {
        self.ns_per_op.is_empty() && self.bytes_per_op.is_empty() && self.allocs_per_op.is_empty()
    }
}

/// What a benchmark reports per operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum BenchUnit {
    /// Time, `ns/op`.
    NsPerOp,
    /// Memory, `B/op`.
    BytesPerOp,
    /// Allocations, `allocs/op`.
    AllocsPerOp,
}

impl BenchUnit {
    /// Every unit, in the order of the table.
    pub const ALL: [BenchUnit; 3] = [
        BenchUnit::NsPerOp,
        BenchUnit::BytesPerOp,
        BenchUnit::AllocsPerOp,
    ];

    /// The unit as `go test -bench` prints it.
    pub fn label(self) -> &'static str {
        match self {
            BenchUnit::NsPerOp => "ns/op",
            BenchUnit::BytesPerOp => "B/op",
            BenchUnit::AllocsPerOp => "allocs/op",
        }
    }
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
                        ns_per_op: median(&ns)?,
                        bytes_per_op: median(&bytes),
                        allocs_per_op: median(&allocs),
                        samples: Samples {
                            ns_per_op: ns,
                            bytes_per_op: bytes,
                            allocs_per_op: allocs,
                        },
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

fn median(values: &[f64]) -> Option<f64> {
    summarize(values, CONFIDENCE).map(|summary| summary.center)
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

mod compare;
mod table;

pub use compare::{BenchComparison, BenchRule, Geomean, UnitComparison, compare_bench};

#[cfg(test)]
mod tests;
