//! The few styles hookrc uses, in one place. Each styled piece is also
//! readable uncolored: labels end with `:`, names sit in backticks.

use std::fmt::Display;

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();
const NOTE: Style = Style::new().dimmed();

/// `error` in bold red.
pub(crate) fn error_label() -> impl Display {
    paint(ERROR, "error")
}

/// `warning` in bold yellow.
pub(crate) fn warning_label() -> impl Display {
    paint(WARNING, "warning")
}

/// `hint` in bold cyan.
pub(crate) fn hint_label() -> impl Display {
    paint(HINT, "hint")
}

/// A secondary label (`caused by:`), dimmed.
pub(crate) fn note_label(text: &str) -> impl Display + '_ {
    paint(NOTE, text)
}

fn paint<T: Display>(style: Style, text: T) -> impl Display {
    format!("{style}{text}{style:#}")
}
