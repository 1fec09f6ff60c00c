//! go-fmt: is each file's content (the staged blob, handed over as bytes)
//! what `gofmt` would make of it?
//!
//! Each file goes through `gofmt` on stdin, files in parallel: nothing is
//! written to disk, so the working tree is never read or touched. An
//! unformatted file becomes a [`Finding`] with a unified diff (made with
//! `similar`), and its formatted bytes are returned so the binary can apply a
//! fix to the index. A syntax error is a finding at gofmt's line and column.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use similar::TextDiff;

use crate::go::GoError;
use crate::go::target::split_location;
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Finding, Job, Outcome, ProcessStatus, run, run_ordered};

/// The result of [`check_format`]: the outcome and the formatted content of
/// every file that was not formatted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatReport {
    outcome: Outcome,
    formatted: Vec<(PathBuf, Vec<u8>)>,
}

impl FormatReport {
    /// Passed, or failed with one finding (and diff) per unformatted file and
    /// one per syntax error.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// `(path, gofmt's output)` for each unformatted file, in input order.
    pub fn formatted(&self) -> &[(PathBuf, Vec<u8>)] {
        &self.formatted
    }

    /// Takes the outcome and the formatted files apart.
    pub fn into_parts(self) -> (Outcome, Vec<(PathBuf, Vec<u8>)>) {
        (self.outcome, self.formatted)
    }
}

/// What gofmt said about one file.
enum Verdict {
    Clean,
    Unformatted(Vec<u8>),
    Invalid(Vec<Finding>),
}

/// Runs `gofmt` on each `(repo path, content)` with at most `max_jobs` at
/// once, and reports the outcome under the check name `name`. With a
/// `timeout`, the whole check has that long: a file still running then is
/// stopped and reported.
///
/// # Errors
///
/// [`GoError::Exec`] when `gofmt` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn check_format(
    toolchain: &Toolchain,
    name: &str,
    files: Vec<(PathBuf, Vec<u8>)>,
    max_jobs: usize,
    timeout: Option<Duration>,
    cancel: &Cancel,
) -> Result<FormatReport, GoError> {
    let start = Instant::now();
    let deadline = timeout.map(|t| (start + t, t));
    let verdicts = run_ordered(files, max_jobs, |(path, content)| {
        let verdict = gofmt(toolchain, &path, &content, deadline, cancel);
        (path, content, verdict)
    });
    let mut findings = Vec::new();
    let mut formatted = Vec::new();
    for (path, content, verdict) in verdicts {
        match verdict? {
            Verdict::Clean => {}
            Verdict::Invalid(errors) => findings.extend(errors),
            Verdict::Unformatted(output) => {
                findings.push(unformatted_finding(&path, &content, &output));
                formatted.push((path, output));
            }
        }
    }
    let outcome = Outcome::judged(name, findings).with_duration(start.elapsed());
    Ok(FormatReport { outcome, formatted })
}

/// Which of the files `paths` (relative to `root`, where each holds exactly
/// the content to judge) gofmt would change or cannot parse: one
/// `gofmt -l` over all of them (in batches that fit a command line) instead
/// of a process per file. Only these need [`check_format`]'s per-file run.
///
/// # Errors
///
/// [`GoError::Exec`] when `gofmt` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn unformatted_on_disk(
    toolchain: &Toolchain,
    root: &Path,
    paths: &[PathBuf],
    timeout: Option<Duration>,
    cancel: &Cancel,
) -> Result<Vec<PathBuf>, GoError> {
    let names: Vec<std::ffi::OsString> = paths.iter().map(|p| p.as_os_str().to_owned()).collect();
    let fixed = vec![
        toolchain.gofmt().as_os_str().to_owned(),
        "-l".into(),
        "--".into(),
    ];
    let mut flagged = Vec::new();
    for argv in crate::batch_args(&fixed, &names, crate::DEFAULT_MAX_ARG_BYTES) {
        let mut job = Job::new(argv, root).with_env(toolchain.env().clone());
        if let Some(timeout) = timeout {
            job = job.with_timeout(timeout);
        }
        let done = run(&job, cancel).map_err(|source| GoError::Exec {
            tool: "gofmt".to_owned(),
            source,
        })?;
        match done.status() {
            ProcessStatus::Cancelled => {
                return Err(GoError::Interrupted {
                    tool: "gofmt".to_owned(),
                });
            }
            ProcessStatus::Exited(0) => {
                let listed = String::from_utf8_lossy(done.stdout()).into_owned();
                flagged.extend(
                    paths
                        .iter()
                        .filter(|p| listed.lines().any(|line| Path::new(line) == p.as_path()))
                        .cloned(),
                );
            }
            // A syntax error or a stop: let the per-file run say what and where.
            _ => return Ok(paths.to_vec()),
        }
    }
    Ok(flagged)
}

fn gofmt(
    toolchain: &Toolchain,
    path: &Path,
    content: &[u8],
    deadline: Option<(Instant, Duration)>,
    cancel: &Cancel,
) -> Result<Verdict, GoError> {
    // The formatted file is data of about the input's size: never cut it.
    let mut job = Job::new([toolchain.gofmt()], "/")
        .with_env(toolchain.env().clone())
        .with_stdin(content.to_vec())
        .with_output_cap(None);
    if let Some((at, _)) = deadline {
        job = job.with_timeout(at.saturating_duration_since(Instant::now()));
    }
    let done = run(&job, cancel).map_err(|source| GoError::Exec {
        tool: "gofmt".to_owned(),
        source,
    })?;
    match done.status() {
        ProcessStatus::Exited(0) if done.stdout() == content => Ok(Verdict::Clean),
        ProcessStatus::Exited(0) => Ok(Verdict::Unformatted(done.into_output().0)),
        ProcessStatus::Cancelled => Err(GoError::Interrupted {
            tool: "gofmt".to_owned(),
        }),
        ProcessStatus::TimedOut => {
            let limit = deadline.map(|(_, limit)| limit).unwrap_or_default();
            let message =
                format!("`gofmt` did not finish within the check's {limit:?} and was stopped");
            Ok(Verdict::Invalid(vec![
                Finding::new(message).with_file(path),
            ]))
        }
        status => Ok(Verdict::Invalid(syntax_findings(
            path,
            done.stderr(),
            status,
        ))),
    }
}

/// gofmt's `<standard input>:line:col: message` lines as findings in `path`.
fn syntax_findings(path: &Path, stderr: &[u8], status: ProcessStatus) -> Vec<Finding> {
    let stderr = String::from_utf8_lossy(stderr);
    let findings: Vec<Finding> = stderr
        .lines()
        .filter_map(split_location)
        .map(|(_, line, column, message)| Finding::new(message).with_file(path).at(line, column))
        .collect();
    if findings.is_empty() {
        let detail = stderr.trim();
        vec![Finding::new(format!("gofmt failed ({status:?}): {detail}")).with_file(path)]
    } else {
        findings
    }
}

fn unformatted_finding(path: &Path, original: &[u8], formatted: &[u8]) -> Finding {
    let before = String::from_utf8_lossy(original);
    let after = String::from_utf8_lossy(formatted);
    let shown = path.to_string_lossy();
    let diff = TextDiff::from_lines(before.as_ref(), after.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string();
    Finding::new("not formatted as gofmt would")
        .with_file(path)
        .with_hint(format!("run `gofmt -w {shown}` and stage the result"))
        .with_diff(diff)
}

#[cfg(test)]
mod tests;
