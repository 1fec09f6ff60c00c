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
/// whole line is. Each of those sentences is searched on its own, and one
/// holding a URL has no reference (a URL elsewhere on the line does not
/// hide one).
pub(crate) fn has_reference(line: &str) -> bool {
    if !line.contains('#') {
        return false;
    }
    let holds_issue = |sentence: &str| has_issue(sentence) && !has_url(sentence);
    let mut pos = 0;
    let mut any_action = false;
    while let Some((sentence, end)) = next_action(line, pos) {
        any_action = true;
        if holds_issue(sentence) {
            return true;
        }
        pos = end;
    }
    !any_action && line.split(is_js_line_terminator).any(holds_issue)
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

/// `#([\w-]+)(?=\s|$|[,;.)\]])`: a `#` followed by a run of word characters
/// and hyphens that ends the sentence or is followed by a space or one of
/// `,;.)]` (since conventional-commits-parser accepts ClickUp-style ids, the
/// run need not hold a digit).
fn has_issue(sentence: &str) -> bool {
    let id_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    sentence.match_indices('#').any(|(i, _)| {
        let rest = sentence.get(i + 1..).unwrap_or_default();
        let run = rest.bytes().take_while(|&b| id_byte(b)).count();
        run > 0
            && rest
                .get(run..)
                .and_then(|after| after.chars().next())
                .is_none_or(|c| is_js_space(c) || ",;.)]".contains(c))
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
            ("#abc", true),
            ("#12!", false),
            ("Fixes #12: the crash", false),
            ("see #12.", true),
            ("[#12]", true),
            ("#12\u{a0}x", true),
            ("see https://example.com/a/b, fixes #40", true),
            ("fixes #40, see https://example.com/a/b", false),
            ("closes #7 #8-x", true),
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
