//! Custom command checks: the policy's `run` argv, then git's hook
//! arguments, then the matching file names as separate argv entries (in
//! batches that fit a command line), never through a shell unless the check
//! sets `shell`. The child gets the process environment plus the check's
//! `env`, the hook's stdin, and the check's timeout.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::time::Instant;

use hookrc_policy::CommandCheck;
use hookrc_runner::{Completed, DEFAULT_MAX_ARG_BYTES, ExecError, Job, ProcessStatus, batch_args};

use crate::checks::CheckContext;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::duration;
use crate::output::report::{CheckReport, CheckStatus};

/// Run the custom check `name`.
pub(crate) fn run(name: &str, check: &CommandCheck, context: &CheckContext) -> CheckReport {
    let Some(files) = matching_files(check, context) else {
        return CheckReport::new(name, CheckStatus::Skipped("no files to check".into()));
    };
    let mut fixed: Vec<OsString> = check.argv(name).into_iter().map(OsString::from).collect();
    fixed.extend(context.hook_args.iter().cloned());
    let argvs = if check.pass_filenames() && !files.is_empty() {
        batch_args(&fixed, &files, DEFAULT_MAX_ARG_BYTES)
    } else {
        vec![fixed]
    };
    let env = environment(check, context);
    let start = Instant::now();
    let mut report = CheckReport::new(name, CheckStatus::Passed);
    for argv in argvs {
        let mut job = Job::new(argv, &context.root)
            .with_env(env.clone())
            .with_timeout(check.timeout());
        if let Some(stdin) = &context.stdin {
            job = job.with_stdin(stdin.clone());
        }
        let done = hookrc_runner::run(&job, &context.cancel);
        if !record(&mut report, check, &job, done) {
            break;
        }
    }
    report.duration = start.elapsed();
    report
}

/// The files to pass: `Some([])` for a hook without a file list or a check
/// that runs anyway; `None` when nothing matches and the check is skipped.
fn matching_files(check: &CommandCheck, context: &CheckContext) -> Option<Vec<OsString>> {
    let Some(files) = &context.files else {
        return Some(Vec::new());
    };
    let matching: Vec<OsString> = files
        .iter()
        .filter(|file| check.matches(file))
        .map(|file| file.as_os_str().to_owned())
        .collect();
    (!matching.is_empty() || check.always_run()).then_some(matching)
}

fn environment(check: &CommandCheck, context: &CheckContext) -> BTreeMap<OsString, OsString> {
    let mut env = context.env.clone();
    for (key, value) in check.env().vars() {
        env.insert(key.into(), value.into());
    }
    env
}

/// Fold one batch's result into `report`; `false` when no further batch
/// should run (interrupted, or the command cannot run at all).
fn record(
    report: &mut CheckReport,
    check: &CommandCheck,
    job: &Job,
    done: Result<Completed, ExecError>,
) -> bool {
    let done = match done {
        Ok(done) => done,
        Err(err) => {
            cannot_run(report, check, &err);
            return false;
        }
    };
    report
        .output
        .push_str(&String::from_utf8_lossy(done.stdout()));
    report
        .output
        .push_str(&String::from_utf8_lossy(done.stderr()));
    let program = job
        .argv()
        .first()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (message, hint) = match done.status() {
        ProcessStatus::Exited(0) => return true,
        ProcessStatus::Cancelled => {
            report.status = CheckStatus::Interrupted;
            return false;
        }
        ProcessStatus::Exited(code) => (format!("`{program}` exited with status {code}"), None),
        ProcessStatus::Signaled(signal) => {
            (format!("`{program}` was killed by signal {signal}"), None)
        }
        ProcessStatus::TimedOut => (
            format!(
                "`{program}` did not finish within {} and was stopped",
                duration(check.timeout())
            ),
            Some(format!(
                "raise `timeout` under `[check.{}]` if it needs longer",
                report.name
            )),
        ),
        other => (format!("`{program}` ended abnormally ({other:?})"), None),
    };
    fail(report, message, hint);
    true
}

/// A failed batch: the check fails, with one diagnostic per distinct cause.
fn fail(report: &mut CheckReport, message: String, hint: Option<String>) {
    report.status = CheckStatus::Failed;
    if report.diagnostics.iter().all(|d| d.message != message) {
        let mut diagnostic = Diagnostic::new(&report.name, Severity::Error, message);
        diagnostic.hint = hint;
        report.diagnostics.push(diagnostic);
    }
}

/// The command could not be started: a skip for an `optional` check whose
/// program is missing, else an error (exit 2).
fn cannot_run(report: &mut CheckReport, check: &CommandCheck, err: &ExecError) {
    let name = report.name.clone();
    if let ExecError::NotFound { program } = err {
        if check.optional() {
            report.status =
                CheckStatus::Skipped(format!("`{}` is not installed", program.display()));
            report
                .diagnostics
                .push(Diagnostic::new(&name, Severity::Warning, err.to_string()));
            return;
        }
        report.status = CheckStatus::Error;
        report.diagnostics.push(Diagnostic::new(&name, Severity::Error, err.to_string()).with_hint(format!(
            "install `{}`, or set `optional = true` under `[check.{name}]` to skip the check where it is missing",
            program.display()
        )));
        return;
    }
    report.status = CheckStatus::Error;
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        let _ = write!(message, ": {cause}");
        source = cause.source();
    }
    report
        .diagnostics
        .push(Diagnostic::new(&name, Severity::Error, message));
}
