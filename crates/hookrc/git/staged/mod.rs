//! The staged changes: index vs HEAD, the "files to check" of every
//! pre-commit hook, so this is on every hook's path and must be fast.
//!
//! gix's `tree_index_status` expands the whole HEAD tree and compares every
//! index entry (~47 ms at 100,000 files). git instead walks the HEAD tree
//! and the index together and skips each directory whose cache-tree (the
//! index's TREE extension) entry is valid and names the same tree as HEAD:
//! nothing below it can be staged. This module does the same walk. Without
//! a cache-tree (or below an invalidated entry) the walk simply compares
//! every entry, as git does then; one code path covers both cases.
//!
//! A pre-commit hook reads all this through [`StagedReader`], which opens
//! only the index, the refs and the object store; the full repository open
//! costs more than the whole walk on a typical index.
//!
//! What is reported is git's `diff --cached --no-renames` set: a renamed
//! file is an addition under its new path and a deletion under its old one.
//! Deletions are no files to check, but they change their package.

use std::ops::Range;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use gix::ObjectId;
use gix::bstr::{BStr, ByteSlice as _};
use gix::index::entry::{Flags, Mode, Stage};
use gix::index::extension::Tree as CacheTree;
use gix::objs::tree::EntryKind;

use super::Repo;
use super::index::{ensure_not_sparse, to_path};

mod reader;

pub(crate) use reader::StagedReader;

/// A file whose staged content differs from HEAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StagedFile {
    /// Repo-relative path.
    pub(crate) path: PathBuf,
    /// How it differs from HEAD.
    pub(crate) status: StagedStatus,
    /// What the index holds at that path.
    pub(crate) kind: FileKind,
}

/// How a staged file differs from HEAD (git's `A`, `M` and `T`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StagedStatus {
    /// Not in HEAD (also the new path of a rename or copy).
    Added,
    /// Content or executable bit changed.
    Modified,
    /// Changed between file, symlink and submodule.
    TypeChanged,
    /// In HEAD, not in the index (also the old path of a rename).
    Deleted,
}

/// What an index entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A regular file.
    File,
    /// A regular file with the executable bit.
    Executable,
    /// A symbolic link (its blob is the target).
    Symlink,
    /// A submodule (a gitlink: a commit id, not a file).
    Submodule,
}

impl Repo {
    /// The files staged for the next commit (index vs HEAD; an unborn HEAD
    /// counts as empty), deletions included, sorted by path bytes. Honours
    /// `GIT_INDEX_FILE` when opened with [`Repo::discover_for_hook`].
    ///
    /// Unmerged (conflicted) entries are an error: there is no single staged
    /// version to check.
    pub(crate) fn staged_files(&self) -> anyhow::Result<Vec<StagedFile>> {
        let Some(index) = self.load_index()? else {
            return Ok(Vec::new());
        };
        let head = self.head_tree()?;
        staged_files(&index, head, &self.repo.objects, self.repo.object_hash())
    }

    /// HEAD's tree, `None` when HEAD is unborn.
    fn head_tree(&self) -> anyhow::Result<Option<ObjectId>> {
        let mut head = self.repo.head().context("cannot read HEAD")?;
        if head.is_unborn() {
            return Ok(None);
        }
        let commit = head
            .peel_to_commit()
            .context("cannot resolve HEAD to a commit")?;
        let tree = commit.tree_id().context("cannot read the tree of HEAD")?;
        Ok(Some(tree.detach()))
    }
}

/// The entries of `index` that differ from the HEAD tree `head` (`None`
/// for an unborn HEAD), whose trees are read from `objects`.
fn staged_files(
    index: &gix::index::File,
    head: Option<ObjectId>,
    objects: &dyn gix::objs::Find,
    hash: gix::hash::Kind,
) -> anyhow::Result<Vec<StagedFile>> {
    ensure_no_conflicts(index)?;
    let mut walk = Walk {
        objects,
        hash,
        index,
        out: Vec::new(),
    };
    walk.dir(0, head, index.tree(), 0..index.entries().len())?;
    let mut out = walk.out;
    out.sort_by(|a, b| {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    });
    Ok(out)
}

