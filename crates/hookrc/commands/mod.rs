//! One module per subcommand; [`run`] routes a parsed command line to it.

mod config;
mod init;
mod run;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;

/// Run the subcommand of `cli`.
pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let Cli { global, command } = cli;
    crate::output::set_color(global.color);
    match command {
        Command::Run(args) => run::run(args),
        Command::Init => init::run(),
        Command::Config(command) => config::run(&command),
    }
}
