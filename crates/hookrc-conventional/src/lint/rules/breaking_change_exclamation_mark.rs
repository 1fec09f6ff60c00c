//! The `breaking-change-exclamation-mark` rule: `!` in the header and a `BREAKING CHANGE:` footer must (or must not) come together.
//!
//! ## What it does
//!
//! Checks that the header is `type(scope)!: subject` exactly when a line of the
//! footer starts with `BREAKING CHANGE:` (or `BREAKING-CHANGE:`).
//!
//! ## Why
//!
//! A breaking change flagged in only one place is easy to miss for readers of
//! either the log or the changelog.
//!
//! ## Example
//!
//! With `[2, "always"]`, this fails:
//!
//! ```text
//! feat!: drop Node 16
//! ```
//!
//! and this passes:
//!
//! ```text
//! feat!: drop Node 16
//!
//! BREAKING CHANGE: Node 16 is no longer supported.
//! ```
//!
//! ## Options
//!
//! No value. `always`: both or neither; `never`: exactly one of them.

use crate::lint::view::View;
use crate::lint::view::is_breaking_header;
use crate::lint::{Failure, RuleValue, When};

/// Checks `breaking-change-exclamation-mark`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let header = v.header.map(|h| h.text);
    let footer = v.footer.as_ref().map(|f| f.text.as_ref());
    if header.is_none() && footer.is_none() {
        return None;
    }
    let bang = header.is_some_and(is_breaking_header);
    let note = footer.is_some_and(|f| {
        f.lines()
            .any(|l| l.starts_with("BREAKING CHANGE:") || l.starts_with("BREAKING-CHANGE:"))
    });
    if (bang == note) != when.is_never() {
        return None;
    }
    let span = if bang {
        v.header.map(|h| h.span)
    } else {
        v.footer.as_ref().map(|f| f.span)
    };
    let (message, hint) = if when.is_never() {
        (
            "breaking changes must not have both an exclamation mark in the header and BREAKING CHANGE in the footer to identify a breaking change",
            "keep only one of `!` and the `BREAKING CHANGE:` footer",
        )
    } else if bang {
        (
            "breaking changes must have both an exclamation mark in the header and BREAKING CHANGE in the footer to identify a breaking change",
            "add a `BREAKING CHANGE: <what breaks>` footer",
        )
    } else {
        (
            "breaking changes must have both an exclamation mark in the header and BREAKING CHANGE in the footer to identify a breaking change",
            "add `!` before the `:` in the header",
        )
    };
    Some(Failure::new(span, message, hint))
}
