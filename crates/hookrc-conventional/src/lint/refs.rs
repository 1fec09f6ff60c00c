//! Issue references as conventional-commits-parser finds them (with commitlint's
//! options: actions `close(s|d)`, `fix(es|ed)`, `resolve(s|d)`, prefix `#`).
//! Only whether a line has one matters here (for `references-empty`).

use crate::text::{is_js_line_terminator, is_js_space, starts_with_ignore_ascii_case};

/// The reference actions, in the parser's alternation order.
const ACTIONS: [&str; 9] = [
    "close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved",
];

/// Whether `line` holds at least one issue reference.
///
/// When the line contains an action (`(action)\s+(.*?)(?=action|$)`, case-
/// insensitive), only the text after each action is searched; otherwise the
/// whole line is.
pub(crate) fn has_reference(line: &str) -> bool {
    if !line.contains('#') || has_url(line) {
        return false;
    }
    let mut pos = 0;
    let mut any_action = false;
    while let Some((sentence, end)) = next_action(line, pos) {
        any_action = true;
        if has_issue(sentence) {
            return true;
        }
        pos = end;
    }
    !any_action && line.split(is_js_line_terminator).any(has_issue)
}

/// The next action match at or after `from`: its sentence and where it ends.
fn next_action(line: &str, from: usize) -> Option<(&str, usize)> {
    let tail = line.get(from..)?;
    for (offset, _) in tail.char_indices() {
        let at = from + offset;
        let rest = line.get(at..)?;
        for action in ACTIONS {
            if !starts_with_ignore_ascii_case(rest, action) {
                continue;
            }
            if let Some(found) = action_sentence(line, at + action.len()) {
                return Some(found);
            }
        }
    }
    None
}

/// `\s+(.*?)(?=action|$)` from `start`, with `\s+` backtracking.
fn action_sentence(line: &str, start: usize) -> Option<(&str, usize)> {
    let spaces: Vec<usize> = line
        .get(start..)?
        .char_indices()
        .take_while(|&(_, c)| is_js_space(c))
        .map(|(i, c)| start + i + c.len_utf8())
        .collect();
    for &sentence_start in spaces.iter().rev() {
        if let Some(end) = lazy_until_action(line, sentence_start) {
            return Some((line.get(sentence_start..end)?, end));
        }
    }
    None
}

/// The first position from `start` where an action or the end follows, walking
/// only over characters that `.` matches.
fn lazy_until_action(line: &str, start: usize) -> Option<usize> {
    let mut pos = start;
    loop {
        let rest = line.get(pos..)?;
        if rest.is_empty()
            || ACTIONS
                .iter()
                .any(|a| starts_with_ignore_ascii_case(rest, a))
        {
            return Some(pos);
        }
        let c = rest.chars().next()?;
        if is_js_line_terminator(c) {
            return None;
        }
        pos += c.len_utf8();
    }
}

/// `\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b`: the parser
/// finds no reference on a line that holds a URL.
fn has_url(line: &str) -> bool {
    let url_byte = |b: u8| b.is_ascii_alphanumeric() || b"-@:%_+.~#?&/=".contains(&b);
    ["http://", "https://"].iter().any(|scheme| {
        line.match_indices(scheme).any(|(i, _)| {
            let boundary = line
                .get(..i)
                .and_then(|b| b.bytes().last())
                .is_none_or(|b| !crate::text::is_word_byte(b));
            let rest = line.get(i + scheme.len()..).unwrap_or_default();
            boundary
                && rest
                    .bytes()
                    .take_while(|&b| url_byte(b))
                    .any(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    })
}

/// `#` followed by `[\w-]*\d+`: a `#` whose run of word characters and hyphens
/// holds a digit.
fn has_issue(sentence: &str) -> bool {
    sentence.match_indices('#').any(|(i, _)| {
        sentence
            .get(i + 1..)
            .unwrap_or_default()
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .any(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::has_reference;

    #[test]
    fn references_as_the_parser_sees_them() {
        for (line, want) in [
            ("closes #12", true),
            ("see #12", true),
            ("#abc1", true),
            ("# 12", false),
            ("#abc", false),
            ("#12 fixes things", false),
            ("fixes prefix #1", true),
            ("Fix typo (#2601)", true),
            ("Co-authored-by: x <y@z>", false),
            ("fix\r#1", true),
            (
                "Ref: https://github.com/o/r/issues/77#issuecomment-1090552243",
                false,
            ),
            ("* x ([#33](https://github.com/o/r/issues/33))", false),
            ("", false),
        ] {
            assert_eq!(has_reference(line), want, "{line:?}");
        }
    }
}
