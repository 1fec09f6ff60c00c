//! The `type-case` rule: the type must (or must not) be in the given case.
//!
//! ## What it does
//!
//! Checks the case of the type; skipped without a type.
//!
//! ## Why
//!
//! `Feat` and `feat` are the same type to tools but not to readers and greps.
//!
//! ## Example
//!
//! With `[2, "always", "lower-case"]`, this fails:
//!
//! ```text
//! Feat: x
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
//! A case name or a list of them: `lower-case`, `upper-case`, `camel-case`,
//! `kebab-case`, `pascal-case`, `sentence-case`, `snake-case`, `start-case`.
//! `always`: the type must be in one of them; `never`: in none of them. Quoted
//! parts (`` `x` ``, `"x"`, `'x'`) are ignored; text that starts with a digit
//! passes. Default (config-conventional): `[2, "always", "lower-case"]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `type-case`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let t = v.r#type?;
    ensure::case("type", t.text, t.span, when, value)
}
