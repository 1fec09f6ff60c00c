//! The `subject-case` rule: the subject must (or must not) be in the given case.
//!
//! ## What it does
//!
//! Checks the case of the subject (the text after `type(scope): `); skipped when
//! the subject does not start with a cased letter. config-conventional forbids
//! sentence, start, pascal and upper case.
//!
//! ## Why
//!
//! The subject completes the sentence "This commit will …": it reads best in lower
//! case and imperative mood.
//!
//! ## Example
//!
//! With `[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]`, this fails:
//!
//! ```text
//! fix: Handle empty input
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
//! A case name or a list of them: `lower-case`, `upper-case`, `camel-case`,
//! `kebab-case`, `pascal-case`, `sentence-case`, `snake-case`, `start-case`.
//! `always`: the subject must be in one of them; `never`: in none of them. Quoted
//! parts (`` `x` ``, `"x"`, `'x'`) are ignored; text that starts with a digit
//! passes. Default (config-conventional):
//! `[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]`.

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `subject-case`.
pub(super) fn check(v: &View<'_>, when: When, value: &RuleValue) -> Option<Failure> {
    let s = v.subject?;
    if !s
        .text
        .starts_with(|c: char| c.is_lowercase() || c.is_uppercase() || is_titlecase(c))
    {
        return None;
    }
    ensure::case("subject", s.text, s.span, when, value)
}

/// Unicode's titlecase letters (`Lt`): the digraphs `ǅ ǈ ǋ ǲ` and Greek ones.
fn is_titlecase(c: char) -> bool {
    matches!(c, '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1f88}'..='\u{1f8f}' | '\u{1f98}'..='\u{1f9f}' | '\u{1fa8}'..='\u{1faf}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}')
}
