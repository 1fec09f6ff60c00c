//! `hookrc uninstall [HOOK…]`: remove hookrc's hooks and put back what
//! `install` moved aside.
//!
//! For each hook (the named ones, else every git client hook): hookrc's
//! link or shim (to any hookrc binary) is removed and `<hook>.hookrc-legacy`,
//! if any, is moved back to `<hook>`. Anything else is left as it is, with a
//! note when it stands in the way of a restore. Running it again changes
//! nothing.

use std::path::Path;

use anyhow::Context as _;

use super::install::{Existing, REPLACED_SUFFIX, Request, classify, current_exe, file_name};
use crate::cli::UninstallArgs;
use crate::exit::ExitStatus;
use crate::git::Repo;
use crate::output;
use crate::run::chain::legacy_path;

/// Remove hookrc's hooks (see the module docs).
pub(crate) fn run(args: &UninstallArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let repo = Repo::discover(&cwd)?;
    let hooks: Vec<String> = if args.hooks.is_empty() {
        hookrc_policy::CLIENT_HOOKS
            .iter()
            .map(|h| (*h).to_owned())
            .collect()
    } else {
        args.hooks.clone()
    };
    let hooks_dir = repo.hooks_dir()?;
    let exe = current_exe()?;
    let request = Request {
        hooks_dir: &hooks_dir,
        exe: &exe,
        hooks: &hooks,
        force: false,
        shim: false,
        base: repo.workdir().unwrap_or(repo.git_dir()),
    };
    for note in uninstall(&request)? {
        output::note(&note)?;
    }
    Ok(ExitStatus::Success)
}

/// Uninstall `hooks` from `request.hooks_dir` (`request.force` and
/// `request.shim` are not used); returns what was done, one note each.
pub(crate) fn uninstall(request: &Request<'_>) -> anyhow::Result<Vec<String>> {
    let mut notes = Vec::new();
    for hook in request.hooks {
        let file = request.hooks_dir.join(hook);
        uninstall_one(request, &file, &mut notes)?;
    }
    if notes.is_empty() {
        notes.push(format!(
            "no hookrc hook in `{}`; nothing to do",
            request.shown(request.hooks_dir)
        ));
    }
    Ok(notes)
}

fn uninstall_one(
    request: &Request<'_>,
    file: &Path,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let shown = request.shown(file);
    let legacy = legacy_path(file);
    let has_legacy = std::fs::symlink_metadata(&legacy).is_ok();
    match classify(file, request.exe)? {
        Existing::Ours { .. } => {
            std::fs::remove_file(file)
                .with_context(|| format!("cannot remove `{}`", file.display()))?;
            if has_legacy {
                restore(&legacy, file)?;
                notes.push(format!(
                    "removed `{shown}`; put back the earlier hook from `{}`",
                    file_name(&legacy)
                ));
            } else {
                notes.push(format!("removed `{shown}`"));
            }
        }
        Existing::Missing if has_legacy => {
            restore(&legacy, file)?;
            notes.push(format!("put back `{shown}` from `{}`", file_name(&legacy)));
        }
        Existing::Foreign { .. } if has_legacy => notes.push(format!(
            "left `{shown}` (not hookrc's) and `{}` as they are",
            file_name(&legacy)
        )),
        Existing::Missing | Existing::Foreign { .. } => {}
    }
    let replaced = file.with_file_name(format!("{}{REPLACED_SUFFIX}", file_name(file)));
    if std::fs::symlink_metadata(&replaced).is_ok() {
        notes.push(format!(
            "`{}` (moved aside by `install --force`) is still there",
            request.shown(&replaced)
        ));
    }
    Ok(())
}

fn restore(legacy: &Path, file: &Path) -> anyhow::Result<()> {
    std::fs::rename(legacy, file).with_context(|| {
        format!(
            "cannot move `{}` back to `{}`",
            legacy.display(),
            file.display()
        )
    })
}
