//! What a hook run judges: one explicit [`Snapshot`] per run (per pushed
//! tip for pre-push), built from a [`Source`]. Checks take their file list
//! and their bytes from it and never look at the working tree themselves;
//! how the content reaches a tool is [`present`]'s choice per run.
//!
//! | run | source | files |
//! |---|---|---|
//! | `pre-commit`, `pre-merge-commit` (by git or `hookrc run`) | the index | staged vs HEAD |
//! | `pre-push` by git | each pushed ref's tip commit | changed since the remote's commit (a new branch: since the remote's default branch) |
//! | `hookrc run pre-push` without git's input | HEAD | all modules |
//! | `hookrc run … --from-ref A --to-ref B` | commit B | changed on B since it forked from A |
//! | `hookrc run … --all-files` | the index (HEAD for `pre-push`) | every tracked file |
//! | `hookrc run … --files F…` | the working tree | the files given |
//! | any other hook (`commit-msg`, …) | the working tree | none |

pub(crate) mod present;

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{Context as _, anyhow};

use crate::git::{Content, FileKind, Mirror, Repo, StagedReader};

/// Where a snapshot's content comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// What the next commit would hold.
    Index,
    /// A commit: a pushed ref's tip, or `--to-ref`.
    Commit(Tip),
    /// The files as they are on disk (`--files`, hooks without files).
    WorkTree,
}

/// A commit judged by a run, and the refs that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tip {
    /// Its id (hex).
    pub(crate) commit: String,
    /// Its tree's id (hex): tips with the same tree are judged once.
    pub(crate) tree: String,
    /// The refs pushed at it (`refs/heads/feat3`, `refs/tags/v1.2.0`), or
    /// the revision the user named (`HEAD`).
    pub(crate) refs: Vec<String>,
    /// What it is compared with (the remote's commit, `--from-ref`,
    /// `@{upstream}`), when known.
    pub(crate) base: Option<String>,
}

/// The content a hook run judges, read once per run and shared by every
/// check running side by side.
pub(crate) struct Snapshot {
    source: Source,
    root: PathBuf,
    files: Option<Vec<PathBuf>>,
    changed: Option<Vec<PathBuf>>,
    env: BTreeMap<OsString, OsString>,
    content: OnceLock<Result<Content, String>>,
    mirror: OnceLock<Result<Mirror, String>>,
    base_mirror: OnceLock<Result<Mirror, String>>,
    /// What git said of the working tree against a commit, per set of
    /// directories asked about.
    in_place: Mutex<Vec<(Vec<PathBuf>, bool)>>,
    /// Whether the working tree holds the index's content, per set of
    /// index paths asked about (every custom check of a run usually asks
    /// about the same files: comparing them once keeps a run linear in the
    /// number of checks).
    index_in_place: Mutex<HashMap<Vec<PathBuf>, bool>>,
}

impl Snapshot {
    /// The snapshot of `source` for the worktree at `root`: `files` are the
    /// files checks get (none for a hook without a file list), `changed`
    /// every changed path, deletions included (what Go packages and modules
    /// are scoped by); `env` is what git commands start from.
    pub(crate) fn new(
        source: Source,
        root: PathBuf,
        files: Option<Vec<PathBuf>>,
        changed: Option<Vec<PathBuf>>,
        env: BTreeMap<OsString, OsString>,
    ) -> Self {
        Self {
            source,
            root,
            files,
            changed,
            env,
            content: OnceLock::new(),
            mirror: OnceLock::new(),
            base_mirror: OnceLock::new(),
            in_place: Mutex::new(Vec::new()),
            index_in_place: Mutex::new(HashMap::new()),
        }
    }

    /// The snapshot with its content already read (by the staged list of
    /// the same index).
    pub(crate) fn with_content(self, content: Content) -> Self {
        let _ = self.content.set(Ok(content));
        self
    }

    /// Where the content comes from.
    pub(crate) fn source(&self) -> &Source {
        &self.source
    }

    /// The worktree root.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The files checks get (repo-relative), or `None` for a hook without
    /// a file list.
    pub(crate) fn files(&self) -> Option<&[PathBuf]> {
        self.files.as_deref()
    }

    /// Every changed path, deletions included; the files when the run
    /// knows no more.
    pub(crate) fn changed(&self) -> Option<&[PathBuf]> {
        self.changed.as_deref().or(self.files.as_deref())
    }

    /// How reports name what was judged: the refs of a pushed tip.
    pub(crate) fn label(&self) -> Option<String> {
        match &self.source {
            Source::Commit(tip) if !tip.refs.is_empty() => {
                let names: Vec<&str> = tip.refs.iter().map(|r| short_name(r)).collect();
                Some(names.join(", "))
            }
            _ => None,
        }
    }

