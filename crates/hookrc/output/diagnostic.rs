//! The one diagnostic model every renderer reads: what a check found, or why
//! it could not run, with an optional location and hint. Checks produce
//! data; only `render/` decides how it looks.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::output::render::snippet::Snippet;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// It makes the hook fail.
    Error,
    /// Worth reading; the hook still passes.
    Warning,
}

impl Severity {
    /// The label renderers print: `error` or `warning`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing a check reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Diagnostic {
    /// The check's name, as in the policy.
    pub(crate) check: String,
    pub(crate) severity: Severity,
    /// The file, repo-relative, when the diagnostic is about one.
    pub(crate) file: Option<PathBuf>,
    /// 1-based line in `file`.
    pub(crate) line: Option<u32>,
    /// 1-based column in `line`.
    pub(crate) column: Option<u32>,
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) hint: Option<String>,
    /// The rule that found it, e.g. `type-enum`, when the check has rules.
    #[serde(rename = "rule", skip_serializing_if = "Option::is_none")]
    pub(crate) code: Option<String>,
    /// The line `line` points into, for a caret under the span.
    #[serde(skip)]
    pub(crate) snippet: Option<Snippet>,
}

impl Diagnostic {
    /// An unlocated diagnostic of `check`.
    pub(crate) fn new(check: &str, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            check: check.to_owned(),
            severity,
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
            snippet: None,
        }
    }

    /// The same diagnostic with a hint.
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}
