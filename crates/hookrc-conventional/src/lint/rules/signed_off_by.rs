//! The `signed-off-by` rule: the last line must (or must not) be a sign-off.
//!
//! ## What it does
//!
//! Checks that the last line starts with the given text, not counting empty lines,
//! `#` comments and `(cherry picked from commit …)` lines.
//!
//! ## Why
//!
//! Projects under a Developer Certificate of Origin need `Signed-off-by:` on every
//! commit.
//!
//! ## Example
//!
//! With `[2, "always", "Signed-off-by:"]`, this fails:
//!
//! ```text
//! fix: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! Signed-off-by: Ann <ann@example.com>
//! ```
//!
//! ## Options
//!
//! The text the last line must start with, usually `Signed-off-by:` (default: the
//! empty text, which any last line starts with).

use crate::Span;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};
use crate::text::is_js_space;

/// Checks `signed-off-by`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let prefix = match value {
        RuleValue::Text(t) => t.as_str(),
        _ => "",
    };
    let last = v
        .raw
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .rfind(|l| !l.starts_with('#') && !l.is_empty() && !is_cherry_pick(l));
    let signed = last.is_some_and(|l| l.starts_with(prefix));
    let span = last.map(|l| Span::of(v.raw, l));
    match (when, signed) {
        (When::Always, false) => Some(Failure::new(
            span,
            "message must be signed off",
            "add a sign-off as the last line: `git commit -s`",
        )),
        (When::Never, true) => Some(Failure::new(
            span,
            "message must not be signed off",
            "remove the sign-off line",
        )),
        _ => None,
    }
}

/// `^\(cherry picked from commit [0-9a-f]{7,64}\)$` (case-insensitive) on the trimmed line.
fn is_cherry_pick(line: &str) -> bool {
    let line = line.trim_matches(is_js_space);
    let lower = line.to_ascii_lowercase();
    lower
        .strip_prefix("(cherry picked from commit ")
        .and_then(|r| r.strip_suffix(')'))
        .is_some_and(|hash| {
            (7..=64).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
}
