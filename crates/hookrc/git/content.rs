//! The content a check judges, as git stores it: the index (what the next
//! commit would hold) or a commit's tree, read through one index-shaped
//! value, so every question is answered the same way whatever the source.
//! From it come entries and blobs, the files under a directory whose
//! working-tree state is not the snapshot's (for `go vet -overlay`), and a
//! checkout of some subtrees into a private directory (for tools without
//! `-overlay`). The repository's own index and working tree are only read.
//!
//! [`Content`] is `Sync`: checks running side by side share it, each
//! reading objects through its own thread-local handle.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use anyhow::{Context as _, anyhow, bail};
use gix::bstr::ByteSlice as _;
use gix::index::entry::{Mode, Stage};
use sha2::{Digest as _, Sha256};

use super::Repo;
use super::index::{to_bstr, to_path};
use super::staged::FileKind;

/// A snapshot's files: the index, or a commit's tree laid out as one.
pub(crate) struct Content {
    /// The repository, for reading objects: opened on first use when the
    /// content was read without it (a hit of the verdict cache needs only
    /// the entries).
    repo: OnceLock<Result<gix::ThreadSafeRepository, String>>,
    /// The worktree root the repository is opened at, if it must be.
    root: PathBuf,
    index: gix::index::File,
    /// Whether the entries carry the working tree's stat data (the index
    /// does; a commit's tree laid out as an index does not).
    stat: bool,
    /// The hash of the whole [`Content::listing`], computed once.
    digest: OnceLock<String>,
}

/// One file of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Repo-relative path.
    pub(crate) path: PathBuf,
    /// Its blob.
    pub(crate) id: BlobId,
    /// File, executable, symlink (submodules are never entries).
    pub(crate) kind: FileKind,
}

/// A git object id (the name of a blob's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct BlobId(gix::ObjectId);

impl std::fmt::Display for BlobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A file whose working-tree state is not the snapshot's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Divergence {
    /// In the snapshot with this content; the working-tree copy differs or
    /// is missing.
    Staged(PathBuf, Vec<u8>),
    /// In the working tree but not in the snapshot (untracked, or deleted
    /// in the snapshot).
    Absent(PathBuf),
}

/// The git blob id (hex) of `bytes`: what `git hash-object` prints, a
/// content hash no one can choose a collision for by accident.
pub(crate) fn blob_id(bytes: &[u8]) -> anyhow::Result<String> {
    let id = gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes)
        .context("cannot hash the content")?;
    Ok(id.to_string())
}

impl Repo {
    /// The staged content (honours `GIT_INDEX_FILE` when opened for a hook).
    pub(crate) fn staged_content(&self) -> anyhow::Result<Content> {
        let index = match self.load_index()? {
            Some(index) => index,
            None => gix::index::File::from_state(
                gix::index::State::new(self.repo.object_hash()),
                self.repo.index_path(),
            ),
        };
        Ok(self.content(index, true))
    }

    /// The content of the commit `rev` names (tags peeled).
    pub(crate) fn commit_content(&self, rev: &str) -> anyhow::Result<Content> {
        let tree = self.tree_of(rev)?;
        let index = self
            .repo
            .index_from_tree(&tree)
            .with_context(|| format!("cannot read the tree of `{rev}`"))?;
        Ok(self.content(index, false))
    }

    fn content(&self, index: gix::index::File, stat: bool) -> Content {
        Content {
            repo: OnceLock::from(Ok(self.repo.clone().into_sync())),
            root: self.workdir().map(Path::to_owned).unwrap_or_default(),
            index,
            stat,
            digest: OnceLock::new(),
        }
    }
}

impl Content {
    /// The staged content `index` holds, of the repository whose worktree
    /// is at `root`, opened only when an object must be read.
    pub(super) fn staged_unopened(index: gix::index::File, root: &Path) -> Content {
        Content {
            repo: OnceLock::new(),
            root: root.to_owned(),
            index,
            stat: true,
            digest: OnceLock::new(),
        }
    }

    /// The repository, opened as git set it up for the hook on first use.
    fn repo(&self) -> anyhow::Result<gix::Repository> {
        let repo = self.repo.get_or_init(|| {
            Repo::discover_for_hook(&self.root)
                .map(|repo| repo.repo.into_sync())
                .map_err(|e| format!("{e:#}"))
        });
        repo.as_ref()
            .map(gix::ThreadSafeRepository::to_thread_local)
            .map_err(|e| anyhow!("{e}"))
    }

    /// The file at the repo-relative `path`, if the snapshot has one there.
    pub(crate) fn entry(&self, path: &Path) -> Option<Entry> {
        let entry = self
            .index
            .entry_by_path_and_stage(to_bstr(path).as_ref(), Stage::Unconflicted)?;
        file_entry(entry, path.to_owned())
    }

