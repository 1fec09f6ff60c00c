//! The `footer-leading-blank` rule: the footer must (or must not) be separated from the body by a blank line.
//!
//! ## What it does
//!
//! Checks that the line before the footer is blank. The footer starts, as
//! commitlint reads it, at the first line after the header that looks like a
//! `Token: value` or `Token #value` trailer, or a `BREAKING CHANGE` note.
//!
//! ## Why
//!
//! Trailers are only recognised (by git and by changelog tools) in a paragraph of
//! their own.
//!
//! ## Example
//!
//! With `[1, "always"]`, this fails:
//!
//! ```text
//! fix: x
//!
//! body
//! Refs: #1
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! body
//!
//! Refs: #1
//! ```
//!
//! ## Options
//!
//! No value. Default (config-conventional): `[1, "always"]` (a warning).

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-leading-blank`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let footer = v.footer.as_ref()?;
    let raw_lines = || v.raw.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let body = v.body.as_ref().map(|b| b.text.as_ref());
    let body_len = body.map_or(0, |b| b.split('\n').count());
    let index = match body.and_then(|b| b.split('\n').next()) {
        None => Some(1),
        Some(first) => match raw_lines().position(|l| l == first) {
            Some(p) => Some(p + body_len),
            None => body_len.checked_sub(1),
        },
    };
    let blank = index.and_then(|i| raw_lines().nth(i)) == Some("");
    let first_line = footer.text.split('\n').next().unwrap_or_default();
    let span = Some(ensure::sub_span(&footer.text, footer.span, first_line));
    match (when, blank) {
        (When::Always, false) => Some(Failure::new(
            span,
            "footer must have leading blank line",
            "insert a blank line before the footer",
        )),
        (When::Never, true) => Some(Failure::new(
            span,
            "footer may not have leading blank line",
            "remove the blank line before the footer",
        )),
        _ => None,
    }
}
