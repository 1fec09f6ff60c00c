//! The `body-max-length` rule: the body may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the body. Skipped when there is no body.
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
//! aaaaaaaaaaaaaaaaaaaaaaaaa
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! short body
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.body.as_ref())?;
    ensure::max_length("body", text, span, value)
}
