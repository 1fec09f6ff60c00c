//! Where verdicts are kept: one JSON file per key in
//! `<git common dir>/hookrc/cache/` (directory 0700, files 0600), so every
//! linked worktree of the repository shares them.
//!
//! Safe with concurrent runs without a lock: an entry is written whole to
//! a temporary file and renamed over its name, so a reader sees the old
//! entry, the new one or none. An entry that cannot be read or parsed, or
//! holds another key, is a miss; the run that follows rewrites it. A hit
//! sets the entry's modification time (unless it was set in the last
//! minutes), which makes it the most recently used; past [`MAX_BYTES`] the least recently used entries are removed,
//! checked after one store in [`EVICT_EVERY`] so a miss stays cheap.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::key::Key;
use crate::git::{create_private_dir, private_area_path};
use crate::output::report::CheckReport;

/// The size the entries may take together before the least recently used
/// go.
pub(crate) const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// One store in this many (by key) checks the size.
const EVICT_EVERY: u8 = 16;

/// What eviction keeps, as a fraction of the bound: room for many stores
/// before the next eviction.
const KEEP_NUMERATOR: u64 = 3;
const KEEP_DENOMINATOR: u64 = 4;

/// How long a used entry counts as just used: a hit marks its entry only
/// when it was last marked longer ago (a write saved on every re-run; the
/// order of eviction needs no finer grain).
const FRESH: Duration = Duration::from_mins(10);

/// How old a temporary file left by a crashed writer must be to be removed.
const STALE_TEMP: Duration = Duration::from_hours(1);

/// The entry format; an entry of another format is a miss.
const FORMAT: u32 = 1;

/// The cache of one repository.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    dir: PathBuf,
}

/// One stored verdict.
#[derive(Serialize, Deserialize)]
struct Entry {
    format: u32,
    key: String,
    report: CheckReport,
    output_always: bool,
}

/// What `hookrc cache stats` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stats {
    /// The cache directory.
    pub(crate) dir: PathBuf,
    /// How many verdicts are stored.
    pub(crate) entries: u64,
    /// Their size on disk, in bytes.
    pub(crate) bytes: u64,
    /// When the least recently used one was last used.
    pub(crate) oldest: Option<SystemTime>,
}

impl Store {
    /// The cache of the repository of the worktree `root`; its directory
    /// is created (owner-only) by the first store.
    pub(crate) fn find(root: &Path) -> anyhow::Result<Self> {
        Ok(Self {
            dir: private_area_path(root)?.join("cache"),
        })
    }

    /// A cache in `dir` (tests).
    #[cfg(test)]
    pub(crate) fn at(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.json", key.hex()))
    }

    /// The report stored under `key`, marked as just used; `None` for a
    /// miss, including an entry that is unreadable or not for `key`.
    pub(crate) fn load(&self, key: &Key) -> Option<CheckReport> {
        use std::io::Read as _;
        let path = self.path(key);
        let mut file = std::fs::File::open(&path).ok()?;
        let used = file.metadata().and_then(|meta| meta.modified()).ok();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        if entry.format != FORMAT || entry.key != key.hex() {
            return None;
        }
        let now = SystemTime::now();
        let recent = used.is_some_and(|used| now.duration_since(used).unwrap_or_default() < FRESH);
        if !recent && let Ok(file) = std::fs::File::options().append(true).open(&path) {
            let _ = file.set_modified(now);
        }
        let mut report = entry.report;
        report.output_always = entry.output_always;
        Some(report)
    }

    /// Keep `report` under `key`, replacing any entry there.
    pub(crate) fn save(&self, key: &Key, report: &CheckReport) -> anyhow::Result<()> {
        let entry = Entry {
            format: FORMAT,
            key: key.hex().to_owned(),
            report: report.clone(),
            output_always: report.output_always,
        };
        let json = serde_json::to_vec(&entry).context("cannot encode a cache entry")?;
        create_private_dir(&self.dir)?;
        crate::files::replace(&self.path(key), &json)?;
        if key.bucket().is_multiple_of(EVICT_EVERY) {
            self.evict(MAX_BYTES)?;
        }
        Ok(())
    }

