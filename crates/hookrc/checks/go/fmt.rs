//! go-fmt: gofmt on the snapshot's content of each changed `.go` file (its
//! index blob, never the working-tree file), files in parallel, with the
//! change gofmt wants shown as a unified diff. A symlink named `*.go` is no
//! Go source: the file it points to is formatted in its own right.
//!
//! Files the working tree holds exactly as staged are first checked by one
//! `gofmt -l` over their working-tree copies; only the others, and those it
//! flags, go through `gofmt` one by one on their staged bytes.
//!
//! With `fix = true` on the index, the formatted content is staged after
//! the whole run ([`super::fix`]).

use std::path::PathBuf;
use std::time::Instant;

use hookrc_policy::GoFmtCheck;
use hookrc_runner::go::{GoError, Toolchain, check_format, unformatted_on_disk};

use crate::checks::CheckContext;
use crate::checks::go::fix::{self, PendingFix};
use crate::checks::go::{self, GoSource};
use crate::git::Restage;
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::Source;

/// Run the go-fmt check `name`.
pub(crate) fn run(name: &str, check: &GoFmtCheck, context: &CheckContext<'_>) -> CheckReport {
    let Some(files) = go::go_files(context, |f| check.matches(f)) else {
        return CheckReport::new(name, go::no_go_files(context));
    };
    let sources = match go::go_sources(context.snapshot, files, context.go.settings()) {
        Ok(sources) if sources.is_empty() => {
            return CheckReport::new(
                name,
                CheckStatus::Skipped(
                    "only generated, vendored or symlinked Go files are staged".into(),
                ),
            );
        }
        Ok(sources) => sources,
        Err(err) => return go::repo_error_report(name, &err),
    };
    let start = Instant::now();
    let toolchain = match go::toolchain_or_report(name, context, check.optional()) {
        Ok(toolchain) => toolchain,
        Err(report) => return report,
    };
    let jobs = hookrc_runner::cores();
    let suspects = match suspects(context, toolchain, &sources, check) {
        Ok(suspects) => suspects,
        Err(err) => return go::error_report(name, &err),
    };
    let blobs = sources
        .iter()
        .filter(|source| suspects.contains(&source.path))
        .map(|source| (source.path.clone(), source.content.clone()))
        .collect();
    let formatted = check_format(
        toolchain,
        name,
        blobs,
        jobs,
        Some(check.timeout()),
        &context.cancel,
    );
    let (outcome, formatted) = match formatted {
        Ok(formatted) => formatted.into_parts(),
        Err(err) => return go::error_report(name, &err),
    };
    let only_formatting = outcome.findings().len() == formatted.len();
    let fixable = check.fix()
        && !formatted.is_empty()
        && only_formatting
        && *context.snapshot.source() == Source::Index;
    let mut report = go::report(name, &outcome);
    report.duration = start.elapsed();
    if !fixable {
        let on_index = *context.snapshot.source() == Source::Index;
        go::fmt_hints(&mut report, &formatted, &context.root, on_index);
    }
    if fixable {
        let files: Vec<(Restage, Vec<u8>)> = formatted
            .into_iter()
            .filter_map(|(path, content)| {
                let GoSource {
                    content: old, mode, ..
                } = sources.iter().find(|source| source.path == path)?;
                Some((
                    Restage {
                        path,
                        mode: *mode,
                        content,
                    },
                    old.clone(),
                ))
            })
            .collect();
        let refused = fix::unsafe_paths(&context.root, &files);
        if refused.is_empty() {
            context.go.defer_fix(PendingFix {
                check: name.to_owned(),
                files,
            });
        } else {
            fix::refuse(&mut report, &refused);
        }
    }
    report
}

/// The sources gofmt must see one by one: those the working tree does not
/// hold as staged, and those one `gofmt -l` over the working-tree copies of
/// the others flags (the common case has none, at one process in all).
fn suspects(
    context: &CheckContext<'_>,
    toolchain: &Toolchain,
    sources: &[GoSource],
    check: &GoFmtCheck,
) -> Result<Vec<PathBuf>, GoError> {
    let mut on_disk = Vec::new();
    let mut suspects = Vec::new();
    for source in sources {
        // `gofmt -l` lists names one per line: a name with a newline could
        // not be told apart.
        let listable = !source.path.as_os_str().as_encoded_bytes().contains(&b'\n');
        match context.snapshot.in_worktree(&source.path) {
            Ok(true) if listable => on_disk.push(source.path.clone()),
            _ => suspects.push(source.path.clone()),
        }
    }
    if !on_disk.is_empty() {
        suspects.extend(unformatted_on_disk(
            toolchain,
            &context.root,
            &on_disk,
            Some(check.timeout()),
            &context.cancel,
        )?);
    }
    Ok(suspects)
}
