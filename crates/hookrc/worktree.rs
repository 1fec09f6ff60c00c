//! The worktree root and its policy, found without opening the repository,
//! so a hook with nothing to do never pays for it: git semantics, in a few
//! `stat` calls.
//! `GIT_WORK_TREE` names it; `GIT_DIR` alone means the current directory (git
//! runs hooks from the root); otherwise the nearest ancestor holding `.git`
//! (a directory, or the file of a linked worktree or submodule), not climbing
//! into `GIT_CEILING_DIRECTORIES`.

use std::path::{Path, PathBuf};

use hookrc_policy::{DefaultContext, Policy};

use crate::env;
use crate::output::HintedError;

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

/// The policy of the worktree at `root`; named relative to `cwd` when that
/// is the root (as in every hook git runs), so errors say `.hookrc.toml:…`.
pub(crate) fn load_policy(root: &Path, cwd: &Path) -> anyhow::Result<Policy> {
    let base = display_base(root, cwd);
    Ok(hookrc_policy::load(base, || default_context(base))?)
}

/// `root` as the policy's paths should show it: empty (relative) when it is
/// the current directory.
pub(crate) fn display_base<'a>(root: &'a Path, cwd: &Path) -> &'a Path {
    if root == cwd { Path::new("") } else { root }
}

/// What the default and starter policies depend on: a Go module at `root`.
pub(crate) fn default_context(root: &Path) -> DefaultContext {
    DefaultContext {
        has_go_module: root.join("go.mod").exists() || root.join("go.work").exists(),
    }
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
