//! Every byte hookrc writes goes through this module: diagnostics to stderr,
//! data to stdout. Color is decoration only (`anstream` strips it for
//! `NO_COLOR`, non-terminals and `--color never`), so every message reads the
//! same without it: paths in backticks, a `hint:` after a blank line.

pub(crate) mod diagnostic;
pub(crate) mod paths;
mod printer;
pub(crate) mod render;
pub(crate) mod report;
mod style;

pub(crate) use printer::{Printer, data, note, warning};

use std::fmt;
use std::io::{self, Write};

use crate::cli::ColorChoice;
use crate::exit::ExitStatus;

/// An error that carries a suggestion for the user, printed as `hint:`.
#[derive(Debug)]
pub(crate) struct HintedError {
    message: String,
    hint: String,
}

impl HintedError {
    /// An error `message` with a `hint` saying how to fix it.
    pub(crate) fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for HintedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HintedError {}

/// Apply `--color` to every stream (`auto` leaves the decision to the
/// environment and the terminal).
pub(crate) fn set_color(choice: ColorChoice) {
    let choice = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
}

/// Print a command-line parsing error (or `--help`/`--version`) the way clap
/// formats it; usage errors are exit 2, help and version exit 0.
pub(crate) fn clap_error(err: &clap::Error) -> ExitStatus {
    // Nothing useful is left to do if stderr/stdout are gone.
    let _ = err.print();
    if err.use_stderr() {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    }
}

/// Whether `err` is (caused by) a closed pipe on our output: a clean exit,
/// as in `hookrc config schema | head -1`.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Print `err` to stderr: `error:` with the top message, one `caused by:`
/// line per underlying cause, and the first hint found in the chain.
pub(crate) fn error_chain(err: &anyhow::Error) {
    let mut stderr = anstream::stderr().lock();
    // Nothing useful is left to do if stderr itself is gone.
    let _ = write_error_chain(&mut stderr, err);
}

fn write_error_chain(out: &mut impl Write, err: &anyhow::Error) -> io::Result<()> {
    writeln!(out, "{}: {err}", style::error_label())?;
    for cause in err.chain().skip(1) {
        writeln!(out, "  {} {cause}", style::note_label("caused by:"))?;
    }
    if let Some(hinted) = err.chain().find_map(|c| c.downcast_ref::<HintedError>()) {
        writeln!(out, "\n{}: {}", style::hint_label(), hinted.hint)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(err: &anyhow::Error) -> String {
        let mut out = anstream::StripStream::new(Vec::new());
        write_error_chain(&mut out, err).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn error_chain_lists_causes_and_the_hint() {
        let err = anyhow::Error::new(HintedError::new(
            "not inside a git repository",
            "run hookrc inside a repository, or `git init` one",
        ))
        .context("could not run hook `pre-commit`");
        insta::assert_snapshot!(render(&err), @r"
        error: could not run hook `pre-commit`
          caused by: not inside a git repository

        hint: run hookrc inside a repository, or `git init` one
        ");
    }

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let pipe = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe)).context("write");
        assert!(is_broken_pipe(&pipe));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
