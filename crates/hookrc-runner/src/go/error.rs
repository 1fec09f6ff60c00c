//! The error of a Go check that could not run: no Go, too old a Go, a
//! missing linter, a tool that could not be started, a directory that could
//! not be read. A check that ran and found problems is an `Outcome`, not this.

use std::path::PathBuf;

use crate::ExecError;
use crate::go::toolchain::GoVersion;

/// The error returned by the `hookrc_runner::go` functions.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GoError {
    /// No `go` binary where we looked.
    #[error(
        "the Go toolchain was not found: looked for `{binary}` {searched}\nhint: install Go (https://go.dev/doc/install, or `apt-get install golang-go`), put it on PATH, or set `[go] go` in `.hookrc.toml`"
    )]
    GoNotFound {
        /// The binary looked for (`go`, or the configured path).
        binary: String,
        /// Where: `on PATH (…)` or `at the configured path`.
        searched: String,
    },
    /// The Go found is older than required.
    #[error("`{}` is Go {found}, but Go {needed} or newer is needed", binary.display())]
    GoTooOld {
        /// The `go` binary that was asked.
        binary: PathBuf,
        /// The version it reported.
        found: GoVersion,
        /// The minimum.
        needed: GoVersion,
    },
    /// `go env -json` failed or printed something we could not read.
    #[error("`{} env -json` failed: {message}", binary.display())]
    GoEnv {
        /// The `go` binary.
        binary: PathBuf,
        /// What went wrong, with the tool's own words.
        message: String,
    },
    /// The linter the policy names is not installed.
    #[error(
        "`{tool}` was not found {searched}\nhint: install it with {install}, or point `[check.go-lint] path` at it, or mark the check `optional = true`"
    )]
    ToolMissing {
        /// The tool's name.
        tool: String,
        /// Where we looked.
        searched: String,
        /// How to install it.
        install: String,
    },
    /// A tool could not be started or its output not collected.
    #[error("could not run `{tool}`")]
    Exec {
        /// The tool.
        tool: String,
        /// Why.
        #[source]
        source: ExecError,
    },
    /// The run was cancelled (Ctrl-C, SIGTERM) before the check finished.
    #[error("interrupted before `{tool}` finished")]
    Interrupted {
        /// The tool that was running.
        tool: String,
    },
    /// A file or directory could not be read or written.
    #[error("cannot access `{}`", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}
