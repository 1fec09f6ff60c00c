//! Fingerprints of a worktree and its index, so a test can assert that a
//! hook left the user's work exactly as it was.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// What one worktree path holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathState {
    /// A regular file: content length, content hash and the executable bit.
    File {
        /// Length in bytes.
        len: u64,
        /// Hash of the content.
        hash: u64,
        /// Whether any executable bit is set.
        executable: bool,
    },
    /// A symbolic link and its target.
    Symlink(PathBuf),
    /// An empty directory.
    EmptyDir,
}

/// A snapshot of a worktree (every file, tracked or not, outside `.git`) and
/// of its index: the index file's bytes and its logical entries.
///
/// git itself may rewrite the index file (stat refresh, cache-tree) during a
/// `git commit` whose hook fails; compare [`RepoState::entries`] and
/// [`RepoState::worktree`] there, and the whole state around hookrc calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoState {
    /// Every path under the worktree root, relative to it.
    pub worktree: BTreeMap<PathBuf, PathState>,
    /// `git ls-files --stage` output: modes, ids, stages and paths.
    pub entries: String,
    /// Hash of the index file's bytes (`None` when there is no index).
    pub index_file: Option<u64>,
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Hash of a file's bytes, or `None` when it does not exist.
pub(crate) fn hash_file(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|bytes| hash_bytes(&bytes))
}

/// Every path under `root` except `.git` entries, with what it holds.
pub(crate) fn scan_worktree(root: &Path) -> BTreeMap<PathBuf, PathState> {
    let mut out = BTreeMap::new();
    scan_dir(root, root, &mut out);
    out
}

fn scan_dir(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, PathState>) {
    let entries = std::fs::read_dir(dir).expect("read a worktree directory");
    let mut empty = true;
    for entry in entries {
        let entry = entry.expect("read a worktree directory entry");
        empty = false;
        if entry.file_name() == ".git" {
            continue;
        }
        let path = entry.path();
        let rela = path
            .strip_prefix(root)
            .expect("entry is under the root")
            .to_owned();
        let meta = std::fs::symlink_metadata(&path).expect("stat a worktree entry");
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&path).expect("read a symlink");
            out.insert(rela, PathState::Symlink(target));
        } else if meta.is_dir() {
            scan_dir(root, &path, out);
        } else {
            let bytes = std::fs::read(&path).expect("read a worktree file");
            out.insert(
                rela,
                PathState::File {
                    len: meta.len(),
                    hash: hash_bytes(&bytes),
                    executable: is_executable(&meta),
                },
            );
        }
    }
    if empty && dir != root {
        let rela = dir.strip_prefix(root).expect("dir is under the root");
        out.insert(rela.to_owned(), PathState::EmptyDir);
    }
}

#[cfg(unix)]
fn is_executable(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_meta: &std::fs::Metadata) -> bool {
    false
}
