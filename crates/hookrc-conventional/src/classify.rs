//! Recognising the messages commitlint skips by default: git's own merge and
//! revert messages, `fixup!`/`squash!`/`amend!`, bare release versions.
//! The patterns are those of `@commitlint/is-ignored`'s `defaults.ts`.

use crate::text::{is_js_line_terminator, js_trim};

/// Why [`default_ignore`] lets a message through unchecked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum IgnoreKind {
    /// A merge message: `Merge pull request …`, `Merge branch …`, `Merge tag …`,
    /// `Merge … into …` (any line), or `Merged … in(to) …`, `Merged PR …: …`,
    /// `Merge remote-tracking branch …`, `Automatic merge…`, `Auto-merged … into …`
    /// (first line).
    Merge,
    /// `Revert …` / `revert …` (start of the message), as `git revert` writes,
    /// and `Reapply …`, as `git revert` of a revert writes.
    Revert,
    /// `fixup!`, `squash!` or `amend!` (start of the message), as
    /// `git commit --fixup` writes for `git rebase --autosquash`.
    Autosquash,
    /// A first line that is a semver version (`1.2.3`, `v1.2.3-rc.1`), optionally
    /// after `chore:` / `chore(scope):`.
    Release,
}

/// Whether commitlint's default ignore patterns skip this message, and why.
///
/// Matches commitlint 21: the merge patterns apply to every line of the
/// message; the others to its start. Trailing whitespace is trimmed first.
pub fn default_ignore(text: &str) -> Option<IgnoreKind> {
    let text = text.trim_end_matches(crate::text::is_js_space);
    if text.contains("Merge ") && text.split(is_js_line_terminator).any(is_merge_line) {
        return Some(IgnoreKind::Merge);
    }
    if ["Revert ", "revert ", "Reapply ", "reapply "]
        .iter()
        .any(|p| text.starts_with(p))
    {
        return Some(IgnoreKind::Revert);
    }
    if ["amend!", "fixup!", "squash!"]
        .iter()
        .any(|p| text.starts_with(p))
    {
        return Some(IgnoreKind::Autosquash);
    }
    if is_release(text) {
        return Some(IgnoreKind::Release);
    }
    let first = text.split(is_js_line_terminator).next().unwrap_or_default();
    let merged = first.strip_prefix("Merged ").is_some_and(|rest| {
        rest.contains("in ") || rest.strip_prefix("PR ").is_some_and(|pr| pr.contains(": "))
    });
    let auto = first
        .strip_prefix("Auto-merged ")
        .is_some_and(|rest| rest.contains(" into "));
    if merged
        || auto
        || text.starts_with("Merge remote-tracking branch")
        || text.starts_with("Automatic merge")
    {
        return Some(IgnoreKind::Merge);
    }
    None
}

/// `^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)` and
/// `^(Merge tag (.*?))(?:\r?\n)*$`, both with the `m` flag, on one line.
fn is_merge_line(line: &str) -> bool {
    line.starts_with("Merge pull request")
        || line.starts_with("Merge branch ")
        || line.starts_with("Merge tag ")
        || line
            .strip_prefix("Merge ")
            .is_some_and(|rest| rest.contains(" into "))
}

/// commitlint's `isSemver`: the first line, minus `chore:` / `chore(scope):`,
/// trimmed, is a valid semver version (node-semver, strict).
fn is_release(text: &str) -> bool {
    let first = text.split('\n').next().unwrap_or_default();
    let stripped = strip_chore(first).unwrap_or(first);
    let stripped = strip_skip_ci(&strip_skip_ci(stripped, '[', ']'), '(', ')');
    is_semver(js_trim(&stripped))
}

/// Removes the first `[skip ci]` / `[ci skip]` (also `-` for the space, any
/// case), or its `( )` form: `\[(skip|ci)(-|\s)(ci|skip)\]`.
fn strip_skip_ci(line: &str, open: char, close: char) -> String {
    let lower = line.to_ascii_lowercase();
    for (i, _) in lower.match_indices(open) {
        for first in ["skip", "ci"] {
            let Some(rest) = lower.get(i + 1..).and_then(|r| r.strip_prefix(first)) else {
                continue;
            };
            let Some(sep) = rest
                .chars()
                .next()
                .filter(|&c| c == '-' || crate::text::is_js_space(c))
            else {
                continue;
            };
            let rest = rest.get(sep.len_utf8()..).unwrap_or_default();
            for second in ["ci", "skip"] {
                if rest
                    .strip_prefix(second)
                    .is_some_and(|r| r.starts_with(close))
                {
                    let end = i + 1 + first.len() + sep.len_utf8() + second.len() + 1;
                    return format!(
                        "{}{}",
                        line.get(..i).unwrap_or_default(),
                        line.get(end..).unwrap_or_default()
                    );
                }
            }
        }
    }
    line.to_owned()
}

