//! The `subject-full-stop` rule: the subject must (or must not) end with a full stop.
//!
//! ## What it does
//!
//! Checks the last character of the header (as commitlint does, even when the
//! header has no type); a header ending in `...` never counts as ending with a full
//! stop, and a header whose only `:` is its last character is skipped.
//!
//! ## Why
//!
//! The subject is a title; titles do not end with a period.
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
//! The full-stop character (default `.`). Default (config-conventional):
//! `[2, "never", "."]`.

use crate::Span;
use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};
use crate::text::ends_with_js_char;

/// Checks `subject-full-stop`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.header).unwrap_or(("", Span::default()));
    if text.find(':').is_some_and(|i| i > 0 && i + 1 == text.len()) {
        return None;
    }
    let stop = ensure::stop(value);
    let has_stop = ends_with_js_char(text, stop) && !text.ends_with("...");
    ensure::full_stop(
        "subject",
        has_stop,
        ensure::last_char(text, span),
        when,
        stop,
    )
}
