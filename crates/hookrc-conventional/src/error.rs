//! Errors: what the strict parser rejects and what a rule configuration may get wrong.

use crate::Span;

/// The message is not a Conventional Commit (spec 1.0.0). [`ParseError::span`]
/// points at the offending bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    kind: ParseErrorKind,
    span: Span,
}

impl ParseError {
    pub(crate) const fn new(kind: ParseErrorKind, span: Span) -> Self {
        Self { kind, span }
    }

    /// What is wrong.
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// Where it is wrong, in bytes of the parsed text.
    pub const fn span(&self) -> Span {
        self.span
    }
}

/// The ways a message can fail the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Nothing but whitespace.
    #[error("the message is empty")]
    Empty,
    /// The header does not start with a type (a noun such as `feat`).
    #[error("the header must start with a type, e.g. `feat` or `fix`")]
    MissingType,
    /// The type holds a character a type may not hold (whitespace).
    #[error("the type may not contain whitespace")]
    InvalidType,
    /// `(` without its closing `)` on the header line.
    #[error("the scope is missing its closing parenthesis")]
    UnclosedScope,
    /// A scope holding `(`: a scope is a noun in one pair of parentheses.
    #[error("the scope may not contain `(`")]
    InvalidScope,
    /// `()`: a scope must be a noun.
    #[error("the scope is empty")]
    EmptyScope,
    /// No `:` after the type, scope and `!`.
    #[error("expected `:` after the type (and the optional scope and `!`)")]
    MissingColon,
    /// `:` not followed by a space.
    #[error("expected a space after `:`")]
    MissingSpace,
    /// Nothing after `: `.
    #[error("the description is empty")]
    EmptyDescription,
    /// The line after the header is not blank.
    #[error("the body must be separated from the header by a blank line")]
    MissingBlankLine,
}

/// A rule setting that [`crate::lint::Config::set_rule`] refuses.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleConfigError {
    /// No rule has this name.
    #[error("unknown rule `{name}`{}", suggestion_text(suggestion.as_deref()))]
    UnknownRule {
        /// The name given.
        name: String,
        /// The closest known rule name, if one is close.
        suggestion: Option<&'static str>,
    },
    /// The rule takes another kind of value.
    #[error("rule `{rule}` expects {expected}")]
    InvalidValue {
        /// The rule.
        rule: &'static str,
        /// What it takes, in words.
        expected: &'static str,
    },
    /// A case rule names a case commitlint does not know.
    #[error("rule `{rule}`: unknown case `{case}` (known: {known})")]
    UnknownCase {
        /// The rule.
        rule: &'static str,
        /// The case name given.
        case: String,
        /// The known case names, comma-separated.
        known: &'static str,
    },
}

fn suggestion_text(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(", did you mean `{s}`?"))
}
