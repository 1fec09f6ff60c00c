//! go-lint: the linter `[check.go-lint] tool` names, on the packages
//! holding staged `.go` files, judged on the staged snapshot. Linters have
//! no `-overlay`, so when the working tree of those packages is not the
//! staged one, the staged files of the module are checked out into a
//! temporary directory at their repo paths and the linter runs there; its
//! paths map back to repo paths because the layout is the same.

use std::ffi::OsString;

use anyhow::Context as _;
use hookrc_policy::GoLintCheck;
use hookrc_runner::go::{LintTool, Linter, lint};

use crate::checks::CheckContext;
use crate::checks::go::{self, PackageRun};
use crate::output::report::CheckReport;

/// Run the go-lint check `name`.
pub(crate) fn run(name: &str, check: &GoLintCheck, context: &CheckContext) -> CheckReport {
    let (_, runs) = match go::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let Some(linter) = linter(check) else {
        return go::error_report(
            name,
            &hookrc_runner::go::GoError::ToolMissing {
                tool: check.tool().name().to_owned(),
                searched: "among the linters this build of hookrc drives".to_owned(),
                install: "a newer hookrc".to_owned(),
            },
        );
    };
    let env = go::go_env(context);
    go::run_merged(name, runs, |run: PackageRun| {
        if run.divergences.is_empty() {
            let target = run.target(&context.root, check.timeout());
            return Ok(lint(&linter, name, &env, &target, &context.cancel));
        }
        let staged = tempfile::Builder::new()
            .prefix("hookrc-staged-")
            .tempdir()
            .context("cannot create a temporary directory for the staged tree")?;
        go::open_repo(context)?
            .snapshot()?
            .checkout(run.unit.dir(), staged.path())?;
        let target = run.target(staged.path(), check.timeout());
        Ok(lint(&linter, name, &env, &target, &context.cancel))
    })
}

/// The runner's linter for the policy's check.
fn linter(check: &GoLintCheck) -> Option<Linter> {
    let tool = LintTool::from_name(check.tool().name())?;
    let mut linter = Linter::new(tool)
        .with_args(check.args().iter().map(OsString::from).collect())
        .with_env(
            check
                .env()
                .vars()
                .iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
        .optional(check.optional());
    if let Some(path) = check.path() {
        linter = if path.is_dir() {
            linter.with_program(path.join(tool.name()))
        } else {
            linter.with_program(path)
        };
    }
    Some(linter)
}
