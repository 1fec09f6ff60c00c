//! The result of a hook run, as data: one [`CheckReport`] per check in policy
//! order. Renderers turn it into text; [`Report::exit_status`] into an exit.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::exit::ExitStatus;
use crate::output::diagnostic::Diagnostic;

/// How one check ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CheckReport {
    pub(crate) name: String,
    /// What the check judged when a run judges several things: the pushed
    /// refs of one tip (`feat3`, `main, topic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) subject: Option<String>,
    #[serde(flatten)]
    pub(crate) status: CheckStatus,
    #[serde(
        rename = "duration_ms",
        serialize_with = "millis",
        deserialize_with = "from_millis"
    )]
    pub(crate) duration: Duration,
    /// What the check printed (stdout, then stderr).
    pub(crate) output: String,
    /// Whether people see `output` when the check passed too (a
    /// benchmark's table), not only when it did not.
    #[serde(skip)]
    pub(crate) output_always: bool,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Set when the verdict was replayed from the cache, not judged now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) cached: Option<Cached>,
    /// Whether a line of the report depends on more than what the check
    /// judged (the working tree, the directory the user stands in), so it
    /// must not be replayed for the same content later.
    #[serde(skip)]
    pub(crate) context_bound: bool,
}

/// What a replayed verdict says of the run that judged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Cached {
    /// How long the check took when it ran.
    #[serde(
        rename = "duration_ms",
        serialize_with = "millis",
        deserialize_with = "from_millis"
    )]
    pub(crate) duration: Duration,
}

impl CheckReport {
    /// How the report is headed: the check's name, with its subject.
    pub(crate) fn title(&self) -> String {
        match &self.subject {
            Some(subject) => format!("{} ({subject})", self.name),
            None => self.name.clone(),
        }
    }

    /// A check that ended with `status` and printed nothing.
    pub(crate) fn new(name: &str, status: CheckStatus) -> Self {
        Self {
            name: name.to_owned(),
            subject: None,
            status,
            duration: Duration::ZERO,
            output: String::new(),
            output_always: false,
            diagnostics: Vec::new(),
            cached: None,
            context_bound: false,
        }
    }
}

/// Everything one hook run reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Report {
    /// The hook that ran (`pre-commit`, …), or the command (`go bench`).
    pub(crate) hook: String,
    pub(crate) checks: Vec<CheckReport>,
    /// For a command run by hand: what to do after a failure, in place of
    /// the hook's `HOOKRC_SKIP` advice.
    #[serde(skip)]
    pub(crate) command_hint: Option<String>,
}

impl Report {
    /// The report of the hook `hook`.
    pub(crate) fn hook(hook: &str, checks: Vec<CheckReport>) -> Self {
        Self {
            hook: hook.to_owned(),
            checks,
            command_hint: None,
        }
    }

    /// The report of the command `hookrc <command>`, which says `hint`
    /// after a failure.
    pub(crate) fn command(command: &str, checks: Vec<CheckReport>, hint: &str) -> Self {
        Self {
            hook: command.to_owned(),
            checks,
            command_hint: Some(hint.to_owned()),
        }
    }

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

    /// The checks that failed or could not run.
    pub(crate) fn unsuccessful(&self) -> Vec<&CheckReport> {
        self.checks
            .iter()
            .filter(|c| matches!(c.status, CheckStatus::Failed | CheckStatus::Error))
            .collect()
    }
}

fn millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX))
}

fn from_millis<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    Ok(Duration::from_millis(u64::deserialize(deserializer)?))
}
