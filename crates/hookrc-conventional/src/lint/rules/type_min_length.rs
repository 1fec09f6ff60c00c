//! The `type-min-length` rule: the type may not be shorter than N characters.
//!
//! ## What it does
//!
//! Checks that the type has at least N characters. Skipped when there is no type.
//!
//! ## Why
//!
//! A too-short part rarely says anything (`fix: x`).
//!
//! ## Example
//!
//! With `[2, "always", 3]`, this fails:
//!
//! ```text
//! ci: x
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
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `type-min-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.r#type)?;
    ensure::min_length("type", text, span, value)
}
