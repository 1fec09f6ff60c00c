//! One module per subcommand; [`run`] routes a parsed command line to it.

use crate::cli::Cli;
use crate::exit::ExitStatus;

/// Run the subcommand of `cli`.
pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let Cli { global, command } = cli;
    crate::output::set_color(global.color);
    match command {}
}
