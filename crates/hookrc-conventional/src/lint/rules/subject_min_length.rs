//! The `subject-min-length` rule: the subject may not be shorter than N characters.
//!
//! ## What it does
//!
//! Checks that the subject has at least N characters. Skipped when there is no
//! subject.
//!
//! ## Why
//!
//! A too-short part rarely says anything (`fix: x`).
//!
//! ## Example
//!
//! With `[2, "always", 5]`, this fails:
//!
//! ```text
//! fix: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: crash
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `subject-min-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.subject)?;
    ensure::min_length("subject", text, span, value)
}
