//! `hookrc completions SHELL`: the completion script clap generates from
//! the command line itself, so it never falls behind it.

use clap::CommandFactory as _;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::ExitStatus;
use crate::output;

/// Print the completion script for `args.shell` on stdout.
pub(crate) fn run(args: &CompletionsArgs) -> anyhow::Result<ExitStatus> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "hookrc", &mut script);
    output::data(&String::from_utf8_lossy(&script))?;
    Ok(ExitStatus::Success)
}
