//! The report of `hookrc lint-commits` and two of its formats: `human`
//! (stderr: each failing or warned commit, its problems with carets, a
//! summary with counts per rule) and `json` (stdout: the stable schema
//! documented in `docs/lint-commits.md`); the `github` format is in
//! `github.rs`, beside the hook runs' GitHub renderer.
//!
//! Problems are the same `Diagnostic`s hook runs report (the rule as its
//! code, a snippet of the message for the caret); the report groups them by
//! commit rather than by check, because a problem is located in a commit's
//! message, not in a file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::snippet::{self, Snippet};

/// How many failing commit ids the human summary names (JSON has them all).
const NAMED_IDS: usize = 5;

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const COMMIT: Style = AnsiColor::Yellow.on_default();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// The version of the JSON schema; bumped on any incompatible change.
const SCHEMA_VERSION: u32 = 1;

/// Every commit of a range and what linting found.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommitsReport {
    /// The range as given (`origin/main..HEAD`).
    pub(crate) range: String,
    /// Newest first, as `git log` lists them.
    pub(crate) commits: Vec<CommitResult>,
    /// Merge commits left out (`--include-merges` keeps them).
    #[serde(skip)]
    pub(crate) skipped_merges: usize,
    /// What was linted: a range of commits, or a message given on the
    /// command line (a pull request's title).
    #[serde(skip)]
    pub(crate) source: Source,
}

/// What `lint-commits` linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The commits of a range.
    Range,
    /// `--message` or `--message-file`.
    Message,
}

/// How one commit fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CommitStatus {
    /// No error-level problem (warnings may be listed).
    Passed,
    /// At least one error-level problem.
    Failed,
    /// Not checked: a default ignore or an `ignores` pattern matched.
    Ignored,
}

/// One commit's result.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CommitResult {
    /// The full commit id.
    pub(crate) id: String,
    /// The first line of the message.
    pub(crate) header: String,
    pub(crate) status: CommitStatus,
    /// Why it was not checked, for `ignored`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ignored_reason: Option<String>,
    /// What linting found, in the one diagnostic model of hook runs (the
    /// rule as `code`, a snippet of the message for the caret).
    #[serde(serialize_with = "json_problems")]
    pub(crate) problems: Vec<Diagnostic>,
}

impl CommitResult {
    /// The abbreviated id people read (`git log --oneline` length); a
    /// label that is not a commit id (`message`, a file name) as it is.
    pub(crate) fn short_id(&self) -> &str {
        if self.id.len() >= 7 && self.id.bytes().all(|b| b.is_ascii_hexdigit()) {
            self.id.get(..7).unwrap_or(&self.id)
        } else {
            &self.id
        }
    }
}

/// The rule a commit problem breaks (`type-enum`): the diagnostic's code.
pub(crate) fn rule(problem: &Diagnostic) -> &str {
    problem.code.as_deref().unwrap_or(&problem.check)
}

/// A problem as the JSON schema has it: the rule, and the place in the
/// message rather than in a file.
#[derive(Serialize)]
struct JsonProblem<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
    #[serde(flatten)]
    location: Location,
}

/// Where a problem is: 1-based line and columns (end exclusive) of the
/// message, all `null` when the problem is an absence with no place.
#[derive(Serialize)]
struct Location {
    line: Option<u32>,
    column: Option<u32>,
    end_column: Option<u32>,
}

fn json_problems<S: serde::Serializer>(
    problems: &[Diagnostic],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(problems.iter().map(|problem| JsonProblem {
        rule: rule(problem),
        severity: problem.severity,
        message: &problem.message,
        hint: problem.hint.as_deref(),
        location: location(problem.snippet.as_ref()),
    }))
}

fn location(snippet: Option<&Snippet>) -> Location {
    match snippet {
        Some(s) => {
            let width = s.text.get(s.start..s.end).map_or(0, |m| m.chars().count());
            let column = s.column();
            Location {
                line: Some(s.line),
                column: Some(column),
                end_column: Some(column + u32::try_from(width).unwrap_or(0)),
            }
        }
        None => Location {
            line: None,
            column: None,
            end_column: None,
        },
    }
}

