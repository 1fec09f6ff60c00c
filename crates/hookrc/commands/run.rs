//! `hookrc run HOOK [ARGS…]`: run a hook's checks by hand, exactly as git
//! would run them, optionally on other files than the hook would see.

use crate::cli::RunArgs;
use crate::exit::ExitStatus;
use crate::run as pipeline;
use crate::settings::RunSettings;

/// Run the hook `args` names.
pub(crate) fn run(args: RunArgs) -> anyhow::Result<ExitStatus> {
    pipeline::run(&RunSettings::for_run(args))
}
