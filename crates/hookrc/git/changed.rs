//! The files changed between two revisions, for `--from-ref/--to-ref`
//! (what CI or the pre-commit framework hands over for a push).

use std::path::PathBuf;

use anyhow::Context as _;
use gix::ObjectId;
use gix::bstr::{BStr, BString, ByteSlice as _};

use super::Repo;
use super::index::to_path;

impl Repo {
    /// The files added, modified or type-changed on `to` since it forked
    /// from `from`: the tree of `merge-base(from, to)` against the tree of
    /// `to`, as `git diff --name-only from...to` with deletions left out (the
    /// pre-commit framework's `--from-ref/--to-ref` semantics). Without a
    /// merge base (unrelated histories) the tree of `from` itself is the
    /// base. Sorted by path bytes; submodules are left out.
    pub(crate) fn changed_files(&self, from: &str, to: &str) -> anyhow::Result<Vec<PathBuf>> {
        self.changes(from, to, false)
    }

    /// [`Repo::changed_files`] with the files deleted on `to` since the
    /// fork point too: every path whose content differs.
    pub(crate) fn changed_paths(&self, from: &str, to: &str) -> anyhow::Result<Vec<PathBuf>> {
        self.changes(from, to, true)
    }

    /// The short name of the branch `HEAD` is on (`main`), `None` when
    /// detached or unborn.
    pub(crate) fn head_name(&self) -> Option<String> {
        let name = self.repo.head_name().ok()??;
        Some(name.shorten().to_string())
    }

    /// The id (hex) of the commit `rev` names.
    pub(crate) fn commit_id(&self, rev: &str) -> anyhow::Result<String> {
        Ok(self.commit_of(rev)?.to_string())
    }

    /// The tree id (hex) of the commit `rev` names.
    pub(crate) fn tree_id(&self, rev: &str) -> anyhow::Result<String> {
        Ok(self.tree_of(rev)?.to_string())
    }

    /// The tree of the commit `rev` names.
    pub(super) fn tree_of(&self, rev: &str) -> anyhow::Result<ObjectId> {
        let commit = self.commit_of(rev)?;
        self.tree_of_commit(commit)
    }

    fn changes(&self, from: &str, to: &str, deleted: bool) -> anyhow::Result<Vec<PathBuf>> {
        let from_commit = self.commit_of(from)?;
        let to_commit = self.commit_of(to)?;
        let base = self
            .repo
            .merge_base(from_commit, to_commit)
            .with_context(|| format!("cannot find the merge base of `{from}` and `{to}`"))?
            .map_or(from_commit, gix::Id::detach);
        let mut out = Vec::new();
        let old = self.tree_of_commit(base)?;
        let new = self.tree_of_commit(to_commit)?;
        self.diff_trees(&mut BString::default(), Some(old), new, &mut out)?;
        if deleted {
            self.diff_trees(&mut BString::default(), Some(new), old, &mut out)?;
            out.sort();
            out.dedup();
        }
        out.sort_by(|a, b| {
            a.as_os_str()
                .as_encoded_bytes()
                .cmp(b.as_os_str().as_encoded_bytes())
        });
        Ok(out)
    }

    /// The commit `rev` names (tags and other references peeled).
    fn commit_of(&self, rev: &str) -> anyhow::Result<ObjectId> {
        let id = self
            .repo
            .rev_parse_single(rev)
            .with_context(|| format!("unknown revision `{rev}`"))?;
        let commit = id
            .object()
            .and_then(gix::Object::peel_to_commit)
            .with_context(|| format!("`{rev}` does not name a commit"))?;
        Ok(commit.id)
    }

    fn tree_of_commit(&self, commit: ObjectId) -> anyhow::Result<ObjectId> {
        let commit = self
            .repo
            .find_commit(commit)
            .context("cannot read a commit")?;
        Ok(commit
            .tree_id()
            .context("cannot read the tree of a commit")?
            .detach())
    }

