//! The GitHub Actions format: each check's output in a collapsible
//! `::group::`, and each diagnostic as an `::error`/`::warning` annotation
//! (with `file`, `line` and `col` when known), which GitHub shows on the
//! pull request. Default when `GITHUB_ACTIONS=true`.
//!
//! For `lint-commits`, annotations are ranked (errors first, newest commits
//! first) and capped at what GitHub shows, with a notice for the rest, and
//! the whole report is a Markdown table for `$GITHUB_STEP_SUMMARY`.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::commits::{self, CommitStatus, CommitsReport};
use crate::output::render::took;
use crate::output::report::{CheckStatus, Report};

/// How many annotations of one level GitHub shows for a step; it drops the
/// rest without a word.
pub(crate) const ANNOTATIONS_PER_LEVEL: usize = 10;

/// The most GitHub accepts in one step's summary file.
pub(crate) const STEP_SUMMARY_LIMIT: usize = 1024 * 1024;

/// Write `report` as GitHub workflow commands: past
/// [`ANNOTATIONS_PER_LEVEL`] annotations of a level, diagnostics are plain
/// log lines, and a notice at the end counts them.
pub(crate) fn render(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let mut annotated = [0_usize; 2];
    let mut left_out = [0_usize; 2];
    for check in &report.checks {
        let took = took(check);
        let status = match &check.status {
            CheckStatus::Passed => format!("passed ({took})"),
            CheckStatus::Failed => format!("failed ({took})"),
            CheckStatus::Skipped(why) => format!("skipped ({why})"),
            CheckStatus::Error => "error".to_owned(),
            CheckStatus::Interrupted => format!("interrupted ({took})"),
        };
        writeln!(out, "::group::{} {}: {status}", report.hook, check.title())?;
        out.write_all(check.output.as_bytes())?;
        if !check.output.is_empty() && !check.output.ends_with('\n') {
            writeln!(out)?;
        }
        writeln!(out, "::endgroup::")?;
        for diagnostic in &check.diagnostics {
            let level = usize::from(diagnostic.severity == Severity::Warning);
            if annotated[level] < ANNOTATIONS_PER_LEVEL {
                annotated[level] += 1;
                annotation(out, diagnostic)?;
            } else {
                left_out[level] += 1;
                plain(out, diagnostic)?;
            }
        }
    }
    if let [errors, warnings] = left_out
        && errors + warnings > 0
    {
        more_notice(out, errors, warnings, "they are listed in the log above")?;
    }
    Ok(())
}

/// A diagnostic past the cap, as a log line.
fn plain(out: &mut impl Write, diagnostic: &Diagnostic) -> io::Result<()> {
    let place = match (&diagnostic.file, diagnostic.line) {
        (Some(file), Some(line)) => format!("{}:{line}: ", file.display()),
        (Some(file), None) => format!("{}: ", file.display()),
        _ => String::new(),
    };
    writeln!(
        out,
        "{}[{}]: {place}{}",
        diagnostic.severity.label(),
        diagnostic.check,
        diagnostic.message
    )
}

/// The notice that counts the problems GitHub would not have shown.
fn more_notice(
    out: &mut impl Write,
    errors: usize,
    warnings: usize,
    where_: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "::notice title={}::{}",
        escape_property("hookrc: more problems"),
        escape_data(&format!(
            "{errors} more errors and {warnings} more warnings are not annotated (GitHub shows {ANNOTATIONS_PER_LEVEL} per level); {where_}"
        ))
    )
}

fn annotation(out: &mut impl Write, diagnostic: &Diagnostic) -> io::Result<()> {
    let mut properties = String::new();
    if let Some(file) = &diagnostic.file {
        let _ = write!(
            properties,
            "file={},",
            escape_property(&file.display().to_string())
        );
        if let Some(line) = diagnostic.line {
            let _ = write!(properties, "line={line},");
        }
        if let Some(column) = diagnostic.column {
            let _ = write!(properties, "col={column},");
        }
    }
    let _ = write!(
        properties,
        "title={}",
        escape_property(&format!("hookrc: {}", diagnostic.check))
    );
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        let _ = write!(message, "\nhint: {hint}");
    }
    writeln!(
        out,
        "::{} {properties}::{}",
        diagnostic.severity.label(),
        escape_data(&message)
    )
}

