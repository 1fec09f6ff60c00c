//! One temporary directory per run under `<private area>/tmp/`, and the
//! sweep that removes those of runs that died.
//!
//! A run owns `run-<id>/` through `run-<id>.lock` beside it, a file it
//! holds an exclusive `flock` on for as long as it lives: the kernel drops
//! the lock when the process ends, however it ends, so a lock that can be
//! taken belongs to a dead run, whose directory is removed. The lock file
//! is locked under a temporary name and only then renamed to `.lock`, so a
//! sweep never sees an unlocked lock file of a live run.
//!
//! The run's processes carry [`MARKER`] in their environment, its value
//! naming the run (its directory, see [`RunTmp::dir`]); the sweep kills the processes
//! still carrying a dead run's marker before it removes its directory: what
//! the checks of a run killed by `SIGKILL` started and left running.

use std::ffi::OsStr;
use std::fs::File;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The prefix of a run's directory and lock file.
const PREFIX: &str = "run-";
/// The suffix of a run's lock file.
const LOCK: &str = ".lock";

/// The environment variable that marks every process a run starts:
/// `HOOKRC_RUN=<the run's directory>`, the path with symbolic links
/// resolved, so that two spellings of one repository name one run.
pub(crate) const MARKER: &str = "HOOKRC_RUN";

/// A live run's temporary directory and the lock that says so.
#[derive(Debug)]
pub(super) struct RunTmp {
    /// `tmp/run-<id>/` with symbolic links resolved, made on the first
    /// call of [`RunTmp::made_dir`]; also the value of [`MARKER`] for this
    /// run's processes.
    pub(super) dir: PathBuf,
    made: bool,
    lock_path: PathBuf,
    /// Held, never read: the lock lives as long as this file is open.
    #[cfg_attr(not(test), expect(dead_code, reason = "held for its flock"))]
    lock: File,
}

impl RunTmp {
    /// Takes a fresh run id in `tmp`: its lock file, locked. The directory
    /// is made when it is first needed: a run that only starts processes
    /// needs the id (their marker), not the directory.
    pub(super) fn create(tmp: &Path) -> anyhow::Result<Self> {
        let cannot = || format!("cannot create a private directory in `{}`", tmp.display());
        let pending = tempfile::Builder::new()
            .prefix(&format!(".{PREFIX}"))
            .suffix(".new")
            .tempfile_in(tmp)
            .with_context(cannot)?;
        pending.as_file().try_lock().with_context(cannot)?;
        let id = pending
            .path()
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.strip_prefix(&format!(".{PREFIX}")))
            .and_then(|name| name.strip_suffix(".new"))
            .with_context(cannot)?
            .to_owned();
        let lock_path = tmp.join(format!("{PREFIX}{id}{LOCK}"));
        let lock = pending.persist(&lock_path).with_context(cannot)?;
        let dir = std::fs::canonicalize(tmp)
            .with_context(cannot)?
            .join(format!("{PREFIX}{id}"));
        Ok(Self {
            dir,
            made: false,
            lock_path,
            lock,
        })
    }

    /// The run's directory, made (owner-only) on the first call; whether
    /// this call made it.
    pub(super) fn made_dir(&mut self) -> anyhow::Result<(&Path, bool)> {
        let first = !self.made;
        if first {
            super::create_private_dir(&self.dir)?;
            self.made = true;
        }
        Ok((&self.dir, first))
    }

    /// Removes the directory, then the lock file (best effort: what is
    /// left is swept by a later run).
    pub(super) fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Cleans up after the dead runs of `tmp`, every `run-<id>.lock` that can
/// be locked: kills the processes still carrying the run's [`MARKER`], then
/// removes `run-<id>/` and the lock file. Best effort: what cannot be
/// removed now is tried again by the next run.
pub(super) fn sweep(tmp: &Path) {
    let (Ok(entries), Ok(resolved)) = (std::fs::read_dir(tmp), std::fs::canonicalize(tmp)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(id) = name
            .to_str()
            .and_then(|name| name.strip_prefix(PREFIX))
            .and_then(|name| name.strip_suffix(LOCK))
        else {
            continue;
        };
        let Ok(lock) = File::open(entry.path()) else {
            continue;
        };
        if lock.try_lock().is_ok() && still_named(&lock, &entry.path()) {
            let marker = resolved.join(format!("{PREFIX}{id}"));
            hookrc_runner::kill_marked(OsStr::new(MARKER), marker.as_os_str());
            let _ = std::fs::remove_dir_all(tmp.join(format!("{PREFIX}{id}")));
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `path` still names the open file `lock`: another sweep may
/// have removed it meanwhile, and a new run taken the same id.
fn still_named(lock: &File, path: &Path) -> bool {
    match (lock.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{RunTmp, sweep};

    #[test]
    fn a_sweep_removes_dead_runs_and_keeps_live_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let mut live = RunTmp::create(tmp.path()).unwrap();
        let mut dead = RunTmp::create(tmp.path()).unwrap();
        live.made_dir().unwrap();
        dead.made_dir().unwrap();
        std::fs::write(dead.dir.join("staged.go"), "package x\n").unwrap();
        let (dead_dir, dead_lock) = (dead.dir.clone(), dead.lock_path.clone());
        // A dead run: its lock is released, its files stay behind.
        drop(dead.lock);
        sweep(tmp.path());
        assert!(!dead_dir.exists() && !dead_lock.exists());
        assert!(live.dir.is_dir() && live.lock_path.is_file());
        let live_dir = live.dir.clone();
        live.remove();
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
        assert!(!live_dir.exists());
    }
}
