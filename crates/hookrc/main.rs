//! hookrc: a Git hooks manager with embedded checkers.
//!
//! `main` only runs the invocation `argv[0]` names (`dispatch`) and maps the
//! typed [`exit::ExitStatus`] to the process exit code, printing the error
//! chain when there was one; see `README.md` beside this file for the layout.

mod cache;
mod checks;
mod cli;
mod commands;
mod dispatch;
mod env;
mod exit;
mod files;
mod git;
mod output;
mod release;
mod run;
mod settings;
mod snapshot;

use std::process::ExitCode;

use crate::exit::ExitStatus;

fn main() -> ExitCode {
    match dispatch::run() {
        Ok(status) => status.into(),
        Err(err) if output::is_broken_pipe(&err) => ExitStatus::Success.into(),
        Err(err) => {
            output::error_chain(&err);
            ExitStatus::Error.into()
        }
    }
}