/// Counts for the summary line and the JSON `summary` object.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Summary {
    pub(crate) commits: usize,
    pub(crate) passed: usize,
    pub(crate) failed: usize,
    pub(crate) ignored: usize,
    pub(crate) skipped_merges: usize,
    /// For each rule with problems, how many commits break it.
    pub(crate) rules: BTreeMap<String, usize>,
    /// Every failed commit's id, newest first.
    pub(crate) failed_commits: Vec<String>,
}

impl CommitsReport {
    /// Whether any commit failed.
    pub(crate) fn failed(&self) -> bool {
        self.commits
            .iter()
            .any(|c| c.status == CommitStatus::Failed)
    }

    /// The counts of the summary.
    pub(crate) fn summary(&self) -> Summary {
        let count = |status| self.commits.iter().filter(|c| c.status == status).count();
        let mut rules = BTreeMap::new();
        for commit in &self.commits {
            let mut seen: Vec<&str> = commit.problems.iter().map(rule).collect();
            seen.sort_unstable();
            seen.dedup();
            for rule in seen {
                *rules.entry(rule.to_owned()).or_insert(0) += 1;
            }
        }
        Summary {
            commits: self.commits.len(),
            passed: count(CommitStatus::Passed),
            failed: count(CommitStatus::Failed),
            ignored: count(CommitStatus::Ignored),
            skipped_merges: self.skipped_merges,
            rules,
            failed_commits: self
                .commits
                .iter()
                .filter(|c| c.status == CommitStatus::Failed)
                .map(|c| c.id.clone())
                .collect(),
        }
    }

    /// The rules with problems, most commits first: `(rule, commits)`.
    pub(crate) fn rule_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self.summary().rules.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        counts
    }
}

/// `human`: the commits with problems, then the summary.
pub(crate) fn human(out: &mut impl Write, report: &CommitsReport) -> io::Result<()> {
    for commit in report.commits.iter().filter(|c| !c.problems.is_empty()) {
        writeln!(
            out,
            "{COMMIT}{}{COMMIT:#} {}",
            commit.short_id(),
            commit.header
        )?;
        for problem in &commit.problems {
            let style = match problem.severity {
                Severity::Error => ERROR,
                Severity::Warning => WARNING,
            };
            let label = problem.severity.label();
            writeln!(
                out,
                "  {style}{label}[{}]{style:#}: {}",
                rule(problem),
                problem.message
            )?;
            if let Some(snippet) = &problem.snippet {
                snippet::write(out, snippet, 4, style)?;
            }
            if let Some(hint) = &problem.hint {
                writeln!(out, "  {HINT}hint{HINT:#}: {hint}")?;
            }
        }
        writeln!(out)?;
    }
    human_summary(out, report)
}

/// The summary: counts, then for a failure the rules broken, the first
/// failing ids and how to go on without rewriting published history.
pub(crate) fn human_summary(out: &mut impl Write, report: &CommitsReport) -> io::Result<()> {
    let s = report.summary();
    let merges = match s.skipped_merges {
        0 => String::new(),
        1 => " (1 merge commit skipped)".to_owned(),
        n => format!(" ({n} merge commits skipped)"),
    };
    let commits = if s.commits == 1 { "commit" } else { "commits" };
    writeln!(
        out,
        "checked {} {commits} in `{}`{merges}: {} passed, {} failed, {} ignored",
        s.commits, report.range, s.passed, s.failed, s.ignored
    )?;
    if s.failed == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "\n{ERROR}error{ERROR:#}: {} of {} {commits} failed",
        s.failed, s.commits
    )?;
    let counts = report.rule_counts();
    let width = counts.iter().map(|(rule, _)| rule.len()).max().unwrap_or(0);
    for (rule, n) in &counts {
        let noun = if *n == 1 { "commit" } else { "commits" };
        writeln!(out, "  {rule:<width$}  {n} {noun}")?;
    }
    let named: Vec<&str> = report
        .commits
        .iter()
        .filter(|c| c.status == CommitStatus::Failed)
        .take(NAMED_IDS)
        .map(CommitResult::short_id)
        .collect();
    let more = s.failed.saturating_sub(named.len());
    let more = if more > 0 {
        format!(" and {more} more (`--format json` lists them all)")
    } else {
        String::new()
    };
    writeln!(out, "  failed: {}{more}", named.join(", "))?;
    writeln!(out, "\n{HINT}hint{HINT:#}: {}", advice(report))
}

