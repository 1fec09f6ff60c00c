//! The `type-max-length` rule: the type may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the type. Skipped when there is no type.
//!
//! ## Why
//!
//! Short parts fit on one line in `git log --oneline`, GitHub's UI and e-mail
//! subjects.
//!
//! ## Example
//!
//! With `[2, "always", 4]`, this fails:
//!
//! ```text
//! refactor: x
//! ```
//!
//! and this passes:
//!
//! ```text
//! feat: x
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `type-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.r#type)?;
    ensure::max_length("type", text, span, value)
}
