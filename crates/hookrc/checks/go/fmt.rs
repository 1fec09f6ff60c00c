//! go-fmt: gofmt on the staged content of each staged `.go` file (its index
//! blob, never the working-tree file), files in parallel, with the change
//! gofmt wants shown as a unified diff.
//!
//! With `fix = true` the formatted content is staged after the whole run,
//! only when it was not interrupted and every other check passed (so a
//! refused commit changes nothing), in one atomic index write; the working-tree file is rewritten only where it was
//! byte-identical to the old staged content, so unstaged edits are never
//! touched (the user is told which files were left alone).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hookrc_policy::GoFmtCheck;
use hookrc_runner::go::check_format;

use crate::checks::CheckContext;
use crate::checks::go;
use crate::git::Restage;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Run the go-fmt check `name`.
pub(crate) fn run(name: &str, check: &GoFmtCheck, context: &CheckContext) -> CheckReport {
    let Some(files) = go::go_files(context, |f| check.matches(f)) else {
        return CheckReport::new(name, CheckStatus::Skipped("no staged Go files".into()));
    };
    let repo = match go::open_repo(context) {
        Ok(repo) => repo,
        Err(err) => return go::repo_error_report(name, &err),
    };
    let sources = match repo
        .snapshot()
        .and_then(|snapshot| go::staged_sources(&snapshot, files, context.go.settings()))
    {
        Ok(sources) if sources.is_empty() => {
            return CheckReport::new(
                name,
                CheckStatus::Skipped("only generated or vendored Go files are staged".into()),
            );
        }
        Ok(sources) => sources,
        Err(err) => return go::repo_error_report(name, &err),
    };
    let toolchain = match go::toolchain_or_report(name, context, check.optional()) {
        Ok(toolchain) => toolchain,
        Err(report) => return report,
    };
    let jobs = hookrc_runner::cores();
    let blobs = sources
        .iter()
        .map(|(p, c, _)| (p.clone(), c.clone()))
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
    if check.fix() && !formatted.is_empty() && only_formatting {
        let restage = formatted
            .into_iter()
            .filter_map(|(path, content)| {
                let (_, old, mode) = sources.iter().find(|(p, _, _)| *p == path)?;
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
        context.go.defer_fix(PendingFix {
            check: name.to_owned(),
            files: restage,
        });
    }
    go::report(name, &outcome)
}

/// Fixes a go-fmt check found, applied once every check of the run is done.
#[derive(Debug)]
pub(crate) struct PendingFix {
    check: String,
    /// The new staged content, with the old one.
    files: Vec<(Restage, Vec<u8>)>,
}

/// Apply the deferred fixes when the commit will go through: the run was
/// not interrupted and every other check passed. Otherwise nothing is
/// changed and the go-fmt report stays failed, saying why.
pub(crate) fn apply_fixes(context: &CheckContext, reports: &mut [CheckReport]) {
    let pending = context.go.take_fixes();
    for fix in pending {
        let others_pass = reports
            .iter()
            .filter(|r| r.name != fix.check)
            .all(|r| matches!(r.status, CheckStatus::Passed | CheckStatus::Skipped(_)));
        let Some(report) = reports.iter_mut().find(|r| r.name == fix.check) else {
            continue;
        };
        if context.cancel.is_cancelled() || !others_pass {
            report.diagnostics.push(Diagnostic::new(
                &fix.check,
                Severity::Warning,
                "not fixed: another check did not pass, so nothing was changed",
            ));
            continue;
        }
        match apply(context, &fix.files) {
            Ok(fixed) => fixed_report(report, &fixed),
            Err(err) => *report = go::repo_error_report(&fix.check, &err),
        }
    }
}

/// What a fix did: staged files, and which of them were also rewritten in
/// the working tree or left alone there.
struct Fixed {
    written: Vec<PathBuf>,
    left_alone: Vec<PathBuf>,
}

/// Stage the formatted content of every file at once, then rewrite the
/// working-tree files that still equal their old staged content.
fn apply(context: &CheckContext, files: &[(Restage, Vec<u8>)]) -> anyhow::Result<Fixed> {
    let restage: Vec<Restage> = files.iter().map(|(fix, _)| fix.clone()).collect();
    go::open_repo(context)?.restage(&restage, &context.root, &context.env)?;
    let mut fixed = Fixed {
        written: Vec::new(),
        left_alone: Vec::new(),
    };
    for (fix, old) in files {
        let absolute = context.root.join(&fix.path);
        let unchanged = std::fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_file())
            && std::fs::read(&absolute).is_ok_and(|on_disk| on_disk == *old);
        if unchanged {
            replace_file(&absolute, &fix.content)?;
            fixed.written.push(fix.path.clone());
        } else {
            fixed.left_alone.push(fix.path.clone());
        }
    }
    Ok(fixed)
}

/// Replace `path`'s content atomically (a sibling temp file renamed over
/// it), keeping its permissions.
fn replace_file(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let permissions = fs_err::metadata(path)?.permissions();
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    std::io::Write::write_all(&mut temp, content)
        .with_context(|| format!("cannot write the fixed `{}`", path.display()))?;
    fs_err::set_permissions(temp.path(), permissions)?;
    temp.persist(path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// A fixed run passes: the commit takes the formatted content. The user
/// is told what changed where.
fn fixed_report(report: &mut CheckReport, fixed: &Fixed) {
    report.status = CheckStatus::Passed;
    report.output.clear();
    report.diagnostics.clear();
    let name = report.name.clone();
    for path in &fixed.written {
        let mut note = Diagnostic::new(
            &name,
            Severity::Warning,
            "formatted with gofmt: the fix is staged and written to the working tree",
        );
        note.file = Some(path.clone());
        report.diagnostics.push(note);
    }
    for path in &fixed.left_alone {
        let mut note = Diagnostic::new(
            &name,
            Severity::Warning,
            "formatted with gofmt: the fix is staged; the working-tree file has unstaged edits and was left alone",
        )
        .with_hint(format!(
            "run `gofmt -w {}` to format your unstaged edits too",
            path.display()
        ));
        note.file = Some(path.clone());
        report.diagnostics.push(note);
    }
}