fn ensure_no_conflicts(index: &gix::index::File) -> anyhow::Result<()> {
    let conflicted = index
        .entries()
        .iter()
        .find(|entry| entry.stage() != Stage::Unconflicted);
    if let Some(entry) = conflicted {
        bail!(
            "`{}` is unmerged (a merge conflict), so there is no staged version to check\n\nhint: resolve the conflict and `git add` the file, or abort the merge",
            entry.path(index).to_str_lossy()
        );
    }
    Ok(())
}

/// The simultaneous walk of the HEAD tree, the index and its cache-tree.
struct Walk<'a> {
    objects: &'a dyn gix::objs::Find,
    hash: gix::hash::Kind,
    index: &'a gix::index::File,
    out: Vec<StagedFile>,
}

impl Walk<'_> {
    /// Compare the index entries `range` (all under the directory whose path
    /// ends at byte `prefix_len`, slash included) with the HEAD tree `head`.
    fn dir(
        &mut self,
        prefix_len: usize,
        head: Option<ObjectId>,
        cache: Option<&CacheTree>,
        range: Range<usize>,
    ) -> anyhow::Result<()> {
        if let (Some(cache), Some(head)) = (cache, head)
            && cache.num_entries.is_some()
            && cache.id == head
        {
            return Ok(());
        }
        let mut buf = Vec::new();
        let tree = match head {
            Some(id) => Some(self.tree(id, &mut buf)?),
            None => None,
        };
        let index = self.index;
        let entries = index.entries();
        let mut seen: Vec<(&BStr, bool)> = Vec::new();
        let mut pos = range.start;
        while pos < range.end {
            let entry = &entries[pos];
            let path = entry.path(index);
            let rest = &path[prefix_len..];
            if let Some(slash) = rest.find_byte(b'/') {
                let name = rest[..slash].as_bstr();
                seen.push((name, true));
                let sub_prefix = &path[..=prefix_len + slash];
                let end = pos
                    + entries[pos..range.end]
                        .partition_point(|e| e.path(self.index).starts_with(sub_prefix));
                let head_sub = tree
                    .as_ref()
                    .and_then(|t| t.bisect_entry(name, true))
                    .map(|e| e.oid.to_owned());
                let cache_sub = cache.and_then(|c| {
                    c.children
                        .iter()
                        .find(|t| t.name.as_slice() == name.as_bytes())
                });
                self.dir(sub_prefix.len(), head_sub, cache_sub, pos..end)?;
                pos = end;
            } else {
                seen.push((rest.as_bstr(), false));
                let in_head = tree
                    .as_ref()
                    .and_then(|t| t.bisect_entry(rest.as_bstr(), false));
                self.file(
                    entry,
                    path,
                    in_head.map(|e| (e.mode.kind(), e.oid.to_owned())),
                )?;
                pos += 1;
            }
        }
        if let Some(tree) = &tree {
            // Only the root is walked without entries (an empty index).
            let dir = if range.is_empty() {
                BStr::new(b"")
            } else {
                entries[range.start].path(index)[..prefix_len].as_bstr()
            };
            self.deleted(dir, tree, &seen)?;
        }
        Ok(())
    }

    /// Record every file of the HEAD `tree` (the directory `dir`, slash
    /// included) that no index entry named in `seen` stands for.
    fn deleted(
        &mut self,
        dir: &BStr,
        tree: &gix::objs::TreeRef<'_>,
        seen: &[(&BStr, bool)],
    ) -> anyhow::Result<()> {
        for entry in &tree.entries {
            let is_tree = entry.mode.is_tree();
            if seen
                .iter()
                .any(|(name, dir)| *name == entry.filename && *dir == is_tree)
            {
                continue;
            }
            let mut path = dir.to_owned();
            path.extend_from_slice(entry.filename);
            if is_tree {
                path.push(b'/');
                self.all_deleted(path.as_bstr(), entry.oid.to_owned())?;
            } else {
                self.out.push(StagedFile {
                    path: to_path(path.as_bstr()),
                    status: StagedStatus::Deleted,
                    kind: head_kind(entry.mode.kind()),
                });
            }
        }
        Ok(())
    }

    /// Record every file below the HEAD tree `id` at `dir` (slash included).
    fn all_deleted(&mut self, dir: &BStr, id: ObjectId) -> anyhow::Result<()> {
        let mut buf = Vec::new();
        let tree = self.tree(id, &mut buf)?;
        self.deleted(dir, &tree, &[])
    }

    /// The HEAD tree `id`, decoded from `buf`.
    fn tree<'b>(
        &self,
        id: ObjectId,
        buf: &'b mut Vec<u8>,
    ) -> anyhow::Result<gix::objs::TreeRef<'b>> {
        let data = self
            .objects
            .try_find(&id, buf)
            .with_context(|| format!("cannot read the tree {id} of HEAD"))?
            .with_context(|| format!("the tree {id} of HEAD is missing"))?;
        if data.kind != gix::objs::Kind::Tree {
            bail!(
                "the object {id} in HEAD's tree is a {}, not a tree",
                data.kind
            );
        }
        gix::objs::TreeRef::from_bytes(data.data, self.hash)
            .with_context(|| format!("cannot decode the tree {id} of HEAD"))
    }

    /// Compare one index entry with its HEAD counterpart (a non-tree entry
    /// of the same name, if any).
    fn file(
        &mut self,
        entry: &gix::index::Entry,
        path: &BStr,
        head: Option<(EntryKind, ObjectId)>,
    ) -> anyhow::Result<()> {
        ensure_not_sparse(entry, path)?;
        if entry.flags.contains(Flags::INTENT_TO_ADD) {
            return Ok(());
        }
        let kind = file_kind(entry.mode);
        let status = match head {
            None => StagedStatus::Added,
            Some((head_kind, _)) if category(head_kind) != category_of(kind) => {
                StagedStatus::TypeChanged
            }
            Some((head_kind, id)) if id != entry.id || head_kind != entry_kind(kind) => {
                StagedStatus::Modified
            }
            Some(_) => return Ok(()),
        };
        self.out.push(StagedFile {
            path: to_path(path),
            status,
            kind,
        });
        Ok(())
    }
}