    /// Remove the least recently used entries while they take more than
    /// `limit` bytes (down to three quarters of it), and temporary files
    /// a crashed writer left.
    pub(crate) fn evict(&self, limit: u64) -> anyhow::Result<()> {
        let mut entries = self.entries()?;
        let mut total: u64 = entries.iter().map(|e| e.bytes).sum();
        if total <= limit {
            return Ok(());
        }
        entries.sort_by_key(|e| e.used);
        let keep = limit / KEEP_DENOMINATOR * KEEP_NUMERATOR;
        for entry in entries {
            if total <= keep {
                break;
            }
            match std::fs::remove_file(&entry.path) {
                Ok(()) => total = total.saturating_sub(entry.bytes),
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err)
                        .with_context(|| format!("cannot remove `{}`", entry.path.display()));
                }
            }
        }
        Ok(())
    }

    /// How many verdicts are stored, and their size.
    pub(crate) fn stats(&self) -> anyhow::Result<Stats> {
        let entries = self.entries()?;
        Ok(Stats {
            dir: self.dir.clone(),
            entries: entries.len() as u64,
            bytes: entries.iter().map(|e| e.bytes).sum(),
            oldest: entries.iter().map(|e| e.used).min(),
        })
    }

    /// Remove every entry; how many there were.
    pub(crate) fn clear(&self) -> anyhow::Result<u64> {
        let entries = self.entries()?;
        for entry in &entries {
            fs_err::remove_file(&entry.path)?;
        }
        Ok(entries.len() as u64)
    }

    /// The entries on disk (none when the directory does not exist);
    /// stale temporary files are removed on the way.
    fn entries(&self) -> anyhow::Result<Vec<OnDisk>> {
        let list = match std::fs::read_dir(&self.dir) {
            Ok(list) => list,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => {
                return Err(err).with_context(|| format!("cannot list `{}`", self.dir.display()));
            }
        };
        let mut found = Vec::new();
        for item in list {
            let item = item.with_context(|| format!("cannot list `{}`", self.dir.display()))?;
            let Ok(meta) = item.metadata() else { continue };
            let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let path = item.path();
            if path.extension().is_some_and(|e| e == "json") {
                found.push(OnDisk {
                    path,
                    bytes: meta.len(),
                    used,
                });
            } else if used.elapsed().is_ok_and(|age| age > STALE_TEMP) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(found)
    }
}

/// An entry file: where, how large, when last used.
struct OnDisk {
    path: PathBuf,
    bytes: u64,
    used: SystemTime,
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;
    use std::time::{Duration, SystemTime};

    use super::{FRESH, Key, Store};
    use crate::output::report::{CheckReport, CheckStatus};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::at(dir.path().to_owned());
        (dir, store)
    }

    fn key_of(bytes: &[u8]) -> Key {
        Key::of_bytes(bytes).expect("key")
    }

    fn report(output: &str) -> CheckReport {
        let mut report = CheckReport::new("go-vet", CheckStatus::Failed);
        report.output = output.to_owned();
        report.duration = Duration::from_millis(365);
        report
    }

    #[test]
    fn a_stored_verdict_comes_back_whole_and_private() {
        let (_dir, store) = store();
        let key = key_of(b"one");
        assert_eq!(store.load(&key), None);
        store.save(&key, &report("x.go:1: bad")).expect("save");
        assert_eq!(store.load(&key), Some(report("x.go:1: bad")));
        let mode = fs_err::metadata(store.path(&key))
            .expect("stat")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(store.load(&key_of(b"two")), None);
    }

    #[test]
    fn a_corrupt_or_foreign_entry_is_a_miss_and_is_rewritten() {
        let (_dir, store) = store();
        let (key, other) = (key_of(b"one"), key_of(b"two"));
        fs_err::write(store.path(&key), "{not json").expect("write");
        assert_eq!(store.load(&key), None);
        store.save(&other, &report("other")).expect("save");
        fs_err::copy(store.path(&other), store.path(&key)).expect("copy");
        assert_eq!(store.load(&key), None, "an entry holding another key");
        store.save(&key, &report("mine")).expect("rewrite");
        assert_eq!(store.load(&key), Some(report("mine")));
    }

    #[test]
    fn a_hit_marks_its_entry_used_unless_it_was_just_marked() {
        let (_dir, store) = store();
        let key = key_of(b"one");
        store.save(&key, &report("ok")).expect("save");
        let used = |store: &Store| {
            fs_err::metadata(store.path(&key))
                .and_then(|meta| meta.modified())
                .expect("stat")
        };
        let age = |then: SystemTime| {
            let file = std::fs::File::options()
                .append(true)
                .open(store.path(&key))
                .expect("open");
            file.set_modified(then).expect("age it");
        };
        let recent = SystemTime::now() - FRESH / 2;
        age(recent);
        assert!(store.load(&key).is_some());
        assert_eq!(
            used(&store),
            recent,
            "no write for an entry marked minutes ago"
        );
        let old = SystemTime::now() - FRESH * 2;
        age(old);
        assert!(store.load(&key).is_some());
        assert!(used(&store) > recent, "marked used now");
    }

    #[test]
    fn eviction_removes_the_least_recently_used_first() {
        let (_dir, store) = store();
        let keys: Vec<Key> = (0..4u8).map(|n| key_of(&[n])).collect();
        for (age, key) in (0..4u32).rev().zip(&keys) {
            store.save(key, &report(&"x".repeat(1000))).expect("save");
            let file = std::fs::File::options()
                .append(true)
                .open(store.path(key))
                .expect("open");
            let then = SystemTime::now() - FRESH * (age + 2);
            file.set_modified(then).expect("age it");
        }
        assert!(store.load(&keys[0]).is_some(), "the oldest, used now");
        let size = fs_err::metadata(store.path(&keys[0])).expect("stat").len();
        store.evict(size * 3).expect("evict");
        let kept: Vec<bool> = keys.iter().map(|k| store.load(k).is_some()).collect();
        assert_eq!(kept, [true, false, false, true]);
        let stats = store.stats().expect("stats");
        assert_eq!((stats.entries, stats.bytes), (2, 2 * size));
        assert_eq!(store.clear().expect("clear"), 2);
        assert_eq!(store.stats().expect("stats").entries, 0);
    }
}
