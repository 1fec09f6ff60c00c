//! [`TestRepo`]: a real git repository in a temp dir, driven by real git.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

use crate::environment::hermetic_env;
use crate::filters::{duration_filter, path_filters};
use crate::state::{RepoState, hash_file, scan_worktree};

/// A git repository in its own temp directory, with a hermetic environment
/// (see [`hermetic_env`]). The layout under [`TestRepo::tmp_root`] is
/// `home/` (`HOME`, with an empty global config), `repo/` (the repository; a
/// bare one for [`TestRepo::new_bare`]) and whatever the test adds (linked
/// worktrees, bare remotes). Deleted on drop.
///
/// Every method panics with a message naming the failed operation (and, for
/// commands, their full output): a test kit has no errors to return.
#[derive(Debug)]
pub struct TestRepo {
    tmp: TempDir,
    root: PathBuf,
    hookrc: Option<PathBuf>,
    tick: Cell<u64>,
}

impl Default for TestRepo {
    fn default() -> Self {
        Self::new()
    }
}

#[expect(
    clippy::missing_panics_doc,
    reason = "every method panics on failure, as documented on the type"
)]
impl TestRepo {
    /// A fresh non-bare repository (`git init`, branch `main`, no commits).
    pub fn new() -> Self {
        Self::init(&[])
    }

    /// A fresh bare repository (`git init --bare`); [`TestRepo::root`] is its
    /// git dir.
    pub fn new_bare() -> Self {
        Self::init(&["--bare"])
    }