/// How to go on: for a message, fix it; for commits, never ask to rewrite
/// published history.
fn advice(report: &CommitsReport) -> String {
    match (report.source, report.commits.first()) {
        (Source::Range, Some(newest)) => format!(
            "published commits cannot be reworded without rewriting history; to adopt the rules from now on, lint only the commits after the current tip: `hookrc lint-commits {} --since {}` (pin that id in CI); commits not yet pushed can be reworded with `git rebase -i`",
            report.range.split(' ').next().unwrap_or(&report.range),
            newest.short_id()
        ),
        _ => "edit the message (for a pull request: its title, the future squash commit's message) and lint it again".to_owned(),
    }
}

/// `json`: one object, `{"version", "range", "summary", "commits"}`.
pub(crate) fn json(out: &mut impl Write, report: &CommitsReport) -> io::Result<()> {
    #[derive(Serialize)]
    struct Document<'a> {
        version: u32,
        range: &'a str,
        summary: Summary,
        commits: &'a [CommitResult],
    }
    let document = Document {
        version: SCHEMA_VERSION,
        range: &report.range,
        summary: report.summary(),
        commits: &report.commits,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> CommitsReport {
        let problem = |rule: &str, severity, snippet| Diagnostic {
            code: Some(rule.into()),
            snippet,
            ..Diagnostic::new("conventional", severity, format!("{rule} says no, 100%"))
                .with_hint("fix it: now")
        };
        let failed = CommitResult {
            id: "1a2b3c4d5e6f".into(),
            header: "feet(api): add, it".into(),
            status: CommitStatus::Failed,
            ignored_reason: None,
            problems: vec![
                problem(
                    "type-enum",
                    Severity::Error,
                    Some(Snippet::of("feet(api): add, it\n", 0, 4)),
                ),
                problem("body-leading-blank", Severity::Warning, None),
            ],
        };
        let passed = CommitResult {
            id: "ffffffffffff".into(),
            header: "feat: fine".into(),
            status: CommitStatus::Passed,
            ignored_reason: None,
            problems: Vec::new(),
        };
        let ignored = CommitResult {
            id: "eeeeeeeeeeee".into(),
            header: "fixup! feat: fine".into(),
            status: CommitStatus::Ignored,
            ignored_reason: Some("a `fixup!`/`squash!`/`amend!` commit".into()),
            problems: Vec::new(),
        };
        CommitsReport {
            range: "main..topic".into(),
            commits: vec![failed, passed, ignored],
            skipped_merges: 2,
            source: Source::Range,
        }
    }

    pub(crate) fn render(f: impl Fn(&mut Vec<u8>, &CommitsReport) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out, &sample()).unwrap();
        String::from_utf8(anstream::adapter::strip_bytes(&out).into_vec()).unwrap()
    }

    #[test]
    fn human_lists_problem_commits_with_carets_and_a_summary() {
        insta::assert_snapshot!(render(human));
    }

    #[test]
    fn json_has_the_documented_shape() {
        let value: serde_json::Value = serde_json::from_str(&render(json)).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["summary"]["failed"], 1);
        assert_eq!(value["summary"]["skipped_merges"], 2);
        assert_eq!(value["summary"]["rules"]["type-enum"], 1);
        assert_eq!(value["summary"]["failed_commits"][0], "1a2b3c4d5e6f");
        let failed = &value["commits"][0];
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["problems"][0]["rule"], "type-enum");
        assert_eq!(failed["problems"][0]["line"], 1);
        assert_eq!(failed["problems"][0]["end_column"], 5);
        assert!(
            failed["problems"][1]
                .get("line")
                .is_some_and(serde_json::Value::is_null)
        );
        assert_eq!(
            value["commits"][2]["ignored_reason"],
            "a `fixup!`/`squash!`/`amend!` commit"
        );
    }
}
