//! Where a hook's repository keeps its files, found as git finds them and
//! without opening the repository: the git dir and the common dir.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::env;

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
