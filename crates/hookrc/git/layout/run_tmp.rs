//! One temporary directory per run under `<private area>/tmp/`, and the
//! sweep that removes those of runs that died.
//!
//! A run owns `run-<id>/` through `run-<id>.lock` beside it, a file it
//! holds an exclusive `flock` on for as long as it lives: the kernel drops
//! the lock when the process ends, however it ends, so a lock that can be
//! taken belongs to a dead run, whose directory is removed. The lock file
//! is locked under a temporary name and only then renamed to `.lock`, so a
//! sweep never sees an unlocked lock file of a live run.

use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The prefix of a run's directory and lock file.
const PREFIX: &str = "run-";
/// The suffix of a run's lock file.
const LOCK: &str = ".lock";

/// A live run's temporary directory and the lock that says so.
#[derive(Debug)]
pub(super) struct RunTmp {
    /// `tmp/run-<id>/`.
    pub(super) dir: PathBuf,
    lock_path: PathBuf,
    /// Held, never read: the lock lives as long as this file is open.
    #[cfg_attr(not(test), expect(dead_code, reason = "held for its flock"))]
    lock: File,
}

impl RunTmp {
    /// Takes a fresh run id in `tmp`: its lock file, locked, then its
    /// directory (owner-only).
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
        let dir = tmp.join(format!("{PREFIX}{id}"));
        super::create_private_dir(&dir)?;
        Ok(Self {
            dir,
            lock_path,
            lock,
        })
    }

    /// Removes the directory, then the lock file (best effort: what is
    /// left is swept by a later run).
    pub(super) fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Removes the directories of dead runs from `tmp`: every `run-<id>.lock`
/// that can be locked, with its `run-<id>/`. Best effort: what cannot be
/// removed now is tried again by the next run.
pub(super) fn sweep(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
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
        if lock.try_lock().is_ok() {
            let _ = std::fs::remove_dir_all(tmp.join(format!("{PREFIX}{id}")));
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{RunTmp, sweep};

    #[test]
    fn a_sweep_removes_dead_runs_and_keeps_live_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let live = RunTmp::create(tmp.path()).unwrap();
        let dead = RunTmp::create(tmp.path()).unwrap();
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
