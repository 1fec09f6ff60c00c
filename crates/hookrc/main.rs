//! hookrc: a Git hooks manager with embedded checkers.
//!
//! `main` only parses, runs and maps the typed [`exit::ExitStatus`] to the
//! process exit code; see `README.md` beside this file for the layout.

mod cli;
mod commands;
mod exit;
mod git;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::exit::ExitStatus;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return output::clap_error(&err).into(),
    };
    match commands::run(cli) {
        Ok(status) => status.into(),
        Err(err) if output::is_broken_pipe(&err) => ExitStatus::Success.into(),
        Err(err) => {
            output::error_chain(&err);
            ExitStatus::Error.into()
        }
    }
}
