//! The `header-case` rule: the header must (or must not) be in the given case.
//!
//! ## What it does
//!
//! Checks the case of the whole header; skipped when the header does not start with
//! an ASCII letter.
//!
//! ## Why
//!
//! Some projects without types want a sentence-case header.
//!
//! ## Example
//!
//! With `[2, "always", "lower-case"]`, this fails:
//!
//! ```text
//! Fix: Crash
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: crash
//! ```
//!
//! ## Options
//!
//! A case name or a list of them: `lower-case`, `upper-case`, `camel-case`,
//! `kebab-case`, `pascal-case`, `sentence-case`, `snake-case`, `start-case`.
//! `always`: the header must be in one of them; `never`: in none of them. Quoted
//! parts (`` `x` ``, `"x"`, `'x'`) are ignored; text that starts with a digit
//! passes.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `header-case`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let h = v.header?;
    if !h.text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    ensure::case("header", h.text, h.span, when, value)
}
