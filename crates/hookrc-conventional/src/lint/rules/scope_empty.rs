//! The `scope-empty` rule: the scope must (or must not) be empty.
//!
//! ## What it does
//!
//! Checks whether the message has a scope.
//!
//! ## Why
//!
//! A scope says which part of the code base changed.
//!
//! ## Example
//!
//! With `[2, "never"]`, this fails:
//!
//! ```text
//! fix: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix(parser): x
//! ```
//!
//! ## Options
//!
//! No value. `never`: the scope may not be empty; `always`: it must be empty.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `scope-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let present = v.scope.map(|s| s.span);
    ensure::empty(
        "scope",
        present,
        v.header.map(|h| h.span),
        when,
        "add a scope: `type(scope): subject`",
    )
}
