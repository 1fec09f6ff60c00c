//! Which files a hook run's checks look at, as repo-relative paths: the
//! staged files for the hooks that commit, what `hookrc run` was asked for,
//! or no file list at all for hooks that are not about files (`commit-msg`,
//! `pre-push`, …), whose checks then run once with git's arguments.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::git::{FileKind, Repo, StagedReader};
use crate::settings::FileSelection;

/// The hooks whose files are the staged ones.
const STAGED_HOOKS: &[&str] = &["pre-commit", "pre-merge-commit"];

/// The files for `hook` run from `cwd` in the worktree at `root`, or `None`
/// when the hook has no file list.
pub(crate) fn resolve(
    selection: &FileSelection,
    hook: &str,
    root: &Path,
    cwd: &Path,
) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let files = match selection {
        FileSelection::Hook if STAGED_HOOKS.contains(&hook) => staged(root, cwd)?,
        FileSelection::Hook => return Ok(None),
        FileSelection::All => open(cwd)?.tracked_files()?,
        FileSelection::Given(files) => files
            .iter()
            .map(|f| relative_to_root(f, root, cwd))
            .collect(),
        FileSelection::Range { from, to } => {
            open(cwd)?.changed_files(from, to).with_context(|| {
                format!("cannot list the files changed between `{from}` and `{to}`")
            })?
        }
    };
    Ok(Some(files))
}

fn open(cwd: &Path) -> anyhow::Result<Repo> {
    Repo::discover_for_hook(cwd)
}

/// The staged files that are files (a submodule's commit id is not); the
/// repository is opened only when [`StagedReader`] cannot do without it.
fn staged(root: &Path, cwd: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let staged = match StagedReader::for_hook(root)? {
        Some(reader) => reader.staged_files(),
        None => open(cwd)?.staged_files(),
    }
    .context("cannot list the staged files")?;
    Ok(staged
        .into_iter()
        .filter(|file| file.kind != FileKind::Submodule)
        .map(|file| file.path)
        .collect())
}

/// A `--files` argument, relative to `cwd`, as a path relative to `root`
/// (kept as given when it is outside the worktree).
fn relative_to_root(file: &Path, root: &Path, cwd: &Path) -> PathBuf {
    if cwd == root {
        return file.to_owned();
    }
    let absolute = cwd.join(file);
    absolute
        .strip_prefix(root)
        .map_or_else(|_| absolute.clone(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_files_become_repo_relative() {
        let root = Path::new("/r");
        assert_eq!(
            relative_to_root(Path::new("-x y"), root, root),
            Path::new("-x y")
        );
        assert_eq!(
            relative_to_root(Path::new("b.sh"), root, Path::new("/r/a")),
            Path::new("a/b.sh")
        );
        assert_eq!(
            relative_to_root(Path::new("b.sh"), root, Path::new("/elsewhere")),
            Path::new("/elsewhere/b.sh")
        );
    }
}
