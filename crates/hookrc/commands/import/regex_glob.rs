//! A pre-commit `files`/`exclude` regex (Python `re.search` on the
//! repo-relative path) as hookrc globs, where the globs match exactly the
//! same paths. hookrc's `*` also matches `/`, so `.*` is `*` and an
//! unanchored end is a trailing `*`. Anything a glob cannot say exactly
//! (`\b`, `\d`, `+`, `{n}`, flags, look-arounds) gives `None`, and the
//! caller reports the regex instead of guessing.

/// At most this many globs from one regex (alternatives multiply).
const MAX_GLOBS: usize = 16;

/// The globs matching exactly the paths `regex` finds, or `None`.
pub(super) fn globs(regex: &str) -> Option<Vec<String>> {
    let mut globs: Vec<String> = expand(regex)?
        .iter()
        .map(|branch| glob(branch))
        .collect::<Option<_>>()?;
    globs.dedup();
    (!globs.is_empty() && globs.len() <= MAX_GLOBS).then_some(globs)
}

/// Every alternative of `regex` with its groups multiplied out.
fn expand(regex: &str) -> Option<Vec<String>> {
    let mut all = Vec::new();
    for branch in split_top(regex, '|')? {
        all.extend(expand_branch(&branch)?);
        if all.len() > MAX_GLOBS {
            return None;
        }
    }
    Some(all)
}

/// One alternative without top-level `|`: its groups multiplied out.
fn expand_branch(branch: &str) -> Option<Vec<String>> {
    let Some((open, close)) = first_group(&syntax(branch)?) else {
        return Some(vec![branch.to_owned()]);
    };
    let inner = &branch[open + 1..close];
    let inner = inner.strip_prefix("?:").unwrap_or(inner);
    if inner.starts_with('?') || branch[close + 1..].starts_with(['?', '*', '+', '{']) {
        return None;
    }
    let (head, tail) = (&branch[..open], &branch[close + 1..]);
    let mut out = Vec::new();
    for middle in expand(inner)? {
        for rest in expand_branch(tail)? {
            out.push(format!("{head}{middle}{rest}"));
            if out.len() > MAX_GLOBS {
                return None;
            }
        }
    }
    Some(out)
}

/// Each character of `text` with its byte offset and the group depth
/// before it, for the characters that are syntax (not escaped, not in a
/// class); `None` when the groups or classes do not close.
fn syntax(text: &str) -> Option<Vec<(usize, char, usize)>> {
    let mut out = Vec::new();
    let (mut depth, mut class, mut escaped) = (0usize, false, false);
    for (at, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            ']' if class => class = false,
            _ if class => {}
            '[' => class = true,
            _ => {
                out.push((at, c, depth));
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.checked_sub(1)?,
                    _ => {}
                }
            }
        }
    }
    (depth == 0 && !class && !escaped).then_some(out)
}

/// `text` split at each top-level `sep` (outside groups, classes and escapes).
fn split_top(text: &str, sep: char) -> Option<Vec<String>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, c, depth) in syntax(text)? {
        if c == sep && depth == 0 {
            parts.push(text[start..at].to_owned());
            start = at + c.len_utf8();
        }
    }
    parts.push(text[start..].to_owned());
    Some(parts)
}

/// The first group in `syntax` (see [`syntax`], so its groups close): the
/// offsets of its `(` and matching `)`.
fn first_group(syntax: &[(usize, char, usize)]) -> Option<(usize, usize)> {
    let &(open, _, depth) = syntax.iter().find(|(_, c, _)| *c == '(')?;
    syntax
        .iter()
        .find(|(at, c, d)| *at > open && *c == ')' && *d == depth + 1)
        .map(|(close, _, _)| (open, *close))
}

