//! commitlint's rule engine: rule names, levels 0/1/2, `always`/`never` and
//! options as commitlint has them, run over a commitlint-compatible reading of
//! the message, so a team's commitlint configuration moves over unchanged.

mod case;
mod config;
mod ensure;
mod refs;
mod rules;
mod trailers;
mod view;

pub use config::Config;
pub use rules::RULE_NAMES;

use crate::Span;

pub use crate::error::RuleConfigError;

/// How much a rule matters: commitlint's `0`, `1`, `2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Level {
    /// `0`: the rule does not run.
    Disabled,
    /// `1`: reported, the message still passes.
    Warning,
    /// `2`: reported, the message fails.
    Error,
}

impl Level {
    /// commitlint's number for this level.
    pub const fn as_number(self) -> u8 {
        match self {
            Self::Disabled => 0,
            Self::Warning => 1,
            Self::Error => 2,
        }
    }

    /// The level for commitlint's number, if it is 0, 1 or 2.
    pub const fn from_number(n: i64) -> Option<Self> {
        match n {
            0 => Some(Self::Disabled),
            1 => Some(Self::Warning),
            2 => Some(Self::Error),
            _ => None,
        }
    }
}

/// Whether the rule's condition must hold (`always`) or must not (`never`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum When {
    /// `"always"`
    Always,
    /// `"never"`
    Never,
}

impl When {
    /// `"always"` or `"never"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::Never => "never",
        }
    }

    /// Parses `"always"` / `"never"`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "always" => Some(Self::Always),
            "never" => Some(Self::Never),
            _ => None,
        }
    }

    pub(crate) const fn is_never(self) -> bool {
        matches!(self, Self::Never)
    }
}

/// A rule's option, the third element of commitlint's `[level, when, value]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleValue {
    /// No value given (`[2, "always"]`).
    Absent,
    /// A number: the limit of a length rule.
    Int(i64),
    /// A string: a case name, a full-stop character, a trailer prefix.
    Text(String),
    /// A list: allowed types or scopes, case names, delimiters.
    List(Vec<String>),
}

/// One rule's finding on a message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// The rule's commitlint name, e.g. `"type-enum"`.
    pub rule: &'static str,
    /// [`Level::Warning`] or [`Level::Error`].
    pub level: Level,
    /// The offending bytes of the linted text, for a caret; `None` when the
    /// problem is an absence with no better place to point at.
    pub span: Option<Span>,
    /// What is wrong, in commitlint's words.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Lints `text` (a cleaned-up message, see [`crate::cleanup()`]) with `config`,
/// the way commitlint does: no violation when a default ignore pattern matches
/// (unless [`Config::set_default_ignores`] turned them off) or when the message
/// is empty; otherwise every enabled rule that fails, in [`RULE_NAMES`] order.
pub fn lint(text: &str, config: &Config) -> Vec<Violation> {
    if config.default_ignores() && crate::default_ignore(text).is_some() {
        return Vec::new();
    }
    let Some(view) = view::View::new(text, config.comment_char()) else {
        return Vec::new();
    };
    let mut violations = Vec::new();
    for (rule, setting) in config.enabled() {
        if let Some(failure) = (rule.check)(&view, setting.when, &setting.value) {
            violations.push(Violation {
                rule: rule.name,
                level: setting.level,
                span: failure.span,
                message: failure.message,
                hint: failure.hint,
            });
        }
    }
    violations
}

/// A failed check, before the level is attached.
pub(crate) struct Failure {
    pub(crate) span: Option<Span>,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

impl Failure {
    pub(crate) fn new(
        span: Option<Span>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            span,
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}
