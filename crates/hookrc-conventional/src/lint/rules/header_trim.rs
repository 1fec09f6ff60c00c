//! The `header-trim` rule: the header may not start or end with whitespace.
//!
//! ## What it does
//!
//! Checks that the header has no leading or trailing whitespace.
//!
//! ## Why
//!
//! Whitespace around the header is invisible in most views and breaks tools that
//! match the header from its first character.
//!
//! ## Example
//!
//! With `[2, "always"]`, this fails:
//!
//! ```text
//!  fix: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//! ```
//!
//! ## Options
//!
//! No value; `always` and `never` mean the same. Default (config-conventional):
//! `[2, "always"]`.

use crate::Span;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};
use crate::text::is_js_space;

/// Checks `header-trim`.
pub(super) fn check(v: &View<'_>, _when: When, _value: &RuleValue) -> Option<Failure> {
    let h = v.header?;
    let lead = h.text.len() - h.text.trim_start_matches(is_js_space).len();
    let trail = h.text.len() - h.text.trim_end_matches(is_js_space).len();
    let (message, span) = match (lead > 0, trail > 0) {
        (true, true) => ("header must not be surrounded by whitespace", h.span),
        (true, false) => (
            "header must not start with whitespace",
            Span::new(h.span.start, h.span.start + lead),
        ),
        (false, true) => (
            "header must not end with whitespace",
            Span::new(h.span.end - trail, h.span.end),
        ),
        (false, false) => return None,
    };
    Some(Failure::new(
        Some(span),
        message,
        "remove the whitespace around the header",
    ))
}
