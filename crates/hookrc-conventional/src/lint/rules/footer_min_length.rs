//! The `footer-min-length` rule: the footer may not be shorter than N characters.
//!
//! ## What it does
//!
//! Checks that the footer has at least N characters. Skipped when there is no
//! footer.
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
//!
//! Refs: #1
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! Reviewed-by: Ann
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-min-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.footer.as_ref())?;
    ensure::min_length("footer", text, span, value)
}
