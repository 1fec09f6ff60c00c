//! The `type-empty` rule: the type must (or must not) be empty.
//!
//! ## What it does
//!
//! Checks whether the message has a type. commitlint's reading of the header
//! applies: a header that is not `type(scope): subject` has neither type nor
//! subject.
//!
//! ## Why
//!
//! The type drives the changelog and the next version number.
//!
//! ## Example
//!
//! With `[2, "never"]`, this fails:
//!
//! ```text
//! Update README
//! ```
//!
//! and this passes:
//!
//! ```text
//! docs: update README
//! ```
//!
//! ## Options
//!
//! No value. `never`: the type may not be empty; `always`: it must be empty.
//! Default (config-conventional): `[2, "never"]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `type-empty`.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let present = v.r#type.map(|t| t.span);
    ensure::empty(
        "type",
        present,
        v.header.map(|h| h.span),
        when,
        "start the header with a type and `: `, e.g. `feat: …` or `fix: …`",
    )
}
