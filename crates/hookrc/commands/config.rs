//! `hookrc config check|show|schema`: validate the policy, print the
//! effective policy with every default filled in, print the JSON Schema.

use anyhow::Context as _;
use hookrc_policy::{Policy, PolicySource};

use crate::cli::ConfigCommand;
use crate::exit::ExitStatus;
use crate::output;

/// Run `hookrc config <command>`.
pub(crate) fn run(command: &ConfigCommand) -> anyhow::Result<ExitStatus> {
    match command {
        ConfigCommand::Check => check()?,
        ConfigCommand::Show => show()?,
        ConfigCommand::Schema => output::data(&hookrc_policy::json_schema())?,
    }
    Ok(ExitStatus::Success)
}

/// Validate: `ok` on stdout, or the located error.
fn check() -> anyhow::Result<()> {
    if load()?.source() == PolicySource::Embedded {
        output::note("no `.hookrc.toml` here: the embedded default policy applies")?;
    }
    output::data("ok\n")?;
    Ok(())
}

/// Print the effective policy; say on stderr when it is the embedded default.
fn show() -> anyhow::Result<()> {
    let policy = load()?;
    if policy.source() == PolicySource::Embedded {
        output::note(
            "no `.hookrc.toml` here: this is the embedded default policy (`hookrc init` writes a starter)",
        )?;
    }
    output::data(&policy.to_toml())?;
    Ok(())
}

/// The policy of the worktree around the current directory.
fn load() -> anyhow::Result<Policy> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    crate::settings::load_policy(&root, &cwd)
}