    fn init(extra: &[&str]) -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("hookrc-test.")
            .tempdir()
            .expect("create a temp dir for the test repository");
        let base = tmp
            .path()
            .canonicalize()
            .expect("canonicalize the temp dir");
        let home = base.join("home");
        std::fs::create_dir_all(home.join(".config")).expect("create the test HOME");
        std::fs::write(home.join(".gitconfig"), "").expect("create the empty global git config");
        let root = base.join("repo");
        let repo = TestRepo {
            tmp,
            root,
            hookrc: None,
            tick: Cell::new(0),
        };
        let mut args = vec!["init", "--quiet"];
        args.extend_from_slice(extra);
        let root_arg = repo.root.clone();
        let mut cmd = repo.git_cmd_in(&base, args);
        cmd.arg(root_arg);
        run_checked(&mut cmd);
        repo
    }

    /// Use `hookrc` as the binary that [`TestRepo::hookrc_cmd`] runs
    /// (an integration test passes `env!("CARGO_BIN_EXE_hookrc")`; see
    /// [`test_repo!`](crate::test_repo)).
    #[must_use]
    pub fn with_hookrc(mut self, hookrc: impl Into<PathBuf>) -> Self {
        self.hookrc = Some(hookrc.into());
        self
    }

    /// The repository: the worktree root, or the git dir of a bare repo.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The canonical temp directory that holds everything of this test.
    pub fn tmp_root(&self) -> &Path {
        self.root.parent().unwrap_or(self.tmp.path())
    }

    /// `rela` anchored at [`TestRepo::root`].
    pub fn path(&self, rela: impl AsRef<Path>) -> PathBuf {
        self.root.join(rela)
    }

    /// The hermetic environment for the next process; each call advances the
    /// clock by one minute so successive commits have increasing dates.
    pub fn env(&self) -> BTreeMap<OsString, OsString> {
        let tick = self.tick.get();
        self.tick.set(tick + 1);
        hermetic_env(self.tmp_root(), tick)
    }

    /// A `git` command in the repository, ready to run and inspect.
    pub fn git_cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.git_cmd_in(&self.root, args)
    }

    /// A `git` command in `dir` (a linked worktree, a subdirectory, …).
    pub fn git_cmd_in<I, S>(&self, dir: &Path, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new("git");
        cmd.env_clear().envs(self.env()).current_dir(dir).args(args);
        cmd
    }

    /// Run git in the repository; panics (with its output) unless it
    /// succeeds. Returns stdout.
    pub fn git<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.git_in(&self.root, args)
    }

    /// Run git in `dir`; panics (with its output) unless it succeeds.
    /// Returns stdout.
    pub fn git_in<I, S>(&self, dir: &Path, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let output = run_checked(&mut self.git_cmd_in(dir, args));
        String::from_utf8(output.stdout).expect("git printed UTF-8")
    }

    /// Write `contents` to `rela` under the root, creating parent dirs.
    pub fn write(&self, rela: impl AsRef<Path>, contents: impl AsRef<[u8]>) {
        let path = self.path(rela);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the parent directory");
        }
        std::fs::write(&path, contents).expect("write a file in the test repository");
    }

    /// The bytes of `rela` under the root.
    pub fn read(&self, rela: impl AsRef<Path>) -> Vec<u8> {
        std::fs::read(self.path(rela)).expect("read a file in the test repository")
    }

    /// The text of `rela` under the root.
    pub fn read_string(&self, rela: impl AsRef<Path>) -> String {
        String::from_utf8(self.read(rela)).expect("file is UTF-8")
    }

    /// Copy the directory `from` (e.g. `fixtures/go/<name>`, found with
    /// `env!("CARGO_MANIFEST_DIR")`) to `to` under the root, recursively,
    /// keeping executable bits; symlinks are copied as links.
    pub fn copy_tree(&self, from: &Path, to: impl AsRef<Path>) {
        copy_tree(from, &self.path(to));
    }

    /// `git add -A && git commit -m msg`; returns the new commit's id.
    pub fn commit_all(&self, message: &str) -> String {
        self.git(["add", "-A"]);
        self.git(["commit", "--quiet", "--no-verify", "-m", message]);
        self.git(["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// A linked worktree at `<tmp root>/<name>` on a new branch `<name>`.
    pub fn add_worktree(&self, name: &str) -> PathBuf {
        let path = self.tmp_root().join(name);
        let mut cmd = self.git_cmd(["worktree", "add", "--quiet", "-b", name]);
        cmd.arg(&path);
        run_checked(&mut cmd);
        path
    }

    /// A bare repository at `<tmp root>/<name>.git`, added as remote `name`.
    pub fn add_bare_remote(&self, name: &str) -> PathBuf {
        let path = self.tmp_root().join(format!("{name}.git"));
        let mut init = self.git_cmd_in(self.tmp_root(), ["init", "--quiet", "--bare"]);
        init.arg(&path);
        run_checked(&mut init);
        let mut add = self.git_cmd(["remote", "add", name]);
        add.arg(&path);
        run_checked(&mut add);
        path
    }

    /// An empty directory `<tmp root>/<name>`, outside any repository.
    pub fn outside_dir(&self, name: &str) -> PathBuf {
        let path = self.tmp_root().join(name);
        std::fs::create_dir_all(&path).expect("create a directory outside the repository");
        path
    }

    /// The hookrc binary given to [`TestRepo::with_hookrc`].
    ///
    /// # Panics
    /// When no binary was given (unit tests have none).
    pub fn hookrc_path(&self) -> &Path {
        self.hookrc
            .as_deref()
            .expect("no hookrc binary: build the repo with test_repo!() in an integration test")
    }

    /// The hookrc binary, run in the repository with the hermetic env.
    pub fn hookrc_cmd(&self) -> Command {
        self.hookrc_cmd_in(&self.root)
    }

    /// The hookrc binary, run in `dir` with the hermetic env.
    pub fn hookrc_cmd_in(&self, dir: &Path) -> Command {
        let mut cmd = Command::new(self.hookrc_path());
        cmd.env_clear().envs(self.env()).current_dir(dir);
        cmd
    }

    /// The state of the main worktree and its index.
    pub fn snapshot_state(&self) -> RepoState {
        self.snapshot_state_of(&self.root)
    }

    /// The state of the worktree at `dir` (main or linked) and its index.
    pub fn snapshot_state_of(&self, dir: &Path) -> RepoState {
        let index = self.git_in(
            dir,
            ["rev-parse", "--path-format=absolute", "--git-path", "index"],
        );
        RepoState {
            worktree: scan_worktree(dir),
            entries: self.git_in(dir, ["ls-files", "--stage"]),
            index_file: hash_file(Path::new(index.trim_end())),
        }
    }

    /// insta filters: the repository as `[REPO]`, the rest of the temp dir
    /// (linked worktrees, remotes, `home/`) as `[TMP]`, the hookrc binary as
    /// `[HOOKRC]`, durations as `[TIME]`.
    pub fn filters(&self) -> Vec<(String, String)> {
        let mut paths = vec![(self.tmp_root(), "[TMP]"), (self.root(), "[REPO]")];
        if let Some(hookrc) = &self.hookrc {
            paths.push((hookrc.as_path(), "[HOOKRC]"));
        }
        let mut filters = path_filters(&paths);
        filters.push(duration_filter());
        filters
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a directory of the copy");
    for entry in std::fs::read_dir(from).expect("read a directory to copy") {
        let entry = entry.expect("read a directory entry to copy");
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().expect("stat an entry to copy");
        if kind.is_dir() {
            copy_tree(&src, &dst);
        } else if kind.is_symlink() {
            copy_symlink(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy a file");
        }
    }
}

#[cfg(unix)]
fn copy_symlink(src: &Path, dst: &Path) {
    let target = std::fs::read_link(src).expect("read a symlink to copy");
    std::os::unix::fs::symlink(target, dst).expect("copy a symlink");
}

#[cfg(not(unix))]
fn copy_symlink(src: &Path, dst: &Path) {
    std::fs::copy(src, dst).expect("copy a symlink's target");
}

/// Run `cmd`, panicking with its full output unless it succeeds.
fn run_checked(cmd: &mut Command) -> Output {
    let output = cmd.output().expect("spawn the command");
    assert!(
        output.status.success(),
        "command failed: {cmd:?}\nstatus: {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    output
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::PathState;

    #[test]
    fn commits_are_reproducible_and_ordered_by_time() {
        let first = TestRepo::new();
        let second = TestRepo::new();
        for repo in [&first, &second] {
            repo.write("a.txt", "a\n");
            repo.commit_all("feat: a");
            repo.write("dir/b.txt", "b\n");
            repo.commit_all("feat: b");
        }
        let log = |repo: &TestRepo| repo.git(["log", "--format=%H %ct %an <%ae> %s"]);
        assert_eq!(log(&first), log(&second));
        let times: Vec<u64> = first
            .git(["log", "--format=%ct"])
            .lines()
            .map(|t| t.parse().expect("a unix time"))
            .collect();
        assert!(times[0] > times[1], "newest commit first: {times:?}");
        assert_eq!(first.git(["branch", "--show-current"]).trim(), "main");
    }

    #[test]
    fn config_is_isolated_from_the_machine() {
        let repo = TestRepo::new();
        let global = repo
            .git_cmd(["config", "--global", "--list"])
            .output()
            .expect("run git");
        assert!(global.stdout.is_empty(), "global config must be empty");
        let outside = repo.outside_dir("elsewhere");
        let status = repo
            .git_cmd_in(&outside, ["rev-parse", "--git-dir"])
            .output()
            .expect("run git");
        assert!(
            !status.status.success(),
            "no repository above the temp root"
        );
        assert_eq!(repo.git(["config", "core.autocrlf"]).trim(), "false");
    }

    #[test]
    fn snapshot_state_sees_untracked_edits_modes_and_index_changes() {
        let repo = TestRepo::new();
        repo.write("a.txt", "a\n");
        repo.commit_all("feat: a");
        let clean = repo.snapshot_state();
        assert_eq!(clean, repo.snapshot_state());

        repo.write("untracked.txt", "u\n");
        let with_untracked = repo.snapshot_state();
        assert_ne!(clean.worktree, with_untracked.worktree);
        assert_eq!(clean.entries, with_untracked.entries);

        repo.git(["add", "untracked.txt"]);
        let staged = repo.snapshot_state();
        assert_ne!(with_untracked.entries, staged.entries);
        assert_ne!(with_untracked.index_file, staged.index_file);

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = repo.path("a.txt");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            let state = repo.snapshot_state();
            assert!(matches!(
                state.worktree[Path::new("a.txt")],
                PathState::File {
                    executable: true,
                    ..
                }
            ));
        }
    }

    #[test]
    fn worktrees_and_remotes_work() {
        let repo = TestRepo::new();
        repo.write("a.txt", "a\n");
        repo.commit_all("feat: a");
        let worktree = repo.add_worktree("topic");
        assert_eq!(
            repo.git_in(&worktree, ["branch", "--show-current"]).trim(),
            "topic"
        );
        let state = repo.snapshot_state_of(&worktree);
        assert!(state.worktree.contains_key(Path::new("a.txt")));
        assert!(state.index_file.is_some());

        let remote = repo.add_bare_remote("origin");
        repo.git(["push", "--quiet", "origin", "main"]);
        let pushed = repo.git_in(&remote, ["rev-parse", "main"]);
        assert_eq!(pushed, repo.git(["rev-parse", "HEAD"]));
    }

    #[test]
    fn copy_tree_copies_nested_files_modes_and_links() {
        let repo = TestRepo::new();
        let src = repo.outside_dir("fixture");
        std::fs::create_dir_all(src.join("pkg")).expect("mkdir");
        std::fs::write(src.join("go.mod"), "module example.com/m\n").expect("write");
        std::fs::write(src.join("pkg/run.sh"), "#!/bin/sh\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                src.join("pkg/run.sh"),
                std::fs::Permissions::from_mode(0o755),
            )
            .expect("chmod");
            std::os::unix::fs::symlink("run.sh", src.join("pkg/link")).expect("symlink");
        }
        repo.copy_tree(&src, "mod");
        assert_eq!(repo.read_string("mod/go.mod"), "module example.com/m\n");
        let state = repo.snapshot_state();
        assert!(matches!(
            state.worktree[Path::new("mod/pkg/run.sh")],
            PathState::File {
                executable: true,
                ..
            }
        ));
        #[cfg(unix)]
        assert_eq!(
            state.worktree[Path::new("mod/pkg/link")],
            PathState::Symlink("run.sh".into())
        );
    }

    #[test]
    fn bare_repositories_have_no_worktree() {
        let repo = TestRepo::new_bare();
        assert_eq!(
            repo.git(["rev-parse", "--is-bare-repository"]).trim(),
            "true"
        );
    }

    #[test]
    fn filters_name_the_repo_and_the_rest_of_the_temp_dir() {
        let repo = TestRepo::new().with_hookrc("/opt/bin/hookrc");
        let text = format!(
            "{} {} /opt/bin/hookrc 3ms",
            repo.path(".git/hooks").display(),
            repo.tmp_root().join("topic").display()
        );
        let filtered = repo.filters().iter().fold(text, |acc, (pattern, to)| {
            regex::Regex::new(pattern)
                .expect("valid filter")
                .replace_all(&acc, to.as_str())
                .into_owned()
        });
        assert_eq!(filtered, "[REPO]/.git/hooks [TMP]/topic [HOOKRC] [TIME]");
    }
}
