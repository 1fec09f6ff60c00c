//! Where a repository's parts are, found as git finds them and without
//! opening the repository, so a hook with nothing to do never pays for it:
//! the worktree root (a few `stat` calls), the git dir and the common dir.
//!
//! The worktree root: `GIT_WORK_TREE` names it; `GIT_DIR` alone means the
//! current directory (git runs hooks from the root); otherwise the nearest
//! ancestor holding `.git` (a directory, or the file of a linked worktree or
//! submodule), not climbing into `GIT_CEILING_DIRECTORIES`.

use std::ffi::OsString;
use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::Context as _;

use crate::env;
use crate::output::HintedError;

mod run_tmp;

/// How the readers that skip the repository open read an environment
/// variable: the process environment, or a test's own.
pub(super) type Lookup<'a> = &'a dyn Fn(&str) -> Option<OsString>;

/// The git dir of the worktree at `root`: `GIT_DIR`, else `root/.git`, a
/// directory or the `gitdir: <path>` file of a linked worktree.
pub(super) fn git_dir(root: &Path, var: Lookup<'_>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = var(env::GIT_DIR) {
        return std::path::absolute(&dir)
            .with_context(|| format!("cannot resolve GIT_DIR `{}`", Path::new(&dir).display()));
    }
    let dot_git = root.join(".git");
    if dot_git.is_dir() {
        return Ok(dot_git);
    }
    let text = fs_err::read_to_string(&dot_git)?;
    let target = text
        .strip_prefix("gitdir: ")
        .map(str::trim_end)
        .with_context(|| {
            format!(
                "`{}` is neither a git dir nor a `gitdir:` file",
                dot_git.display()
            )
        })?;
    Ok(root.join(target))
}

/// The common dir shared by all worktrees: `GIT_COMMON_DIR` (relative to
/// the current directory, like `GIT_DIR`), else what the git dir's
/// `commondir` file names (relative to the git dir), else the git dir.
pub(super) fn common_dir(git_dir: &Path, var: Lookup<'_>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = var(env::GIT_COMMON_DIR) {
        return std::path::absolute(&dir).with_context(|| {
            format!(
                "cannot resolve GIT_COMMON_DIR `{}`",
                Path::new(&dir).display()
            )
        });
    }
    match fs_err::read_to_string(git_dir.join("commondir")) {
        Ok(text) => Ok(git_dir.join(text.trim_end())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(git_dir.to_owned()),
        Err(err) => Err(err.into()),
    }
}

/// hookrc's own private area of the repository whose worktree is at
/// `root`: `<common dir>/hookrc`, created owner-only (0700) when missing.
/// Checkouts and temporary copies of the user's content live there and
/// nowhere else; removing it at any time is safe.
pub(crate) fn private_area(root: &Path) -> anyhow::Result<PathBuf> {
    let area = private_area_path(root)?;
    create_private_dir(&area)?;
    Ok(area)
}

/// Where [`private_area`] is, without creating it (for reads).
pub(crate) fn private_area_path(root: &Path) -> anyhow::Result<PathBuf> {
    let var = |name: &str| env::var(name);
    Ok(common_dir(&git_dir(root, &var)?, &var)?.join("hookrc"))
}

/// The run's own temporary directory, `<private area>/tmp/run-<id>/`,
/// created owner-only on the first call; from then on it is also the
/// process's default temporary directory, so the temporary files of the
/// tools' helpers (a coverage profile, a vendor comparison) land there too
/// and never in the machine's shared `/tmp`. The first call also removes
/// what runs that died (a SIGKILL) left in `tmp/`, and kills the processes
/// they left running (see [`run_tmp`]).
pub(crate) fn private_tmp(root: &Path) -> anyhow::Result<PathBuf> {
    with_run_tmp(root, |run| {
        let (dir, first) = run.made_dir()?;
        if first {
            // Only the first call takes effect; a run has one repository.
            let _ = tempfile::env::override_temp_dir(dir);
        }
        Ok(dir.to_owned())
    })
}

