//! Small text helpers with JavaScript's meaning, so that verdicts match commitlint:
//! what `\s` and `trim()` call whitespace, what `.` refuses, lengths in UTF-16.

/// JavaScript's `\s` / `String.prototype.trim` whitespace (`WhiteSpace` + `LineTerminator`).
pub(crate) const fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// A character JavaScript's `.` does not match (a line terminator).
pub(crate) const fn is_js_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `s.trim()` in JavaScript.
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// `s.length` in JavaScript: UTF-16 code units.
pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    }
}

/// JavaScript's `\w`: `[A-Za-z0-9_]`.
pub(crate) const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `haystack` starts with `needle`, ASCII case-insensitively (a `/i` regex
/// without the `u` flag never folds a non-ASCII character onto ASCII).
pub(crate) fn starts_with_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The last UTF-16 code unit of `s` as a string comparison would see it:
/// `s[s.length - 1] === value` holds only for a single-unit `value`.
pub(crate) fn ends_with_js_char(s: &str, value: &str) -> bool {
    let mut units = value.encode_utf16();
    match (units.next(), units.next()) {
        (Some(unit), None) => s.chars().next_back().is_some_and(|c| {
            let mut buf = [0u16; 2];
            c.encode_utf16(&mut buf).last() == Some(&unit)
        }),
        _ => false,
    }
}
