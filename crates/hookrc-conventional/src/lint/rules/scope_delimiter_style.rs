//! The `scope-delimiter-style` rule: multi-part scopes must (or must not) use the given delimiters.
//!
//! ## What it does
//!
//! Checks the delimiters of the scope: every run of characters other than letters,
//! digits, `-` and `_` (trimmed when it is a comma) must be in the list. Skipped
//! without a scope.
//!
//! ## Why
//!
//! One delimiter style (`a/b` or `a,b`) keeps scopes easy to split and search.
//!
//! ## Example
//!
//! With `[2, "always", ["/"]]`, this fails:
//!
//! ```text
//! fix(api,cli): x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix(api/cli): x
//! ```
//!
//! ## Options
//!
//! A list of delimiters (default `["/", "\\", ","]`).

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `scope-delimiter-style`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let s = v.scope?;
    let given = ensure::list(value);
    let defaults = ["/", "\\", ","];
    let allowed = |d: &str| {
        if given.is_empty() {
            defaults.contains(&d)
        } else {
            given.iter().any(|g| g == d)
        }
    };
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let ok = s
        .text
        .split(is_part)
        .filter(|d| !d.is_empty())
        .all(|d| allowed(if d.trim() == "," { "," } else { d }));
    if ok != when.is_never() {
        return None;
    }
    let list = if given.is_empty() {
        defaults.join(", ")
    } else {
        given.join(", ")
    };
    let not = if when.is_never() { "not " } else { "" };
    Some(Failure::new(
        Some(s.span),
        format!("scope delimiters must {not}be one of [{list}]"),
        format!("separate scope parts with {not}one of: {list}"),
    ))
}
