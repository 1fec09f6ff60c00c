//! Compiler-style source snippets: the line a diagnostic points into, with
//! carets under the offending span, as rustc draws them:
//!
//! ```text
//!    |
//!  1 | feet(api): add the export
//!    | ^^^^
//! ```
//!
//! Kept apart from the per-format renderers because the human report of a
//! hook run and the one of `lint-commits` both draw it.

use std::io::{self, Write};

use anstyle::Style;

const GUTTER: Style = anstyle::AnsiColor::Blue.on_default().bold();

/// One line of text and the part of it a diagnostic is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// The 1-based line number shown in the gutter.
    pub(crate) line: u32,
    /// The line, without its newline.
    pub(crate) text: String,
    /// Byte offsets of the span within `text` (`start == end`: one caret).
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Snippet {
    /// The snippet for the byte span `start..end` of `source`: the line it
    /// starts on, the span cut at that line's end and clamped to char
    /// boundaries (a span never makes this panic).
    pub(crate) fn of(source: &str, start: usize, end: usize) -> Self {
        let start = floor_char_boundary(source, start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let end = floor_char_boundary(source, end.clamp(start, line_end));
        let line = source[..line_start].matches('\n').count() + 1;
        Self {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            text: source[line_start..line_end].to_owned(),
            start: start - line_start,
            end: end - line_start,
        }
    }

    /// The 1-based column (in characters) where the span starts.
    pub(crate) fn column(&self) -> u32 {
        let chars = self.text.get(..self.start).map_or(0, |s| s.chars().count());
        u32::try_from(chars + 1).unwrap_or(u32::MAX)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Write `snippet` indented by `indent` spaces, carets in `style`.
pub(crate) fn write(
    out: &mut impl Write,
    snippet: &Snippet,
    indent: usize,
    style: Style,
) -> io::Result<()> {
    let number = snippet.line.to_string();
    let pad = " ".repeat(indent + number.len() + 1);
    let before = snippet.text.get(..snippet.start).unwrap_or_default();
    let marked = snippet
        .text
        .get(snippet.start..snippet.end)
        .unwrap_or_default();
    // Tabs stay tabs under the text so the carets line up in any terminal.
    let offset: String = before
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let carets = "^".repeat(marked.chars().count().max(1));
    writeln!(out, "{pad}{GUTTER}|{GUTTER:#}")?;
    writeln!(
        out,
        "{}{GUTTER}{number} |{GUTTER:#} {}",
        " ".repeat(indent),
        snippet.text
    )?;
    writeln!(
        out,
        "{pad}{GUTTER}|{GUTTER:#} {offset}{style}{carets}{style:#}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(source: &str, start: usize, end: usize) -> String {
        let mut out = Vec::new();
        write(&mut out, &Snippet::of(source, start, end), 2, Style::new()).unwrap();
        String::from_utf8(anstream::adapter::strip_bytes(&out).into_vec()).unwrap()
    }

    #[test]
    fn carets_sit_under_the_span_of_its_line() {
        let tabbed = draw("feat: x\n\n\tbody \u{fc}ber line\n", 10, 14);
        assert_eq!(tabbed, "    |\n  3 | \tbody \u{fc}ber line\n    | \t^^^^\n");
        let header = draw("feet(api): x\n", 0, 4);
        assert_eq!(header, "    |\n  1 | feet(api): x\n    | ^^^^\n");
    }

    #[test]
    fn odd_spans_are_clamped_not_panicking() {
        let text = "fix: ü\nbody\n";
        let snippet = Snippet::of(text, 6, 100);
        assert_eq!((snippet.line, snippet.start, snippet.end), (1, 5, 7));
        assert_eq!(snippet.column(), 6);
        let empty = Snippet::of(text, 100, 100);
        assert_eq!((empty.line, empty.text.as_str()), (3, ""));
        assert!(draw(text, 8, 8).ends_with("| ^\n"));
    }
}
