//! The error returned by [`crate::load()`] and [`crate::parse`], and its
//! compiler-style rendering (location, source line, caret, help).
//!
//! Rendering lives here, without colour, so the binary prints the error's
//! `Display` as it is and every consumer sees the same text.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The error returned by [`crate::load()`] and [`crate::parse`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The policy file exists but could not be read (permissions, not UTF-8, …).
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        /// The file that could not be read.
        path: PathBuf,
        /// Why reading failed.
        #[source]
        source: std::io::Error,
    },
    /// The policy file is not one hookrc reads: not a regular file, a
    /// dangling symlink or one leading outside the worktree, or too large.
    #[error("cannot use `{}` as the policy: {reason}", path.display())]
    Refused {
        /// The policy file's path.
        path: PathBuf,
        /// Why, with what the file is instead.
        reason: String,
    },
    /// The policy was read but is not valid: syntax, unknown key, wrong type,
    /// bad value. Renders as `path:line:column: message`, the source line, a
    /// caret under the offending span and a `help:` line where one applies.
    #[error("{0}")]
    Invalid(Box<Invalid>),
}

/// A located problem in a policy file (see [`PolicyError::Invalid`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    path: PathBuf,
    line: usize,
    column: usize,
    message: String,
    help: Option<String>,
    source_line: String,
    caret_width: usize,
    caret_offset: usize,
}

impl Invalid {
    /// The policy file (as given to [`crate::parse`]).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line of the offending span.
    pub fn line(&self) -> usize {
        self.line
    }

    /// 1-based column (in characters) of the offending span.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, as a lower-case fragment with backticked literals.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it (`did you mean …`, the accepted values), when known.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        writeln!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )?;
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{number} | {}", self.source_line)?;
        write!(
            f,
            "{gutter} | {}{}",
            " ".repeat(self.caret_offset),
            "^".repeat(self.caret_width)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} |\nhelp: {help}")?;
        }
        Ok(())
    }
}

/// Builds the located error for `span` (byte offsets into `text`).
pub(crate) fn invalid(
    text: &str,
    path: &Path,
    span: Range<usize>,
    message: String,
    help: Option<String>,
) -> PolicyError {
    let start = floor_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = floor_boundary(text, span.end.clamp(start, line_end));
    let before = &text[line_start..start];
    let covered = &text[start..end];
    let raw_line = text[line_start..line_end].trim_end_matches('\r');
    PolicyError::Invalid(Box::new(Invalid {
        path: path.to_path_buf(),
        line: text[..start].matches('\n').count() + 1,
        column: before.chars().count() + 1,
        message,
        help,
        source_line: expand_tabs(raw_line),
        caret_offset: display_width(before),
        caret_width: display_width(covered.trim_end_matches(['\r', '\n'])).max(1),
    }))
}

/// Separates a message from its help inside a serde error message, so a
/// value's `Deserialize` can suggest a fix through `toml`'s error type.
pub(crate) const HELP_SEPARATOR: &str = "\nhelp: ";

/// A serde custom-error message carrying a help line (see [`HELP_SEPARATOR`]).
pub(crate) fn with_help(message: impl fmt::Display, help: impl fmt::Display) -> String {
    format!("{message}{HELP_SEPARATOR}{help}")
}

/// Splits a message made by [`with_help`] back into message and help.
pub(crate) fn split_help(message: &str) -> (String, Option<String>) {
    match message.split_once(HELP_SEPARATOR) {
        Some((message, help)) => (message.to_owned(), Some(help.to_owned())),
        None => (message.to_owned(), None),
    }
}

const TAB: &str = "    ";

fn expand_tabs(line: &str) -> String {
    line.replace('\t', TAB)
}

fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if c == '\t' { TAB.len() } else { 1 })
        .sum()
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, span: Range<usize>, help: Option<&str>) -> String {
        invalid(
            text,
            Path::new("p.toml"),
            span,
            "bad".into(),
            help.map(Into::into),
        )
        .to_string()
    }

    #[test]
    fn caret_sits_under_the_span() {
        let text = "[go]\n\ttags = 1\n";
        assert_eq!(
            render(text, 13..14, Some("use a list")),
            "p.toml:2:9: bad\n  |\n2 |     tags = 1\n  |            ^\n  |\nhelp: use a list"
        );
    }

    #[test]
    fn span_at_end_of_input_gets_one_caret() {
        let text = "[hooks";
        assert_eq!(
            render(text, 6..6, None),
            "p.toml:1:7: bad\n  |\n1 | [hooks\n  |       ^"
        );
    }

    #[test]
    fn multi_line_span_stops_at_line_end_and_columns_count_chars() {
        let text = "a = \"é\"\nb = [\n1]\n";
        let rendered = render(text, 13..20, None);
        assert!(rendered.starts_with("p.toml:2:5: bad\n"), "{rendered}");
        assert!(rendered.ends_with("2 | b = [\n  |     ^"), "{rendered}");
    }
}
