//! `hookrc config check|show`: validate the policy, print the effective
//! policy with every default filled in.

use anyhow::Context as _;
use hookrc_policy::{Policy, PolicySource};

use crate::cli::ConfigCommand;
use crate::exit::ExitStatus;
use crate::output;
use crate::worktree;

/// Run `hookrc config <command>`.
pub(crate) fn run(command: &ConfigCommand) -> anyhow::Result<ExitStatus> {
    let policy = load()?;
    match command {
        ConfigCommand::Check => {
            if policy.source() == PolicySource::Embedded {
                output::note("no `.hookrc.toml` here: the embedded default policy applies")?;
            }
            output::data("ok\n")?;
        }
        ConfigCommand::Show => output::data(&policy.to_toml())?,
    }
    Ok(ExitStatus::Success)
}

/// The policy of the worktree around the current directory.
fn load() -> anyhow::Result<Policy> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = worktree::worktree_root(&cwd)?;
    worktree::load_policy(&root, &cwd)
}
