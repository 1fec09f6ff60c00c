//! The `header-full-stop` rule: the header must (or must not) end with a full stop.
//!
//! ## What it does
//!
//! Checks the last character of the header.
//!
//! ## Why
//!
//! A header is a title; titles do not end with a period.
//!
//! ## Example
//!
//! With `[2, "never", "."]`, this fails:
//!
//! ```text
//! fix: handle empty input.
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: handle empty input
//! ```
//!
//! ## Options
//!
//! The full-stop character (default `.`).

use crate::Span;
use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};
use crate::text::ends_with_js_char;

/// Checks `header-full-stop`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.header).unwrap_or(("", Span::default()));
    let stop = ensure::stop(value);
    ensure::full_stop(
        "header",
        ends_with_js_char(text, stop),
        ensure::last_char(text, span),
        when,
        stop,
    )
}
