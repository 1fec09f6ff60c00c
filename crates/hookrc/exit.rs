//! The process exit status, typed: every command returns an [`ExitStatus`] and
//! only `main` turns it into a number, so the meaning of 0/1/2/130 lives here.

use std::process::ExitCode;

/// How a hookrc invocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Everything passed (or there was nothing to do): exit 0.
    Success,
    /// hookrc ran, and at least one check failed: exit 1 (git aborts).
    Failure,
    /// hookrc could not do its job: bad usage, policy, repository state or a
    /// missing tool. Nothing was changed: exit 2.
    Error,
    /// Interrupted by Ctrl-C or SIGTERM; every child was stopped: exit 130.
    Interrupted,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
            ExitStatus::Interrupted => ExitCode::from(130),
        }
    }
}
