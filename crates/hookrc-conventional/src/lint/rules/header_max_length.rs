//! The `header-max-length` rule: the header may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the header.
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
//! feat: add a long header here
//! ```
//!
//! and this passes:
//!
//! ```text
//! feat: short
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here. Default (config-conventional): `[2, "always", 100]`.

use crate::Span;
use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `header-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.header).unwrap_or(("", Span::default()));
    ensure::max_length("header", text, span, value)
}