    /// Push the non-tree entries of `new` that differ from `old` (under
    /// `prefix`) onto `out`, recursing into changed subtrees.
    fn diff_trees(
        &self,
        prefix: &mut BString,
        old: Option<ObjectId>,
        new: ObjectId,
        out: &mut Vec<PathBuf>,
    ) -> anyhow::Result<()> {
        if old == Some(new) {
            return Ok(());
        }
        let old_tree = old
            .map(|id| self.repo.find_tree(id))
            .transpose()
            .context("cannot read a tree")?;
        let old_ref = old_tree
            .as_ref()
            .map(gix::Tree::decode)
            .transpose()
            .context("cannot decode a tree")?;
        let new_tree = self.repo.find_tree(new).context("cannot read a tree")?;
        for entry in new_tree.decode().context("cannot decode a tree")?.entries {
            let is_tree = entry.mode.is_tree();
            let before = old_ref
                .as_ref()
                .and_then(|t| t.bisect_entry(entry.filename, is_tree));
            let len = prefix.len();
            push_component(prefix, entry.filename);
            if is_tree {
                self.diff_trees(
                    prefix,
                    before.map(|e| e.oid.to_owned()),
                    entry.oid.to_owned(),
                    out,
                )?;
            } else if !entry.mode.is_commit()
                && before.is_none_or(|b| b.oid != entry.oid || b.mode.kind() != entry.mode.kind())
            {
                out.push(to_path(prefix.as_bstr()));
            }
            prefix.truncate(len);
        }
        Ok(())
    }
}

fn push_component(prefix: &mut BString, name: &BStr) {
    if !prefix.is_empty() {
        prefix.push(b'/');
    }
    prefix.extend_from_slice(name);
}

#[cfg(test)]
mod tests {
    use hookrc_testkit::TestRepo;

    use crate::git::Repo;

    fn names(repo: &TestRepo, from: &str, to: &str) -> Vec<String> {
        Repo::open_isolated(repo.root(), None)
            .changed_files(from, to)
            .expect("changed files")
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    }

    fn git_names(repo: &TestRepo, range: &str) -> Vec<String> {
        repo.git([
            "diff",
            "--name-only",
            "--no-renames",
            "--diff-filter=d",
            range,
        ])
        .lines()
        .map(str::to_owned)
        .collect()
    }

    #[test]
    fn changed_files_since_the_fork_point_match_git_diff_three_dots() {
        let repo = TestRepo::new();
        repo.write("keep.txt", "k\n");
        repo.write("dir/old.txt", "o\n");
        repo.write("dir/sub/x.txt", "x\n");
        repo.commit_all("feat: base");
        repo.git(["tag", "-a", "-m", "v1", "v1.0.0"]);
        repo.git(["switch", "-q", "-c", "topic"]);
        repo.write("dir/sub/x.txt", "x2\n");
        repo.write("new/deep/file.txt", "n\n");
        std::fs::remove_file(repo.path("dir/old.txt")).expect("remove");
        repo.commit_all("feat: topic");
        repo.git(["switch", "-q", "main"]);
        repo.write("main-only.txt", "m\n");
        repo.commit_all("feat: main moves on");

        let expected = vec!["dir/sub/x.txt".to_owned(), "new/deep/file.txt".to_owned()];
        assert_eq!(names(&repo, "main", "topic"), expected);
        assert_eq!(git_names(&repo, "main...topic"), expected);
        assert_eq!(names(&repo, "v1.0.0", "topic"), expected);
        assert_eq!(
            names(&repo, "topic", "main"),
            vec!["main-only.txt".to_owned()]
        );
        assert!(names(&repo, "main", "main").is_empty());
    }

    #[test]
    fn unknown_revisions_are_named_in_the_error() {
        let repo = TestRepo::new();
        repo.write("a.txt", "a\n");
        repo.commit_all("feat: a");
        let err = Repo::open_isolated(repo.root(), None)
            .changed_files("nope", "HEAD")
            .expect_err("unknown rev");
        assert_eq!(err.to_string(), "unknown revision `nope`");
    }
}
