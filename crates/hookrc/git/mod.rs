//! All repository access: the only module that uses gix.
//!
//! Reads are in-process (no `git` subprocess): discovery ([`Repo`]), the
//! hooks directory, the staged changes (index vs HEAD, accelerated by the
//! index's cache-tree), staged blobs, tracked files, the files changed
//! between two revisions, the comment string of commit messages, and for
//! releases: tags, a module's history and a file at a commit. The two
//! reads on every hook's path skip the repository open, which costs more
//! than they do: [`StagedReader`] (the staged list from the index, refs and
//! object store) and [`HookConfig`] (git's config files). Paths
//! crossing this boundary are repo-relative `PathBuf`s built from the raw
//! bytes git stores, so non-UTF-8 names, newlines and leading `-` survive.

mod blob_at;
mod changed;
mod config;
mod content;
mod history;
mod hooks_dir;
mod index;
mod layout;
mod mirror;
mod repo;
mod revwalk;
mod stage;
mod staged;
mod tags;

/// A commit's id, as this module hands it out (and takes it back).
pub(crate) use gix::ObjectId as CommitId;

pub(crate) use config::HookConfig;
pub(crate) use content::{Content, Divergence, Entry, blob_id};
pub(crate) use history::{HistoryCommit, PathFilter};
pub(crate) use layout::{
    create_private_dir, make_private, private_area, private_area_path, private_tmp,
    remove_private_tmp, run_marker, worktree_root,
};
pub(crate) use mirror::{Mirror, worktree_holds};
pub(crate) use repo::Repo;
pub(crate) use revwalk::RangeCommit;
pub(crate) use stage::Restage;
pub(crate) use staged::{FileKind, StagedReader, StagedStatus};
