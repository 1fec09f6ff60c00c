//! The GitHub Actions format: each check's output in a collapsible
//! `::group::`, and each diagnostic as an `::error`/`::warning` annotation
//! (with `file`, `line` and `col` when known), which GitHub shows on the
//! pull request. Default when `GITHUB_ACTIONS=true`.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::output::diagnostic::Diagnostic;
use crate::output::render::duration;
use crate::output::report::{CheckStatus, Report};

/// Write `report` as GitHub workflow commands.
pub(crate) fn render(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for check in &report.checks {
        let took = duration(check.duration);
        let status = match &check.status {
            CheckStatus::Passed => format!("passed ({took})"),
            CheckStatus::Failed => format!("failed ({took})"),
            CheckStatus::Skipped(why) => format!("skipped ({why})"),
            CheckStatus::Error => "error".to_owned(),
            CheckStatus::Interrupted => format!("interrupted ({took})"),
        };
        writeln!(out, "::group::{} {}: {status}", report.hook, check.title())?;
        out.write_all(check.output.as_bytes())?;
        if !check.output.is_empty() && !check.output.ends_with('\n') {
            writeln!(out)?;
        }
        writeln!(out, "::endgroup::")?;
        for diagnostic in &check.diagnostics {
            annotation(out, diagnostic)?;
        }
    }
    Ok(())
}

fn annotation(out: &mut impl Write, diagnostic: &Diagnostic) -> io::Result<()> {
    let mut properties = String::new();
    if let Some(file) = &diagnostic.file {
        let _ = write!(
            properties,
            "file={},",
            escape_property(&file.display().to_string())
        );
        if let Some(line) = diagnostic.line {
            let _ = write!(properties, "line={line},");
        }
        if let Some(column) = diagnostic.column {
            let _ = write!(properties, "col={column},");
        }
    }
    let _ = write!(
        properties,
        "title={}",
        escape_property(&format!("hookrc: {}", diagnostic.check))
    );
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        let _ = write!(message, "\nhint: {hint}");
    }
    writeln!(
        out,
        "::{} {properties}::{}",
        diagnostic.severity.label(),
        escape_data(&message)
    )
}

/// Workflow command data: `%`, CR and LF are percent-encoded
/// (actions/toolkit `command.ts`).
pub(super) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow command properties: as data, plus `:` and `,`.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render::tests::sample;

    #[test]
    fn renders_groups_and_annotations() {
        let mut out = Vec::new();
        render(&mut out, &sample()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
