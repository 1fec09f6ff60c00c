//! `hookrc lint-commits RANGE`: every commit message of a range against the
//! policy's `[check.conventional]`, for CI; or one message given as text or
//! in a file (`--message`, `--message-file`: a pull request's title).
//!
//! The range is walked in-process (`git::revwalk`), then the messages are
//! linted side by side and reported in `git log` order. Stored messages are
//! already cleaned by git, so they are not cut at comment lines or scissors
//! (a `#` line kept with `--cleanup=verbatim` is part of the message); only
//! trailing whitespace and blank-line runs are normalised.

use std::borrow::Cow;
use std::io::{self, BufWriter, Write as _};

use anyhow::Context as _;
use hookrc_conventional::cleanup;
use hookrc_conventional::lint::{Level, Violation};
use hookrc_policy::{Check, ConventionalCheck, Policy};

use crate::checks::conventional::{MessageLinter, Verdict};
use crate::cli::{Format, LintCommitsArgs};
use crate::exit::ExitStatus;
use crate::git::{RangeCommit, Repo};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::commits::{self, CommitResult, CommitStatus, CommitsReport, Source};
use crate::output::render::github;
use crate::output::render::snippet::Snippet;
use crate::{env, settings};

/// Run `hookrc lint-commits`.
pub(crate) fn run(args: &LintCommitsArgs) -> anyhow::Result<ExitStatus> {
    let format = args.format.unwrap_or_else(settings::default_format);
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let (repo, policy) = match Repo::discover(&cwd) {
        Ok(repo) => {
            let policy = match repo.workdir() {
                Some(root) => settings::load_policy(root, &cwd)?,
                None => hookrc_policy::default_policy(&settings::default_context(&cwd))?,
            };
            (Some(repo), policy)
        }
        // A message can be linted anywhere, with the default policy.
        Err(_) if args.range.is_none() => (
            None,
            hookrc_policy::default_policy(&settings::default_context(&cwd))?,
        ),
        Err(err) => return Err(err),
    };
    let check = conventional_check(&policy);
    let linter = MessageLinter::new(&check);
    let report = match (&args.range, repo) {
        (Some(range), Some(repo)) => {
            let walk = repo.commits_in_range(range, args.since.as_deref(), args.include_merges)?;
            let results =
                hookrc_runner::run_on_cores(walk.commits, |commit| lint_commit(&linter, commit));
            CommitsReport {
                range: match &args.since {
                    Some(since) => format!("{range} --since {since}"),
                    None => range.clone(),
                },
                commits: results,
                skipped_merges: walk.skipped_merges,
                source: Source::Range,
            }
        }
        _ => message_report(&linter, args)?,
    };
    write_report(format, &report).context("cannot write the report")?;
    Ok(if report.failed() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The report of `--message TEXT` or `--message-file FILE`, linted as
/// stored (no comment lines stripped: GitHub keeps a title's `#`).
fn message_report(
    linter: &MessageLinter<'_>,
    args: &LintCommitsArgs,
) -> anyhow::Result<CommitsReport> {
    let (label, message) = match (&args.message, &args.message_file) {
        (Some(text), _) => ("message".to_owned(), text.clone().into_bytes()),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut bytes = Vec::new();
            io::Read::read_to_end(&mut io::stdin(), &mut bytes).context("cannot read stdin")?;
            ("stdin".to_owned(), bytes)
        }
        (None, Some(path)) => (path.display().to_string(), fs_err::read(path)?),
        (None, None) => anyhow::bail!("give a range, `--message` or `--message-file`"),
    };
    let commit = RangeCommit {
        id: label.clone(),
        message,
    };
    Ok(CommitsReport {
        range: label,
        commits: vec![lint_commit(linter, commit)],
        skipped_merges: 0,
        source: Source::Message,
    })
}

/// Write `report` in `format`, buffered: a report of thousands of commits
/// is one write per 8 KiB, not one per line.
fn write_report(format: Format, report: &CommitsReport) -> io::Result<()> {
    match format {
        Format::Human => {
            let mut out = BufWriter::new(anstream::stderr().lock());
            commits::human(&mut out, report)?;
            out.flush()
        }
        // JSON escapes every control character, so there is no escape
        // sequence for anstream to strip: its byte-by-byte scan is skipped.
        Format::Json => {
            let mut out = BufWriter::new(io::stdout().lock());
            commits::json(&mut out, report)?;
            out.flush()
        }
        Format::Github => {
            let mut out = BufWriter::new(anstream::stdout().lock());
            github::commits(&mut out, report)?;
            out.flush()?;
            if let Some(path) = env::github_step_summary() {
                append_step_summary(&path, report)?;
            }
            Ok(())
        }
    }
}

/// Append the report to GitHub's step summary file, within what is left of
/// its size limit.
fn append_step_summary(path: &std::path::Path, report: &CommitsReport) -> io::Result<()> {
    let used = fs_err::metadata(path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let budget = github::STEP_SUMMARY_LIMIT.saturating_sub(used);
    let markdown = github::commits_step_summary(report, budget);
    if markdown.len() > budget {
        return Ok(());
    }
    let mut file = fs_err::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(markdown.as_bytes())
}

/// The `conventional` check the policy runs on `commit-msg`, else
/// `[check.conventional]`, else the defaults (config-conventional).
fn conventional_check(policy: &Policy) -> Cow<'_, ConventionalCheck> {
    let on_hook = policy
        .checks_for("commit-msg")
        .find_map(|(_, check)| match check {
            Check::Conventional(check) => Some(check),
            _ => None,
        });
    let configured = || match policy.check("conventional") {
        Some(Check::Conventional(check)) => Some(check),
        _ => None,
    };
    on_hook
        .or_else(configured)
        .map_or_else(|| Cow::Owned(ConventionalCheck::default()), Cow::Borrowed)
}

fn lint_commit(linter: &MessageLinter<'_>, commit: RangeCommit) -> CommitResult {
    let Ok(raw) = String::from_utf8(commit.message) else {
        return not_utf8(commit.id);
    };
    let text = cleanup(&raw, "");
    let header = text.lines().next().unwrap_or_default().to_owned();
    let verdict = linter.lint(&text);
    let status = match &verdict {
        Verdict::Ignored(_) => CommitStatus::Ignored,
        verdict if verdict.fails() => CommitStatus::Failed,
        _ => CommitStatus::Passed,
    };
    let (ignored_reason, problems) = match verdict {
        Verdict::Ignored(why) => (Some(why.to_owned()), Vec::new()),
        Verdict::Empty => (None, vec![empty()]),
        Verdict::Linted(violations) => {
            (None, violations.iter().map(|v| problem(&text, v)).collect())
        }
    };
    CommitResult {
        id: commit.id,
        header,
        status,
        ignored_reason,
        problems,
    }
}

/// The check every commit problem belongs to.
const CHECK: &str = "conventional";

fn problem(text: &str, violation: &Violation) -> Diagnostic {
    let severity = if violation.level == Level::Error {
        Severity::Error
    } else {
        Severity::Warning
    };
    Diagnostic {
        code: Some(violation.rule.to_owned()),
        hint: violation.hint.clone(),
        snippet: violation
            .span
            .map(|span| Snippet::of(text, span.start, span.end)),
        ..Diagnostic::new(CHECK, severity, violation.message.clone())
    }
}

fn empty() -> Diagnostic {
    Diagnostic {
        code: Some("message-empty".to_owned()),
        ..Diagnostic::new(CHECK, Severity::Error, "the commit message is empty")
            .with_hint("write a message: `type(scope): description`")
    }
}

/// A stored message that is not UTF-8 (a legacy `encoding` header, or
/// garbage): hookrc cannot read it, so the commit fails with that reason.
fn not_utf8(id: String) -> CommitResult {
    CommitResult {
        id,
        header: String::new(),
        status: CommitStatus::Failed,
        ignored_reason: None,
        problems: vec![Diagnostic {
            code: Some("message-encoding".to_owned()),
            ..Diagnostic::new(
                CHECK,
                Severity::Error,
                "the commit message is not valid UTF-8",
            )
            .with_hint("write commit messages in UTF-8 (git's `i18n.commitEncoding`)")
        }],
    }
}
