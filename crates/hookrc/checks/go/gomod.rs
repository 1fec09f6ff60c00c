//! go-mod: module hygiene (module mode, tidiness, vendor/) of every
//! touched module, never writing the user's files.

use hookrc_policy::GoModCheck;
use hookrc_runner::go::{ModOptions, check_module};

use crate::checks::CheckContext;
use crate::checks::go::module;
use crate::output::report::CheckReport;

/// Run the go-mod check `name`.
pub(crate) fn run(name: &str, check: &GoModCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let toolchain = prepared.toolchain;
    let options = ModOptions {
        tidy: check.tidy(),
        vendor: check.vendor(),
    };
    module::per_module(name, prepared.modules.clone(), |dir| {
        let target = module::module_target(context, &prepared, dir, check.timeout());
        check_module(toolchain, name, &target, options, &context.cancel)
    })
}