/// The environment variable that marks this run's processes, and its
/// value; the first call takes the run's id (its lock in `tmp/`, after a
/// sweep of what dead runs left), as [`private_tmp`] does. A later run
/// that finds this run dead (its lock free) kills every process still
/// carrying the marker.
pub(crate) fn run_marker(root: &Path) -> anyhow::Result<(&'static str, PathBuf)> {
    with_run_tmp(root, |run| Ok((run_tmp::MARKER, run.dir.clone())))
}

/// `f` applied to the run's id and directory, taken (after a sweep of
/// what dead runs left) on the first call.
fn with_run_tmp<T>(
    root: &Path,
    f: impl FnOnce(&mut run_tmp::RunTmp) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut slot = RUN_TMP.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(run) = slot.as_mut() {
        return f(run);
    }
    let tmp = private_area(root)?.join("tmp");
    create_private_dir(&tmp)?;
    run_tmp::sweep(&tmp);
    let run = run_tmp::RunTmp::create(&tmp)?;
    f(slot.insert(run))
}

/// Remove the run's temporary directory, if [`private_tmp`] made one
/// (at the end of a run; one a run could not remove is swept by the next).
pub(crate) fn remove_private_tmp() {
    let run = RUN_TMP
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    if let Some(run) = run {
        run.remove();
    }
}

/// The run's temporary directory, while it has one.
static RUN_TMP: Mutex<Option<run_tmp::RunTmp>> = Mutex::new(None);

/// Create the directory `dir` (and its missing parents) owner-only; an
/// existing `dir` others may enter is made owner-only.
pub(crate) fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    builder.mode(0o700);
    builder
        .create(dir)
        .with_context(|| format!("cannot create `{}`", dir.display()))?;
    let meta = fs_err::metadata(dir)?;
    if meta.permissions().mode() & 0o077 != 0 {
        fs_err::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Make the private copy at `dir` owner-only, as every copy of the user's
/// content is: directories 0700, files 0600 (0700 when executable);
/// symbolic links are left as they are (they have no mode of their own).
pub(crate) fn make_private(dir: &Path) -> anyhow::Result<()> {
    for entry in fs_err::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            make_private(&entry.path())?;
        }
        let mode = entry.metadata()?.permissions().mode();
        let private = if kind.is_dir() || mode & 0o111 != 0 {
            0o700
        } else {
            0o600
        };
        if mode & 0o777 != private {
            fs_err::set_permissions(entry.path(), std::fs::Permissions::from_mode(private))?;
        }
    }
    fs_err::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    Ok(())
}

/// The worktree root for a process running in `cwd` (absolute).
pub(crate) fn worktree_root(cwd: &Path) -> anyhow::Result<PathBuf> {
    if let Some(work_tree) = env::var(env::GIT_WORK_TREE) {
        return Ok(cwd.join(work_tree));
    }
    if env::var(env::GIT_DIR).is_some() {
        return Ok(cwd.to_owned());
    }
    search(cwd, &env::ceiling_directories()).ok_or_else(|| {
        HintedError::new(
            format!("`{}` is not inside a git work tree", cwd.display()),
            "run hookrc inside a git repository's work tree (create one with `git init`)",
        )
        .into()
    })
}

fn search(cwd: &Path, ceilings: &[PathBuf]) -> Option<PathBuf> {
    for dir in cwd.ancestors() {
        if dir.join(".git").exists() {
            return Some(dir.to_owned());
        }
        if dir
            .parent()
            .is_some_and(|parent| ceilings.iter().any(|c| c == parent))
        {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::search;

    #[test]
    fn finds_the_nearest_git_entry_and_respects_ceilings() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        let sub = root.join("a/b");
        fs_err::create_dir_all(&sub).unwrap();
        fs_err::write(root.join(".git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(search(&sub, &[]), Some(root.clone()));
        assert_eq!(search(&sub, &[root.join("a")]), None);
        assert_eq!(
            search(tmp.path(), &[]).filter(|r| r.starts_with(tmp.path())),
            None
        );
    }
}
