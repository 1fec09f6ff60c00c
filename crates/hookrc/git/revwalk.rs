//! Commit ranges for `hookrc lint-commits`: a revision spec as git reads it
//! (`A..B`, `A...B`, a single revision, `A^!`, `A^@`), walked in-process in
//! `git log` order, with the raw message of every commit.
//!
//! Every end point is peeled to a commit first: for an annotated tag, gix
//! hands back the tag object, and hiding a tag id hides nothing (GIX.md d).
//! A single revision means its whole history, as `git log REV` does; merge
//! commits are left out unless asked for.

use anyhow::{Context as _, bail};
use gix::ObjectId;
use gix::revision::plumbing::Spec;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

use super::Repo;

/// One commit of a range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RangeCommit {
    /// The full hexadecimal commit id.
    pub(crate) id: String,
    /// The message exactly as stored (byte-identical to `git cat-file commit`).
    pub(crate) message: Vec<u8>,
}

/// What a range walk found.
#[derive(Debug, Default)]
pub(crate) struct RangeWalk {
    /// The commits, newest first (`git log` order), merges only if asked for.
    pub(crate) commits: Vec<RangeCommit>,
    /// How many merge commits were left out.
    pub(crate) skipped_merges: usize,
}

/// The commits to show (`tips`) and the commits whose history is hidden.
struct Selection {
    tips: Vec<ObjectId>,
    hidden: Vec<ObjectId>,
}

impl Repo {
    /// The commits of `spec` (`origin/main..HEAD`, `v1.0.0...topic`, `HEAD`,
    /// `abc123^!`), newest first; merge commits (more than one parent) only
    /// when `include_merges`.
    pub(crate) fn commits_in_range(
        &self,
        spec: &str,
        include_merges: bool,
    ) -> anyhow::Result<RangeWalk> {
        let selection = self
            .selection(spec)
            .with_context(|| format!("`{spec}` is not a revision range of this repository"))?;
        let mut repo = self.repo.clone();
        repo.object_cache_size_if_unset(4 * 1024 * 1024);
        let walk = repo
            .rev_walk(selection.tips)
            .with_hidden(selection.hidden)
            .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
            .all()
            .with_context(|| format!("cannot walk `{spec}`"))?;
        let mut found = RangeWalk::default();
        for info in walk {
            let info = info.with_context(|| format!("cannot walk `{spec}`"))?;
            if info.parent_ids.len() > 1 && !include_merges {
                found.skipped_merges += 1;
                continue;
            }
            let commit = info
                .object()
                .with_context(|| format!("cannot read commit {}", info.id))?;
            let message = commit
                .message_raw()
                .with_context(|| format!("cannot decode commit {}", info.id))?;
            found.commits.push(RangeCommit {
                id: info.id.to_string(),
                message: message.to_vec(),
            });
        }
        Ok(found)
    }

    /// `spec` parsed and peeled to commits.
    fn selection(&self, spec: &str) -> anyhow::Result<Selection> {
        let parsed = self.repo.rev_parse(spec)?.detach();
        let selection = match parsed {
            Spec::Include(id) => Selection {
                tips: vec![self.peel(id)?],
                hidden: Vec::new(),
            },
            Spec::Range { from, to } => Selection {
                tips: vec![self.peel(to)?],
                hidden: vec![self.peel(from)?],
            },
            Spec::Merge { theirs, ours } => {
                let (theirs, ours) = (self.peel(theirs)?, self.peel(ours)?);
                let bases = self.repo.merge_bases_many(theirs, &[ours])?;
                Selection {
                    tips: vec![theirs, ours],
                    hidden: bases.into_iter().map(gix::Id::detach).collect(),
                }
            }
            Spec::IncludeOnlyParents(id) => Selection {
                tips: self.parents(self.peel(id)?)?,
                hidden: Vec::new(),
            },
            Spec::ExcludeParents(id) => {
                let id = self.peel(id)?;
                Selection {
                    tips: vec![id],
                    hidden: self.parents(id)?,
                }
            }
            Spec::Exclude(_) => {
                bail!("`^REV` alone selects no commit; give a range such as `REV..HEAD`")
            }
        };
        Ok(selection)
    }

    /// The commit `id` names, peeling (nested) annotated tags.
    fn peel(&self, id: ObjectId) -> anyhow::Result<ObjectId> {
        let commit = self
            .repo
            .find_object(id)?
            .peel_to_commit()
            .with_context(|| format!("`{id}` does not point to a commit"))?;
        Ok(commit.id)
    }

    fn parents(&self, id: ObjectId) -> anyhow::Result<Vec<ObjectId>> {
        let commit = self.repo.find_commit(id)?;
        Ok(commit.parent_ids().map(gix::Id::detach).collect())
    }
}
