//! The `type-enum` rule: the type must (or must not) be one of a list.
//!
//! ## What it does
//!
//! Checks the type against the allowed types (case-sensitive). Skipped without a
//! type.
//!
//! ## Why
//!
//! Types drive the changelog and the version bump; an unknown type is usually a
//! typo.
//!
//! ## Example
//!
//! With `[2, "always", ["feat", "fix"]]`, this fails:
//!
//! ```text
//! feature: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! feat: x
//! ```
//!
//! ## Options
//!
//! A list of types. Default (config-conventional):
//! `[2, "always", ["build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style", "test"]]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `type-enum`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let t = v.r#type?;
    let allowed = ensure::list(value);
    let ok = allowed.iter().any(|a| a == t.text);
    if ok != when.is_never() {
        return None;
    }
    let not = if when.is_never() { "not " } else { "" };
    Some(Failure::new(
        Some(t.span),
        format!("type must {not}be one of [{}]", allowed.join(", ")),
        format!("use {not}one of: {}", allowed.join(", ")),
    ))
}
