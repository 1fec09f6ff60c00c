//! The printer: the one place that picks a stream for each kind of output.
//! Reports go to stderr for people (`human`) and to stdout for machines
//! (`json`, `github`); data a command produces (`config show`) to stdout;
//! notes about what hookrc did to stderr.

use std::io::{self, Write};

use crate::cli::Format;
use crate::output::report::Report;
use crate::output::{render, style};

/// Writes reports, data and notes in the chosen format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    format: Format,
}

impl Printer {
    /// A printer for `format`.
    pub(crate) fn new(format: Format) -> Self {
        Self { format }
    }

    /// Write a hook run's report, in one write where the stream allows.
    pub(crate) fn report(self, report: &Report) -> io::Result<()> {
        match self.format {
            Format::Human => {
                // Rendered in memory with stderr's colour choice, then written
                // at once: one syscall, not one per styled piece.
                let choice = anstream::stderr().current_choice();
                let mut rendered = anstream::AutoStream::new(Vec::new(), choice);
                render::human::render(&mut rendered, report)?;
                let mut stderr = io::stderr().lock();
                stderr.write_all(&rendered.into_inner())?;
                stderr.flush()
            }
            Format::Json => render::json::render(&mut anstream::stdout().lock(), report),
            Format::Github => render::github::render(&mut anstream::stdout().lock(), report),
        }
    }
}

/// Write `data` (a command's product, e.g. a policy or a schema) to stdout.
pub(crate) fn data(data: &str) -> io::Result<()> {
    let mut stdout = anstream::stdout().lock();
    stdout.write_all(data.as_bytes())?;
    stdout.flush()
}

/// Write a one-line note about what hookrc did (`wrote .hookrc.toml`) to stderr.
pub(crate) fn note(note: &str) -> io::Result<()> {
    writeln!(anstream::stderr().lock(), "{note}")
}

/// Write a one-line warning (`warning: …`) about something the user asked
/// for that hookrc could not do as meant, to stderr.
pub(crate) fn warning(text: &str) -> io::Result<()> {
    writeln!(
        anstream::stderr().lock(),
        "{}: {text}",
        style::warning_label()
    )
}
