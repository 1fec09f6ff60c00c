//! The `footer-max-line-length` rule: no line of the footer may be longer than N characters.
//!
//! ## What it does
//!
//! Checks every line of the footer; a line that contains a URL (`http://…`,
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
//! Refs: a-very-long-reference-name-here
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! Refs: #1
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units). Default (config-conventional):
//! `[2, "always", 100]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-max-line-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.footer.as_ref())?;
    ensure::max_line_length("footer", text, span, value)
}
