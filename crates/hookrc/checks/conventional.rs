//! The `conventional` check: a commit message against `[check.conventional]`.
//!
//! On the `commit-msg` hook it reads the file git passes (as bytes), cleans
//! it as git will (comment lines by `core.commentChar`/`core.commentString`,
//! the scissors section of `git commit -v`, trailing blank lines), and lints
//! it; [`MessageLinter`] is the same pipeline `hookrc lint-commits` runs on
//! stored messages. Violations become diagnostics located in the message
//! file, with the offending line for a caret.

use std::path::Path;

use hookrc_conventional::lint::{self, Level, Violation};
use hookrc_conventional::{IgnoreKind, cleanup, default_ignore};
use hookrc_policy::ConventionalCheck;

use crate::checks::CheckContext;
use crate::git::HookConfig;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::snippet::Snippet;
use crate::output::report::{CheckReport, CheckStatus};

/// The pipeline that lints a cleaned message against `[check.conventional]`.
pub(crate) struct MessageLinter<'a> {
    check: &'a ConventionalCheck,
}

/// What linting one message gave.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Nothing but whitespace (and comments, before cleanup).
    Empty,
    /// Let through unchecked, for the reason given.
    Ignored(&'static str),
    /// Linted: every violation, warnings included (none when it passed).
    Linted(Vec<Violation>),
}

impl Verdict {
    /// Whether the message fails: empty, or an error-level violation.
    pub(crate) fn fails(&self) -> bool {
        match self {
            Verdict::Empty => true,
            Verdict::Ignored(_) => false,
            Verdict::Linted(violations) => violations.iter().any(|v| v.level == Level::Error),
        }
    }
}

impl<'a> MessageLinter<'a> {
    /// The linter for `check` (its commitlint config is built by the policy).
    pub(crate) fn new(check: &'a ConventionalCheck) -> Self {
        Self { check }
    }

    /// Lint `text`, a message already cleaned up.
    pub(crate) fn lint(&self, text: &str) -> Verdict {
        if text.trim().is_empty() {
            return Verdict::Empty;
        }
        if self.check.default_ignores()
            && let Some(kind) = default_ignore(text)
        {
            return Verdict::Ignored(ignore_reason(kind));
        }
        if self.check.is_ignored(text) {
            return Verdict::Ignored("matches `ignores` of `[check.conventional]`");
        }
        let mut violations = lint::lint(text, self.check.lint_config());
        // In reading order, like a compiler; unlocated ones last.
        violations.sort_by_key(|v| v.span.map_or(usize::MAX, |span| span.start));
        Verdict::Linted(violations)
    }

    /// The policy's `help-url`, shown under failures.
    pub(crate) fn help_url(&self) -> Option<&str> {
        self.check.help_url()
    }
}

fn ignore_reason(kind: IgnoreKind) -> &'static str {
    match kind {
        IgnoreKind::Merge => "a merge message",
        IgnoreKind::Revert => "a revert message",
        IgnoreKind::Autosquash => "a `fixup!`/`squash!`/`amend!` commit",
        _ => "a release version",
    }
}

/// Run the `conventional` check `name` on the message file git passed.
pub(crate) fn run(
    name: &str,
    check: &ConventionalCheck,
    context: &CheckContext<'_>,
) -> CheckReport {
    let Some(file) = context.hook_args.first() else {
        return error(
            name,
            "no commit message file was given".to_owned(),
            Some("`conventional` runs on `commit-msg`, whose argument is the message file"),
        );
    };
    check_message_file(name, check, context, Path::new(file))
        .unwrap_or_else(|err| error(name, format!("{err:#}"), None))
}

fn error(name: &str, message: String, hint: Option<&str>) -> CheckReport {
    let mut diagnostic = Diagnostic::new(name, Severity::Error, message);
    diagnostic.hint = hint.map(str::to_owned);
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(diagnostic);
    report
}

