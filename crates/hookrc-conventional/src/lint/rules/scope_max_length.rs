//! The `scope-max-length` rule: the scope may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the scope. Skipped when there is no scope.
//!
//! ## Why
//!
//! Short parts fit on one line in `git log --oneline`, GitHub's UI and e-mail
//! subjects.
//!
//! ## Example
//!
//! With `[2, "always", 5]`, this fails:
//!
//! ```text
//! fix(parser): x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix(cli): x
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `scope-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.scope)?;
    ensure::max_length("scope", text, span, value)
}
