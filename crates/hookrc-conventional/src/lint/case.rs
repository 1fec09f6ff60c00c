//! commitlint's case checks (`@commitlint/ensure`'s `case`), with lodash's word
//! splitting (`words`, `deburr`) so that camel, kebab, snake, pascal and start
//! case agree with commitlint on the same text.

use std::borrow::Cow;

use crate::text::{is_js_line_terminator, js_trim};

/// A case commitlint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    Upper,
    Camel,
    Kebab,
    Pascal,
    Sentence,
    Snake,
    Start,
}

/// The case names, for messages.
pub(crate) const CASE_NAMES: &str = "lower-case, upper-case, camel-case, kebab-case, pascal-case, sentence-case, snake-case, start-case";

impl Case {
    /// commitlint's name (and its old aliases) to a case.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lower-case" | "lowercase" | "lowerCase" => Self::Lower,
            "upper-case" | "uppercase" => Self::Upper,
            "camel-case" => Self::Camel,
            "kebab-case" => Self::Kebab,
            "pascal-case" => Self::Pascal,
            "sentence-case" | "sentencecase" => Self::Sentence,
            "snake-case" => Self::Snake,
            "start-case" => Self::Start,
            _ => return None,
        })
    }
}

/// Whether `raw` is in `case`: quoted parts (`` `…` ``, `"…"`, `'…'`) are
/// ignored, and a text that is empty or starts with a digit once converted
/// is in every case.
pub(crate) fn ensure_case(raw: &str, case: Case) -> bool {
    let unquoted = strip_quoted(raw);
    let input = js_trim(&unquoted);
    if let Some(verdict) = quick_verdict(input, case) {
        return verdict;
    }
    let transformed = to_case(input, case);
    transformed.is_empty()
        || transformed.starts_with(|c: char| c.is_ascii_digit())
        || transformed == input
}

/// The verdict without building the converted text, where that is easy: the
/// per-character cases, and start / pascal case of a text that starts with an
/// ASCII lower-case letter (its first word would be capitalised).
fn quick_verdict(input: &str, case: Case) -> Option<bool> {
    let first = input.chars().next()?;
    if first.is_ascii_digit() {
        return Some(true);
    }
    let unchanged = |c: char, upper: bool| {
        if upper {
            c.to_uppercase().eq(std::iter::once(c))
        } else {
            c.to_lowercase().eq(std::iter::once(c))
        }
    };
    match case {
        Case::Upper => Some(input.chars().all(|c| unchanged(c, true))),
        Case::Lower => Some(input.chars().all(|c| unchanged(c, false))),
        Case::Sentence => Some(unchanged(first, true)),
        Case::Start | Case::Pascal if first.is_ascii_lowercase() => Some(false),
        _ => None,
    }
}

fn to_case(input: &str, case: Case) -> Cow<'_, str> {
    match case {
        Case::Lower => Cow::Owned(input.to_lowercase()),
        Case::Upper => Cow::Owned(input.to_uppercase()),
        Case::Sentence => upper_first(input),
        Case::Camel => Cow::Owned(camel(input)),
        Case::Pascal => Cow::Owned(upper_first(&camel(input)).into_owned()),
        Case::Kebab => Cow::Owned(join_words(input, "-", str::to_lowercase)),
        Case::Snake => Cow::Owned(join_words(input, "_", str::to_lowercase)),
        Case::Start => Cow::Owned(join_words(input, " ", |w| upper_first(w).into_owned())),
    }
}

fn camel(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for (i, word) in words(&prepare(input)).into_iter().enumerate() {
        let lower = word.to_lowercase();
        if i == 0 {
            out.push_str(&lower);
        } else {
            out.push_str(&upper_first(&lower));
        }
    }
    out
}

fn join_words(input: &str, sep: &str, each: impl Fn(&str) -> String) -> String {
    words(&prepare(input))
        .into_iter()
        .map(each)
        .collect::<Vec<_>>()
        .join(sep)
}

/// lodash `upperFirst`: the first character upper-cased.
fn upper_first(s: &str) -> Cow<'_, str> {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.to_uppercase().ne(std::iter::once(first)) => {
            Cow::Owned(first.to_uppercase().chain(chars).collect())
        }
        _ => Cow::Borrowed(s),
    }
}

/// `` /`.*?`|".*?"|'.*?'/g `` replaced by nothing.
fn strip_quoted(raw: &str) -> Cow<'_, str> {
    if !raw.contains(['`', '"', '\'']) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        if matches!(c, '`' | '"' | '\'') {
            let line = after
                .split(is_js_line_terminator)
                .next()
                .unwrap_or_default();
            if let Some(close) = line.find(c) {
                rest = after.get(close + 1..).unwrap_or_default();
                continue;
            }
        }
        out.push(c);
        rest = after;
    }
    Cow::Owned(out)
}

