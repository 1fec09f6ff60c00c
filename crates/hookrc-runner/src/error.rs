//! The error of running a process: "could not run", never "ran and failed".
//!
//! A process that ran and exited non-zero, died of a signal, timed out or was
//! cancelled is a [`crate::Completed`]; only a job that could not be started
//! (or whose output could not be collected) is an [`ExecError`].

use std::io;
use std::path::PathBuf;

/// The error returned by [`crate::run`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExecError {
    /// The job's argv is empty: there is no program to run.
    #[error("cannot run an empty command: the argument list has no program")]
    EmptyArgv,
    /// The program does not exist: not found on the child's `PATH`, or a path
    /// to it that does not exist.
    #[error("{}", not_found_message(program))]
    NotFound {
        /// The program as given (`argv[0]`).
        program: PathBuf,
    },
    /// The job's working directory does not exist or is not a directory.
    #[error("cannot run `{}`: the working directory `{}` does not exist", program.display(), cwd.display())]
    Cwd {
        /// The program as given (`argv[0]`).
        program: PathBuf,
        /// The working directory that was asked for.
        cwd: PathBuf,
    },
    /// The program exists but could not be started (not executable, argument
    /// list too long, out of resources, …).
    #[error("could not start `{}`", program.display())]
    Spawn {
        /// The program as given (`argv[0]`).
        program: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// The program started, but waiting for it or reading its output failed.
    #[error("lost track of `{}` while collecting its output", program.display())]
    Io {
        /// The program as given (`argv[0]`).
        program: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}

fn not_found_message(program: &std::path::Path) -> String {
    if program.components().count() > 1 {
        format!("`{}` does not exist", program.display())
    } else {
        format!(
            "`{}` was not found on PATH: is it installed, and is its directory on the PATH given to hookrc?",
            program.display()
        )
    }
}
