//! The `scope-enum` rule: the scope must (or must not) be one of a list.
//!
//! ## What it does
//!
//! Checks the scope against the allowed scopes; each segment of a multi-part scope
//! (`a/b`, `a\\b`, `a,b`) must be allowed. Skipped without a scope; an empty list
//! allows every scope.
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
    let ok = allowed.is_empty()
        || s.text
            .split(['/', '\\', ','])
            .all(|seg| allowed.iter().any(|a| a == seg));
    if ok != when.is_never() {
        return None;
    }
    let not = if when.is_never() { "not " } else { "" };
    Some(Failure::new(
        Some(s.span),
        format!("scope must {not}be one of [{}]", allowed.join(", ")),
        format!("use {}one of: {}", not, allowed.join(", ")),
    ))
}
