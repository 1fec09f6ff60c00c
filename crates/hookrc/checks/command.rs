//! Custom command checks: the policy's `run` argv, then git's hook
//! arguments, then the matching file names as separate argv entries (in
//! batches that fit a command line), never through a shell unless the check
//! sets `shell`. The child gets the process environment plus the check's
//! `env`, the hook's stdin, and the check's timeout.
//!
//! The command sees the snapshot: in place when the working tree holds it
//! for the files given and the files a tool finds beside them or above
//! them (its configuration), else in a private checkout of exactly those
//! files, at their repo paths. A command that changes a file it was given
//! fails, naming the file: a check must judge, not edit (the pre-commit
//! framework's rule); the change is reported, not undone.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash as _, Hasher as _};
use std::path::{Path, PathBuf};
use std::time::Instant;

use hookrc_policy::CommandCheck;
use hookrc_runner::{Completed, DEFAULT_MAX_ARG_BYTES, ExecError, Job, ProcessStatus, batch_args};

use crate::checks::CheckContext;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::duration;
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::present::{Presented, Scope};

/// Run the custom check `name`.
pub(crate) fn run(name: &str, check: &CommandCheck, context: &CheckContext<'_>) -> CheckReport {
    let Some(files) = matching_files(check, context) else {
        return CheckReport::new(name, CheckStatus::Skipped("no files to check".into()));
    };
    let presented = match present(context, &files) {
        Ok(presented) => presented,
        Err(err) => return cannot_present(name, &err),
    };
    let cwd = presented.root();
    let before = fingerprints(cwd, &files);
    let mut fixed: Vec<OsString> = check.argv(name).into_iter().map(OsString::from).collect();
    fixed.extend(context.hook_args.iter().cloned());
    let names: Vec<OsString> = files.iter().map(|f| f.as_os_str().to_owned()).collect();
    let argvs = if check.pass_filenames() && !names.is_empty() {
        batch_args(&fixed, &names, DEFAULT_MAX_ARG_BYTES)
    } else {
        vec![fixed]
    };
    let env = environment(check, context);
    let start = Instant::now();
    let mut report = CheckReport::new(name, CheckStatus::Passed);
    for argv in argvs {
        let mut job = Job::new(argv, cwd)
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
    report_modified(&mut report, &files, &before, &fingerprints(cwd, &files));
    if !presented.in_place() {
        report.output = repo_paths(&report.output, cwd);
    }
    report.duration = start.elapsed();
    report
}

/// Where the command sees the snapshot: its files, and the files of the
/// directories holding them and of every directory above (where tools
/// look for their configuration); the whole tree when it gets no file.
fn present(context: &CheckContext<'_>, files: &[PathBuf]) -> anyhow::Result<Presented> {
    if files.is_empty() {
        return context.snapshot.present(&Scope::Trees(&[PathBuf::new()]));
    }
    let given: BTreeSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let dirs: BTreeSet<&Path> = files
        .iter()
        .filter_map(|file| file.parent())
        .flat_map(Path::ancestors)
        .collect();
    let keep = |path: &Path| {
        given.contains(path) || path.parent().is_some_and(|parent| dirs.contains(parent))
    };
    context.snapshot.present(&Scope::Files(&keep))
}

/// The files to pass: `Some([])` for a hook without a file list or a check
/// that runs anyway; `None` when nothing matches and the check is skipped.
fn matching_files(check: &CommandCheck, context: &CheckContext<'_>) -> Option<Vec<PathBuf>> {
    let Some(files) = context.snapshot.files() else {
        return Some(Vec::new());
    };
    let matching: Vec<PathBuf> = files
        .iter()
        .filter(|file| check.matches(file))
        .cloned()
        .collect();
    (!matching.is_empty() || check.always_run()).then_some(matching)
}

/// A hash of what each file under `root` holds (content, or a symlink's
/// target; `None` when missing).
fn fingerprints(root: &Path, files: &[PathBuf]) -> Vec<Option<u64>> {
    files
        .iter()
        .map(|file| {
            let path = root.join(file);
            let bytes = match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => std::fs::read_link(&path)
                    .ok()
                    .map(|t| t.into_os_string().into_encoded_bytes()),
                Ok(_) => std::fs::read(&path).ok(),
                Err(_) => None,
            };
            bytes.map(|bytes| {
                let mut hasher = DefaultHasher::new();
                bytes.hash(&mut hasher);
                hasher.finish()
            })
        })
        .collect()
}

/// A command that changed a file it was given fails, naming each file.
fn report_modified(
    report: &mut CheckReport,
    files: &[PathBuf],
    before: &[Option<u64>],
    after: &[Option<u64>],
) {
    let name = report.name.clone();
    for ((file, before), after) in files.iter().zip(before).zip(after) {
        if before == after {
            continue;
        }
        if report.status == CheckStatus::Passed {
            report.status = CheckStatus::Failed;
        }
        let mut diagnostic = Diagnostic::new(
            &name,
            Severity::Error,
            "the check modified this file; a check must not change what it judges",
        )
        .with_hint("review the change (hookrc did not undo it), or run the tool as a fixer outside the hook");
        diagnostic.file = Some(file.clone());
        report.diagnostics.push(diagnostic);
    }
}

/// `output` with the private checkout's root removed from paths, so they
/// read as repo paths.
fn repo_paths(output: &str, root: &Path) -> String {
    let mut prefix = root.display().to_string();
    prefix.push('/');
    output.replace(&prefix, "")
}

/// The snapshot could not be shown to the command: an error (exit 2).
fn cannot_present(name: &str, err: &anyhow::Error) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(Diagnostic::new(
        name,
        Severity::Error,
        format!("cannot show the command what it judges: {err:#}"),
    ));
    report
}

fn environment(check: &CommandCheck, context: &CheckContext<'_>) -> BTreeMap<OsString, OsString> {
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
