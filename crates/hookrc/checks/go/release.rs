//! go-release: a pushed version tag (`v2.1.0`, `sub/dir/v2.1.0`) must name
//! a version `go get` can fetch: a module in that directory of the tagged
//! commit whose path carries the `/vN` suffix a v2+ major needs. Once the
//! Go module proxy has cached a bad tag it can never be fixed, so it is
//! refused before the push. The rule is `release::go_module`'s.

use std::path::Path;

use hookrc_policy::GoReleaseCheck;

use crate::checks::CheckContext;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};
use crate::release::go_module::{GoReleaseVerdict, verdict};
use crate::snapshot::Source;

/// Run the go-release check `name`.
pub(crate) fn run(name: &str, check: &GoReleaseCheck, context: &CheckContext<'_>) -> CheckReport {
    let tags: Vec<&str> = match context.snapshot.source() {
        Source::Commit(tip) => tip
            .refs
            .iter()
            .filter_map(|r| r.strip_prefix("refs/tags/"))
            .filter(|tag| !check.is_ignored(tag))
            .collect(),
        _ => Vec::new(),
    };
    if tags.is_empty() {
        return CheckReport::new(
            name,
            CheckStatus::Skipped("no version tag is pushed".into()),
        );
    }
    let mut report = CheckReport::new(name, CheckStatus::Passed);
    for tag in tags {
        let read = |path: &str| {
            Ok(context
                .snapshot
                .file(Path::new(path))?
                .map(|(bytes, _)| bytes))
        };
        match verdict(tag, read) {
            Ok(GoReleaseVerdict::Refused { message, hint }) => {
                report.status = CheckStatus::Failed;
                report
                    .diagnostics
                    .push(Diagnostic::new(name, Severity::Error, message).with_hint(hint));
            }
            Ok(GoReleaseVerdict::Accepted { .. } | GoReleaseVerdict::NotAVersion) => {}
            Err(err) => {
                report.status = CheckStatus::Error;
                report.diagnostics.push(Diagnostic::new(
                    name,
                    Severity::Error,
                    format!("cannot judge the tag `{tag}`: {err:#}"),
                ));
            }
        }
    }
    report
}
