//! go-build: `go build ./...` of every touched module for each target,
//! side by side.

use std::ffi::OsString;

use hookrc_policy::GoBuildCheck;
use hookrc_runner::go::{BuildOptions, Platform, cross_build};

use crate::checks::CheckContext;
use crate::checks::go::module;
use crate::output::report::CheckReport;

/// Run the go-build check `name`.
pub(crate) fn run(name: &str, check: &GoBuildCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let toolchain = prepared.toolchain;
    let options = BuildOptions {
        // The policy validated every target as GOOS/GOARCH.
        platforms: check
            .targets()
            .iter()
            .filter_map(|t| Platform::parse(t.as_str()))
            .collect(),
        cgo: check.cgo(),
        args: check.args().iter().map(OsString::from).collect(),
        max_jobs: hookrc_runner::cores(),
    };
    module::per_module(name, prepared.modules.clone(), |dir| {
        let target = module::module_target(context, &prepared, dir, check.timeout());
        cross_build(toolchain, name, &target, &options, &context.cancel)
    })
}
