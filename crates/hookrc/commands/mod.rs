//! One module per subcommand; [`run()`] routes a parsed command line to it.

mod bump;
mod cache;
mod changelog;
mod check;
mod completions;
mod config;
mod go;
mod import;
mod init;
mod install;
mod lint_commits;
mod man;
mod run;
mod trust;
mod uninstall;

use crate::cli::{Cli, Command};
use crate::exit::ExitStatus;

pub(crate) use check::checkable;

/// Run the subcommand of `cli`.
pub(crate) fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let Cli { global, command } = cli;
    crate::output::set_color(global.color);
    match command {
        Command::Run(args) => run::run(args),
        Command::Init => init::run(),
        Command::Import(args) => import::run(&args),
        Command::Install(args) => install::run(&args),
        Command::Uninstall(args) => uninstall::run(&args),
        Command::Config(command) => config::run(&command),
        Command::LintCommits(args) => lint_commits::run(&args),
        Command::Changelog(args) => changelog::run(&args),
        Command::Bump(args) => bump::run(&args),
        Command::Go(command) => go::run(&command),
        Command::Trust(args) => trust::run(&args),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
        Command::Cache(command) => cache::run(&command),
        Command::Check(args) => check::run(args),
    }
}
