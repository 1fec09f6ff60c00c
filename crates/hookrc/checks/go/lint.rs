//! go-lint: the linter `[check.go-lint] tool` names, on the packages whose
//! content changed and, by default, their importers in the module, judged
//! on the snapshot. Linters have no `-overlay`, so when the working tree of
//! the module is not the snapshot, the module is checked out privately at
//! its repo paths and the linter runs there; its paths map back to repo
//! paths because the layout is the same.

use std::ffi::OsString;

use hookrc_policy::GoLintCheck;
use hookrc_runner::go::{LintTool, Linter, lint};

use crate::checks::CheckContext;
use crate::checks::go::{self, PackageRun};
use crate::output::report::CheckReport;
use crate::snapshot::present::Scope;

/// Run the go-lint check `name`.
pub(crate) fn run(name: &str, check: &GoLintCheck, context: &CheckContext<'_>) -> CheckReport {
    let (toolchain, runs) = match go::prepare(name, context, check.optional(), |f| check.matches(f))
    {
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
        let scope = [run.unit.dir().to_owned()];
        let tree = if run.divergences.is_empty() {
            context.snapshot.worktree()
        } else {
            context.snapshot.present(&Scope::Trees(&scope))?
        };
        let target = run.target(&tree, toolchain, Vec::new(), check.timeout());
        let packages = go::packages_to_check(context, &run, check.scope())?;
        Ok(lint(
            &linter,
            name,
            &env,
            &target.with_packages(packages),
            &context.cancel,
        ))
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
