//! The checks rules share (commitlint's `@commitlint/ensure` plus the message
//! wording its rules use), so each rule file is only its field and its words.

use super::case::{Case, ensure_case};
use super::view::{Block, Field};
use super::{Failure, RuleValue, When};
use crate::Span;
use crate::text::utf16_len;

/// A field's text and span, whichever kind of field it is.
pub(crate) fn of_field(field: Option<Field<'_>>) -> Option<(&str, Span)> {
    field.map(|f| (f.text, f.span))
}

/// A block's text and span.
pub(crate) fn of_block<'b>(block: Option<&'b Block<'_>>) -> Option<(&'b str, Span)> {
    block.map(|b| (b.text.as_ref(), b.span))
}

/// The span of `part` (a sub-slice of `text`) when `text` is borrowed from the
/// linted message at `span`; else `span`.
pub(crate) fn sub_span(text: &str, span: Span, part: &str) -> Span {
    if text.len() == span.len() {
        let inner = Span::of(text, part);
        Span::new(span.start + inner.start, span.start + inner.end)
    } else {
        span
    }
}

/// The case names of a case rule's value.
pub(crate) fn cases(value: &RuleValue) -> impl Iterator<Item = (&str, Case)> {
    let names: &[String] = match value {
        RuleValue::Text(name) => std::slice::from_ref(name),
        RuleValue::List(names) => names,
        _ => &[],
    };
    names
        .iter()
        .filter_map(|n| Case::from_name(n).map(|c| (n.as_str(), c)))
}

/// `<what> must [not] be <cases>`: passes when the text is in one of the cases
/// (`always`) or in none of them (`never`).
pub(crate) fn case(
    what: &str,
    text: &str,
    span: Span,
    when: When,
    value: &RuleValue,
) -> Option<Failure> {
    case_with(what, span, when, value, |c| ensure_case(text, c))
}

/// [`case`] with the per-case test given (scopes test each segment).
pub(crate) fn case_with(
    what: &str,
    span: Span,
    when: When,
    value: &RuleValue,
    is_in: impl Fn(Case) -> bool,
) -> Option<Failure> {
    let matched = cases(value).find(|&(_, c)| is_in(c)).map(|(n, _)| n);
    if matched.is_some() != when.is_never() {
        return None;
    }
    let list = cases(value).map(|(n, _)| n).collect::<Vec<_>>().join(", ");
    let (message, hint) = match (when, matched) {
        (When::Never, Some(found)) => (
            format!("{what} must not be {list}"),
            format!(
                "it is {found}; write the {what} in another case (lower-case is the usual choice)"
            ),
        ),
        _ => (
            format!("{what} must be {list}"),
            format!("write the {what} in {list}"),
        ),
    };
    Some(Failure::new(Some(span), message, hint))
}

/// commitlint's `*-empty` rules: `always` = must be empty, `never` = may not be.
pub(crate) fn empty(
    what: &str,
    present: Option<Span>,
    missing_at: Option<Span>,
    when: When,
    hint: &str,
) -> Option<Failure> {
    match (when, present) {
        (When::Never, None) => Some(Failure::new(
            missing_at,
            format!("{what} may not be empty"),
            hint,
        )),
        (When::Always, Some(span)) => Some(Failure::new(
            Some(span),
            format!("{what} must be empty"),
            format!("remove the {what}"),
        )),
        _ => None,
    }
}

/// The limit of a length rule (validated as a non-negative number).
pub(crate) fn limit(value: &RuleValue) -> usize {
    match value {
        RuleValue::Int(n) => usize::try_from(*n).unwrap_or(0),
        _ => 0,
    }
}

/// `<what> must not be longer than N characters` (UTF-16 code units, as commitlint counts).
pub(crate) fn max_length(what: &str, text: &str, span: Span, value: &RuleValue) -> Option<Failure> {
    let max = limit(value);
    let len = utf16_len(text);
    (len > max).then(|| {
        Failure::new(
            Some(span),
            format!("{what} must not be longer than {max} characters, current length is {len}"),
            format!("shorten the {what} by {} characters", len - max),
        )
    })
}

/// `<what> must not be shorter than N characters`.
pub(crate) fn min_length(what: &str, text: &str, span: Span, value: &RuleValue) -> Option<Failure> {
    let min = limit(value);
    let len = utf16_len(text);
    (len < min).then(|| {
        Failure::new(
            Some(span),
            format!("{what} must not be shorter than {min} characters, current length is {len}"),
            format!("say more in the {what}: at least {min} characters"),
        )
    })
}

/// `<what>'s lines must not be longer than N characters`; a line holding a URL
/// (`\bhttps?://\S+`) is exempt. Points at the first line too long.
pub(crate) fn max_line_length(
    what: &str,
    text: &str,
    span: Span,
    value: &RuleValue,
) -> Option<Failure> {
    let max = limit(value);
    let line = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .find(|l| utf16_len(l) > max && !has_url(l))?;
    Some(Failure::new(
        Some(sub_span(text, span, line)),
        format!("{what}'s lines must not be longer than {max} characters"),
        format!(
            "wrap this line (it has {} characters) at {max}",
            utf16_len(line)
        ),
    ))
}

/// `\bhttps?://\S+`: `http://` or `https://` not preceded by a word character,
/// followed by at least one non-space.
fn has_url(line: &str) -> bool {
    ["http://", "https://"].iter().any(|scheme| {
        line.match_indices(scheme).any(|(i, _)| {
            let before_ok = line
                .get(..i)
                .and_then(|b| b.bytes().last())
                .is_none_or(|b| !crate::text::is_word_byte(b));
            let after = line.get(i + scheme.len()..).unwrap_or_default();
            before_ok
                && after
                    .chars()
                    .next()
                    .is_some_and(|c| !crate::text::is_js_space(c))
        })
    })
}

/// The full-stop character of a `*-full-stop` rule (default `.`).
pub(crate) fn stop(value: &RuleValue) -> &str {
    match value {
        RuleValue::Text(t) => t,
        _ => ".",
    }
}

/// The failure of a full-stop rule given whether the text ends with the stop.
pub(crate) fn full_stop(
    what: &str,
    has_stop: bool,
    end: Span,
    when: When,
    stop: &str,
) -> Option<Failure> {
    match (when, has_stop) {
        (When::Never, true) => Some(Failure::new(
            Some(end),
            format!("{what} may not end with full stop"),
            format!("remove the trailing `{stop}`"),
        )),
        (When::Always, false) => Some(Failure::new(
            Some(end),
            format!("{what} must end with full stop"),
            format!("end the {what} with `{stop}`"),
        )),
        _ => None,
    }
}

/// The span of the last character of a field (for carets on a full stop).
pub(crate) fn last_char(text: &str, span: Span) -> Span {
    let width = text.chars().next_back().map_or(0, char::len_utf8);
    if text.len() == span.len() {
        Span::new(span.end - width, span.end)
    } else {
        span
    }
}

/// The list of a list rule (absent = empty).
pub(crate) fn list(value: &RuleValue) -> &[String] {
    match value {
        RuleValue::List(items) => items,
        _ => &[],
    }
}

/// A scope's segments: split at `/`, `\\`, `,` and `, ` (`/\/|\\|, ?/`).
pub(crate) fn scope_segments(scope: &str) -> impl Iterator<Item = &str> {
    scope.split(['/', '\\', ',']).enumerate().map(|(i, s)| {
        if i > 0 {
            s.strip_prefix(' ').unwrap_or(s)
        } else {
            s
        }
    })
}
