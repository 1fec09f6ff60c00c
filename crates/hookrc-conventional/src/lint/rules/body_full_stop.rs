//! The `body-full-stop` rule: the body must (or must not) end with a full stop.
//!
//! ## What it does
//!
//! Checks the last character of the body; skipped without a body.
//!
//! ## Why
//!
//! Bodies are prose; some teams want them punctuated as prose.
//!
//! ## Example
//!
//! With `[2, "always", "."]`, this fails:
//!
//! ```text
//! fix: x
//!
//! The cache was stale
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! The cache was stale.
//! ```
//!
//! ## Options
//!
//! The full-stop character (default `.`).

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};
use crate::text::ends_with_js_char;

/// Checks `body-full-stop`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.body.as_ref())?;
    let stop = ensure::stop(value);
    ensure::full_stop(
        "body",
        ends_with_js_char(text, stop),
        ensure::last_char(text, span),
        when,
        stop,
    )
}
