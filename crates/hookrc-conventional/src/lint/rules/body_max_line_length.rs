//! The `body-max-line-length` rule: no line of the body may be longer than N characters.
//!
//! ## What it does
//!
//! Checks every line of the body; a line that contains a URL (`http://…`,
//! `https://…`) is exempt. The caret points at the first line too long.
//!
//! ## Why
//!
//! Lines that fit the terminal keep `git log` readable; URLs cannot be wrapped.
//!
//! ## Example
//!
//! With `[2, "always", 20]`, this fails:
//!
//! ```text
//! fix: x
//!
//! this line is far too long to read
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! short lines
//! read well
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units). Default (config-conventional):
//! `[2, "always", 100]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-max-line-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.body.as_ref())?;
    ensure::max_line_length("body", text, span, value)
}
