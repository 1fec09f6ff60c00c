//! The `body-case` rule: the body must (or must not) be in the given case.
//!
//! ## What it does
//!
//! Checks the case of the whole body (skipped when there is no body).
//!
//! ## Why
//!
//! Some teams want bodies in sentence case, like prose.
//!
//! ## Example
//!
//! With `[2, "always", "sentence-case"]`, this fails:
//!
//! ```text
//! fix: x
//!
//! the cache was stale
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! The cache was stale
//! ```
//!
//! ## Options
//!
//! A case name or a list of them: `lower-case`, `upper-case`, `camel-case`,
//! `kebab-case`, `pascal-case`, `sentence-case`, `snake-case`, `start-case`.
//! `always`: the body must be in one of them; `never`: in none of them. Quoted
//! parts (`` `x` ``, `"x"`, `'x'`) are ignored; text that starts with a digit
//! passes.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `body-case`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let (text, span) = ensure::of_block(v.body.as_ref())?;
    ensure::case("body", text, span, when, value)
}
