//! The `body-min-length` rule: the body may not be shorter than N characters.
//!
//! ## What it does
//!
//! Checks that the body has at least N characters. Skipped when there is no body.
//!
//! ## Why
//!
//! A too-short part rarely says anything (`fix: x`).
//!
//! ## Example
//!
//! With `[2, "always", 20]`, this fails:
//!
//! ```text
//! fix: x
//!
//! fixed
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! The cache is now flushed on exit.
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-min-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.body.as_ref())?;
    ensure::min_length("body", text, span, value)
}
