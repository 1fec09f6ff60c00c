//! The history a release covers: the commits reachable from a tip and not
//! from the hidden commits, newest first, with their raw messages, commit
//! times and parent counts, optionally only those that touch a directory
//! (a Go module) outside its nested modules.
//!
//! "Touches" compares a commit's tree with its first parent's, as
//! `git log -- <dir> ':!<nested>'` does for non-merge commits; subtrees
//! whose ids are equal are skipped without being read.

use anyhow::Context as _;
use gix::ObjectId;
use gix::bstr::ByteSlice as _;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

use super::Repo;

/// One commit of a release's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HistoryCommit {
    /// The commit id.
    pub(crate) id: ObjectId,
    /// The message as stored.
    pub(crate) message: Vec<u8>,
    /// The committer time, in seconds since the epoch.
    pub(crate) time: i64,
    /// How many parents it has (more than one: a merge).
    pub(crate) parents: usize,
}

/// A directory of the repository and the directories under it that belong
/// to someone else (nested Go modules): what "touches the module" means.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PathFilter {
    /// Repo-relative, `/`-separated; `""` is the root.
    pub(crate) dir: String,
    /// Repo-relative directories under `dir` to leave out.
    pub(crate) excluded: Vec<String>,
}

impl Repo {
    /// The commits reachable from `tip` and not from `hidden`, newest first;
    /// with a `filter`, only those that touch its directory.
    pub(crate) fn history(
        &self,
        tip: ObjectId,
        hidden: &[ObjectId],
        filter: Option<&PathFilter>,
    ) -> anyhow::Result<Vec<HistoryCommit>> {
        let walk = self
            .repo
            .rev_walk([tip])
            .with_hidden(hidden.iter().copied())
            .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
            .all()
            .with_context(|| format!("cannot walk the history of {tip}"))?;
        let mut commits = Vec::new();
        for info in walk {
            let info = info.with_context(|| format!("cannot walk the history of {tip}"))?;
            let commit = info
                .object()
                .with_context(|| format!("cannot read commit {}", info.id))?;
            if let Some(filter) = filter {
                let parent = info.parent_ids.first().copied();
                let tree = commit.tree_id()?.detach();
                if !self.touches(tree, parent, filter)? {
                    continue;
                }
            }
            let message = commit
                .message_raw()
                .with_context(|| format!("cannot decode commit {}", info.id))?;
            commits.push(HistoryCommit {
                id: info.id,
                message: message.to_vec(),
                time: commit.time().map(|t| t.seconds).unwrap_or_default(),
                parents: info.parent_ids.len(),
            });
        }
        Ok(commits)
    }

    /// The committer time of `commit`, in seconds since the epoch.
    pub(crate) fn commit_time(&self, commit: ObjectId) -> anyhow::Result<i64> {
        let commit = self
            .repo
            .find_commit(commit)
            .with_context(|| format!("cannot read commit {commit}"))?;
        Ok(commit.time().map(|t| t.seconds).unwrap_or_default())
    }

    /// Whether the tree `tree` differs from the tree of `parent` (empty for
    /// a root commit) under the filter's directory.
    fn touches(
        &self,
        tree: ObjectId,
        parent: Option<ObjectId>,
        filter: &PathFilter,
    ) -> anyhow::Result<bool> {
        let parent_tree = match parent {
            Some(parent) => Some(self.repo.find_commit(parent)?.tree_id()?.detach()),
            None => None,
        };
        let ours = self.subtree(Some(tree), &filter.dir)?;
        let theirs = self.subtree(parent_tree, &filter.dir)?;
        self.trees_differ(ours, theirs, &filter.dir, &filter.excluded)
    }

    /// The id of the entry at `dir` in `tree` (`tree` itself for `""`).
    fn subtree(&self, tree: Option<ObjectId>, dir: &str) -> anyhow::Result<Option<ObjectId>> {
        let Some(tree) = tree else { return Ok(None) };
        if dir.is_empty() {
            return Ok(Some(tree));
        }
        let entry = self.repo.find_tree(tree)?.lookup_entry_by_path(dir)?;
        Ok(entry.map(|e| e.object_id()))
    }

    /// Whether two entries differ, looking inside trees only where an
    /// excluded directory lies below `path`.
    fn trees_differ(
        &self,
        ours: Option<ObjectId>,
        theirs: Option<ObjectId>,
        path: &str,
        excluded: &[String],
    ) -> anyhow::Result<bool> {
        if ours == theirs {
            return Ok(false);
        }
        if excluded.iter().any(|e| e == path) {
            return Ok(false);
        }
        let below = excluded
            .iter()
            .any(|e| path.is_empty() || e.strip_prefix(path).is_some_and(|r| r.starts_with('/')));
        if !below {
            return Ok(true);
        }
        let ours = self.tree_entries(ours)?;
        let theirs = self.tree_entries(theirs)?;
        let mut names: Vec<&String> = ours.iter().chain(&theirs).map(|(n, _, _)| n).collect();
        names.sort();
        names.dedup();
        for name in names {
            let find = |entries: &[(String, ObjectId, bool)]| {
                entries
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|e| (e.1, e.2))
            };
            let (a, b) = (find(&ours), find(&theirs));
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}/{name}")
            };
            let both_trees = a.is_none_or(|(_, t)| t) && b.is_none_or(|(_, t)| t);
            let differs = if both_trees {
                self.trees_differ(a.map(|e| e.0), b.map(|e| e.0), &child, excluded)?
            } else {
                a != b
            };
            if differs {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The (name, id, is a tree) entries of the tree `id` (none for `None`
    /// or a non-tree).
    fn tree_entries(&self, id: Option<ObjectId>) -> anyhow::Result<Vec<(String, ObjectId, bool)>> {
        let Some(id) = id else { return Ok(Vec::new()) };
        let Ok(tree) = self.repo.find_tree(id) else {
            return Ok(Vec::new());
        };
        let decoded = tree.decode().context("cannot decode a tree")?;
        Ok(decoded
            .entries
            .iter()
            .map(|e| {
                let name = e.filename.to_str_lossy().into_owned();
                (name, e.oid.to_owned(), e.mode.is_tree())
            })
            .collect())
    }
}
