//! The message as commitlint sees it: conventional-commits-parser 7 with the
//! options `@commitlint/config-conventional` gives it. This reading is more
//! lenient than the spec in places (a header that does not match just has no
//! type), and the rules need exactly this reading to give commitlint's verdicts.
//! See `docs/conventional-commits.md` for how it differs from [`crate::parse()`].

use std::borrow::Cow;

use super::refs::has_reference;
use crate::Span;
use crate::text::{
    is_js_line_terminator, is_js_space, is_word_byte, starts_with_ignore_ascii_case,
};

/// The scissors line conventional-commits-parser cuts at.
const SCISSORS: &str = "# ------------------------ >8 ------------------------";

/// A field borrowed from the linted text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
}

/// Body or footer: its lines joined with `\n`, borrowed when the text already
/// is that (LF line ends, no line filtered out in between).
#[derive(Clone, Debug)]
pub(crate) struct Block<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) span: Span,
}

/// A line of the message: text without its line end, and where it starts.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    text: &'a str,
    start: usize,
}

/// The parsed fields the rules look at.
#[derive(Debug)]
pub(crate) struct View<'a> {
    /// The whole text given to lint (commitlint's `raw`).
    pub(crate) raw: &'a str,
    pub(crate) header: Option<Field<'a>>,
    pub(crate) r#type: Option<Field<'a>>,
    pub(crate) scope: Option<Field<'a>>,
    pub(crate) subject: Option<Field<'a>>,
    pub(crate) body: Option<Block<'a>>,
    pub(crate) footer: Option<Block<'a>>,
    /// The lines the parser kept (header first).
    lines: Vec<Line<'a>>,
}

impl<'a> View<'a> {
    /// Parses `raw` as commitlint does; `None` for a message commitlint treats
    /// as empty (nothing but whitespace, or nothing left after filtering).
    pub(crate) fn new(raw: &'a str, comment: Option<&str>) -> Option<Self> {
        if raw.chars().all(is_js_space) {
            return None;
        }
        let lines = filtered_lines(raw, comment);
        let header_line = lines.first()?;
        let header = (!header_line.text.is_empty()).then(|| field(header_line));
        let parts =
            header.and_then(|h| split_header(h.text, true).or_else(|| split_header(h.text, false)));
        let sub = |r: Option<(usize, usize)>| {
            let h = header_line;
            r.filter(|(s, e)| e > s).and_then(|(s, e)| {
                Some(Field {
                    text: h.text.get(s..e)?,
                    span: Span::new(h.start + s, h.start + e),
                })
            })
        };
        let (r#type, scope, subject) =
            parts.map_or((None, None, None), |p| (sub(p.0), sub(p.1), sub(p.2)));
        let rest = lines.get(1..).unwrap_or_default();
        let split = rest
            .iter()
            .position(|l| is_note(l.text) || is_footer_token(l.text))
            .unwrap_or(rest.len());
        let (body_lines, footer_lines) = rest.split_at(split);
        if header.is_none() && rest.is_empty() {
            return None;
        }
        let (body, footer) = (block(raw, body_lines), block(raw, footer_lines));
        Some(Self {
            raw,
            header,
            r#type,
            scope,
            subject,
            body,
            footer,
            lines,
        })
    }
}

impl View<'_> {
    /// Whether the header or a later line (other than a `BREAKING CHANGE` note)
    /// holds an issue reference. Computed on demand: only `references-empty` asks.
    pub(crate) fn has_references(&self) -> bool {
        self.lines
            .iter()
            .enumerate()
            .any(|(i, l)| (i == 0 || !is_note(l.text)) && has_reference(l.text))
    }
}

fn field<'a>(line: &Line<'a>) -> Field<'a> {
    Field {
        text: line.text,
        span: Span::new(line.start, line.start + line.text.len()),
    }
}

/// `trimNewLines(raw).split(/\r?\n/)`, cut at the scissors line, without
/// comment lines (when a comment string is set) and `gpg:` lines.
fn filtered_lines<'a>(raw: &'a str, comment: Option<&str>) -> Vec<Line<'a>> {
    let start = raw.find(|c| c != '\r' && c != '\n').unwrap_or(raw.len());
    let end = raw.trim_end_matches(['\r', '\n']).len().max(start);
    let trimmed = raw.get(start..end).unwrap_or_default();
    let mut lines = Vec::with_capacity(8);
    let mut offset = start;
    for piece in trimmed.split('\n') {
        let line_start = offset;
        offset += piece.len() + 1;
        let text = piece.strip_suffix('\r').unwrap_or(piece);
        if text == SCISSORS {
            break;
        }
        let is_comment = comment.is_some_and(|c| !c.is_empty() && text.starts_with(c));
        let is_gpg = text.trim_start_matches(is_js_space).starts_with("gpg:");
        if !is_comment && !is_gpg {
            lines.push(Line {
                text,
                start: line_start,
            });
        }
    }
    lines
}

/// The byte ranges (type, scope, subject) inside `header` for
/// `^(\w*)(?:\((.*)\))?!?: (.*)$` (or, with `bang`, `^(\w*)(?:\((.*)\))?!: (.*)$`).
type HeaderRanges = (
    Option<(usize, usize)>,
    Option<(usize, usize)>,
    Option<(usize, usize)>,
);