    /// The snapshot's content as git stores it; `None` for the working tree.
    pub(crate) fn content(&self) -> anyhow::Result<Option<&Content>> {
        let rev = match &self.source {
            Source::WorkTree => return Ok(None),
            Source::Index => None,
            Source::Commit(tip) => Some(tip.commit.as_str()),
        };
        let loaded = self.content.get_or_init(|| {
            let load = || match rev {
                // The index alone when git's layout allows: a cache hit reads
                // no object, and the repository is opened only to read one.
                None => match StagedReader::for_hook(&self.root)? {
                    Some(reader) => reader.staged_content(&self.root),
                    None => Repo::discover_for_hook(&self.root)?.staged_content(),
                },
                Some(rev) => Repo::discover_for_hook(&self.root)?.commit_content(rev),
            };
            load().map_err(|e| format!("{e:#}"))
        });
        loaded.as_ref().map(Some).map_err(|e| anyhow!("{e}"))
    }

    /// The bytes and kind of the file at the repo-relative `path`, `None`
    /// when the snapshot has no file there.
    pub(crate) fn file(&self, path: &Path) -> anyhow::Result<Option<(Vec<u8>, FileKind)>> {
        if let Some(content) = self.content()? {
            return match content.entry(path) {
                Some(entry) => Ok(Some((content.read(entry.id)?, entry.kind))),
                None => Ok(None),
            };
        }
        let absolute = self.root.join(path);
        let meta = match std::fs::symlink_metadata(&absolute) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(err).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        if meta.file_type().is_symlink() {
            let target = fs_err::read_link(&absolute)?;
            return Ok(Some((
                target.into_os_string().into_encoded_bytes(),
                FileKind::Symlink,
            )));
        }
        if !meta.is_file() {
            return Ok(None);
        }
        Ok(Some((fs_err::read(&absolute)?, worktree_kind(&meta))))
    }

    /// Whether the working tree holds the snapshot's file at `path` as it
    /// is (a working-tree snapshot always does).
    pub(crate) fn in_worktree(&self, path: &Path) -> anyhow::Result<bool> {
        let Some(content) = self.content()? else {
            return Ok(true);
        };
        match content.entry(path) {
            Some(entry) => Ok(!content.diverges(&self.root, &entry)?),
            None => Ok(false),
        }
    }

    /// Every file of the snapshot under the repo-relative `dir`
    /// (recursively; symlinks are listed, never followed).
    pub(crate) fn files_under(&self, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
        if let Some(content) = self.content()? {
            return Ok(content
                .files_under(dir)
                .into_iter()
                .map(|entry| entry.path)
                .collect());
        }
        let mut found = Vec::new();
        walk(&self.root, dir, &mut found)?;
        found.sort();
        Ok(found)
    }

    /// The environment git commands of this run start from.
    pub(crate) fn env(&self) -> &BTreeMap<OsString, OsString> {
        &self.env
    }

    /// The checkout slot of a commit snapshot, checked out on first use.
    fn mirror(&self, tip: &Tip) -> anyhow::Result<&Mirror> {
        self.checkout_slot(&self.mirror, &tip.commit)
    }

    /// A private checkout of the commit a pushed tip is compared with, or
    /// `None` when the snapshot is no commit with a known base.
    pub(crate) fn base_tree(&self) -> anyhow::Result<Option<&Path>> {
        let Source::Commit(Tip {
            base: Some(base), ..
        }) = &self.source
        else {
            return Ok(None);
        };
        Ok(Some(self.checkout_slot(&self.base_mirror, base)?.dir()))
    }

    /// The checkout slot in `cell`, holding `commit`, checked out on first use.
    fn checkout_slot<'a>(
        &self,
        cell: &'a OnceLock<Result<Mirror, String>>,
        commit: &str,
    ) -> anyhow::Result<&'a Mirror> {
        let mirror = cell.get_or_init(|| {
            let checkout = || -> anyhow::Result<Mirror> {
                let repo = Repo::discover_for_hook(&self.root)?;
                let mirror = Mirror::acquire(&crate::git::private_area(&self.root)?)?;
                mirror.check_out(repo.git_dir(), commit, &self.env)?;
                Ok(mirror)
            };
            checkout().map_err(|e| format!("{e:#}"))
        });
        mirror.as_ref().map_err(|e| anyhow!("{e}"))
    }
}

/// The files under `root/dir` on disk, at their paths relative to `root`,
/// not entering `.git`.
fn walk(root: &Path, dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let absolute = root.join(dir);
    let Some(entries) = crate::files::read_dir_if_present(&absolute)? else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list `{}`", absolute.display()))?;
        let path = dir.join(entry.file_name());
        match entry.file_type() {
            Ok(kind) if kind.is_dir() && entry.file_name() != ".git" => walk(root, &path, found)?,
            Ok(kind) if kind.is_file() || kind.is_symlink() => found.push(path),
            _ => {}
        }
    }
    Ok(())
}

/// A ref as people name it: `refs/heads/feat` → `feat`, `refs/tags/v1`
/// → `v1`; anything else as is.
pub(crate) fn short_name(name: &str) -> &str {
    ["refs/heads/", "refs/tags/", "refs/remotes/"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
}

#[cfg(unix)]
fn worktree_kind(meta: &std::fs::Metadata) -> FileKind {
    use std::os::unix::fs::PermissionsExt as _;
    if meta.permissions().mode() & 0o111 != 0 {
        FileKind::Executable
    } else {
        FileKind::File
    }
}

#[cfg(not(unix))]
fn worktree_kind(_meta: &std::fs::Metadata) -> FileKind {
    FileKind::File
}
