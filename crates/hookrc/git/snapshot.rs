//! The staged snapshot: what the next commit would hold, as the Go checks
//! need it. The index is read once; from it come staged blobs and modes,
//! the files of a few directories whose working-tree copy is not the staged
//! one (for `go vet -overlay`), and a checkout of the staged tree under a
//! prefix into a temporary directory (for tools without `-overlay`). The
//! repository's index and working tree are only read here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use anyhow::{Context as _, bail};
use gix::bstr::ByteSlice as _;
use gix::index::entry::{Mode, Stage};

use super::Repo;
use super::index::{to_bstr, to_path};

/// The index as it was when the snapshot was taken.
pub(crate) struct Snapshot<'repo> {
    repo: &'repo Repo,
    index: gix::index::File,
}

/// A file of a checked directory whose working-tree state is not the staged one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Divergence {
    /// Staged with this content; the working-tree copy differs or is missing.
    Staged(PathBuf, Vec<u8>),
    /// In the working tree but not in the index (untracked, or its deletion
    /// is staged).
    Absent(PathBuf),
}

impl Repo {
    /// The staged snapshot (honours `GIT_INDEX_FILE` when opened for a hook).
    pub(crate) fn snapshot(&self) -> anyhow::Result<Snapshot<'_>> {
        let index = match self.load_index()? {
            Some(index) => index,
            None => gix::index::File::from_state(
                gix::index::State::new(self.repo.object_hash()),
                self.repo.index_path(),
            ),
        };
        Ok(Snapshot { repo: self, index })
    }
}

impl Snapshot<'_> {
    /// The staged content of the repo-relative `path` and its mode (`0o100644`
    /// or `0o100755`); an error when it is not a staged regular file.
    pub(crate) fn blob(&self, path: &Path) -> anyhow::Result<(Vec<u8>, u32)> {
        let entry = self
            .index
            .entry_by_path_and_stage(to_bstr(path).as_ref(), Stage::Unconflicted);
        let Some(entry) = entry else {
            bail!("`{}` is not staged (no entry in the index)", path.display());
        };
        if !matches!(entry.mode, Mode::FILE | Mode::FILE_EXECUTABLE) {
            bail!(
                "`{}` is staged as a symlink or submodule, not a file",
                path.display()
            );
        }
        let blob =
            self.repo.repo.find_blob(entry.id).with_context(|| {
                format!("cannot read the staged content of `{}`", path.display())
            })?;
        Ok((blob.detach().data, entry.mode.bits()))
    }

    /// The files with extension `ext` directly in each repo-relative
    /// directory of `dirs` whose working-tree copy under `root` is not the
    /// staged one: changed or missing (with the staged content), or present
    /// but not staged. Empty when the working tree agrees with the index.
    pub(crate) fn divergences(
        &self,
        root: &Path,
        dirs: &[PathBuf],
        ext: &str,
    ) -> anyhow::Result<Vec<Divergence>> {
        let mut out = Vec::new();
        for dir in dirs {
            let staged = self.staged_in(dir, ext);
            let present = worktree_files(&root.join(dir), ext)?;
            for (name, id) in &staged {
                let path = dir.join(name);
                let on_disk = present
                    .contains(name)
                    .then(|| std::fs::read(root.join(&path)))
                    .transpose()
                    .with_context(|| format!("cannot read `{}`", path.display()))?;
                let content = self.repo.repo.find_blob(*id).with_context(|| {
                    format!("cannot read the staged content of `{}`", path.display())
                })?;
                if on_disk.as_deref() != Some(&content.data[..]) {
                    out.push(Divergence::Staged(path, content.detach().data));
                }
            }
            out.extend(
                present
                    .iter()
                    .filter(|name| !staged.contains_key(*name))
                    .map(|name| Divergence::Absent(dir.join(name))),
            );
        }
        Ok(out)
    }

    /// Staged regular files with extension `ext` directly in `dir`: name → blob id.
    fn staged_in(&self, dir: &Path, ext: &str) -> BTreeMap<PathBuf, gix::ObjectId> {
        let dir = to_bstr(dir);
        let mut found = BTreeMap::new();
        for entry in self.index.entries() {
            let path = entry.path(&self.index);
            let (parent, name) = split_parent(path);
            if parent == dir.as_bytes()
                && entry.stage() == Stage::Unconflicted
                && matches!(entry.mode, Mode::FILE | Mode::FILE_EXECUTABLE)
                && Path::new(&to_path(name.as_bstr())).extension() == Some(ext.as_ref())
            {
                found.insert(to_path(name.as_bstr()), entry.id);
            }
        }
        found
    }

    /// Write the staged files under the repo-relative `prefix` (all of them
    /// for an empty prefix) into the empty directory `dest`, at their repo
    /// paths, as `git checkout-index` would (filters and `.gitattributes`
    /// from the index). The repository's index is not written.
    pub(crate) fn checkout(&self, prefix: &Path, dest: &Path) -> anyhow::Result<()> {
        let repo = &self.repo.repo;
        let mut options = repo
            .checkout_options(gix::worktree::stack::state::attributes::Source::IdMapping)
            .context("cannot read the checkout options")?;
        options.destination_is_initially_empty = true;
        let mut state: gix::index::State = self.index.clone().into();
        let prefix = to_bstr(prefix);
        let prefix = prefix.as_bytes();
        state.remove_entries(|_, path, entry| {
            let inside = prefix.is_empty()
                || (path.starts_with(prefix) && path.get(prefix.len()) == Some(&b'/'));
            !inside || entry.stage() != Stage::Unconflicted || entry.mode == Mode::COMMIT
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
        .with_context(|| {
            format!(
                "cannot check out the staged files into `{}`",
                dest.display()
            )
        })?;
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

/// `a/b/c.go` → (`a/b`, `c.go`); `c.go` → (empty, `c.go`).
fn split_parent(path: &gix::bstr::BStr) -> (&[u8], &[u8]) {
    match path.rfind_byte(b'/') {
        Some(slash) => (&path[..slash], &path[slash + 1..]),
        None => (&[][..], path),
    }
}

/// Regular files (not symlinks) with extension `ext` directly in `dir`,
/// by name; a missing directory has none.
fn worktree_files(dir: &Path, ext: &str) -> anyhow::Result<BTreeSet<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(err) => return Err(err).with_context(|| format!("cannot list `{}`", dir.display())),
    };
    let mut found = BTreeSet::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list `{}`", dir.display()))?;
        let name = PathBuf::from(entry.file_name());
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.extension() == Some(ext.as_ref()) {
            found.insert(name);
        }
    }
    Ok(found)
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
