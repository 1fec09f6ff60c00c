//! A hooks directory the repository tracks: husky's `.husky` (or husky 9's
//! `.husky/_`) or a committed `.githooks` named by `core.hooksPath`.
//!
//! Its hooks are shared files. A link there would replace a committed hook
//! with a path to this machine's binary (a type change teammates would
//! commit), so `install` refuses unless `--force`, and says how to switch.

use std::path::{Path, PathBuf};

use crate::git::Repo;
use crate::output::HintedError;

/// The tracked directory holding the hooks dir, and its committed files.
#[derive(Debug)]
pub(crate) struct TrackedHooksDir {
    /// The hooks dir (repo-relative).
    hooks: PathBuf,
    /// The directory (repo-relative): the hooks dir, or `.husky` for husky 9.
    dir: PathBuf,
    /// The committed files under it (repo-relative), sorted.
    files: Vec<PathBuf>,
}

impl TrackedHooksDir {
    /// Whether husky manages the directory.
    fn is_husky(&self) -> bool {
        self.dir.components().any(|c| c.as_os_str() == ".husky")
    }

    /// The refusal: what is tracked, and how to switch to hookrc.
    pub(crate) fn refusal(&self) -> HintedError {
        let dir = self.dir.display();
        let first = self
            .files
            .first()
            .map(|file| format!(", `{}` among them", file.display()))
            .unwrap_or_default();
        let place = if self.hooks == self.dir {
            format!("the hooks directory `{dir}` (`core.hooksPath`) is tracked by git")
        } else {
            format!(
                "the hooks directory `{}` (`core.hooksPath`) is inside `{dir}`, which git tracks",
                self.hooks.display()
            )
        };
        let message = format!(
            "{place} ({} committed file{}{first}): installing there would replace committed \
             hooks with links to this machine's hookrc; nothing was installed",
            self.files.len(),
            if self.files.len() == 1 { "" } else { "s" },
        );
        let convert = if self.is_husky() {
            "convert the husky hooks with `hookrc import --from husky`".to_owned()
        } else {
            format!("move what the hooks in `{dir}` do into `.hookrc.toml` (custom checks)")
        };
        HintedError::new(
            message,
            format!(
                "to switch to hookrc: {convert}, then `git config --unset core.hooksPath`, \
                 then `hookrc install` (hooks go to `.git/hooks`, which is not shared); \
                 or rerun with `--force` to install into `{}` anyway",
                self.hooks.display()
            ),
        )
    }

    /// The note after `install --force` put hooks there anyway.
    pub(crate) fn forced_note(&self) -> String {
        format!(
            "`{}` is tracked: `git status` shows the hooks hookrc replaced there as changed; \
             do not commit them (`hookrc uninstall` puts them back)",
            self.dir.display()
        )
    }
}

/// The tracked directory `hooks_dir` is, or belongs to, inside the worktree
/// at `root`; `None` when git tracks nothing there (`.git/hooks`, a hooks
/// dir outside the worktree, an untracked one).
pub(crate) fn tracked_hooks_dir(
    repo: &Repo,
    root: &Path,
    hooks_dir: &Path,
) -> anyhow::Result<Option<TrackedHooksDir>> {
    // A directory that does not exist holds no tracked file; resolving
    // both sides folds `..` and symlinks the way the filesystem does.
    let (Ok(hooks_dir), Ok(root)) = (hooks_dir.canonicalize(), root.canonicalize()) else {
        return Ok(None);
    };
    let Ok(relative) = hooks_dir.strip_prefix(&root) else {
        return Ok(None);
    };
    if relative.starts_with(".git") {
        return Ok(None);
    }
    let dir = match relative.parent() {
        Some(parent) if parent.file_name().is_some_and(|name| name == ".husky") => {
            parent.to_owned()
        }
        _ => relative.to_owned(),
    };
    let files: Vec<PathBuf> = repo
        .tracked_files()?
        .into_iter()
        .filter(|file| file.starts_with(&dir))
        .collect();
    Ok((!files.is_empty()).then(|| TrackedHooksDir {
        hooks: relative.to_owned(),
        dir,
        files,
    }))
}
