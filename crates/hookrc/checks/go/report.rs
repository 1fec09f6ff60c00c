//! Turning the runner's outcomes and errors into check reports, and
//! running a check's parts side by side into one report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use hookrc_runner::go::GoError;
use hookrc_runner::{Outcome, Status};

use super::PackageRun;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::paths;
use crate::output::report::{CheckReport, CheckStatus};

/// A check's report from the runner's outcome: findings become diagnostics,
/// diffs go to the check's output.
pub(crate) fn report(name: &str, outcome: &Outcome) -> CheckReport {
    let status = match outcome.status() {
        Status::Passed => CheckStatus::Passed,
        Status::Skipped(why) => CheckStatus::Skipped(why.clone()),
        _ => CheckStatus::Failed,
    };
    let mut report = CheckReport::new(name, status);
    report.duration = outcome.duration();
    // The tool's own words name temporary files (an overlay's copies);
    // once its findings are read, they say it with repo paths.
    if outcome.findings().is_empty() {
        outcome.output().clone_into(&mut report.output);
    }
    for finding in outcome.findings() {
        if let Some(diff) = finding.diff() {
            report.output.push_str(diff);
        }
        let mut diagnostic = Diagnostic::new(name, Severity::Error, finding.message());
        diagnostic.file = finding.file().map(Path::to_path_buf);
        diagnostic.line = finding.line();
        diagnostic.column = finding.column();
        diagnostic.hint = finding.hint().map(str::to_owned);
        report.diagnostics.push(diagnostic);
    }
    report
}

/// go-fmt's hint on each file gofmt would change (`formatted`: its
/// formatted content), with the path as the user types it: on the index,
/// `git add` alone when the working tree already holds that content, else
/// `gofmt -w` and then `git add`; on a commit or the working tree,
/// `gofmt -w`.
pub(crate) fn fmt_hints(
    report: &mut CheckReport,
    formatted: &[(PathBuf, Vec<u8>)],
    root: &Path,
    on_index: bool,
) {
    let prefix = paths::user_prefix(root);
    for diagnostic in &mut report.diagnostics {
        let Some((path, content)) = formatted
            .iter()
            .find(|(path, _)| diagnostic.file.as_deref() == Some(path.as_path()))
        else {
            continue;
        };
        report.context_bound = true;
        let shown = paths::from_prefix(&prefix, path);
        let on_disk = std::fs::read(root.join(path)).ok();
        diagnostic.hint = Some(if !on_index {
            format!("run `gofmt -w {shown}`")
        } else if on_disk.as_ref() == Some(content) {
            format!("the working tree already holds it formatted: `git add {shown}` stages that")
        } else {
            format!("run `gofmt -w {shown}`, then `git add {shown}`")
        });
    }
}

/// A benchmark check's report: the comparison's table is shown whether it
/// passed or not (people judge a gate by its numbers).
pub(crate) fn bench_report(name: &str, outcome: &Outcome) -> CheckReport {
    let mut report = report(name, outcome);
    outcome.output().clone_into(&mut report.output);
    report.output_always = true;
    report
}

/// A check that could not run: interrupted (exit 130) or an error (exit 2)
/// whose message names what is missing and where it was looked for.
pub(crate) fn error_report(name: &str, error: &GoError) -> CheckReport {
    if matches!(error, GoError::Interrupted { .. }) {
        return CheckReport::new(name, CheckStatus::Interrupted);
    }
    let text = chain(error);
    let (message, hint) = match text.split_once("\nhint: ") {
        Some((message, hint)) => (message.to_owned(), Some(hint.to_owned())),
        None => (text, None),
    };
    let mut report = CheckReport::new(name, CheckStatus::Error);
    let mut diagnostic = Diagnostic::new(name, Severity::Error, message);
    diagnostic.hint = hint;
    report.diagnostics.push(diagnostic);
    report
}

/// A check that could not read the repository: an error (exit 2).
pub(crate) fn repo_error_report(name: &str, error: &anyhow::Error) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report
        .diagnostics
        .push(Diagnostic::new(name, Severity::Error, format!("{error:#}")));
    report
}

/// An error and its causes, `: `-joined.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Run `each` on every package run side by side and merge the outcomes in
/// order; the first error wins.
pub(crate) fn run_merged(
    name: &str,
    runs: Vec<PackageRun>,
    each: impl Fn(PackageRun) -> anyhow::Result<Result<Outcome, GoError>> + Sync + Send,
) -> CheckReport {
    merged(name, runs, |run| match each(run) {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(err)) => Err(error_report(name, &err)),
        Err(err) => Err(repo_error_report(name, &err)),
    })
}

/// Run `each` on every item (a package run, a module) side by side and
/// merge the outcomes, in order, into one report timed by the wall clock;
/// the first report `each` returns instead of an outcome wins.
pub(crate) fn merged<T: Send>(
    name: &str,
    items: Vec<T>,
    each: impl Fn(T) -> Result<Outcome, CheckReport> + Sync + Send,
) -> CheckReport {
    let start = Instant::now();
    let mut parts = Vec::new();
    for result in hookrc_runner::run_on_cores(items, each) {
        match result {
            Ok(outcome) => parts.push(outcome),
            Err(report) => return report,
        }
    }
    let mut report = report(name, &Outcome::merge(name, parts));
    report.duration = start.elapsed();
    report
}
