//! `hookrc run HOOK [ARGS…]`: run a hook's checks by hand, exactly as git
//! would run them, optionally on other files than the hook would see.

use crate::cli::RunArgs;
use crate::exit::ExitStatus;
use crate::output::HintedError;
use crate::run as pipeline;
use crate::settings::RunSettings;

/// The hooks git gives the commit message file as their first argument.
const MESSAGE_FILE_HOOKS: &[&str] = &["applypatch-msg", "prepare-commit-msg", "commit-msg"];

/// Run the hook `args` names.
pub(crate) fn run(args: RunArgs) -> anyhow::Result<ExitStatus> {
    if args.args.is_empty() && MESSAGE_FILE_HOOKS.contains(&args.hook.as_str()) {
        return Err(HintedError::new(
            format!(
                "`hookrc run {hook}` needs the commit message file, as git passes it",
                hook = args.hook
            ),
            format!(
                "name the file: `hookrc run {} .git/COMMIT_EDITMSG` (the message of the last `git commit`), or any file holding a message",
                args.hook
            ),
        )
        .into());
    }
    pipeline::run(&RunSettings::for_run(args))
}
