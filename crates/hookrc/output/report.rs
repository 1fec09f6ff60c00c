//! The result of a hook run, as data: one [`CheckReport`] per check in policy
//! order. Renderers turn it into text; [`Report::exit_status`] into an exit.

use std::time::Duration;

use serde::Serialize;

use crate::exit::ExitStatus;
use crate::output::diagnostic::Diagnostic;

/// How one check ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "status", content = "reason")]
pub(crate) enum CheckStatus {
    /// It ran and passed.
    Passed,
    /// It ran and found problems.
    Failed,
    /// It did not run, for the reason given.
    Skipped(String),
    /// It could not run (missing tool, unsupported check): exit 2.
    Error,
    /// Ctrl-C or SIGTERM stopped it.
    Interrupted,
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CheckReport {
    pub(crate) name: String,
    #[serde(flatten)]
    pub(crate) status: CheckStatus,
    #[serde(rename = "duration_ms", serialize_with = "millis")]
    pub(crate) duration: Duration,
    /// What the check printed (stdout, then stderr).
    pub(crate) output: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    /// A check that ended with `status` and printed nothing.
    pub(crate) fn new(name: &str, status: CheckStatus) -> Self {
        Self {
            name: name.to_owned(),
            status,
            duration: Duration::ZERO,
            output: String::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// Everything one hook run reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Report {
    /// The hook that ran (`pre-commit`, …).
    pub(crate) hook: String,
    pub(crate) checks: Vec<CheckReport>,
}

impl Report {
    /// Interrupted beats error beats failure beats success.
    pub(crate) fn exit_status(&self) -> ExitStatus {
        let any = |wanted: fn(&CheckStatus) -> bool| self.checks.iter().any(|c| wanted(&c.status));
        if any(|s| *s == CheckStatus::Interrupted) {
            ExitStatus::Interrupted
        } else if any(|s| *s == CheckStatus::Error) {
            ExitStatus::Error
        } else if any(|s| *s == CheckStatus::Failed) {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }

    /// The names of the checks that failed or could not run.
    pub(crate) fn unsuccessful(&self) -> Vec<&str> {
        self.checks
            .iter()
            .filter(|c| matches!(c.status, CheckStatus::Failed | CheckStatus::Error))
            .map(|c| c.name.as_str())
            .collect()
    }
}

fn millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX))
}