fn file_kind(mode: Mode) -> FileKind {
    if mode == Mode::SYMLINK {
        FileKind::Symlink
    } else if mode == Mode::COMMIT {
        FileKind::Submodule
    } else if mode == Mode::FILE_EXECUTABLE {
        FileKind::Executable
    } else {
        FileKind::File
    }
}

fn head_kind(kind: EntryKind) -> FileKind {
    match kind {
        EntryKind::BlobExecutable => FileKind::Executable,
        EntryKind::Link => FileKind::Symlink,
        EntryKind::Commit => FileKind::Submodule,
        EntryKind::Blob | EntryKind::Tree => FileKind::File,
    }
}

fn entry_kind(kind: FileKind) -> EntryKind {
    match kind {
        FileKind::File => EntryKind::Blob,
        FileKind::Executable => EntryKind::BlobExecutable,
        FileKind::Symlink => EntryKind::Link,
        FileKind::Submodule => EntryKind::Commit,
    }
}

/// The type classes git's `T` distinguishes: a file (either mode), a
/// symlink, a submodule (a tree cannot occur here).
fn category(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Blob | EntryKind::BlobExecutable => 0,
        EntryKind::Link => 1,
        EntryKind::Commit => 2,
        EntryKind::Tree => 3,
    }
}

fn category_of(kind: FileKind) -> u8 {
    category(entry_kind(kind))
}

#[cfg(test)]
mod tests;