fn check_message_file(
    name: &str,
    check: &ConventionalCheck,
    context: &CheckContext<'_>,
    path: &Path,
) -> anyhow::Result<CheckReport> {
    let bytes = fs_err::read(context.root.join(path))?;
    let raw = match std::str::from_utf8(&bytes) {
        Ok(raw) => raw,
        Err(err) => return Ok(not_utf8(name, path, &bytes, &err)),
    };
    let comment = HookConfig::for_hook(&context.root)?.comment_string_for(raw);
    let text = cleanup(raw, &comment);
    let linter = MessageLinter::new(check);
    let verdict = linter.lint(&text);
    let mut report = CheckReport::new(name, status(&verdict));
    let at = Located {
        path,
        raw,
        text: &text,
    };
    report.diagnostics = diagnostics(name, &linter, &verdict, &at);
    if verdict.fails()
        && let Some(last) = report.diagnostics.last_mut()
    {
        let reuse = reuse_hint(&context.root, path);
        last.hint = Some(match last.hint.take() {
            Some(hint) => format!("{hint}; {reuse}"),
            None => reuse,
        });
    }
    Ok(report)
}

/// How to get the refused message back: git keeps it in the message file,
/// named as the user, where they stand, would type it.
fn reuse_hint(root: &Path, path: &Path) -> String {
    let shown = crate::output::paths::for_user(root, path);
    format!("your message is kept in `{shown}`: `git commit -e -F {shown}` reopens it to fix")
}

fn status(verdict: &Verdict) -> CheckStatus {
    match verdict {
        Verdict::Ignored(why) => CheckStatus::Skipped((*why).to_owned()),
        verdict if verdict.fails() => CheckStatus::Failed,
        _ => CheckStatus::Passed,
    }
}

/// A non-UTF-8 message: hookrc cannot read it, so it cannot vouch for it.
fn not_utf8(name: &str, path: &Path, bytes: &[u8], err: &std::str::Utf8Error) -> CheckReport {
    let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
    let valid = std::str::from_utf8(valid).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let column = valid
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    let byte = bytes.get(err.valid_up_to()).copied().unwrap_or_default();
    let mut diagnostic = Diagnostic::new(
        name,
        Severity::Error,
        format!("the commit message is not valid UTF-8 (byte `0x{byte:02x}`)"),
    )
    .with_hint("write the message in UTF-8 (git's default `i18n.commitEncoding`)");
    diagnostic.file = Some(path.to_owned());
    diagnostic.line = u32::try_from(line).ok();
    diagnostic.column = u32::try_from(column).ok();
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(diagnostic);
    report
}

/// A cleaned message and where it came from, to locate spans in the file.
struct Located<'a> {
    path: &'a Path,
    raw: &'a str,
    text: &'a str,
}

fn diagnostics(
    name: &str,
    linter: &MessageLinter<'_>,
    verdict: &Verdict,
    at: &Located<'_>,
) -> Vec<Diagnostic> {
    let violations = match verdict {
        Verdict::Ignored(_) => return Vec::new(),
        Verdict::Empty => {
            let mut empty = Diagnostic::new(name, Severity::Error, "the commit message is empty")
                .with_hint("write a message such as `feat(api): add the export endpoint`");
            empty.file = Some(at.path.to_owned());
            return vec![empty];
        }
        Verdict::Linted(violations) => violations,
    };
    let mut out: Vec<Diagnostic> = violations.iter().map(|v| diagnostic(name, v, at)).collect();
    if let (Some(url), Some(last)) = (linter.help_url(), out.last_mut())
        && verdict.fails()
    {
        let hint = last
            .hint
            .take()
            .map_or_else(|| format!("see {url}"), |h| format!("{h}; see {url}"));
        last.hint = Some(hint);
    }
    out
}

fn diagnostic(name: &str, violation: &Violation, at: &Located<'_>) -> Diagnostic {
    let severity = match violation.level {
        Level::Error => Severity::Error,
        _ => Severity::Warning,
    };
    let mut diagnostic = Diagnostic::new(name, severity, violation.message.clone());
    diagnostic.code = Some(violation.rule.to_owned());
    diagnostic.hint.clone_from(&violation.hint);
    diagnostic.file = Some(at.path.to_owned());
    if let Some(span) = violation.span {
        let snippet = Snippet::of(at.text, span.start, span.end);
        let line = file_line(at.raw, at.text, snippet.line);
        diagnostic.line = Some(line);
        diagnostic.column = Some(snippet.column());
        diagnostic.snippet = Some(Snippet { line, ..snippet });
    }
    diagnostic
}