fn split_header(header: &str, bang: bool) -> Option<HeaderRanges> {
    if header.contains(is_js_line_terminator) {
        return None;
    }
    let type_end = header.bytes().take_while(|&b| is_word_byte(b)).count();
    let rest = header.get(type_end..)?;
    let separator = |after: &str| -> Option<usize> {
        if after.starts_with("!: ") {
            Some(3)
        } else if !bang && after.starts_with(": ") {
            Some(2)
        } else {
            None
        }
    };
    if rest.starts_with('(') {
        for (close, _) in rest
            .match_indices(')')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            if let Some(sep) = separator(rest.get(close + 1..)?) {
                let subject_start = type_end + close + 1 + sep;
                return Some((
                    Some((0, type_end)),
                    Some((type_end + 1, type_end + close)),
                    Some((subject_start, header.len())),
                ));
            }
        }
    }
    let sep = separator(rest)?;
    Some((
        Some((0, type_end)),
        None,
        Some((type_end + sep, header.len())),
    ))
}

/// Whether `header` is `type(scope)!: subject` (the parser's `breakingHeaderPattern`).
pub(crate) fn is_breaking_header(header: &str) -> bool {
    split_header(header, true).is_some()
}

/// `^[\w-]+(: | #)`: a `Token: value` / `Token #value` line, where the footer starts.
fn is_footer_token(line: &str) -> bool {
    let token = line
        .bytes()
        .take_while(|&b| is_word_byte(b) || b == b'-')
        .count();
    token > 0
        && line
            .get(token..)
            .is_some_and(|r| r.starts_with(": ") || r.starts_with(" #"))
}

/// `^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)`, case-insensitive.
pub(crate) fn is_note(line: &str) -> bool {
    let rest = line.trim_start_matches(|c| is_js_space(c) || c == '|' || c == '*');
    ["BREAKING CHANGE", "BREAKING-CHANGE"]
        .iter()
        .any(|keyword| {
            starts_with_ignore_ascii_case(rest, keyword)
                && rest
                    .get(keyword.len()..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| c == ':' || is_js_space(c))
        })
}

/// The lines joined with `\n`, without leading and trailing `\r`/`\n`
/// (conventional-commits-parser's `trimNewLines`); `None` when that is empty.
fn block<'a>(raw: &'a str, lines: &[Line<'a>]) -> Option<Block<'a>> {
    let first = lines.first()?;
    let last = lines.last()?;
    let contiguous = lines.windows(2).all(|w| match w {
        [a, b] => {
            a.start + a.text.len() + 1 == b.start
                && raw.as_bytes().get(a.start + a.text.len()) == Some(&b'\n')
        }
        _ => true,
    });
    let span_end = last.start + last.text.len();
    let text: Cow<'a, str> = if contiguous {
        Cow::Borrowed(raw.get(first.start..span_end)?)
    } else {
        Cow::Owned(lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n"))
    };
    let lead = text.len() - text.trim_start_matches(['\r', '\n']).len();
    let trail = text.len() - text.trim_end_matches(['\r', '\n']).len();
    if lead == text.len() {
        return None;
    }
    let trimmed: Cow<'a, str> = match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(lead..s.len() - trail)?),
        Cow::Owned(s) => Cow::Owned(s.get(lead..s.len() - trail)?.to_owned()),
    };
    let span = if contiguous {
        Span::new(first.start + lead, span_end - trail)
    } else {
        Span::new(first.start, span_end)
    };
    Some(Block {
        text: trimmed,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::View;

    fn fields(raw: &str) -> [Option<String>; 5] {
        let v = View::new(raw, None).expect("not empty");
        [
            v.r#type.map(|f| f.text.to_owned()),
            v.scope.map(|f| f.text.to_owned()),
            v.subject.map(|f| f.text.to_owned()),
            v.body.map(|b| b.text.into_owned()),
            v.footer.map(|b| b.text.into_owned()),
        ]
    }

    #[expect(clippy::unnecessary_wraps, reason = "compared with optional fields")]
    fn s(x: &str) -> Option<String> {
        Some(x.to_owned())
    }

    #[test]
    fn header_like_conventional_commits_parser() {
        assert_eq!(fields("feat(a)!: b")[..3], [s("feat"), s("a"), s("b")]);
        assert_eq!(
            fields("feat(a)!: b): c")[..3],
            [s("feat"), s("a"), s("b): c")]
        );
        assert_eq!(fields("feat(a) b): c")[..3], [s("feat"), s("a) b"), s("c")]);
        assert_eq!(fields(": b")[..3], [None, None, s("b")]);
        assert_eq!(fields("feat: ")[..3], [s("feat"), None, None]);
        assert_eq!(fields("Update README")[..3], [None, None, None]);
        assert_eq!(fields("feat:b")[..3], [None, None, None]);
        assert_eq!(fields("  feat: b")[..3], [None, None, None]);
    }

    #[test]
    fn footer_starts_at_a_token_line_or_a_note() {
        let f = fields("fix: a\n\nbody\n\nCloses #1\nmore\n");
        assert_eq!(f[3..], [s("body"), s("Closes #1\nmore")]);
        let f = fields("fix: a\n\nbody mentions #1\n* fixes #2\n\nCo-authored-by: x\n");
        assert_eq!(
            f[3..],
            [s("body mentions #1\n* fixes #2"), s("Co-authored-by: x")]
        );
        let f = fields("fix: a\n\nbody\nbreaking change: x\n\nafter");
        assert_eq!(f[3..], [s("body"), s("breaking change: x\n\nafter")]);
        let f = fields("fix: a\r\n\r\nline one\r\nline two\r\n");
        assert_eq!(f[3..], [s("line one\nline two"), None]);
    }

    #[test]
    fn comments_and_gpg_lines_are_filtered() {
        let v =
            View::new("# c\nfix: a\n  gpg: sig\n\nbody\n# c2\nmore", Some("#")).expect("not empty");
        assert_eq!(v.header.map(|h| h.text), Some("fix: a"));
        assert_eq!(v.body.map(|b| b.text.into_owned()), s("body\nmore"));
        assert!(View::new("# only\n# comments", Some("#")).is_none());
        assert!(View::new(" \n\t", None).is_none());
    }
}
