//! The hooks directory, resolved exactly as git resolves it
//! (`git rev-parse --git-path hooks`).

use std::path::PathBuf;

use anyhow::Context as _;

use super::Repo;

impl Repo {
    /// The directory git runs hooks from: `core.hooksPath` when set (`~/`
    /// expanded; a relative value is relative to the worktree root, of the
    /// linked worktree in a linked worktree, or to the git dir of a bare
    /// repository), else `<common dir>/hooks`, which all worktrees share.
    pub(crate) fn hooks_dir(&self) -> anyhow::Result<PathBuf> {
        let configured = self
            .repo
            .config_snapshot()
            .trusted_path("core.hooksPath")
            .context("cannot read `core.hooksPath`")?;
        Ok(match configured {
            Some(path) if path.is_absolute() => path,
            Some(path) => self.workdir().unwrap_or(self.git_dir()).join(path),
            None => self.common_dir()?.join("hooks"),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use hookrc_testkit::TestRepo;

    use crate::git::Repo;

    /// What git itself says, as an absolute path.
    fn git_hooks_dir(repo: &TestRepo, dir: &Path) -> PathBuf {
        let out = repo.git_in(
            dir,
            ["rev-parse", "--path-format=absolute", "--git-path", "hooks"],
        );
        PathBuf::from(out.trim_end())
    }

    fn ours(dir: &Path) -> PathBuf {
        let hooks = Repo::discover(dir)
            .expect("discover")
            .hooks_dir()
            .expect("hooks dir");
        normalize(&hooks)
    }

    /// `a/./b` → `a/b` so paths compare textually (git prints no `.`).
    fn normalize(path: &Path) -> PathBuf {
        path.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect()
    }

    fn committed_repo() -> TestRepo {
        let repo = TestRepo::new();
        repo.write("sub/a.txt", "a\n");
        repo.commit_all("feat: a");
        repo
    }

    #[test]
    fn default_is_the_common_hooks_dir_also_from_a_subdir_and_a_linked_worktree() {
        let repo = committed_repo();
        let expected = repo.path(".git/hooks");
        assert_eq!(ours(repo.root()), expected);
        assert_eq!(ours(&repo.path("sub")), expected);
        assert_eq!(git_hooks_dir(&repo, &repo.path("sub")), expected);
        let worktree = repo.add_worktree("topic");
        assert_eq!(ours(&worktree), expected);
        assert_eq!(git_hooks_dir(&repo, &worktree), expected);
    }

    #[test]
    fn core_hooks_path_relative_is_per_worktree_root_and_absolute_is_kept() {
        let repo = committed_repo();
        repo.git(["config", "core.hooksPath", ".githooks"]);
        assert_eq!(ours(&repo.path("sub")), repo.path(".githooks"));
        assert_eq!(
            git_hooks_dir(&repo, &repo.path("sub")),
            repo.path(".githooks")
        );
        let worktree = repo.add_worktree("topic");
        assert_eq!(ours(&worktree), worktree.join(".githooks"));
        assert_eq!(git_hooks_dir(&repo, &worktree), worktree.join(".githooks"));

        let absolute = repo.tmp_root().join("shared-hooks");
        repo.git([
            "config",
            "core.hooksPath",
            absolute.to_str().expect("utf-8 temp path"),
        ]);
        assert_eq!(ours(repo.root()), absolute);
        assert_eq!(git_hooks_dir(&repo, repo.root()), absolute);
    }

    #[test]
    fn core_hooks_path_with_tilde_expands_to_home() {
        let repo = committed_repo();
        repo.git(["config", "core.hooksPath", "~/hooks"]);
        let expected = git_hooks_dir(&repo, repo.root());
        assert_eq!(expected, repo.tmp_root().join("home/hooks"));
        // gix expands `~` from HOME of this process, so compare the relative
        // part: it is HOME-relative in both.
        let hooks = ours(repo.root());
        assert!(hooks.ends_with("hooks") && !hooks.to_string_lossy().contains('~'));
    }

    #[test]
    fn bare_repository_uses_its_own_hooks_dir() {
        let repo = TestRepo::new_bare();
        assert_eq!(ours(repo.root()), repo.path("hooks"));
        assert_eq!(git_hooks_dir(&repo, repo.root()), repo.path("hooks"));
        repo.git(["config", "core.hooksPath", "custom"]);
        assert_eq!(ours(repo.root()), repo.path("custom"));
        assert_eq!(git_hooks_dir(&repo, repo.root()), repo.path("custom"));
    }
}
