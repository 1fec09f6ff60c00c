//! Reading the index: decoding it (as git does, without verifying its
//! trailing checksum) and the tracked file list.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use gix::bstr::{BStr, ByteSlice as _};
use gix::index::entry::Mode;

use super::Repo;

impl Repo {
    /// The index git would use (`GIT_INDEX_FILE` included), as
    /// [`read_index`] reads it.
    pub(super) fn load_index(&self) -> anyhow::Result<Option<gix::index::File>> {
        read_index(&self.repo.index_path(), self.repo.object_hash())
    }

    /// Every file in the index (what `git ls-files` lists, each path once),
    /// sorted by path bytes; submodules are left out, as they are not files.
    pub(crate) fn tracked_files(&self) -> anyhow::Result<Vec<PathBuf>> {
        let Some(index) = self.load_index()? else {
            return Ok(Vec::new());
        };
        let mut files: Vec<PathBuf> = Vec::with_capacity(index.entries().len());
        let mut previous: Option<&BStr> = None;
        for entry in index.entries() {
            let path = entry.path(&index);
            if entry.mode == Mode::COMMIT || previous == Some(path) {
                continue;
            }
            ensure_not_sparse(entry, path)?;
            previous = Some(path);
            files.push(to_path(path));
        }
        Ok(files)
    }
}

/// Decode the index at `path`, or `None` when there is none yet (a fresh
/// repository).
///
/// Like git, this does not hash the whole file to verify its trailing
/// checksum (git does that only in `fsck`); on 100,000 entries that check
/// alone costs more than git's entire `diff --cached`.
pub(super) fn read_index(
    path: &Path,
    hash: gix::hash::Kind,
) -> anyhow::Result<Option<gix::index::File>> {
    match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read the index `{}`", path.display()));
        }
        Ok(_) => {}
    }
    let options = gix::index::decode::Options {
        thread_limit: None,
        min_extension_block_in_bytes_for_threading: 0,
        expected_checksum: None,
        alloc_limit_bytes: None,
    };
    let index = gix::index::File::at(path, hash, true, options)
        .with_context(|| format!("cannot read the index `{}`", path.display()))?;
    Ok(Some(index))
}

/// A repo-relative path from the bytes git stores (on Unix, any bytes).
#[cfg(unix)]
pub(super) fn to_path(path: &BStr) -> PathBuf {
    use std::os::unix::ffi::OsStrExt as _;
    PathBuf::from(std::ffi::OsStr::from_bytes(path))
}

/// A repo-relative path from the bytes git stores (lossy off Unix).
#[cfg(not(unix))]
pub(super) fn to_path(path: &BStr) -> PathBuf {
    PathBuf::from(path.to_str_lossy().into_owned())
}

/// The bytes git stores for a repo-relative path.
#[cfg(unix)]
pub(super) fn to_bstr(path: &Path) -> &BStr {
    use std::os::unix::ffi::OsStrExt as _;
    path.as_os_str().as_bytes().as_bstr()
}

/// The bytes git stores for a repo-relative path (`/`-separated).
#[cfg(not(unix))]
pub(super) fn to_bstr(path: &Path) -> gix::bstr::BString {
    path.to_string_lossy().replace('\\', "/").into()
}

/// A directory entry means a sparse index, which hookrc does not expand.
pub(super) fn ensure_not_sparse(entry: &gix::index::Entry, path: &BStr) -> anyhow::Result<()> {
    if entry.mode == Mode::DIR {
        bail!(
            "the index is sparse (`{}` is a directory entry), which hookrc does not support\n\nhint: run `git sparse-checkout disable` or `git config index.sparse false`",
            path.to_str_lossy()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use hookrc_testkit::TestRepo;

    use crate::git::Repo;

    #[test]
    fn tracked_files_match_git_ls_files() {
        let repo = TestRepo::new();
        assert!(
            Repo::open_isolated(repo.root(), None)
                .tracked_files()
                .expect("files")
                .is_empty()
        );
        for name in [
            "b.txt",
            "a-b",
            "a/x",
            "a0",
            "dir/sub/deep.txt",
            "-leading",
            "sp ace",
        ] {
            repo.write(name, name);
        }
        repo.commit_all("feat: files");
        repo.write("new.txt", "new\n");
        repo.git(["add", "new.txt"]);
        repo.write("untracked.txt", "u\n");
        let ours: Vec<String> = Repo::open_isolated(repo.root(), None)
            .tracked_files()
            .expect("files")
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let git: Vec<String> = repo.git(["ls-files"]).lines().map(str::to_owned).collect();
        assert_eq!(ours, git);
    }
}
