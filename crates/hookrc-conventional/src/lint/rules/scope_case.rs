//! The `scope-case` rule: the scope must (or must not) be in the given case.
//!
//! ## What it does
//!
//! Checks the case of the scope; a scope made of several segments (`a/b`, `a\\b`,
//! `a,b`, `a, b`) passes when every segment is in the case. Skipped without a
//! scope.
//!
//! ## Why
//!
//! Scopes name parts of the code base; one spelling per part keeps them greppable
//! and groups the changelog.
//!
//! ## Example
//!
//! With `[2, "always", "lower-case"]`, this fails:
//!
//! ```text
//! fix(API): x
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix(api): x
//! ```
//!
//! ## Options
//!
//! A case name or a list of them: `lower-case`, `upper-case`, `camel-case`,
//! `kebab-case`, `pascal-case`, `sentence-case`, `snake-case`, `start-case`.
//! `always`: the scope must be in one of them; `never`: in none of them. Quoted
//! parts (`` `x` ``, `"x"`, `'x'`) are ignored; text that starts with a digit
//! passes.

use crate::lint::case::ensure_case;
use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `scope-case`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let s = v.scope?;
    ensure::case_with("scope", s.span, when, value, |case| {
        ensure::scope_segments(s.text).all(|seg| ensure_case(seg, case))
    })
}