/// `lint-commits` as workflow commands: at most [`ANNOTATIONS_PER_LEVEL`]
/// annotations per level (errors first, newest commits first), a notice
/// counting the ones left out, then the summary.
pub(crate) fn commits(out: &mut impl Write, report: &CommitsReport) -> io::Result<()> {
    let mut left_out = [0_usize; 2];
    for severity in [Severity::Error, Severity::Warning] {
        let problems = report.commits.iter().flat_map(|commit| {
            commit
                .problems
                .iter()
                .filter(move |p| p.severity == severity)
                .map(move |p| (commit, p))
        });
        let mut shown = 0;
        for (commit, problem) in problems {
            if shown == ANNOTATIONS_PER_LEVEL {
                left_out[usize::from(severity == Severity::Warning)] += 1;
                continue;
            }
            shown += 1;
            let title = format!("{} in commit {}", commits::rule(problem), commit.short_id());
            let mut text = format!(
                "{} {}: {}",
                commit.short_id(),
                commit.header,
                problem.message
            );
            if let Some(hint) = &problem.hint {
                let _ = write!(text, "\nhint: {hint}");
            }
            writeln!(
                out,
                "::{} title={}::{}",
                severity.label(),
                escape_property(&title),
                escape_data(&text)
            )?;
        }
    }
    if let [errors, warnings] = left_out
        && errors + warnings > 0
    {
        more_notice(
            out,
            errors,
            warnings,
            "the job summary and `--format json` list them all",
        )?;
    }
    commits::human_summary(out, report)
}

/// `lint-commits` as Markdown for `$GITHUB_STEP_SUMMARY`, at most `budget`
/// bytes: the counts, a table of rules, and a table of the commits with
/// problems (cut, with a note, where the budget ends).
pub(crate) fn commits_step_summary(report: &CommitsReport, budget: usize) -> String {
    let s = report.summary();
    let mut out = format!(
        "### hookrc lint-commits `{}`\n\n{} commits: {} passed, {} failed, {} ignored\n\n",
        cell(&report.range),
        s.commits,
        s.passed,
        s.failed,
        s.ignored
    );
    let counts = report.rule_counts();
    if !counts.is_empty() {
        out.push_str("| rule | commits |\n| --- | ---: |\n");
        for (rule, n) in &counts {
            let _ = writeln!(out, "| `{rule}` | {n} |");
        }
        out.push_str("\n| commit | status | header | problems |\n| --- | --- | --- | --- |\n");
    }
    let with_problems: Vec<_> = report
        .commits
        .iter()
        .filter(|c| !c.problems.is_empty())
        .collect();
    let reserve = 200;
    for (index, commit) in with_problems.iter().enumerate() {
        let status = match commit.status {
            CommitStatus::Failed => "failed",
            CommitStatus::Passed => "passed",
            CommitStatus::Ignored => "ignored",
        };
        let problems: Vec<String> = commit
            .problems
            .iter()
            .map(|p| {
                let rule = commits::rule(p);
                format!("{} `{rule}`: {}", p.severity.label(), cell(&p.message))
            })
            .collect();
        let row = format!(
            "| `{}` | {status} | {} | {} |\n",
            commit.short_id(),
            cell(&commit.header),
            problems.join("<br>")
        );
        if out.len() + row.len() + reserve > budget {
            let _ = writeln!(
                out,
                "\n{} more commits with problems are not shown here (the summary's size limit); `hookrc lint-commits --format json` lists them all.",
                with_problems.len() - index
            );
            return out;
        }
        out.push_str(&row);
    }
    out.push('\n');
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Workflow command data: `%`, CR and LF are percent-encoded
/// (actions/toolkit `command.ts`).
pub(super) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties: as data, plus `:` and `,`.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render::tests::sample;

    #[test]
    fn renders_groups_and_annotations() {
        let mut out = Vec::new();
        render(&mut out, &sample()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn hook_run_annotations_are_capped_per_level() {
        let mut report = sample();
        let diagnostic = Diagnostic::new("lint", Severity::Error, "bad");
        report.checks[0].diagnostics = vec![diagnostic; 12];
        let mut out = Vec::new();
        render(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text.matches("::error ").count(),
            ANNOTATIONS_PER_LEVEL,
            "{text}"
        );
        // The sample's other checks add three errors past the cap.
        assert_eq!(text.lines().filter(|l| *l == "error[lint]: bad").count(), 2);
        assert!(text.contains("\nerror[shellcheck]: `shellcheck` was not found on PATH\n"));
        assert!(text.contains("::notice title=hookrc%3A more problems::5 more errors"));
    }

    #[test]
    fn commits_render_as_annotations_and_a_summary() {
        use crate::output::render::commits::tests::{render, sample};
        insta::assert_snapshot!(render(commits));
        insta::assert_snapshot!(commits_step_summary(&sample(), STEP_SUMMARY_LIMIT));
    }

    #[test]
    fn commit_annotations_are_capped_per_level_with_a_notice() {
        use crate::output::render::commits::tests::sample;
        let mut report = sample();
        let failed = report.commits[0].clone();
        report.commits = (0..25).map(|_| failed.clone()).collect();
        let mut out = Vec::new();
        commits(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("::error ").count(), ANNOTATIONS_PER_LEVEL);
        assert_eq!(text.matches("::warning ").count(), ANNOTATIONS_PER_LEVEL);
        assert!(text.contains("15 more errors and 15 more warnings are not annotated"));
        let summary = commits_step_summary(&report, 2_000);
        assert!(summary.len() <= 2_000, "{}", summary.len());
        assert!(summary.contains("more commits with problems are not shown here"));
    }

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
