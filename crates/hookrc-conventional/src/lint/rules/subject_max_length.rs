//! The `subject-max-length` rule: the subject may not be longer than N characters.
//!
//! ## What it does
//!
//! Checks the length of the subject. Skipped when there is no subject.
//!
//! ## Why
//!
//! Short parts fit on one line in `git log --oneline`, GitHub's UI and e-mail
//! subjects.
//!
//! ## Example
//!
//! With `[2, "always", 10]`, this fails:
//!
//! ```text
//! fix: handle empty input
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: empty
//! ```
//!
//! ## Options
//!
//! A number of characters (UTF-16 code units, as commitlint counts). `always` and
//! `never` mean the same here.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `subject-max-length`.
pub(super) fn check(v: &View<'_>, _when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_field(v.subject)?;
    ensure::max_length("subject", text, span, value)
}
