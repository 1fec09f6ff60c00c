//! The go-fmt fix, applied by the run once every check is done, only when
//! it was not interrupted and every other check passed (so a refused commit
//! changes nothing): the formatted content is staged in one atomic index
//! write (also into the real index git is preparing for a
//! `git commit <paths>`, so the commit and the index agree), and the
//! working-tree file is rewritten only where it was byte-identical to the
//! old staged content, so unstaged edits are never touched (the user is
//! told which files were left alone). Nothing is written through a
//! symbolic link: a path whose leading directory is a symlink in the
//! working tree is not fixed at all, as git itself would not write there.

use std::path::{Path, PathBuf};

use crate::checks::CheckContext;
use crate::git::{Repo, Restage};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Fixes a go-fmt check found, applied once every check of the run is done.
#[derive(Debug)]
pub(crate) struct PendingFix {
    /// The go-fmt check's name.
    pub(crate) check: String,
    /// The new staged content, with the old one.
    pub(crate) files: Vec<(Restage, Vec<u8>)>,
}

/// Apply the deferred fixes when the commit will go through: the run was
/// not interrupted and every other check passed. Otherwise nothing is
/// changed and the go-fmt report stays failed, saying why.
pub(crate) fn apply_fixes(context: &CheckContext<'_>, reports: &mut [CheckReport]) {
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
            Err(err) => *report = super::repo_error_report(&fix.check, &err),
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
fn apply(context: &CheckContext<'_>, files: &[(Restage, Vec<u8>)]) -> anyhow::Result<Fixed> {
    let restage: Vec<Restage> = files.iter().map(|(fix, _)| fix.clone()).collect();
    Repo::discover_for_hook(&context.root)?.restage(
        &restage,
        &context.root,
        &context.env,
        &context.cancel,
    )?;
    let mut fixed = Fixed {
        written: Vec::new(),
        left_alone: Vec::new(),
    };
    for (fix, old) in files {
        let absolute = context.root.join(&fix.path);
        let unchanged = symlinked_parent(&context.root, &fix.path).is_none()
            && std::fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_file())
            && std::fs::read(&absolute).is_ok_and(|on_disk| on_disk == *old);
        if unchanged {
            crate::files::replace(&absolute, &fix.content)?;
            fixed.written.push(fix.path.clone());
        } else {
            fixed.left_alone.push(fix.path.clone());
        }
    }
    Ok(fixed)
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

/// The fixes that would write through a symlink, each with the symlinked
/// leading directory.
pub(crate) fn unsafe_paths(root: &Path, files: &[(Restage, Vec<u8>)]) -> Vec<(PathBuf, PathBuf)> {
    files
        .iter()
        .filter_map(|(fix, _)| Some((fix.path.clone(), symlinked_parent(root, &fix.path)?)))
        .collect()
}

/// The first leading directory of the repo-relative `path` that is a
/// symbolic link (or not a directory) in the working tree at `root`, as
/// git's `has_symlink_leading_path` checks before it writes.
fn symlinked_parent(root: &Path, path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let mut dir = PathBuf::new();
    for component in parent.components() {
        dir.push(component);
        match std::fs::symlink_metadata(root.join(&dir)) {
            Ok(meta) if meta.file_type().is_symlink() || !meta.is_dir() => return Some(dir),
            Err(_) => return Some(dir),
            Ok(_) => {}
        }
    }
    None
}

/// No fix for a file behind a symlink: the check stays failed and says why.
pub(crate) fn refuse(report: &mut CheckReport, refused: &[(PathBuf, PathBuf)]) {
    let name = report.name.clone();
    for (path, link) in refused {
        let mut diagnostic = Diagnostic::new(
            &name,
            Severity::Error,
            format!(
                "not fixed: `{}` is a symbolic link (or missing) in the working tree, and hookrc never writes through one",
                link.display()
            ),
        )
        .with_hint(format!(
            "format the staged content by hand (`gofmt -w`) and `git add {}`",
            path.display()
        ));
        diagnostic.file = Some(path.clone());
        report.diagnostics.push(diagnostic);
    }
}