/// The 1-based line of the message file that became line `line` of the
/// cleaned text: cleanup only drops lines and trailing whitespace, so the
/// cleaned lines are the file's lines, in order, minus the dropped ones.
fn file_line(raw: &str, text: &str, line: u32) -> u32 {
    let mut raw_lines = raw.lines().enumerate();
    let mut found = line;
    for (index, wanted) in text.lines().enumerate().take(line as usize) {
        if let Some((at, _)) = raw_lines.find(|(_, l)| l.trim_end() == wanted)
            && index + 1 == line as usize
        {
            found = u32::try_from(at + 1).unwrap_or(line);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(toml: &str) -> hookrc_policy::Policy {
        hookrc_policy::parse(toml, Path::new(".hookrc.toml")).unwrap()
    }

    fn conventional(policy: &hookrc_policy::Policy) -> &ConventionalCheck {
        match policy.check("conventional") {
            Some(hookrc_policy::Check::Conventional(check)) => check,
            other => panic!("no conventional check: {other:?}"),
        }
    }

    fn rules(verdict: &Verdict) -> Vec<&'static str> {
        match verdict {
            Verdict::Linted(v) => v.iter().map(|v| v.rule).collect(),
            other => panic!("not linted: {other:?}"),
        }
    }

    const POLICY: &str = "[hooks]\ncommit-msg = [\"conventional\"]\n[check.conventional]\n";

    #[test]
    fn types_scopes_and_rules_come_from_the_policy() {
        let policy = policy(&format!(
            "{POLICY}types = [\"feat\", \"oops\"]\nscopes = [\"api\"]\nrules = {{ header-max-length = [2, \"always\", 15] }}\n"
        ));
        let linter = MessageLinter::new(conventional(&policy));
        assert!(rules(&linter.lint("oops(api): x\n")).is_empty());
        assert_eq!(rules(&linter.lint("fix(api): x\n")), ["type-enum"]);
        assert_eq!(
            rules(&linter.lint("feat(web): a long header\n")),
            ["header-max-length", "scope-enum"]
        );
    }

    #[test]
    fn default_ignores_and_ignores_let_messages_through() {
        let default = policy(POLICY);
        let linter = MessageLinter::new(conventional(&default));
        assert!(matches!(
            linter.lint("Merge branch 'x'\n"),
            Verdict::Ignored(_)
        ));
        assert!(matches!(
            linter.lint("fixup! feat: x\n"),
            Verdict::Ignored(_)
        ));
        assert!(matches!(linter.lint("\n\n"), Verdict::Empty));
        let strict = policy(&format!(
            "{POLICY}default-ignores = false\nignores = [\"^WIP \"]\n"
        ));
        let linter = MessageLinter::new(conventional(&strict));
        assert!(linter.lint("Merge branch 'x'\n").fails());
        assert!(matches!(linter.lint("WIP stuff\n"), Verdict::Ignored(_)));
    }

    #[test]
    fn warnings_do_not_fail() {
        let default = policy(POLICY);
        let linter = MessageLinter::new(conventional(&default));
        let verdict = linter.lint("feat: x\nno blank line before the body\n");
        assert_eq!(rules(&verdict), ["body-leading-blank"]);
        assert!(!verdict.fails());
    }

    #[test]
    fn cleaned_lines_map_back_to_the_file() {
        let raw = "# a comment\n\nfeat: x   \n# another\n\nbody\n";
        let text = cleanup(raw, "#");
        assert_eq!(text, "feat: x\n\nbody\n");
        assert_eq!(file_line(raw, &text, 1), 3);
        assert_eq!(file_line(raw, &text, 3), 6);
    }
}
