//! Checkouts of commits that keep Go's caches warm: a few private slots in
//! `<common dir>/hookrc/checkouts/<n>/`, each holding one commit's tree and
//! its own index (`<n>.index`). Moving a slot to another commit is git's
//! own `read-tree --reset -u`, which rewrites only the files that differ
//! (and any a tool changed in the slot) and so keeps the paths and
//! modification times of everything else: the go command's build and test
//! caches, keyed on both, stay effective from one push to the next, where
//! a fresh directory per push would rebuild and rerun everything.
//!
//! A slot is taken with an exclusive lock on `<n>.lock`, so hook runs of two
//! worktrees at once each get their own; the lock ends with the process.
//! Files a tool left in a slot that the slot's commit does not hold are
//! removed before the next checkout. git runs with its `GIT_DIR`,
//! `GIT_WORK_TREE` and `GIT_INDEX_FILE` pointed at the slot, so nothing of
//! the user's index or working tree is read or written.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use gix::bstr::ByteSlice as _;
use hookrc_runner::{Cancel, Job};

use super::index::{read_index, to_path};
use super::layout::create_private_dir;

/// How many hook runs at once may hold a checkout.
const SLOTS: usize = 8;

/// A checkout slot held by this process.
pub(crate) struct Mirror {
    tree: PathBuf,
    index: PathBuf,
    _lock: File,
}

impl Mirror {
    /// Take a free slot under `area` (hookrc's private area).
    pub(crate) fn acquire(area: &Path) -> anyhow::Result<Mirror> {
        let slots = area.join("checkouts");
        create_private_dir(&slots)?;
        for n in 0..SLOTS {
            let lock_path = slots.join(format!("{n}.lock"));
            let lock = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .with_context(|| format!("cannot open `{}`", lock_path.display()))?;
            if lock.try_lock().is_ok() {
                return Ok(Mirror {
                    tree: slots.join(n.to_string()),
                    index: slots.join(format!("{n}.index")),
                    _lock: lock,
                });
            }
        }
        bail!(
            "all {SLOTS} checkout slots in `{}` are in use by other hook runs",
            slots.display()
        )
    }

    /// The slot's tree: the root of the checked-out commit.
    pub(crate) fn dir(&self) -> &Path {
        &self.tree
    }

    /// Make the slot hold exactly the tree of `commit` from the repository
    /// whose git dir is `git_dir`; `env` is the environment git starts from.
    pub(crate) fn check_out(
        &self,
        git_dir: &Path,
        commit: &str,
        env: &BTreeMap<OsString, OsString>,
    ) -> anyhow::Result<()> {
        if self.remove_strays().is_err() {
            self.wipe()?;
        }
        create_private_dir(&self.tree)?;
        if self.read_tree(git_dir, commit, env).is_ok() {
            return Ok(());
        }
        self.wipe()?;
        create_private_dir(&self.tree)?;
        self.read_tree(git_dir, commit, env)
    }

    /// `git read-tree --reset -u <commit>` into the slot.
    fn read_tree(
        &self,
        git_dir: &Path,
        commit: &str,
        env: &BTreeMap<OsString, OsString>,
    ) -> anyhow::Result<()> {
        let mut env = env.clone();
        env.retain(|key, _| !key.as_encoded_bytes().starts_with(b"GIT_"));
        env.insert("GIT_DIR".into(), git_dir.into());
        env.insert("GIT_WORK_TREE".into(), self.tree.clone().into());
        env.insert("GIT_INDEX_FILE".into(), self.index.clone().into());
        let argv = [
            "git",
            "-c",
            "core.sparseCheckout=false",
            "read-tree",
            "--reset",
            "-u",
            commit,
        ];
        // What git writes into the slot is owner-only, as every private copy
        // of the user's content (files 0600, or 0700 when executable).
        let job = Job::new(argv, &self.tree).with_env(env).with_umask(0o077);
        let done = hookrc_runner::run(&job, &Cancel::new())
            .context("cannot run `git read-tree` for a private checkout")?;
        if !done.success() {
            bail!(
                "`git read-tree` could not check out {commit} into `{}`: {}",
                self.tree.display(),
                String::from_utf8_lossy(done.stderr()).trim()
            );
        }
        Ok(())
    }

