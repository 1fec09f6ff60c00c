//! From the policy's checks to reports: each check of a hook runs with the
//! run's context (the snapshot it judges, git's arguments and stdin, the
//! environment, the cancellation token); independent checks run side by
//! side and their reports come back in policy order, whatever order they
//! finish in. Checks never open the repository or read the working tree
//! themselves: content and file lists come from the snapshot.

mod command;
pub(crate) mod conventional;
pub(crate) mod go;

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use hookrc_policy::Check;
use hookrc_runner::Cancel;

pub(crate) use go::GoContext;
pub(crate) use go::report as outcome_report;

use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::Snapshot;

/// Everything a check of one hook run may use.
pub(crate) struct CheckContext<'a> {
    /// What the check judges: its files and their content.
    pub(crate) snapshot: &'a Snapshot,
    /// The worktree root.
    pub(crate) root: PathBuf,
    /// The arguments git gave the hook.
    pub(crate) hook_args: Vec<OsString>,
    /// What git wrote to the hook's stdin, for the hooks that get some.
    pub(crate) stdin: Option<Vec<u8>>,
    /// The environment children start from.
    pub(crate) env: BTreeMap<OsString, OsString>,
    /// Checks skipped by `HOOKRC_SKIP`.
    pub(crate) skip: Vec<String>,
    /// Cancelled on Ctrl-C/SIGTERM: kills every running child.
    pub(crate) cancel: Cancel,
    /// `[go]` and the toolchain the Go checks share.
    pub(crate) go: GoContext,
    /// Where verdicts are reused and kept; `None`: every check runs.
    pub(crate) cache: Option<crate::cache::Store>,
}

/// Run `checks` (name, check) side by side; reports in the same order.
///
/// Benchmarks run alone: after every other check has finished, one after
/// the other, and only when every other check passed, so nothing of
/// hookrc's competes with them for the machine (and a baseline recorded
/// alone by `hookrc go bench --update` stays comparable).
pub(crate) fn run_all(checks: &[(&str, &Check)], context: &CheckContext<'_>) -> Vec<CheckReport> {
    let (alone, together): (Vec<_>, Vec<_>) = checks
        .iter()
        .copied()
        .partition(|(_, check)| matches!(check, Check::GoBench(_)));
    let mut reports =
        hookrc_runner::run_on_cores(together, |(name, check)| run_one(name, check, context));
    go::fix::apply_fixes(context, &mut reports);
    let others_pass = reports
        .iter()
        .all(|r| matches!(r.status, CheckStatus::Passed | CheckStatus::Skipped(_)));
    for (name, check) in alone {
        reports.push(if others_pass && !context.cancel.is_cancelled() {
            run_one(name, check, context)
        } else {
            CheckReport::new(
                name,
                CheckStatus::Skipped(
                    "another check did not pass (benchmarks run alone, after every other check passed)"
                        .into(),
                ),
            )
        });
    }
    let order: HashMap<&str, usize> = checks
        .iter()
        .enumerate()
        .map(|(index, (name, _))| (*name, index))
        .collect();
    reports.sort_by_key(|report| {
        order
            .get(report.name.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    reports
}

fn run_one(name: &str, check: &Check, context: &CheckContext<'_>) -> CheckReport {
    if context.skip.iter().any(|skipped| skipped == name) {
        return CheckReport::new(name, CheckStatus::Skipped("listed in `HOOKRC_SKIP`".into()));
    }
    crate::cache::through(name, check, context, || {
        let start = Instant::now();
        let mut report = dispatch(name, check, context);
        if report.duration.is_zero() && !matches!(report.status, CheckStatus::Skipped(_)) {
            report.duration = start.elapsed();
        }
        report
    })
}

fn dispatch(name: &str, check: &Check, context: &CheckContext<'_>) -> CheckReport {
    match check {
        Check::Command(command) => command::run(name, command, context),
        Check::Conventional(check) => conventional::run(name, check, context),
        Check::GoFmt(check) => go::fmt::run(name, check, context),
        Check::GoVet(check) => go::vet::run(name, check, context),
        Check::GoLint(check) => go::lint::run(name, check, context),
        Check::GoTest(check) => go::test::run(name, check, context),
        Check::GoBench(check) => go::bench::run(name, check, context),
        Check::GoBuild(check) => go::build::run(name, check, context),
        Check::GoMod(check) => go::gomod::run(name, check, context),
        Check::GoEnv(check) => go::env::run(name, check, context),
        Check::GoRelease(check) => go::release::run(name, check, context),
        builtin => unavailable(name, builtin.builtin().unwrap_or(name)),
    }
}

/// A built-in check this build cannot run yet: an error, never a silent pass.
fn unavailable(name: &str, builtin: &str) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(
        Diagnostic::new(
            name,
            Severity::Error,
            format!("the built-in check `{builtin}` is not available in this build of hookrc"),
        )
        .with_hint(format!(
            "remove `{name}` from `[hooks]` in `.hookrc.toml`, or skip it with `HOOKRC_SKIP={name}`"
        )),
    );
    report
}