    /// Every file under the repo-relative directory `dir` (all of them for
    /// an empty `dir`), sorted by path.
    pub(crate) fn files_under(&self, dir: &Path) -> Vec<Entry> {
        let prefix = to_bstr(dir);
        let prefix = prefix.as_bytes();
        self.index
            .entries()
            .iter()
            .filter(|entry| entry.stage() == Stage::Unconflicted)
            .filter_map(|entry| {
                let path = entry.path(&self.index);
                under(path.as_bytes(), prefix)
                    .then(|| file_entry(entry, to_path(path)))
                    .flatten()
            })
            .collect()
    }

    /// The hash of the listing of every entry: equal for two snapshots
    /// exactly when their listings are. Computed once however many checks
    /// key on the whole snapshot.
    pub(crate) fn digest(&self) -> &str {
        self.digest.get_or_init(|| {
            let mut listing = Vec::with_capacity(self.index.entries().len() * 64);
            self.listing(None, &mut listing);
            Sha256::digest(&listing)
                .iter()
                .fold(String::with_capacity(64), |mut hex, byte| {
                    let _ = write!(hex, "{byte:02x}");
                    hex
                })
        })
    }

    /// Appends to `out` one record per entry `keep` accepts (`None`: every
    /// one), files, symlinks and submodule commits alike, conflict stages
    /// included: mode (4 bytes), stage (1), object id (raw) and path
    /// (NUL-ended), in index order. Two snapshots with the same listing hold
    /// the same content, whether it came from the index or a commit; the
    /// verdict cache keys on it.
    pub(crate) fn listing(&self, keep: Option<&dyn Fn(&Path) -> bool>, out: &mut Vec<u8>) {
        for entry in self.index.entries() {
            let path = entry.path(&self.index);
            if keep.is_some_and(|keep| !keep(&to_path(path))) {
                continue;
            }
            out.extend_from_slice(&entry.mode.bits().to_le_bytes());
            out.push(entry.stage() as u8);
            out.extend_from_slice(entry.id.as_bytes());
            out.extend_from_slice(path.as_bytes());
            out.push(0);
        }
    }

    /// The bytes of a blob.
    pub(crate) fn read(&self, id: BlobId) -> anyhow::Result<Vec<u8>> {
        let repo = self.repo()?;
        let blob = repo
            .find_blob(id.0)
            .with_context(|| format!("cannot read the blob {id}"))?;
        Ok(blob.detach().data)
    }

    /// The files under `dirs` (repo-relative, recursively) whose extension
    /// passes `wanted`, whose working-tree copy under `root` is not the
    /// snapshot's: changed or missing (with the snapshot's content), or
    /// present but not in the snapshot. Symlinks are compared as symlinks;
    /// directories holding a `.git` (other repositories) are not entered.
    /// Empty when the working tree agrees.
    pub(crate) fn divergences(
        &self,
        root: &Path,
        dirs: &[PathBuf],
        wanted: &dyn Fn(&Path) -> bool,
    ) -> anyhow::Result<Vec<Divergence>> {
        let mut found = BTreeMap::new();
        for dir in dirs {
            let mut present = Vec::new();
            worktree_files(root, dir, wanted, &mut present)?;
            let snapshot: BTreeMap<PathBuf, Entry> = self
                .files_under(dir)
                .into_iter()
                .filter(|entry| wanted(&entry.path))
                .map(|entry| (entry.path.clone(), entry))
                .collect();
            for entry in snapshot.values() {
                if let Some(divergence) = self.compare(root, entry)? {
                    found.insert(entry.path.clone(), divergence);
                }
            }
            for path in present {
                if !snapshot.contains_key(&path) {
                    found.insert(path.clone(), Divergence::Absent(path));
                }
            }
        }
        Ok(found.into_values().collect())
    }

    /// `None` when the working tree holds `entry` as the snapshot does.
    fn compare(&self, root: &Path, entry: &Entry) -> anyhow::Result<Option<Divergence>> {
        let absolute = root.join(&entry.path);
        if self.stat_unchanged(&absolute, entry) {
            return Ok(None);
        }
        let content = self.read(entry.id)?;
        let same = match std::fs::symlink_metadata(&absolute) {
            Ok(meta) if meta.file_type().is_symlink() => {
                entry.kind == FileKind::Symlink
                    && std::fs::read_link(&absolute)
                        .is_ok_and(|target| target.as_os_str().as_encoded_bytes() == content)
            }
            Ok(meta) if meta.is_file() => {
                entry.kind != FileKind::Symlink
                    && std::fs::read(&absolute).is_ok_and(|bytes| bytes == content)
            }
            _ => false,
        };
        if same {
            return Ok(None);
        }
        if entry.kind == FileKind::Symlink {
            return Ok(self
                .symlink_target(entry)?
                .map(|target| Divergence::Staged(entry.path.clone(), target)));
        }
        Ok(Some(Divergence::Staged(entry.path.clone(), content)))
    }

