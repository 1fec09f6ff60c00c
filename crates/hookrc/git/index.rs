//! Reading the index: decoding it (as git does, without verifying its
//! trailing checksum), staged blob contents and the tracked file list.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use gix::bstr::{BStr, ByteSlice as _};
use gix::index::entry::{Mode, Stage};

use super::Repo;

impl Repo {
    /// The index git would use (`GIT_INDEX_FILE` included), as
    /// [`read_index`] reads it.
    pub(super) fn load_index(&self) -> anyhow::Result<Option<gix::index::File>> {
        read_index(&self.repo.index_path(), self.repo.object_hash())
    }

    /// The staged (index) content of `path`, a repo-relative path: what
    /// `git show :path` prints (the git form, before smudge filters; a
    /// symlink's target).
    #[cfg_attr(
        not(test),
        expect(
            dead_code,
            reason = "gofmt on staged blobs (issue 4) reads them; remove when it does"
        )
    )]
    pub(crate) fn staged_blob(&self, path: &Path) -> anyhow::Result<Vec<u8>> {
        let rela = to_bstr(path);
        let index = self.load_index()?;
        let entry = index
            .as_ref()
            .and_then(|index| index.entry_by_path_and_stage(rela.as_ref(), Stage::Unconflicted));
        let Some(entry) = entry else {
            bail!("`{}` is not staged (no entry in the index)", path.display());
        };
        if entry.mode == Mode::COMMIT {
            bail!("`{}` is a submodule, not a file", path.display());
        }
        let blob = self
            .repo
            .find_blob(entry.id)
            .with_context(|| format!("cannot read the staged content of `{}`", path.display()))?;
        Ok(blob.detach().data)
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
    use std::path::Path;

    use hookrc_testkit::TestRepo;

    use crate::git::Repo;

    #[test]
    fn staged_blob_is_the_index_content_not_the_worktree() {
        let repo = TestRepo::new();
        repo.write("a.txt", "committed\n");
        repo.commit_all("feat: a");
        repo.write("a.txt", "staged\n");
        repo.git(["add", "a.txt"]);
        repo.write("a.txt", "unstaged\n");
        let git = Repo::open_isolated(repo.root(), None);
        assert_eq!(
            git.staged_blob(Path::new("a.txt")).expect("blob"),
            b"staged\n"
        );
        let err = git
            .staged_blob(Path::new("missing.txt"))
            .expect_err("not staged");
        assert_eq!(
            err.to_string(),
            "`missing.txt` is not staged (no entry in the index)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn staged_blob_of_a_symlink_is_its_target() {
        let repo = TestRepo::new();
        std::os::unix::fs::symlink("target/file", repo.path("link")).expect("symlink");
        repo.git(["add", "link"]);
        let git = Repo::open_isolated(repo.root(), None);
        assert_eq!(
            git.staged_blob(Path::new("link")).expect("blob"),
            b"target/file"
        );
    }

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