    /// Remove whatever the slot's tree holds beyond its index's files.
    fn remove_strays(&self) -> anyhow::Result<()> {
        let Some(index) = read_index(&self.index, gix::hash::Kind::Sha1)? else {
            return self.wipe();
        };
        let mut tracked = BTreeSet::new();
        let mut dirs = BTreeSet::new();
        for entry in index.entries() {
            let path = to_path(entry.path(&index).as_bstr());
            dirs.extend(path.ancestors().skip(1).map(Path::to_path_buf));
            tracked.insert(path);
        }
        remove_untracked(&self.tree, Path::new(""), &tracked, &dirs)
    }

    /// Remove the slot's tree and index.
    fn wipe(&self) -> anyhow::Result<()> {
        match std::fs::remove_dir_all(&self.tree) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                return Err(err)
                    .with_context(|| format!("cannot remove `{}`", self.tree.display()));
            }
            _ => {}
        }
        match std::fs::remove_file(&self.index) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                Err(err).with_context(|| format!("cannot remove `{}`", self.index.display()))
            }
            _ => Ok(()),
        }
    }
}

/// Remove every path under `root/dir` that is neither a `tracked` file nor
/// a directory on the way to one.
fn remove_untracked(
    root: &Path,
    dir: &Path,
    tracked: &BTreeSet<PathBuf>,
    dirs: &BTreeSet<PathBuf>,
) -> anyhow::Result<()> {
    let absolute = root.join(dir);
    let Some(entries) = crate::files::read_dir_if_present(&absolute)? else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list `{}`", absolute.display()))?;
        let path = dir.join(entry.file_name());
        let kind = entry
            .file_type()
            .with_context(|| format!("cannot stat `{}`", entry.path().display()))?;
        if kind.is_dir() && dirs.contains(&path) {
            remove_untracked(root, &path, tracked, dirs)?;
        } else if kind.is_dir() {
            fs_err::remove_dir_all(entry.path())?;
        } else if !tracked.contains(&path) {
            fs_err::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Whether the worktree at `root` holds exactly the tree of `commit` in
/// the repo-relative `paths` (everything for an empty list): `HEAD` has
/// that tree, and `git status` sees no staged, unstaged, untracked or
/// ignored file there (an ignored `.go` file would be compiled in place
/// but is not in a clean clone). It takes no lock and writes nothing
/// (`--no-optional-locks`).
pub(crate) fn worktree_holds(
    root: &Path,
    head_tree: Option<&str>,
    commit_tree: &str,
    paths: &[PathBuf],
    env: &BTreeMap<OsString, OsString>,
) -> anyhow::Result<bool> {
    if head_tree != Some(commit_tree) {
        return Ok(false);
    }
    let mut argv: Vec<OsString> = [
        "git",
        "--no-optional-locks",
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--ignored=matching",
        "--ignore-submodules=none",
        "--",
    ]
    .iter()
    .map(OsString::from)
    .collect();
    if !paths.iter().any(|p| p.as_os_str().is_empty()) {
        argv.extend(paths.iter().map(|p| {
            let mut spec = OsString::from(":(literal)");
            spec.push(p);
            spec
        }));
    }
    let job = Job::new(argv, root).with_env(env.clone());
    let done = hookrc_runner::run(&job, &Cancel::new()).context("cannot run `git status`")?;
    if !done.success() {
        bail!(
            "`git status` failed: {}",
            String::from_utf8_lossy(done.stderr()).trim()
        );
    }
    Ok(done.stdout().is_empty())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use hookrc_testkit::TestRepo;

    use super::{Mirror, worktree_holds};

    fn read(dir: &Path, path: &str) -> Option<String> {
        std::fs::read_to_string(dir.join(path)).ok()
    }

    #[test]
    fn a_slot_moves_between_commits_touching_only_what_differs() {
        let repo = TestRepo::new();
        repo.write("keep.txt", "keep\n");
        repo.write("dir/old.txt", "old\n");
        let first = repo.commit_all("feat: first");
        repo.write("dir/new.txt", "new\n");
        std::fs::remove_file(repo.path("dir/old.txt")).expect("remove");
        let second = repo.commit_all("feat: second");
        let area = repo.path(".git/hookrc");
        let mirror = Mirror::acquire(&area).expect("a slot");
        let git_dir = repo.path(".git");
        mirror
            .check_out(&git_dir, &first, &repo.env())
            .expect("first");
        let tree = mirror.dir().to_owned();
        assert_eq!(read(&tree, "dir/old.txt").as_deref(), Some("old\n"));
        let kept = std::fs::metadata(tree.join("keep.txt")).expect("kept");
        let mode = |path: &str| {
            let meta = std::fs::metadata(tree.join(path)).expect("stat");
            std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o777
        };
        assert_eq!(
            (mode("keep.txt"), mode("dir")),
            (0o600, 0o700),
            "owner-only"
        );
        // What tools leave or change in a slot does not survive the next checkout.
        std::fs::write(tree.join("stray.txt"), "left by a tool\n").expect("stray");
        std::fs::create_dir(tree.join("out")).expect("dir");
        std::fs::write(tree.join("out/x"), "x").expect("stray in a dir");
        mirror
            .check_out(&git_dir, &second, &repo.env())
            .expect("second");
        assert_eq!(read(&tree, "dir/new.txt").as_deref(), Some("new\n"));
        assert_eq!(read(&tree, "dir/old.txt"), None);
        assert_eq!(read(&tree, "stray.txt"), None);
        assert!(!tree.join("out").exists());
        let after = std::fs::metadata(tree.join("keep.txt")).expect("kept");
        assert_eq!(kept.modified().ok(), after.modified().ok(), "untouched");
        std::fs::write(tree.join("keep.txt"), "changed by a test\n").expect("edit");
        mirror
            .check_out(&git_dir, &second, &repo.env())
            .expect("again");
        assert_eq!(read(&tree, "keep.txt").as_deref(), Some("keep\n"));
        // A second run at the same time gets another slot.
        let other = Mirror::acquire(&area).expect("another slot");
        assert_ne!(other.dir(), mirror.dir());
        assert_eq!(repo.git(["status", "--porcelain"]), "", "the user's tree");
    }

    #[test]
    fn the_worktree_holds_a_commit_only_when_clean_there() {
        let repo = TestRepo::new();
        repo.write("a/x.txt", "x\n");
        repo.write("b/y.txt", "y\n");
        repo.commit_all("feat: base");
        let tree = repo.git(["rev-parse", "HEAD^{tree}"]).trim().to_owned();
        let holds = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            worktree_holds(repo.root(), Some(&tree), &tree, &paths, &repo.env()).expect("status")
        };
        assert!(holds(&["a", "b"]));
        repo.write("b/untracked.txt", "u\n");
        assert!(holds(&["a"]) && !holds(&["b"]) && !holds(&[""]));
        std::fs::remove_file(repo.path("b/untracked.txt")).expect("remove");
        repo.write(".git/info/exclude", "*.local\n");
        repo.write("b/scratch.local", "ignored, still read by a tool\n");
        assert!(holds(&["a"]) && !holds(&["b"]));
        std::fs::remove_file(repo.path("b/scratch.local")).expect("remove");
        repo.write("a/x.txt", "edited\n");
        assert!(!holds(&["a"]) && holds(&["b"]));
        assert!(
            !worktree_holds(repo.root(), Some("other"), &tree, &[], &repo.env()).expect("status")
        );
    }
}
