//! The strict Conventional Commits 1.0.0 parser, written by hand over lines.
//!
//! Our reading of the spec as a grammar (each function below opens with the
//! production it implements):
//!
//! ```text
//! message     = header [ LF blank-line body ] [ LF blank-line footers ] *( LF blank-line )
//! header      = type [ "(" scope ")" ] [ "!" ] ":" SP description
//! type        = 1*( any char except WSP, "(", ")", ":", "!" )
//! scope       = 1*( any char except LF, "(", ")" )
//! description = 1*( any char except LF )        ; not only whitespace
//! body        = paragraphs up to the first paragraph that starts with a footer line
//! footers     = footer *( LF footer )
//! footer      = token separator value
//! token       = "BREAKING CHANGE" / 1*( ALPHA / DIGIT / "-" / "_" )
//! separator   = ": " / " #"
//! value       = text up to the next line that starts a footer
//! LF          = "\n" / "\r\n"
//! ```

use crate::Span;
use crate::error::{ParseError, ParseErrorKind};
use crate::message::{Commit, Footer, Part, Separator};

/// Parses `text` as a Conventional Commit (spec 1.0.0). The text should already
/// be cleaned up (see [`crate::cleanup()`]); trailing blank lines are allowed.
///
/// # Errors
///
/// A [`ParseError`] whose span points at the first part that breaks the spec.
pub fn parse(text: &str) -> Result<Commit<'_>, ParseError> {
    // message = header [ LF blank-line body ] [ LF blank-line footers ] *( LF blank-line )
    let lines = split_lines(text);
    let Some(&header) = lines.first() else {
        return Err(ParseError::new(
            ParseErrorKind::Empty,
            Span::new(0, text.len()),
        ));
    };
    if text.trim().is_empty() {
        return Err(ParseError::new(
            ParseErrorKind::Empty,
            Span::new(0, text.len()),
        ));
    }
    let head = parse_header(text, header)?;
    let rest = lines.get(1..).unwrap_or_default();
    if let Some(second) = rest.first().filter(|l| !is_blank(l)) {
        return Err(ParseError::new(
            ParseErrorKind::MissingBlankLine,
            Span::of(text, second),
        ));
    }
    let rest = rest.get(1..).unwrap_or_default();
    let footer_start = (0..rest.len())
        .find(|&i| {
            let after_blank = i == 0 || rest.get(i - 1).is_some_and(|l| is_blank(l));
            after_blank && rest.get(i).is_some_and(|l| footer_line(l).is_some())
        })
        .unwrap_or(rest.len());
    let body = paragraph_slice(text, rest.get(..footer_start).unwrap_or_default());
    let footers = parse_footers(text, rest.get(footer_start..).unwrap_or_default());
    Ok(Commit {
        header: Part::new(text, header),
        r#type: head.r#type,
        scope: head.scope,
        bang: head.bang,
        description: head.description,
        body: body.map(|b| Part::new(text, b)),
        footers,
    })
}

struct Header<'a> {
    r#type: Part<'a>,
    scope: Option<Part<'a>>,
    bang: Option<Span>,
    description: Part<'a>,
}

