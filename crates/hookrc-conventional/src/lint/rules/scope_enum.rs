//! The `scope-enum` rule: the scope must (or must not) be one of a list.
//!
//! ## What it does
//!
//! Checks the scope against the allowed scopes: `always` passes when the whole
//! scope, or each segment of a multi-part scope (`a/b`, `a\\b`, `a,b`, `a, b`), is
//! allowed; `never` when neither the scope nor any segment is. Skipped without a
//! scope or with an empty list.
//!
//! ## Why
//!
//! A fixed set of scopes keeps the changelog grouped and catches typos.
//!
//! ## Example
//!
//! With `[2, "always", ["api", "cli"]]`, this fails:
//!
//! ```text
//! fix(ui): x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix(cli): x
//! ```
//!
//! ## Options
//!
//! A list of scopes.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `scope-enum`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let s = v.scope?;
    let allowed = ensure::list(value);
    if allowed.is_empty() {
        return None;
    }
    let known = |seg: &str| allowed.iter().any(|a| a == seg);
    let ok = if when.is_never() {
        !ensure::scope_segments(s.text).any(known) && !known(s.text)
    } else {
        ensure::scope_segments(s.text).all(known) || known(s.text)
    };
    if ok {
        return None;
    }
    let not = if when.is_never() { "not " } else { "" };
    Some(Failure::new(
        Some(s.span),
        format!("scope must {not}be one of [{}]", allowed.join(", ")),
        format!("use {}one of: {}", not, allowed.join(", ")),
    ))
}
