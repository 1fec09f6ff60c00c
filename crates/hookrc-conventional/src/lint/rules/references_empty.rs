//! The `references-empty` rule: the message must (or must not) reference an issue.
//!
//! ## What it does
//!
//! Checks for issue references (`#123`, `closes #123`) anywhere in the message, as
//! conventional-commits-parser finds them: a `#` followed by letters, digits, `-`
//! or `_` up to a space, the end, or one of `,;.)]`, in a stretch of text
//! without a URL (the text after each `close`, `fix`, `resolve` or one of
//! their forms, when the line has one; else the whole line).
//!
//! ## Why
//!
//! Linking every change to an issue keeps the why of a change one click away.
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
//! No value. `never`: there must be a reference; `always`: there may be none.

use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `references-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    match (when, v.has_references()) {
        (When::Never, false) => Some(Failure::new(
            None,
            "references may not be empty",
            "reference an issue, e.g. a `Closes #123` footer",
        )),
        (When::Always, true) => Some(Failure::new(
            None,
            "references must be empty",
            "remove the issue references",
        )),
        _ => None,
    }
}
