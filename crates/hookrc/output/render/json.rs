//! The JSON format: the whole [`Report`] as one pretty-printed object, for
//! machines (`--format json`). Field names are a public interface.

use std::io::{self, Write};

use crate::output::report::Report;

/// Write `report` as JSON followed by a newline.
pub(crate) fn render(out: &mut impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::render::tests::sample;

    #[test]
    fn renders_the_report_as_json() {
        let mut out = Vec::new();
        render(&mut out, &sample()).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}
