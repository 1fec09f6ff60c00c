//! The message model: a parsed Conventional Commit whose every part borrows from
//! the parsed text and carries its [`Span`].

use std::fmt;

use crate::Span;

/// A piece of the parsed text and where it sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part<'a> {
    /// The text, borrowed from the parsed message.
    pub text: &'a str,
    /// Its byte span in the parsed message.
    pub span: Span,
}

impl<'a> Part<'a> {
    pub(crate) fn new(whole: &'a str, text: &'a str) -> Self {
        Self {
            text,
            span: Span::of(whole, text),
        }
    }
}

/// The separator between a footer's token and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Separator {
    /// `Token: value`
    ColonSpace,
    /// `Token #value`
    SpaceHash,
}

impl Separator {
    /// The separator as written.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ColonSpace => ": ",
            Self::SpaceHash => " #",
        }
    }
}

/// One footer (a git trailer): `Token: value` or `Token #value`. The value may
/// span several lines; it ends where the next footer starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Footer<'a> {
    /// `Reviewed-by`, `Refs`, `BREAKING CHANGE`, `BREAKING-CHANGE`, …
    pub token: Part<'a>,
    /// `: ` or ` #`.
    pub separator: Separator,
    /// The value, continuation lines included (trailing blank lines excluded).
    pub value: Part<'a>,
}

impl Footer<'_> {
    /// Whether the token is `BREAKING CHANGE` or its synonym `BREAKING-CHANGE`
    /// (uppercase, as the spec requires).
    pub fn is_breaking_change(&self) -> bool {
        matches!(self.token.text, "BREAKING CHANGE" | "BREAKING-CHANGE")
    }

    /// The whole footer, token to the end of the value.
    pub const fn span(&self) -> Span {
        Span::new(self.token.span.start, self.value.span.end)
    }
}

/// A Conventional Commit (spec 1.0.0), as [`crate::parse()`] returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Commit<'a> {
    /// The first line: `type(scope)!: description`.
    pub header: Part<'a>,
    /// `feat`, `fix`, … exactly as written (the spec compares types case-insensitively).
    pub r#type: Part<'a>,
    /// The scope without its parentheses.
    pub scope: Option<Part<'a>>,
    /// The `!` before `:` that marks a breaking change.
    pub bang: Option<Span>,
    /// The short summary after `: `.
    pub description: Part<'a>,
    /// Free-form paragraphs between the header and the footers.
    pub body: Option<Part<'a>>,
    /// The footers, in order.
    pub footers: Vec<Footer<'a>>,
}

impl Commit<'_> {
    /// Whether the commit announces a breaking change: `!` in the header or a
    /// `BREAKING CHANGE` / `BREAKING-CHANGE` footer.
    pub fn is_breaking(&self) -> bool {
        self.bang.is_some() || self.footers.iter().any(Footer::is_breaking_change)
    }

    /// The description of the breaking change: the first breaking footer's value,
    /// else the header's description when the header has `!`.
    pub fn breaking_description(&self) -> Option<&str> {
        self.footers
            .iter()
            .find(|f| f.is_breaking_change())
            .map(|f| f.value.text)
            .or_else(|| self.bang.map(|_| self.description.text))
    }
}

/// Formats the commit back into a message: header, blank line, body, blank line,
/// footers one per line. Parsing the result gives the same parts.
impl fmt::Display for Commit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.r#type.text)?;
        if let Some(scope) = self.scope {
            write!(f, "({})", scope.text)?;
        }
        if self.bang.is_some() {
            f.write_str("!")?;
        }
        write!(f, ": {}", self.description.text)?;
        if let Some(body) = self.body {
            write!(f, "\n\n{}", body.text)?;
        }
        for (i, footer) in self.footers.iter().enumerate() {
            f.write_str(if i == 0 { "\n\n" } else { "\n" })?;
            write!(
                f,
                "{}{}{}",
                footer.token.text,
                footer.separator.as_str(),
                footer.value.text
            )?;
        }
        Ok(())
    }
}
