//! The `body-empty` rule: the body must (or must not) be empty.
//!
//! ## What it does
//!
//! Checks whether the message has a body.
//!
//! ## Why
//!
//! A body explains what and why; some teams require one.
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
//! The parser dropped the last line.
//! ```
//!
//! ## Options
//!
//! No value. `never`: the body may not be empty; `always`: it must be empty.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let present = v.body.as_ref().map(|b| b.span);
    ensure::empty(
        "body",
        present,
        v.header.map(|h| h.span),
        when,
        "explain what changed and why in a body, after a blank line",
    )
}