    /// Whether the index's stat data says the file at `absolute` is still
    /// what it staged, as git decides before it reads a file: same size,
    /// times, inode, and not modified in the index's own second (racy).
    fn stat_unchanged(&self, absolute: &Path, entry: &Entry) -> bool {
        if !self.stat {
            return false;
        }
        let Some(staged) = self
            .index
            .entry_by_path_and_stage(to_bstr(&entry.path).as_ref(), Stage::Unconflicted)
        else {
            return false;
        };
        let Ok(meta) = gix::index::fs::Metadata::from_path_no_follow(absolute) else {
            return false;
        };
        let Ok(stat) = gix::index::entry::Stat::from_fs(&meta) else {
            return false;
        };
        let options = gix::index::entry::stat::Options::default();
        staged.stat.matches(&stat, options) && !staged.stat.is_racy(self.index.timestamp(), options)
    }

    /// What a tool reading through the snapshot's symlink `entry` would
    /// read: the content of the file it points to in the snapshot, if any.
    fn symlink_target(&self, entry: &Entry) -> anyhow::Result<Option<Vec<u8>>> {
        let link = self.read(entry.id)?;
        let parent = entry.path.parent().unwrap_or(Path::new(""));
        let target = lexical(&parent.join(to_path(link.as_bstr())));
        match target.and_then(|target| self.entry(&target)) {
            Some(file) if file.kind != FileKind::Symlink => Ok(Some(self.read(file.id)?)),
            _ => Ok(None),
        }
    }

    /// Whether the working tree under `root` does not hold `entry` as the
    /// snapshot does.
    pub(crate) fn diverges(&self, root: &Path, entry: &Entry) -> anyhow::Result<bool> {
        Ok(self.compare(root, entry)?.is_some())
    }

    /// Write the files `keep` selects (by repo-relative path) into the empty
    /// directory `dest`, at their repo paths, as `git checkout-index` would
    /// (filters and `.gitattributes` from the snapshot). The repository's
    /// index is not written.
    pub(crate) fn checkout(&self, dest: &Path, keep: &dyn Fn(&Path) -> bool) -> anyhow::Result<()> {
        let repo = self.repo()?;
        let mut options = repo
            .checkout_options(gix::worktree::stack::state::attributes::Source::IdMapping)
            .context("cannot read the checkout options")?;
        options.destination_is_initially_empty = true;
        let mut state: gix::index::State = self.index.clone().into();
        state.remove_entries(|_, path, entry| {
            !keep(&to_path(path))
                || entry.stage() != Stage::Unconflicted
                || entry.mode == Mode::COMMIT
        });
        let objects = repo
            .objects
            .clone()
            .into_arc()
            .context("cannot share the object database")?;
        let outcome = gix::worktree::state::checkout(
            &mut state,
            dest,
            objects,
            &gix::progress::Discard,
            &gix::progress::Discard,
            &AtomicBool::new(false),
            options,
        )
        .with_context(|| format!("cannot check out files into `{}`", dest.display()))?;
        if let Some(error) = outcome.errors.first() {
            bail!(
                "cannot check out `{}` into `{}`: {}",
                error.path,
                dest.display(),
                error.error
            );
        }
        Ok(())
    }
}

/// A file entry (not a submodule) of the snapshot at `path`.
fn file_entry(entry: &gix::index::Entry, path: PathBuf) -> Option<Entry> {
    let kind = match entry.mode {
        Mode::FILE => FileKind::File,
        Mode::FILE_EXECUTABLE => FileKind::Executable,
        Mode::SYMLINK => FileKind::Symlink,
        _ => return None,
    };
    Some(Entry {
        path,
        id: BlobId(entry.id),
        kind,
    })
}

/// Whether the path `path` lies under the directory `prefix` (everything
/// lies under the empty prefix).
fn under(path: &[u8], prefix: &[u8]) -> bool {
    prefix.is_empty() || (path.starts_with(prefix) && path.get(prefix.len()) == Some(&b'/'))
}

/// `path` with `.` and `..` resolved lexically; `None` when it leaves the
/// repository or is absolute.
fn lexical(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::Normal(name) => out.push(name),
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(out)
}

/// The files (regular or symlinks, never followed) under the repo-relative
/// `dir` of the worktree at `root` that pass `wanted`, recursively, not
/// entering `.git` or a directory holding one; a missing directory has none.
fn worktree_files(
    root: &Path,
    dir: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    let absolute = root.join(dir);
    let entries = match std::fs::read_dir(&absolute) {
        Ok(entries) => entries,
        Err(err)
            if matches!(
                err.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(());
        }
        Err(err) => {
            return Err(err).with_context(|| format!("cannot list `{}`", absolute.display()));
        }
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list `{}`", absolute.display()))?;
        let name = entry.file_name();
        let path = dir.join(&name);
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            let nested_repo = name == ".git" || entry.path().join(".git").exists();
            if !nested_repo {
                worktree_files(root, &path, wanted, out)?;
            }
        } else if (kind.is_file() || kind.is_symlink()) && wanted(&path) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "content_tests.rs"]
mod tests;
