//! The human format: one line per check in policy order (name, status,
//! duration), the output and diagnostics of the checks that did not pass,
//! and a summary with a hint when something failed. It reads the same
//! without color.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::render::{snippet, took};
use crate::output::report::{CheckReport, CheckStatus, Report};

const PASSED: Style = AnsiColor::Green.on_default();
const FAILED: Style = AnsiColor::Red.on_default().bold();
const SKIPPED: Style = AnsiColor::Yellow.on_default();
const DIM: Style = Style::new().dimmed();
const HINT: Style = AnsiColor::Cyan.on_default().bold();

/// Write `report` for people.
pub(crate) fn render(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let width = report
        .checks
        .iter()
        .map(|c| c.title().len())
        .max()
        .unwrap_or(0)
        + 4;
    for check in &report.checks {
        check_line(out, check, width)?;
        if check.output_always
            || !matches!(check.status, CheckStatus::Passed | CheckStatus::Skipped(_))
        {
            for line in check.output.lines() {
                writeln!(out, "    {line}")?;
            }
        }
        for diagnostic in &check.diagnostics {
            write_diagnostic(out, diagnostic)?;
        }
    }
    summary(out, report)
}

fn check_line(out: &mut impl Write, check: &CheckReport, width: usize) -> io::Result<()> {
    let name = format!("{} ", check.title());
    let took = took(check);
    write!(out, "{name:.<width$} ")?;
    match &check.status {
        CheckStatus::Passed => writeln!(out, "{PASSED}passed{PASSED:#} {DIM}({took}){DIM:#}"),
        CheckStatus::Failed => writeln!(out, "{FAILED}failed{FAILED:#} {DIM}({took}){DIM:#}"),
        CheckStatus::Skipped(why) => writeln!(out, "{SKIPPED}skipped{SKIPPED:#} ({why})"),
        CheckStatus::Error => writeln!(out, "{FAILED}error{FAILED:#}"),
        CheckStatus::Interrupted => {
            writeln!(out, "{FAILED}interrupted{FAILED:#} {DIM}({took}){DIM:#}")
        }
    }
}

/// `  error[check]: message` (continuation lines indented), then
/// `    --> `path`:line:col` when located, then `  hint: …`.
fn write_diagnostic(out: &mut impl Write, diagnostic: &Diagnostic) -> io::Result<()> {
    let style = match diagnostic.severity {
        Severity::Error => FAILED,
        Severity::Warning => SKIPPED,
    };
    let label = diagnostic.severity.label();
    let message = diagnostic.message.replace('\n', "\n    ");
    let code = diagnostic.code.as_ref().unwrap_or(&diagnostic.check);
    writeln!(out, "  {style}{label}[{code}]{style:#}: {message}")?;
    if let Some(file) = &diagnostic.file {
        write!(out, "    {DIM}-->{DIM:#} `{}`", file.display())?;
        match (diagnostic.line, diagnostic.column) {
            (Some(line), Some(column)) => writeln!(out, ":{line}:{column}")?,
            (Some(line), None) => writeln!(out, ":{line}")?,
            _ => writeln!(out)?,
        }
    }
    if let Some(snippet) = &diagnostic.snippet {
        snippet::write(out, snippet, 4, style)?;
    }
    if let Some(hint) = &diagnostic.hint {
        writeln!(out, "  {HINT}hint{HINT:#}: {hint}")?;
    }
    Ok(())
}

fn summary(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let failed = report.unsuccessful();
    if failed.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = failed
        .iter()
        .map(|check| format!("`{}`", check.title()))
        .collect();
    let mut skip: Vec<&str> = Vec::new();
    for check in &failed {
        if !skip.contains(&check.name.as_str()) {
            skip.push(&check.name);
        }
    }
    let checks = if report.checks.len() == 1 {
        "check"
    } else {
        "checks"
    };
    let what = match report.command_hint {
        Some(_) => format!("`hookrc {}`", report.hook),
        None => format!("hook `{}`", report.hook),
    };
    writeln!(
        out,
        "\n{FAILED}error{FAILED:#}: {what} failed: {} of {} {checks} did not pass: {}",
        failed.len(),
        report.checks.len(),
        names.join(", ")
    )?;
    match &report.command_hint {
        Some(hint) => writeln!(out, "\n{HINT}hint{HINT:#}: {hint}"),
        None => writeln!(
            out,
            "\n{HINT}hint{HINT:#}: fix what is reported above; to skip checks once, set `HOOKRC_SKIP={}`",
            skip.join(",")
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::output::render::tests::sample;

    #[test]
    fn renders_every_status_without_color() {
        let mut out = anstream::StripStream::new(Vec::new());
        render(&mut out, &sample()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out.into_inner()).unwrap());
    }

    #[test]
    fn a_passing_run_has_no_summary() {
        let mut check = CheckReport::new("fmt", CheckStatus::Passed);
        check.duration = Duration::from_millis(3);
        let report = Report::hook("pre-commit", vec![check]);
        let mut out = Vec::new();
        render(&mut out, &report).unwrap();
        let text = String::from_utf8(anstream::adapter::strip_bytes(&out).into_vec()).unwrap();
        assert_eq!(text, "fmt ... passed (3ms)\n");
    }
}