fn parse_header<'a>(text: &'a str, line: &'a str) -> Result<Header<'a>, ParseError> {
    // header = type [ "(" scope ")" ] [ "!" ] ":" SP description
    let base = Span::of(text, line).start;
    let at = |start: usize, end: usize| Span::new(base + start, base + end);
    let r#type = parse_type(line).map_err(|(kind, s, e)| ParseError::new(kind, at(s, e)))?;
    let mut pos = r#type.len();
    let mut scope = None;
    if line.get(pos..).is_some_and(|r| r.starts_with('(')) {
        let inner = parse_scope(line.get(pos + 1..).unwrap_or_default())
            .map_err(|(kind, s, e)| ParseError::new(kind, at(pos + 1 + s, pos + 1 + e)))?;
        scope = Some(Part::new(text, inner));
        pos += inner.len() + 2;
    }
    let rest = line.get(pos..).unwrap_or_default();
    let bang = rest.starts_with('!').then(|| at(pos, pos + 1));
    pos += usize::from(bang.is_some());
    let rest = line.get(pos..).unwrap_or_default();
    let next_len = rest.chars().next().map_or(0, char::len_utf8);
    if !rest.starts_with(':') {
        return Err(ParseError::new(
            ParseErrorKind::MissingColon,
            at(pos, pos + next_len),
        ));
    }
    if !rest.get(1..).is_some_and(|r| r.starts_with(' ')) {
        return Err(ParseError::new(
            ParseErrorKind::MissingSpace,
            at(pos, pos + 1),
        ));
    }
    let description = line.get(pos + 2..).unwrap_or_default();
    if description.trim().is_empty() {
        return Err(ParseError::new(
            ParseErrorKind::EmptyDescription,
            at(pos, line.len()),
        ));
    }
    Ok(Header {
        r#type: Part::new(text, line.get(..r#type.len()).unwrap_or_default()),
        scope,
        bang,
        description: Part::new(text, description),
    })
}

/// The type's text, or the error kind with its byte range inside `line`.
fn parse_type(line: &str) -> Result<&str, (ParseErrorKind, usize, usize)> {
    // type = 1*( any char except WSP, "(", ")", ":", "!" )
    let end = line.find(['(', ')', ':', '!']).unwrap_or(line.len());
    let candidate = line.get(..end).unwrap_or_default();
    if candidate.is_empty() {
        let first = line.chars().next().map_or(0, char::len_utf8);
        return Err((ParseErrorKind::MissingType, 0, first));
    }
    if let Some(ws) = candidate.find(char::is_whitespace) {
        if candidate.get(..ws).is_some_and(str::is_empty) {
            return Err((ParseErrorKind::MissingType, 0, end));
        }
        let kind = if end == line.len() {
            ParseErrorKind::MissingColon
        } else {
            ParseErrorKind::InvalidType
        };
        return Err((kind, 0, end));
    }
    Ok(candidate)
}

/// The scope's text (after `(`), or the error kind with its range inside `after`.
fn parse_scope(after: &str) -> Result<&str, (ParseErrorKind, usize, usize)> {
    // scope = 1*( any char except LF, "(", ")" )
    let Some(close) = after.find(')') else {
        return Err((ParseErrorKind::UnclosedScope, 0, after.len()));
    };
    let inner = after.get(..close).unwrap_or_default();
    if let Some(open) = inner.find('(') {
        return Err((ParseErrorKind::InvalidScope, open, open + 1));
    }
    if inner.trim().is_empty() {
        return Err((ParseErrorKind::EmptyScope, 0, close));
    }
    Ok(inner)
}

fn parse_footers<'a>(text: &'a str, lines: &[&'a str]) -> Vec<Footer<'a>> {
    // footers = footer *( LF footer ) ; footer = token separator value
    let mut footers: Vec<Footer<'a>> = Vec::new();
    let mut value_end = 0;
    for &line in lines {
        if let Some((token, separator, value)) = footer_line(line) {
            close_value(text, footers.last_mut(), value_end);
            value_end = Span::of(text, value).end;
            footers.push(Footer {
                token: Part::new(text, token),
                separator,
                value: Part::new(text, value),
            });
        } else if !is_blank(line) {
            value_end = Span::of(text, line).end;
        }
    }
    close_value(text, footers.last_mut(), value_end);
    footers
}

/// Extends the footer's value to `end` (its last non-blank continuation line).
fn close_value<'a>(text: &'a str, footer: Option<&mut Footer<'a>>, end: usize) {
    if let Some(footer) = footer {
        let start = footer.value.span.start;
        if let Some(value) = text.get(start..end.max(start)) {
            footer.value = Part::new(text, value);
        }
    }
}