/// lodash's compounder input: `deburr(s).replace(/['\u2019]/g, '')`.
fn prepare(s: &str) -> Cow<'_, str> {
    if s.is_ascii() && !s.contains('\'') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\'' | '\u{2019}') || is_combining_mark(c) {
            continue;
        }
        match deburr(c) {
            Some(letters) => out.push_str(letters),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// lodash `deburr` for one Latin-1 Supplement or Latin Extended-A letter.
fn deburr(c: char) -> Option<&'static str> {
    const TABLE: [(u32, u32, &str, &str); 38] = [
        (0xc0, 0xc5, "A", "a"),
        (0xc6, 0xc6, "Ae", "ae"),
        (0xc7, 0xc7, "C", "c"),
        (0xc8, 0xcb, "E", "e"),
        (0xcc, 0xcf, "I", "i"),
        (0xd0, 0xd0, "D", "d"),
        (0xd1, 0xd1, "N", "n"),
        (0xd2, 0xd6, "O", "o"),
        (0xd8, 0xd8, "O", "o"),
        (0xd9, 0xdc, "U", "u"),
        (0xdd, 0xdd, "Y", "y"),
        (0xde, 0xde, "Th", "th"),
        (0xdf, 0xdf, "ss", "ss"),
        (0xff, 0xff, "y", "y"),
        (0x100, 0x105, "A", "a"),
        (0x106, 0x10d, "C", "c"),
        (0x10e, 0x111, "D", "d"),
        (0x112, 0x11b, "E", "e"),
        (0x11c, 0x123, "G", "g"),
        (0x124, 0x127, "H", "h"),
        (0x128, 0x131, "I", "i"),
        (0x132, 0x133, "IJ", "ij"),
        (0x134, 0x135, "J", "j"),
        (0x136, 0x138, "K", "k"),
        (0x139, 0x142, "L", "l"),
        (0x143, 0x148, "N", "n"),
        (0x149, 0x149, "'n", "'n"),
        (0x14a, 0x14b, "N", "n"),
        (0x14c, 0x151, "O", "o"),
        (0x152, 0x153, "Oe", "oe"),
        (0x154, 0x159, "R", "r"),
        (0x15a, 0x161, "S", "s"),
        (0x162, 0x167, "T", "t"),
        (0x168, 0x173, "U", "u"),
        (0x174, 0x175, "W", "w"),
        (0x176, 0x178, "Y", "y"),
        (0x179, 0x17e, "Z", "z"),
        (0x17f, 0x17f, "s", "s"),
    ];
    let code = u32::from(c);
    if !(0xc0..=0x17f).contains(&code) {
        return None;
    }
    let lower_half = (0xe0..=0xfe).contains(&code) && code != 0xf7;
    let folded = if lower_half { code - 0x20 } else { code };
    let &(_, _, upper, lower) = TABLE
        .iter()
        .find(|(start, end, _, _)| (*start..=*end).contains(&folded))?;
    Some(
        if lower_half || (code >= 0x100 && c.is_lowercase()) || code == 0xdf || code == 0xff {
            lower
        } else {
            upper
        },
    )
}

// lodash's character classes for `unicodeWords`.

fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase()
        || ('\u{df}'..='\u{f6}').contains(&c)
        || ('\u{f8}'..='\u{ff}').contains(&c)
}

fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase()
        || ('\u{c0}'..='\u{d6}').contains(&c)
        || ('\u{d8}'..='\u{de}').contains(&c)
}

fn is_break(c: char) -> bool {
    matches!(c,
        '\u{ac}' | '\u{b1}' | '\u{d7}' | '\u{f7}'
        | '\u{0}'..='\u{2f}' | '\u{3a}'..='\u{40}' | '\u{5b}'..='\u{60}' | '\u{7b}'..='\u{bf}'
        | '\u{2000}'..='\u{206f}'
        | '\u{feff}' | '\u{1680}' | '\u{180e}' | '\u{3000}')
}

fn is_misc(c: char) -> bool {
    !(u32::from(c) > 0xffff
        || is_break(c)
        || c.is_ascii_digit()
        || ('\u{2700}'..='\u{27bf}').contains(&c)
        || is_lower(c)
        || is_upper(c))
}

