//! The `subject-empty` rule: the subject must (or must not) be empty.
//!
//! ## What it does
//!
//! Checks whether the message has a subject. commitlint's reading of the header
//! applies: a header that is not `type(scope): subject` has neither type nor
//! subject.
//!
//! ## Why
//!
//! The subject is the summary every log line shows.
//!
//! ## Example
//!
//! With `[2, "never"]`, this fails:
//!
//! ```text
//! fix:
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: handle empty input
//! ```
//!
//! ## Options
//!
//! No value. `never`: the subject may not be empty; `always`: it must be empty.
//! Default (config-conventional): `[2, "never"]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `subject-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let present = v.subject.map(|s| s.span);
    ensure::empty(
        "subject",
        present,
        v.header.map(|h| h.span),
        when,
        "write the header as `type(scope): subject`, e.g. `fix(parser): handle empty input`",
    )
}
