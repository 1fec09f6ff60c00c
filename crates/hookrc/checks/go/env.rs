//! go-env: the Go environment policy, checked once against the toolchain's
//! environment and the `go.mod` files of the touched modules.

use hookrc_policy::GoEnvCheck;
use hookrc_runner::go::{EnvPolicy, GoVersion, check_env};

use crate::checks::CheckContext;
use crate::checks::go::module;
use crate::checks::go::report;
use crate::output::report::CheckReport;

/// Run the go-env check `name`.
pub(crate) fn run(name: &str, check: &GoEnvCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |_| true) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let policy = EnvPolicy {
        allowed_proxies: check.allowed_proxies().to_vec(),
        private: check.private().to_vec(),
        min_go: check.min_go().map(|v| {
            let (major, minor, patch) = v.parts();
            GoVersion::new(major, minor, patch)
        }),
    };
    report(
        name,
        &check_env(
            prepared.toolchain,
            name,
            &policy,
            prepared.tree.root(),
            &prepared.modules,
        ),
    )
}
