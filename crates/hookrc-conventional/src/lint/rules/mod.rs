//! The rule registry: every rule commitlint has that applies to a parsed
//! message, one file each under commitlint's name, in alphabetical order.

mod body_case;
mod body_empty;
mod body_full_stop;
mod body_leading_blank;
mod body_max_length;
mod body_max_line_length;
mod body_min_length;
mod breaking_change_exclamation_mark;
mod footer_empty;
mod footer_leading_blank;
mod footer_max_length;
mod footer_max_line_length;
mod footer_min_length;
mod header_case;
mod header_full_stop;
mod header_max_length;
mod header_min_length;
mod header_trim;
mod references_empty;
mod scope_case;
mod scope_delimiter_style;
mod scope_empty;
mod scope_enum;
mod scope_max_length;
mod scope_min_length;
mod signed_off_by;
mod subject_case;
mod subject_empty;
mod subject_exclamation_mark;
mod subject_full_stop;
mod subject_max_length;
mod subject_min_length;
mod trailer_exists;
mod type_case;
mod type_empty;
mod type_enum;
mod type_max_length;
mod type_min_length;

use super::view::View;
use super::{Failure, RuleValue, When};

/// The kind of value a rule takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueKind {
    /// No value.
    None,
    /// A non-negative number.
    Length,
    /// A string (absent: the rule's default).
    Text,
    /// A list of strings (absent: empty).
    List,
    /// A case name or a list of them.
    Cases,
}

/// A rule: its name, its value kind and its check.
pub(crate) struct RuleDef {
    pub(crate) name: &'static str,
    pub(crate) value: ValueKind,
    pub(crate) check: fn(&View<'_>, When, &RuleValue) -> Option<Failure>,
}

/// Every rule, in [`RULE_NAMES`] order.
pub(crate) static RULES: &[RuleDef] = &[
    RuleDef {
        name: "body-case",
        value: ValueKind::Cases,
        check: body_case::check,
    },
    RuleDef {
        name: "body-empty",
        value: ValueKind::None,
        check: body_empty::check,
    },
    RuleDef {
        name: "body-full-stop",
        value: ValueKind::Text,
        check: body_full_stop::check,
    },
    RuleDef {
        name: "body-leading-blank",
        value: ValueKind::None,
        check: body_leading_blank::check,
    },
    RuleDef {
        name: "body-max-length",
        value: ValueKind::Length,
        check: body_max_length::check,
    },
    RuleDef {
        name: "body-max-line-length",
        value: ValueKind::Length,
        check: body_max_line_length::check,
    },
    RuleDef {
        name: "body-min-length",
        value: ValueKind::Length,
        check: body_min_length::check,
    },
    RuleDef {
        name: "breaking-change-exclamation-mark",
        value: ValueKind::None,
        check: breaking_change_exclamation_mark::check,
    },
    RuleDef {
        name: "footer-empty",
        value: ValueKind::None,
        check: footer_empty::check,
    },
    RuleDef {
        name: "footer-leading-blank",
        value: ValueKind::None,
        check: footer_leading_blank::check,
    },
    RuleDef {
        name: "footer-max-length",
        value: ValueKind::Length,
        check: footer_max_length::check,
    },
    RuleDef {
        name: "footer-max-line-length",
        value: ValueKind::Length,
        check: footer_max_line_length::check,
    },
    RuleDef {
        name: "footer-min-length",
        value: ValueKind::Length,
        check: footer_min_length::check,
    },
    RuleDef {
        name: "header-case",
        value: ValueKind::Cases,
        check: header_case::check,
    },
    RuleDef {
        name: "header-full-stop",
        value: ValueKind::Text,
        check: header_full_stop::check,
    },
    RuleDef {
        name: "header-max-length",
        value: ValueKind::Length,
        check: header_max_length::check,
    },
    RuleDef {
        name: "header-min-length",
        value: ValueKind::Length,
        check: header_min_length::check,
    },
    RuleDef {
        name: "header-trim",
        value: ValueKind::None,
        check: header_trim::check,
    },
    RuleDef {
        name: "references-empty",
        value: ValueKind::None,
        check: references_empty::check,
    },
    RuleDef {
        name: "scope-case",
        value: ValueKind::Cases,
        check: scope_case::check,
    },
    RuleDef {
        name: "scope-delimiter-style",
        value: ValueKind::List,
        check: scope_delimiter_style::check,
    },
    RuleDef {
        name: "scope-empty",
        value: ValueKind::None,
        check: scope_empty::check,
    },
    RuleDef {
        name: "scope-enum",
        value: ValueKind::List,
        check: scope_enum::check,
    },
    RuleDef {
        name: "scope-max-length",
        value: ValueKind::Length,
        check: scope_max_length::check,
    },
    RuleDef {
        name: "scope-min-length",
        value: ValueKind::Length,
        check: scope_min_length::check,
    },
    RuleDef {
        name: "signed-off-by",
        value: ValueKind::Text,
        check: signed_off_by::check,
    },
    RuleDef {
        name: "subject-case",
        value: ValueKind::Cases,
        check: subject_case::check,
    },
    RuleDef {
        name: "subject-empty",
        value: ValueKind::None,
        check: subject_empty::check,
    },
    RuleDef {
        name: "subject-exclamation-mark",
        value: ValueKind::None,
        check: subject_exclamation_mark::check,
    },
    RuleDef {
        name: "subject-full-stop",
        value: ValueKind::Text,
        check: subject_full_stop::check,
    },
    RuleDef {
        name: "subject-max-length",
        value: ValueKind::Length,
        check: subject_max_length::check,
    },
    RuleDef {
        name: "subject-min-length",
        value: ValueKind::Length,
        check: subject_min_length::check,
    },
    RuleDef {
        name: "trailer-exists",
        value: ValueKind::Text,
        check: trailer_exists::check,
    },
    RuleDef {
        name: "type-case",
        value: ValueKind::Cases,
        check: type_case::check,
    },
    RuleDef {
        name: "type-empty",
        value: ValueKind::None,
        check: type_empty::check,
    },
    RuleDef {
        name: "type-enum",
        value: ValueKind::List,
        check: type_enum::check,
    },
    RuleDef {
        name: "type-max-length",
        value: ValueKind::Length,
        check: type_max_length::check,
    },
    RuleDef {
        name: "type-min-length",
        value: ValueKind::Length,
        check: type_min_length::check,
    },
];

/// Every rule name hookrc knows: commitlint's names, alphabetically.
pub const RULE_NAMES: &[&str] = &[
    "body-case",
    "body-empty",
    "body-full-stop",
    "body-leading-blank",
    "body-max-length",
    "body-max-line-length",
    "body-min-length",
    "breaking-change-exclamation-mark",
    "footer-empty",
    "footer-leading-blank",
    "footer-max-length",
    "footer-max-line-length",
    "footer-min-length",
    "header-case",
    "header-full-stop",
    "header-max-length",
    "header-min-length",
    "header-trim",
    "references-empty",
    "scope-case",
    "scope-delimiter-style",
    "scope-empty",
    "scope-enum",
    "scope-max-length",
    "scope-min-length",
    "signed-off-by",
    "subject-case",
    "subject-empty",
    "subject-exclamation-mark",
    "subject-full-stop",
    "subject-max-length",
    "subject-min-length",
    "trailer-exists",
    "type-case",
    "type-empty",
    "type-enum",
    "type-max-length",
    "type-min-length",
];

#[cfg(test)]
mod tests;