/// lodash `words` (its `reUnicodeWord` alternatives, tried in order at each position).
fn words(s: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(s.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let end = word_at(&at, i, chars.len());
        if let Some(end) = end {
            if let Some(word) = s.get(offset(i)..offset(end)) {
                out.push(word);
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn run(at: &impl Fn(usize) -> Option<char>, from: usize, pred: impl Fn(char) -> bool) -> usize {
    let mut n = 0;
    while at(from + n).is_some_and(&pred) {
        n += 1;
    }
    n
}

/// The end of the word that starts at `i`, if one does.
fn word_at(at: &impl Fn(usize) -> Option<char>, i: usize, len: usize) -> Option<usize> {
    let upper_at = |p: usize| at(p).is_some_and(is_upper);
    let misc_lower = |c: char| is_lower(c) || is_misc(c);
    // 1: rsUpper? rsLower+ (?=rsBreak|rsUpper|$)
    let p = i + usize::from(upper_at(i));
    let n = run(at, p, is_lower);
    if n > 0 && at(p + n).is_none_or(|c| is_break(c) || is_upper(c)) {
        return Some(p + n);
    }
    // 2: rsMiscUpper+ (?=rsBreak|rsUpper rsMiscLower|$)
    let m = run(at, i, |c| is_upper(c) || is_misc(c));
    for k in (1..=m).rev() {
        let end = i + k;
        let ok = end == len
            || at(end).is_some_and(is_break)
            || (upper_at(end) && at(end + 1).is_some_and(misc_lower));
        if ok {
            return Some(end);
        }
    }
    // 3: rsUpper? rsMiscLower+
    let n = run(at, p, misc_lower);
    if n > 0 {
        return Some(p + n);
    }
    // 4: rsUpper+
    let n = run(at, i, is_upper);
    if n > 0 {
        return Some(i + n);
    }
    // 5, 6: ordinals; 7: digits
    if let Some(end) = ordinal(at, i, true).or_else(|| ordinal(at, i, false)) {
        return Some(end);
    }
    let n = run(at, i, |c| c.is_ascii_digit());
    if n > 0 {
        return Some(i + n);
    }
    emoji(at, i)
}

/// `\d*(?:1ST|2ND|3RD|(?![123])\dTH)(?=\b|[a-z_])` (and its lower-case twin).
fn ordinal(at: &impl Fn(usize) -> Option<char>, i: usize, upper: bool) -> Option<usize> {
    if !at(i).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let suffixes: [&str; 4] = if upper {
        ["1ST", "2ND", "3RD", "TH"]
    } else {
        ["1st", "2nd", "3rd", "th"]
    };
    let digits = run(at, i, |c| c.is_ascii_digit());
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let follows = |c: char| {
        if upper {
            c.is_ascii_lowercase() || c == '_'
        } else {
            c.is_ascii_uppercase() || c == '_'
        }
    };
    let matches_at =
        |p: usize, text: &str| text.chars().enumerate().all(|(k, t)| at(p + k) == Some(t));
    let [first, second, third, nth] = suffixes;
    for split in (0..=digits).rev() {
        let p = i + split;
        let numbered = [first, second, third].iter().any(|s| matches_at(p, s));
        let other = at(p).is_some_and(|c| c.is_ascii_digit() && !matches!(c, '1' | '2' | '3'))
            && matches_at(p + 1, nth);
        let end = p + 3;
        if (numbered || other) && at(end).is_none_or(|c| !is_word(c) || follows(c)) {
            return Some(end);
        }
    }
    None
}

/// `(?:rsDingbat|rsRegional|rsSurrPair)` followed by variation selectors,
/// modifiers and zero-width-joiner sequences.
fn emoji(at: &impl Fn(usize) -> Option<char>, i: usize) -> Option<usize> {
    let regional = |c: char| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c);
    let first = at(i)?;
    if !(('\u{2700}'..='\u{27bf}').contains(&first) || u32::from(first) > 0xffff) {
        return None;
    }
    let mut end = i + 1 + usize::from(regional(first) && at(i + 1).is_some_and(regional));
    let modifiers = |end: &mut usize| {
        if at(*end).is_some_and(|c| matches!(c, '\u{fe0e}' | '\u{fe0f}')) {
            *end += 1;
        }
        if at(*end)
            .is_some_and(|c| is_combining_mark(c) || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c))
        {
            *end += 1;
        }
    };
    modifiers(&mut end);
    while at(end) == Some('\u{200d}') && at(end + 1).is_some() {
        end += 2;
        modifiers(&mut end);
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::{Case, ensure_case, words};

    #[test]
    fn lodash_words() {
        assert_eq!(words("fooBar"), ["foo", "Bar"]);
        assert_eq!(words("XMLHttpRequest"), ["XML", "Http", "Request"]);
        assert_eq!(words("foo-bar_baz qux"), ["foo", "bar", "baz", "qux"]);
        assert_eq!(words("foo2bar"), ["foo", "2", "bar"]);
        assert_eq!(words("1st place"), ["1st", "place"]);
        assert_eq!(words("привет мир"), ["привет", "мир"]);
    }

    #[test]
    fn commitlint_ensure_case_examples() {
        use Case::*;
        let cases = [
            ("a", Lower, true),
            ("A", Lower, false),
            ("aB", Lower, false),
            ("A", Upper, true),
            ("aB", Upper, false),
            ("a b", Camel, false),
            ("aB", Camel, true),
            ("a-b", Kebab, true),
            ("a_b", Kebab, false),
            ("a_b", Snake, true),
            ("a b", Snake, false),
            ("AB", Pascal, false),
            ("Ab", Pascal, true),
            ("Ab Cd", Start, true),
            ("Ab cd", Start, false),
            ("Ab cd", Sentence, true),
            ("ab cd", Sentence, false),
            ("1abc", Upper, true),
            ("`Eslint` configuration", Lower, true),
            ("Handle \"Hello\" message", Sentence, true),
            ("Fix", Pascal, true),
            ("Fix", Start, true),
            ("été", Camel, false),
            ("don't do it", Lower, true),
        ];
        for (text, case, want) in cases {
            assert_eq!(ensure_case(text, case), want, "{text:?} {case:?}");
        }
    }
}
