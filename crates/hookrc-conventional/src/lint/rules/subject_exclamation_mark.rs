//! The `subject-exclamation-mark` rule: the header must (or must not) mark a breaking change with `!`.
//!
//! ## What it does
//!
//! Checks whether the header is `type(scope)!: subject`, with the `!` that marks a
//! breaking change. Skipped without a header.
//!
//! ## Why
//!
//! Some teams forbid `!` and want breaking changes described in a
//! `BREAKING CHANGE:` footer only.
//!
//! ## Example
//!
//! With `[2, "never"]`, this fails:
//!
//! ```text
//! feat!: drop Node 16
//! ```
//!
//! and this passes:
//!
//! ```text
//! feat: drop Node 16
//!
//! BREAKING CHANGE: Node 16 is no longer supported.
//! ```
//!
//! ## Options
//!
//! No value. `always`: `!` required; `never`: `!` forbidden.

use crate::Span;
use crate::lint::view::View;
use crate::lint::view::is_breaking_header;
use crate::lint::{Failure, RuleValue, When};

/// Checks `subject-exclamation-mark`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let h = v.header?;
    let bang = is_breaking_header(h.text);
    let at = h.text.find("!:").filter(|_| bang);
    let span = at.map_or(h.span, |i| {
        Span::new(h.span.start + i, h.span.start + i + 1)
    });
    match (when, bang) {
        (When::Always, false) => Some(Failure::new(
            Some(span),
            "subject must have an exclamation mark in the subject to identify a breaking change",
            "add `!` before the `:`",
        )),
        (When::Never, true) => Some(Failure::new(
            Some(span),
            "subject must not have an exclamation mark in the subject to identify a breaking change",
            "remove the `!` and describe the break in a `BREAKING CHANGE:` footer",
        )),
        _ => None,
    }
}
