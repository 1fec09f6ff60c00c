//! go-test: `go test -coverprofile` on every module the pushed commits
//! touch, against `coverage-min`, `per-package-min` and `per-package`, with
//! `exclude-packages` and `exclude-files` left out of the figures, then the
//! tests of every other `targets` platform, under QEMU user emulation where
//! this machine cannot run them (coverage is the host run's).

use std::ffi::OsString;

use hookrc_policy::{GoTestCheck, Pattern};
use hookrc_runner::Outcome;
use hookrc_runner::go::{
    CoverageScope, CrossTest, GoError, Platform, TestOptions, Toolchain, cross_test, test_coverage,
};

use crate::checks::CheckContext;
use crate::checks::go::{self, module};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Run the go-test check `name`.
pub(crate) fn run(name: &str, check: &GoTestCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let toolchain = prepared.toolchain;
    let crosses = match cross_tests(check, toolchain) {
        Ok(crosses) => crosses,
        Err(err) => return go::error_report(name, &err),
    };
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
        let mut parts = vec![test_coverage(
            toolchain,
            name,
            &target,
            &options,
            &context.cancel,
        )?];
        for cross in &crosses {
            parts.push(cross_test(
                toolchain,
                name,
                &target,
                cross,
                &context.cancel,
            )?);
        }
        Ok(Outcome::merge(name, parts))
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

/// The `targets` other than the host, each with how its tests run.
fn cross_tests(check: &GoTestCheck, toolchain: &Toolchain) -> Result<Vec<CrossTest>, GoError> {
    let env = toolchain.go_env();
    let host_os = env.get("GOHOSTOS").unwrap_or("linux");
    let host_arch = env.get("GOHOSTARCH").unwrap_or("amd64");
    let args: Vec<OsString> = check.args().iter().map(OsString::from).collect();
    let mut crosses = Vec::new();
    // The policy validated every target as GOOS/GOARCH.
    for platform in check
        .targets()
        .iter()
        .filter_map(|t| Platform::parse(t.as_str()))
    {
        if platform.goos() == host_os && platform.goarch() == host_arch {
            continue;
        }
        let mut cross = CrossTest::new(
            platform,
            host_os,
            host_arch,
            check.emulators(),
            toolchain.env(),
        )?;
        cross.args.clone_from(&args);
        crosses.push(cross);
    }
    Ok(crosses)
}