/// A regex without groups or alternatives as one glob, or `None`.
fn glob(regex: &str) -> Option<String> {
    let (anchored_start, rest) = match regex.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, regex),
    };
    let (anchored_end, body) = match rest.strip_suffix('$').filter(|b| !b.ends_with('\\')) {
        Some(body) => (true, body),
        None => (false, rest),
    };
    let mut glob = String::new();
    if !anchored_start {
        glob.push('*');
    }
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => literal(&mut glob, escaped(chars.next()?)?),
            '.' => match chars.peek() {
                Some('*') => {
                    chars.next();
                    glob.push('*');
                }
                Some('+') => {
                    chars.next();
                    glob.push_str("?*");
                }
                _ => glob.push('?'),
            },
            '[' => class(&mut glob, &mut chars)?,
            '^' | '$' | '*' | '+' | '?' | '{' | '}' | '|' | '(' | ')' => return None,
            other => literal(&mut glob, other),
        }
        if matches!(chars.peek(), Some('*' | '+' | '?' | '{')) {
            return None;
        }
    }
    if !anchored_end {
        glob.push('*');
    }
    let glob = glob.replace("**", "*");
    Some(if glob == "*" { "**".to_owned() } else { glob })
}

/// The character an escape stands for, when it is a plain one.
fn escaped(c: char) -> Option<char> {
    (!c.is_ascii_alphanumeric()).then_some(c)
}

fn literal(glob: &mut String, c: char) {
    if matches!(c, '*' | '?' | '[' | ']' | '{' | '}' | '!' | '\\') {
        glob.push('[');
        glob.push(c);
        glob.push(']');
    } else {
        glob.push(c);
    }
}

/// A plain character class (`[a-z_]`, `[^/]`) copied as a glob class.
fn class(glob: &mut String, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<()> {
    glob.push('[');
    if chars.peek() == Some(&'^') {
        chars.next();
        glob.push('!');
    }
    loop {
        match chars.next()? {
            ']' => break,
            '\\' | '[' => return None,
            c => glob.push(c),
        }
    }
    glob.push(']');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_regexes_become_globs() {
        let cases: &[(&str, &[&str])] = &[
            (r"\.go$", &["*.go"]),
            (r"\.(go|mod)$", &["*.go", "*.mod"]),
            (r"^vendor/", &["vendor/*"]),
            (r"(^|/)vendor/", &["vendor/*", "*/vendor/*"]),
            (r"^docs/.*\.md$", &["docs/*.md"]),
            (
                r"^(?:cmd|internal)/.+_test\.go$",
                &["cmd/?*_test.go", "internal/?*_test.go"],
            ),
            (r"^scripts/[a-z]+\.sh$", &[]),
            (r"_gen[.]go$", &["*_gen[.]go"]),
            (r"^a/[^/]\.go$", &["a/[!/].go"]),
            ("", &["**"]),
        ];
        for (regex, expected) in cases {
            let got = globs(regex).unwrap_or_default();
            assert_eq!(got, *expected, "{regex}");
        }
    }

    #[test]
    fn inexact_regexes_are_refused() {
        for regex in [
            r"(\.go$)|(\bgo\.mod$)",
            r"\d+\.txt$",
            r"(?i)\.GO$",
            r"^a?b",
            r"x{2}",
        ] {
            assert_eq!(globs(regex), None, "{regex}");
        }
    }

    #[test]
    fn globs_match_what_the_regex_matches() {
        let paths = [
            "main.go",
            "a/b.go",
            "vendor/x.go",
            "a/vendor/y.go",
            "xvendor/z.go",
            "go.mod",
        ];
        for regex in [
            r"\.go$",
            r"(^|/)vendor/",
            r"^vendor/",
            r"\.(go|mod)$",
            "mod",
        ] {
            let re = regex::Regex::new(regex).unwrap();
            let set = {
                let mut builder = globset::GlobSetBuilder::new();
                for glob in globs(regex).unwrap() {
                    builder.add(globset::Glob::new(&glob).unwrap());
                }
                builder.build().unwrap()
            };
            for path in paths {
                assert_eq!(re.is_match(path), set.is_match(path), "{regex} on {path}");
            }
        }
    }
}
