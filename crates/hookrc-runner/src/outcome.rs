//! What a check produced: an [`Outcome`] with its [`Finding`]s.
//!
//! Findings are data: a gofmt diff, a vet message
//! or a failing custom command is a value the binary renders and turns into
//! exit 1. "Could not run" is an [`crate::ExecError`] instead, never an
//! outcome. Findings are kept sorted, so output never depends on thread timing.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The verdict of one check.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// The check ran and found nothing wrong.
    Passed,
    /// The check ran and found problems (see the findings and output).
    Failed,
    /// The check did not run, for this reason (e.g. an optional tool is
    /// missing, or no file matched).
    Skipped(String),
}

/// One problem a check found, located as precisely as the tool allows.
///
/// Ordered by file, line, column, then message, which is the order in which
/// [`Outcome::with_findings`] keeps them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    file: Option<PathBuf>,
    line: Option<u32>,
    column: Option<u32>,
    message: String,
    hint: Option<String>,
    diff: Option<String>,
}

impl Finding {
    /// A finding with just a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            file: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            diff: None,
        }
    }

    /// In this file (repo-relative).
    #[must_use]
    pub fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// At this 1-based line and, if known, column.
    #[must_use]
    pub fn at(mut self, line: u32, column: Option<u32>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// With a hint saying how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// With a unified diff of the needed change.
    #[must_use]
    pub fn with_diff(mut self, diff: impl Into<String>) -> Self {
        self.diff = Some(diff.into());
        self
    }

    /// The repo-relative file, if the finding has one.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The 1-based line, if known.
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// The 1-based column, if known.
    pub fn column(&self) -> Option<u32> {
        self.column
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it, if the check knows.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// The unified diff of the needed change, if the check computes one.
    pub fn diff(&self) -> Option<&str> {
        self.diff.as_deref()
    }
}

/// What one check produced: its verdict, findings, raw output and duration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    name: String,
    status: Status,
    findings: Vec<Finding>,
    output: String,
    duration: Duration,
}

impl Outcome {
    /// The outcome of check `name` with `status`, no findings, no output and
    /// zero duration.
    pub fn new(name: impl Into<String>, status: Status) -> Self {
        Self {
            name: name.into(),
            status,
            findings: Vec::new(),
            output: String::new(),
            duration: Duration::ZERO,
        }
    }

    /// The outcome of check `name` judged by its `findings`: failed with
    /// them when there are any, else passed.
    pub fn judged(name: impl Into<String>, findings: Vec<Finding>) -> Self {
        let status = if findings.is_empty() {
            Status::Passed
        } else {
            Status::Failed
        };
        Outcome::new(name, status).with_findings(findings)
    }

    /// One outcome for check `name` from its parts (e.g. one per Go module):
    /// failed if any part failed, skipped (with the first reason) only if
    /// every part was skipped, else passed; findings of all parts, sorted;
    /// outputs joined; duration the sum (set the wall time with
    /// [`Outcome::with_duration`] when the parts ran side by side).
    pub fn merge(name: impl Into<String>, parts: Vec<Outcome>) -> Self {
        let failed = parts.iter().any(|p| p.status == Status::Failed);
        let first_skip = parts.iter().find_map(|p| match &p.status {
            Status::Skipped(reason) => Some(reason.clone()),
            _ => None,
        });
        let all_skipped =
            !parts.is_empty() && parts.iter().all(|p| matches!(p.status, Status::Skipped(_)));
        let status = match first_skip {
            _ if failed => Status::Failed,
            Some(reason) if all_skipped => Status::Skipped(reason),
            _ => Status::Passed,
        };
        let duration = parts.iter().map(|p| p.duration).sum();
        let output: Vec<&str> = parts
            .iter()
            .map(|p| p.output.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        let output = output.join("\n");
        let findings = parts.into_iter().flat_map(|p| p.findings).collect();
        Outcome::new(name, status)
            .with_findings(findings)
            .with_output(output)
            .with_duration(duration)
    }

    /// With these findings, sorted (stable) by file, line, column, message.
    #[must_use]
    pub fn with_findings(mut self, mut findings: Vec<Finding>) -> Self {
        findings.sort();
        self.findings = findings;
        self
    }

    /// With the tool's raw output (what to show when there are no findings to
    /// render, e.g. a custom command's stdout and stderr).
    #[must_use]
    pub fn with_output(mut self, output: impl Into<String>) -> Self {
        self.output = output.into();
        self
    }

    /// With how long the check took.
    #[must_use]
    pub fn with_duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// The check's name as the policy spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verdict.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The findings, sorted.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The raw output.
    pub fn output(&self) -> &str {
        &self.output
    }

    /// How long the check took.
    pub fn duration(&self) -> Duration {
        self.duration
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{Finding, Outcome, Status};

    #[test]
    fn merged_parts_fail_if_any_failed_and_skip_only_if_all_skipped() {
        let passed = Outcome::new("p", Status::Passed)
            .with_duration(Duration::from_millis(5))
            .with_output("ok");
        let skipped = Outcome::new("s", Status::Skipped("no package".into()));
        let failed = Outcome::new("f", Status::Failed)
            .with_findings(vec![Finding::new("b").with_file("z.go")])
            .with_output("bad")
            .with_duration(Duration::from_millis(7));
        let merged = Outcome::merge("go-vet", vec![failed, passed.clone(), skipped.clone()]);
        assert_eq!(
            (merged.name(), merged.status()),
            ("go-vet", &Status::Failed)
        );
        assert_eq!(merged.findings().len(), 1);
        assert_eq!(merged.output(), "bad\nok");
        assert_eq!(merged.duration(), Duration::from_millis(12));
        let merged = Outcome::merge("go-vet", vec![skipped.clone(), passed]);
        assert_eq!(merged.status(), &Status::Passed);
        let merged = Outcome::merge("go-vet", vec![skipped.clone(), skipped]);
        assert_eq!(merged.status(), &Status::Skipped("no package".into()));
        assert_eq!(Outcome::merge("go-vet", vec![]).status(), &Status::Passed);
    }

    #[test]
    fn findings_are_sorted_by_file_line_column_message() {
        let outcome = Outcome::new("go-vet", Status::Failed).with_findings(vec![
            Finding::new("b").with_file("z.go").at(1, Some(1)),
            Finding::new("late").with_file("a.go").at(10, Some(2)),
            Finding::new("a").with_file("a.go").at(2, Some(7)),
            Finding::new("no file"),
            Finding::new("a").with_file("a.go").at(2, Some(3)),
        ]);
        let order: Vec<_> = outcome
            .findings()
            .iter()
            .map(|f| {
                (
                    f.file().map(|p| p.display().to_string()),
                    f.line(),
                    f.column(),
                    f.message(),
                )
            })
            .collect();
        assert_eq!(
            order,
            vec![
                (None, None, None, "no file"),
                (Some("a.go".into()), Some(2), Some(3), "a"),
                (Some("a.go".into()), Some(2), Some(7), "a"),
                (Some("a.go".into()), Some(10), Some(2), "late"),
                (Some("z.go".into()), Some(1), Some(1), "b"),
            ]
        );
        assert_eq!(outcome.status(), &Status::Failed);
        assert_eq!(outcome.name(), "go-vet");
    }
}
