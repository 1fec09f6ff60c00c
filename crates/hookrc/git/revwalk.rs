//! Commit ranges for `hookrc lint-commits`: a revision spec as git reads it
//! (`A..B`, `A...B`, a single revision, `A^!`, `A^@`), walked in-process in
//! `git log` order, with the raw message of every commit.
//!
//! Every end point is peeled to a commit first: for an annotated tag, gix
//! hands back the tag object, and hiding a tag id hides nothing.
//! A single revision means its whole history, as `git log REV` does; merge
//! commits are left out unless asked for. A spec that names no commit is
//! answered with the closest ref name ("did you mean").

use anyhow::{Context as _, bail};
use gix::ObjectId;
use gix::revision::plumbing::Spec;
use gix::revision::walk::Sorting;
use gix::traverse::commit::simple::CommitTimeOrder;

use super::Repo;
use crate::output::HintedError;

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
    /// `abc123^!`), newest first, leaving out `since` and its history;
    /// merge commits (more than one parent) only when `include_merges`.
    pub(crate) fn commits_in_range(
        &self,
        spec: &str,
        since: Option<&str>,
        include_merges: bool,
    ) -> anyhow::Result<RangeWalk> {
        let mut selection = self
            .selection(spec)
            .map_err(|err| self.unknown_revision(spec, err))?;
        if let Some(since) = since {
            let id = self
                .repo
                .rev_parse_single(since)
                .map_err(anyhow::Error::from)
                .and_then(|id| self.peel(id.detach()))
                .map_err(|err| self.unknown_revision(since, err))?;
            selection.hidden.push(id);
        }
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

    /// The error for a spec that names no commits: which part is unknown,
    /// and the closest ref name, if one is close (`origin/main` when the
    /// branch is `origin/master`).
    fn unknown_revision(&self, spec: &str, err: anyhow::Error) -> anyhow::Error {
        let message = format!("`{spec}` is not a revision range of this repository");
        let names = self.ref_names();
        let unknown: Vec<&str> = endpoints(spec)
            .into_iter()
            .filter(|name| self.repo.rev_parse_single(*name).is_err())
            .collect();
        let suggestions: Vec<String> = unknown
            .iter()
            .filter_map(|name| {
                let found = hookrc_policy::closest(name, names.iter().map(String::as_str))?;
                Some(format!("`{found}` for `{name}`"))
            })
            .collect();
        let Some(first) = unknown.first() else {
            return err.context(message);
        };
        let hint = if suggestions.is_empty() {
            "name commits as git does: a branch, a tag, a commit id, `HEAD~3`; list the branches with `git branch -a`".to_owned()
        } else {
            format!("did you mean {}?", suggestions.join(", "))
        };
        anyhow::Error::new(HintedError::new(
            format!("{message}: `{first}` names no commit"),
            hint,
        ))
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

/// The revisions a spec names, without range operators and suffixes:
/// `origin/main..HEAD~2` → `origin/main`, `HEAD`.
fn endpoints(spec: &str) -> Vec<&str> {
    let spec = spec.trim_start_matches('^');
    let spec = spec
        .strip_suffix("^!")
        .or_else(|| spec.strip_suffix("^@"))
        .unwrap_or(spec);
    let parts: Vec<&str> = match spec.split_once("...") {
        Some((a, b)) => vec![a, b],
        None => spec.split("..").collect(),
    };
    parts
        .into_iter()
        .map(|part| part.split(['~', '^']).next().unwrap_or(part))
        .filter(|part| !part.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::endpoints;

    #[test]
    fn endpoints_drop_operators_and_suffixes() {
        assert_eq!(endpoints("origin/main..HEAD~2"), ["origin/main", "HEAD"]);
        assert_eq!(endpoints("a...b^2"), ["a", "b"]);
        assert_eq!(endpoints("abc^!"), ["abc"]);
        assert_eq!(endpoints("^x"), ["x"]);
    }
}
