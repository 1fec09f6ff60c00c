//! The `footer-max-length` rule: the footer may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the footer. Skipped when there is no footer.
//!
//! ## Why
//!
//! Short parts fit on one line in `git log --oneline`, GitHub's UI and e-mail
//! subjects.
//!
//! ## Example
//!
//! With `[2, "always", 20]`, this fails:
//!
//! ```text
//! fix: x
//!
//! Refs: #1, #2, #3, #4, #5, #6
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
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.footer.as_ref())?;
    ensure::max_length("footer", text, span, value)
}
