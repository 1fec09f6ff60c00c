//! go-test: `go test -coverprofile` on every module the pushed commits
//! touch, against `coverage-min`, `per-package-min` and `per-package`, with
//! `exclude-packages` and `exclude-files` left out of the figures.

use std::ffi::OsString;

use hookrc_policy::{GoTestCheck, Pattern};
use hookrc_runner::go::{CoverageScope, TestOptions, test_coverage};

use crate::checks::CheckContext;
use crate::checks::go::module;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Run the go-test check `name`.
pub(crate) fn run(name: &str, check: &GoTestCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let toolchain = prepared.toolchain;
    let scope = match scope(check) {
        Ok(scope) => scope,
        Err(message) => return bad_scope(name, message),
    };
    let options = TestOptions {
        coverage_min: check.coverage_min(),
        per_package_min: check.per_package_min(),
        args: check.args().iter().map(OsString::from).collect(),
        race: check.race(),
        scope,
    };
    module::per_module(name, prepared.modules.clone(), |dir| {
        let target = module::module_target(context, &prepared, dir, check.timeout());
        test_coverage(toolchain, name, &target, &options, &context.cancel)
    })
}

/// The policy's coverage scope, compiled for the runner.
fn scope(check: &GoTestCheck) -> Result<CoverageScope, String> {
    let packages: Vec<&str> = check.exclude_packages().patterns().collect();
    let files: Vec<&str> = check.exclude_files().iter().map(Pattern::as_str).collect();
    let minimums: Vec<(&str, f64)> = check.per_package().collect();
    CoverageScope::new(&packages, &files, &minimums)
}

/// A pattern the policy accepted that the runner cannot compile.
fn bad_scope(name: &str, message: String) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report
        .diagnostics
        .push(Diagnostic::new(name, Severity::Error, message));
    report
}
