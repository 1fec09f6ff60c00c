//! go-test: `go test -coverprofile` on every module the pushed commits
//! touch, against `coverage-min` and `per-package-min`.

use std::ffi::OsString;

use hookrc_policy::GoTestCheck;
use hookrc_runner::go::{TestOptions, test_coverage};

use crate::checks::CheckContext;
use crate::checks::go::module;
use crate::output::report::CheckReport;

/// Run the go-test check `name`.
pub(crate) fn run(name: &str, check: &GoTestCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let toolchain = prepared.toolchain;
    let options = TestOptions {
        coverage_min: check.coverage_min(),
        per_package_min: check.per_package_min(),
        args: check.args().iter().map(OsString::from).collect(),
        race: check.race(),
    };
    module::per_module(name, prepared.modules.clone(), |dir| {
        let target = module::module_target(context, &prepared, dir, check.timeout());
        test_coverage(toolchain, name, &target, &options, &context.cancel)
    })
}