/// `(token, separator, value)` when `line` starts a footer.
fn footer_line(line: &str) -> Option<(&str, Separator, &str)> {
    // footer = token separator value ; token = "BREAKING CHANGE" / 1*( ALPHA / DIGIT / "-" / "_" )
    let token_len = if line.starts_with("BREAKING CHANGE") {
        "BREAKING CHANGE".len()
    } else {
        line.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(line.len())
    };
    if token_len == 0 {
        return None;
    }
    let token = line.get(..token_len)?;
    let rest = line.get(token_len..)?;
    let separator = if rest.starts_with(": ") {
        Separator::ColonSpace
    } else if rest.starts_with(" #") {
        Separator::SpaceHash
    } else {
        return None;
    };
    Some((token, separator, rest.get(2..)?))
}

/// The slice from the first to the last non-blank line of `lines`.
fn paragraph_slice<'a>(text: &'a str, lines: &[&'a str]) -> Option<&'a str> {
    let first = lines.iter().find(|l| !is_blank(l))?;
    let last = lines.iter().rev().find(|l| !is_blank(l))?;
    text.get(Span::of(text, first).start..Span::of(text, last).end)
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The lines of `text`, without `\n` and without a `\r` before it, as sub-slices.
pub(crate) fn split_lines(text: &str) -> Vec<&str> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::error::ParseErrorKind;
    use crate::message::Separator;
    use indoc::indoc;

    /// (message, type, scope, breaking, description, body, footers as `token|value`)
    type Expected<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        bool,
        &'a str,
        Option<&'a str>,
        &'a [&'a str],
    );

    #[test]
    fn the_specs_own_examples() {
        let cases: &[Expected<'_>] = &[
            (
                indoc! {"
                    feat: allow provided config object to extend other configs

                    BREAKING CHANGE: `extends` key in config file is now used for extending other config files
                "},
                "feat",
                None,
                true,
                "allow provided config object to extend other configs",
                None,
                &[
                    "BREAKING CHANGE|`extends` key in config file is now used for extending other config files",
                ],
            ),
            (
                "feat!: send an email to the customer when a product is shipped",
                "feat",
                None,
                true,
                "send an email to the customer when a product is shipped",
                None,
                &[],
            ),
            (
                "feat(api)!: send an email to the customer when a product is shipped",
                "feat",
                Some("api"),
                true,
                "send an email to the customer when a product is shipped",
                None,
                &[],
            ),
            (
                "chore!: drop support for Node 6\n\nBREAKING CHANGE: use JavaScript features not available in Node 6.",
                "chore",
                None,
                true,
                "drop support for Node 6",
                None,
                &["BREAKING CHANGE|use JavaScript features not available in Node 6."],
            ),
            (
                "docs: correct spelling of CHANGELOG",
                "docs",
                None,
                false,
                "correct spelling of CHANGELOG",
                None,
                &[],
            ),
            (
                "feat(lang): add Polish language",
                "feat",
                Some("lang"),
                false,
                "add Polish language",
                None,
                &[],
            ),
            (
                indoc! {"
                    fix: prevent racing of requests

                    Introduce a request id and a reference to latest request. Dismiss
                    incoming responses other than from latest request.

                    Remove timeouts which were used to mitigate the racing issue but are
                    obsolete now.

                    Reviewed-by: Z
                    Refs: #123
                "},
                "fix",
                None,
                false,
                "prevent racing of requests",
                Some(
                    "Introduce a request id and a reference to latest request. Dismiss\nincoming responses other than from latest request.\n\nRemove timeouts which were used to mitigate the racing issue but are\nobsolete now.",
                ),
                &["Reviewed-by|Z", "Refs|#123"],
            ),
        ];
        check(cases);
    }

    #[test]
    fn footers_multi_line_values_hash_separator_and_synonyms() {
        let cases: &[Expected<'_>] = &[
            (
                "fix: x\n\nBREAKING-CHANGE: first line\n  second line\n\n  after a blank\nFixes #42\n\n",
                "fix",
                None,
                true,
                "x",
                None,
                &[
                    "BREAKING-CHANGE|first line\n  second line\n\n  after a blank",
                    "Fixes|42",
                ],
            ),
            (
                "fix: x\r\n\r\nbody\r\n\r\nRefs: #1\r\n",
                "fix",
                None,
                false,
                "x",
                Some("body"),
                &["Refs|#1"],
            ),
            (
                "Fix(Scope With Space): Ünïcode ✓",
                "Fix",
                Some("Scope With Space"),
                false,
                "Ünïcode ✓",
                None,
                &[],
            ),
            (
                "fix: x\n\nbreaking change: lower case is body text",
                "fix",
                None,
                false,
                "x",
                Some("breaking change: lower case is body text"),
                &[],
            ),
            (
                "fix: x\n\nNote: first paragraph\nis a footer with a continuation",
                "fix",
                None,
                false,
                "x",
                None,
                &["Note|first paragraph\nis a footer with a continuation"],
            ),
        ];
        check(cases);
    }

    fn check(cases: &[Expected<'_>]) {
        for &(text, ty, scope, breaking, description, body, footers) in cases {
            let c = parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(c.r#type.text, ty, "{text:?}");
            assert_eq!(c.scope.map(|s| s.text), scope, "{text:?}");
            assert_eq!(c.is_breaking(), breaking, "{text:?}");
            assert_eq!(c.description.text, description, "{text:?}");
            assert_eq!(c.body.map(|b| b.text), body, "{text:?}");
            let got: Vec<String> = c
                .footers
                .iter()
                .map(|f| format!("{}|{}", f.token.text, f.value.text))
                .collect();
            assert_eq!(got, footers, "{text:?}");
            for part in [c.header, c.r#type, c.description]
                .into_iter()
                .chain(c.scope)
                .chain(c.body)
            {
                assert_eq!(&text[part.span.range()], part.text, "span of {part:?}");
            }
        }
    }

    #[test]
    fn errors_name_the_kind_and_point_at_the_bytes() {
        let cases = [
            ("", ParseErrorKind::Empty, ""),
            ("  \n\t\n", ParseErrorKind::Empty, "  \n\t\n"),
            (
                "Update README",
                ParseErrorKind::MissingColon,
                "Update README",
            ),
            (": x", ParseErrorKind::MissingType, ":"),
            ("fix bug: x", ParseErrorKind::InvalidType, "fix bug"),
            ("feat(api: x", ParseErrorKind::UnclosedScope, "api: x"),
            ("feat(): x", ParseErrorKind::EmptyScope, ""),
            ("feat(a(b)): x", ParseErrorKind::InvalidScope, "("),
            ("feat x", ParseErrorKind::MissingColon, "feat x"),
            ("feat:x", ParseErrorKind::MissingSpace, ":"),
            ("feat!x", ParseErrorKind::MissingColon, "x"),
            ("feat:  ", ParseErrorKind::EmptyDescription, ":  "),
            ("feat: x\nbody", ParseErrorKind::MissingBlankLine, "body"),
            ("\nfeat: x", ParseErrorKind::MissingType, ""),
        ];
        for (text, kind, at) in cases {
            let err = parse(text).expect_err(text);
            assert_eq!(err.kind(), kind, "{text:?}");
            assert_eq!(&text[err.span().range()], at, "{text:?}");
        }
    }

    #[test]
    fn separators_and_display_round_trip() {
        let text = "feat(cli)!: add x\n\nbody\n\nRefs #7\nAcked-by: Ann";
        let c = parse(text).expect("valid");
        assert_eq!(
            c.footers.first().map(|f| f.separator),
            Some(Separator::SpaceHash)
        );
        assert_eq!(c.to_string(), text);
        assert_eq!(c.breaking_description(), Some("add x"));
    }
}
