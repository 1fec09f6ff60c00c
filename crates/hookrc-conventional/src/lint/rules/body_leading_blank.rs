//! The `body-leading-blank` rule: the body must (or must not) be separated from the header by a blank line.
//!
//! ## What it does
//!
//! Checks that the second line of the message is blank when there is a body.
//!
//! ## Why
//!
//! git, and every tool built on it, takes the first paragraph as the subject:
//! without the blank line the body becomes part of the subject.
//!
//! ## Example
//!
//! With `[1, "always"]`, this fails:
//!
//! ```text
//! fix: x
//! the body
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! the body
//! ```
//!
//! ## Options
//!
//! No value. Default (config-conventional): `[1, "always"]` (a warning).

use crate::Span;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-leading-blank`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    v.body.as_ref()?;
    let second = v
        .raw
        .split('\n')
        .nth(1)
        .map(|l| l.strip_suffix('\r').unwrap_or(l));
    let blank = second == Some("");
    let span = second.map(|l| Span::of(v.raw, l));
    match (when, blank) {
        (When::Always, false) => Some(Failure::new(
            span,
            "body must have leading blank line",
            "insert a blank line after the header",
        )),
        (When::Never, true) => Some(Failure::new(
            span,
            "body may not have leading blank line",
            "remove the blank line after the header",
        )),
        _ => None,
    }
}
