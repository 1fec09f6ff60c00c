//! The `footer-leading-blank` rule: the footer must (or must not) be separated from the body by a blank line.
//!
//! ## What it does
//!
//! Checks that the line before the footer is blank. The footer starts, as
//! commitlint reads it, at the first line after the header that looks like a
//! `Token: value` or `Token #value` trailer, or a `BREAKING CHANGE` note.
//!
//! ## Why
//!
//! Trailers are only recognised (by git and by changelog tools) in a paragraph of
//! their own.
//!
//! ## Example
//!
//! With `[1, "always"]`, this fails:
//!
//! ```text
//! fix: x
//!
//! body
//! Refs: #1
//! ```
//!
//! and this passes:
//!
//! ```text
//! fix: x
//!
//! body
//!
//! Refs: #1
//! ```
//!
//! ## Options
//!
//! No value. Default (config-conventional): `[1, "always"]` (a warning).

use crate::lint::ensure;
use crate::lint::view::View;
use crate::lint::{Failure, RuleValue, When};

/// Checks `footer-leading-blank`.
///
/// As commitlint does since its fix for bodies holding comment lines: the
/// line before the first raw line equal to the footer's first line must be
/// blank. Comment lines the parser dropped from the body no longer shift
/// where the footer is looked for.
pub(super) fn check(v: &View<'_>, when: When, _value: &RuleValue) -> Option<Failure> {
    let footer = v.footer.as_ref()?;
    let raw_lines: Vec<&str> = v
        .raw
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let first = footer.text.split('\n').next().unwrap_or_default();
    // `rawLines.slice(indexOf(first) - 1)`: a negative start (no such line,
    // or the first one) counts from the end, as JavaScript's `slice` does.
    let leading = match raw_lines.iter().position(|l| *l == first) {
        Some(offset @ 1..) => offset - 1,
        Some(0) => raw_lines.len().saturating_sub(1),
        None => raw_lines.len().saturating_sub(2),
    };
    let blank = raw_lines.get(leading) == Some(&"");
    let span = Some(ensure::sub_span(&footer.text, footer.span, first));
    match (when, blank) {
        (When::Always, false) => Some(Failure::new(
            span,
            "footer must have leading blank line",
            "insert a blank line before the footer",
        )),
        (When::Never, true) => Some(Failure::new(
            span,
            "footer may not have leading blank line",
            "remove the blank line before the footer",
        )),
        _ => None,
    }
}
