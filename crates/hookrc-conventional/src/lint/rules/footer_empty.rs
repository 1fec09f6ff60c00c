//! The `footer-empty` rule: the footer must (or must not) be empty.
//!
//! ## What it does
//!
//! Checks whether the message has a footer.
//!
//! ## Why
//!
//! Some teams require every commit to reference an issue in a footer.
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
//! fix: x
//!
//! Closes #12
//! ```
//!
//! ## Options
//!
//! No value. `never`: the footer may not be empty; `always`: it must be empty.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let present = v.footer.as_ref().map(|f| f.span);
    ensure::empty(
        "footer",
        present,
        v.header.map(|h| h.span),
        when,
        "add a footer such as `Refs: #123`",
    )
}
