//! `hookrc man`: the man page `clap_mangen` renders from the command line
//! itself (its options and subcommands), in roff.

use clap::CommandFactory as _;

use crate::cli::Cli;
use crate::exit::ExitStatus;
use crate::output;

/// Print the man page on stdout.
pub(crate) fn run() -> anyhow::Result<ExitStatus> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    output::data(&String::from_utf8_lossy(&page))?;
    Ok(ExitStatus::Success)
}
