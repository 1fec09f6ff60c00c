//! The `trailer-exists` rule: a given git trailer must (or must not) be present.
//!
//! ## What it does
//!
//! Checks git's trailer block (the last paragraph, as
//! `git interpret-trailers --parse` finds it) for a trailer that starts with the
//! given text.
//!
//! ## Why
//!
//! Some workflows need a trailer on every commit (`Change-Id:`, `Signed-off-by:`).
//!
//! ## Example
//!
//! With `[2, "always", "Signed-off-by:"]`, this fails:
//!
//! ```text
//! fix: x
//!
//! Signed-off-by: Ann <ann@example.com>
//!
//! more text
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
//! The text the trailer must start with, e.g. `Signed-off-by:`.

use crate::lint::trailers::trailers;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `trailer-exists`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let prefix = match value {
        RuleValue::Text(t) => t.as_str(),
        _ => "",
    };
    let found = trailers(v.raw).iter().any(|t| t.starts_with(prefix));
    match (when, found) {
        (When::Always, false) => Some(Failure::new(
            None,
            format!("message must have `{prefix}` trailer"),
            format!("add a `{prefix} …` line to the last paragraph"),
        )),
        (When::Never, true) => Some(Failure::new(
            None,
            format!("message must not have `{prefix}` trailer"),
            format!("remove the `{prefix}` trailer"),
        )),
        _ => None,
    }
}