fn strip_chore(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("chore")?;
    if let Some(scoped) = rest.strip_prefix('(') {
        let close = scoped.find(')')?;
        if close == 0 {
            return None;
        }
        return scoped.get(close + 1..)?.strip_prefix(':');
    }
    rest.strip_prefix(':')
}

/// node-semver's `valid(v)` (not loose): `v?MAJOR.MINOR.PATCH[-pre][+build]`.
fn is_semver(v: &str) -> bool {
    if v.len() > 256 {
        return false;
    }
    let v = v.strip_prefix('v').unwrap_or(v);
    let (v, build) = v.split_once('+').map_or((v, None), |(a, b)| (a, Some(b)));
    let (main, pre) = v.split_once('-').map_or((v, None), |(a, b)| (a, Some(b)));
    let mut parts = main.split('.');
    let numbers_ok = (0..3).all(|_| parts.next().is_some_and(is_numeric_identifier));
    numbers_ok
        && parts.next().is_none()
        && pre.is_none_or(|p| p.split('.').all(is_prerelease_identifier))
        && build.is_none_or(|b| {
            b.split('.')
                .all(|id| !id.is_empty() && id.bytes().all(is_ident_byte))
        })
}

/// `0|[1-9]\d*`, within JavaScript's safe integers.
fn is_numeric_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
        && s.parse::<u64>().is_ok_and(|n| n <= 9_007_199_254_740_991)
}

fn is_prerelease_identifier(s: &str) -> bool {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return !s.is_empty() && (s == "0" || !s.starts_with('0'));
    }
    s.bytes().all(is_ident_byte)
}

const fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

#[cfg(test)]
mod tests {
    use super::{IgnoreKind, default_ignore};

    #[test]
    fn commitlint_default_ignores() {
        let cases = [
            ("Merge pull request #1 from a/b", Some(IgnoreKind::Merge)),
            (
                "Merge branch 'main' of github.com:x/y",
                Some(IgnoreKind::Merge),
            ),
            ("Merge tag 'v1.0.0'", Some(IgnoreKind::Merge)),
            (
                "Merge remote-tracking branch 'origin/main'",
                Some(IgnoreKind::Merge),
            ),
            ("Merge 'a' into b", Some(IgnoreKind::Merge)),
            ("feat: x\n\nMerge branch 'dev'", Some(IgnoreKind::Merge)),
            (
                "Merged in feature/x (pull request #3)",
                Some(IgnoreKind::Merge),
            ),
            ("Merged PR 12: add x", Some(IgnoreKind::Merge)),
            ("Automatic merge from CI", Some(IgnoreKind::Merge)),
            ("Auto-merged feature into main", Some(IgnoreKind::Merge)),
            (
                "Revert \"feat: x\"\n\nThis reverts commit abc.",
                Some(IgnoreKind::Revert),
            ),
            ("revert foo", Some(IgnoreKind::Revert)),
            ("Reapply \"feat: x\"", Some(IgnoreKind::Revert)),
            ("fixup! feat: x", Some(IgnoreKind::Autosquash)),
            ("squash! feat: x", Some(IgnoreKind::Autosquash)),
            ("amend! feat: x", Some(IgnoreKind::Autosquash)),
            ("1.2.3", Some(IgnoreKind::Release)),
            ("v1.2.3-rc.1+build.5\n\nnotes", Some(IgnoreKind::Release)),
            ("chore(release): 2.0.0", Some(IgnoreKind::Release)),
            ("chore: v0.1.0 ", Some(IgnoreKind::Release)),
            ("chore(release): 1.0.0 [skip ci]", Some(IgnoreKind::Release)),
            ("1.0.0 (CI-SKIP)", Some(IgnoreKind::Release)),
        ];
        for (text, want) in cases {
            assert_eq!(default_ignore(text), want, "{text:?}");
        }
    }

    #[test]
    fn not_ignored() {
        for text in [
            "feat: x",
            "revert: feat: x",
            "Merge",
            "Merging x into y",
            "feat: x\n\nRevert \"y\"",
            "fixup: x",
            "01.2.3",
            "1.2",
            "V1.2.3",
            "chore(): 1.2.3",
            "1.2.3-01",
            "feat: merge 'a' into b",
            "Initial commit",
        ] {
            assert_eq!(default_ignore(text), None, "{text:?}");
        }
    }
}
