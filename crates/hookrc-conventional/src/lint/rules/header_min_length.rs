//! The `header-min-length` rule: the header may not be shorter than N characters.
//!
//! ## What it does
//!
//! Checks that the header has at least N characters.
//!
//! ## Why
//!
//! A too-short part rarely says anything (`fix: x`).
//!
//! ## Example
//!
//! With `[2, "always", 10]`, this fails:
//!
//! ```text
//! fix: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: a real fix
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::Span;
use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `header-min-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.header).unwrap_or(("", Span::default()));
    ensure::min_length("header", text, span, value)
}
