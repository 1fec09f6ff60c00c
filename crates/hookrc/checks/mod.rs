//! From the policy's checks to reports: each check of a hook runs with the
//! run's context (files, git's arguments and stdin, the environment, the
//! cancellation token); independent checks run side by side and their
//! reports come back in policy order, whatever order they finish in.

mod command;
pub(crate) mod conventional;
pub(crate) mod go;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

use hookrc_policy::Check;
use hookrc_runner::Cancel;

pub(crate) use go::GoContext;
pub(crate) use go::report as outcome_report;

/// The run's Go toolchain, for a command outside a hook run.
pub(crate) fn go_toolchain(
    context: &CheckContext,
) -> anyhow::Result<&hookrc_runner::go::Toolchain> {
    go::toolchain(context).map_err(|err| anyhow::anyhow!("{err}"))
}

use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Everything a check of one hook run may use.
#[derive(Debug)]
pub(crate) struct CheckContext {
    /// The worktree root: every check's working directory.
    pub(crate) root: PathBuf,
    /// The arguments git gave the hook.
    pub(crate) hook_args: Vec<OsString>,
    /// The files to check (repo-relative), or `None` for a hook without a
    /// file list.
    pub(crate) files: Option<Vec<PathBuf>>,
    /// For pre-push run by git: the files the pushed commits touch (what
    /// the Go gates scope their modules by; `files` stays `None`).
    pub(crate) pushed_files: Option<Vec<PathBuf>>,
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
}

/// Run `checks` (name, check) side by side; reports in the same order.
pub(crate) fn run_all(checks: &[(&str, &Check)], context: &CheckContext) -> Vec<CheckReport> {
    let mut reports = hookrc_runner::run_on_cores(checks.to_vec(), |(name, check)| {
        run_one(name, check, context)
    });
    go::fmt::apply_fixes(context, &mut reports);
    reports
}

fn run_one(name: &str, check: &Check, context: &CheckContext) -> CheckReport {
    if context.skip.iter().any(|skipped| skipped == name) {
        return CheckReport::new(name, CheckStatus::Skipped("listed in `HOOKRC_SKIP`".into()));
    }
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
