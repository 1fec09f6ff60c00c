//! The verdict cache through real hooks and `hookrc run`, with the real Go
//! toolchain behind a wrapper `go` on `PATH` that logs each start: a
//! verdict already given is replayed without starting any process, and
//! every input of the key (content, policy, tags, the `go` binary, the
//! environment) changes it. Working tree and index stay as they were.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hookrc_testkit::{RepoState, TestRepo, test_repo};

use crate::go_support::{copy_dir, gocache};
use crate::pre_commit::install;

/// A repository holding `fixtures/go/multi` (committed) and `policy`, with
/// a `go` on `PATH` that logs its arguments before it runs the real one.
struct GoRepo {
    repo: TestRepo,
    bin: PathBuf,
    log: PathBuf,
}

const VET: &str = "[hooks]\npre-commit = [\"go-vet\"]\n";

impl GoRepo {
    fn new(policy: &str) -> Self {
        let repo = test_repo!();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/go/multi");
        copy_dir(&fixtures, repo.root());
        repo.write(".hookrc.toml", policy);
        repo.commit_all("chore: init");
        let bin = repo.tmp_root().join("bin");
        let log = repo.tmp_root().join("go-starts.log");
        fs_err::create_dir_all(&bin).expect("test I/O");
        let go = Self { repo, bin, log };
        go.write_wrapper("");
        go
    }

    /// (Re)write the wrapper `go`, with `extra` as a comment line.
    fn write_wrapper(&self, extra: &str) {
        let real = Command::new("sh")
            .args(["-c", "command -v go"])
            .output()
            .expect("`go` on PATH: run the tests with scripts/test");
        let real = String::from_utf8(real.stdout).expect("test I/O");
        let script = format!(
            "#!/bin/sh\n# {extra}\nprintf '%s\\n' \"$*\" >>'{}'\nexec '{}' \"$@\"\n",
            self.log.display(),
            real.trim()
        );
        let path = self.bin.join("go");
        let temp = self.bin.join("go.new");
        fs_err::write(&temp, script).expect("test I/O");
        fs_err::set_permissions(&temp, std::fs::Permissions::from_mode(0o755)).expect("test I/O");
        fs_err::rename(&temp, &path).expect("test I/O");
    }

    /// `PATH` with the wrapper first.
    fn path(&self) -> OsString {
        let inherited = self
            .repo
            .env()
            .remove(&OsString::from("PATH"))
            .unwrap_or_default();
        let mut path = self.bin.clone().into_os_string();
        path.push(":");
        path.push(inherited);
        path
    }

    /// `cmd` with the wrapper first on `PATH`, the shared Go cache and `env`.
    fn with_go(&self, mut cmd: Command, env: &[(&str, &str)]) -> Command {
        cmd.env("PATH", self.path()).env("GOCACHE", gocache());
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd
    }

    /// The go commands started since the last call (their arguments).
    fn starts(&self) -> Vec<String> {
        let text = fs_err::read_to_string(&self.log).unwrap_or_default();
        let _ = fs_err::remove_file(&self.log);
        text.lines().map(str::to_owned).collect()
    }

    /// Whether a `go <tool>` started since the last call.
    fn started(&self, tool: &str) -> bool {
        self.starts()
            .iter()
            .any(|args| args.split(' ').next() == Some(tool))
    }

    /// `hookrc run pre-commit --format json` in `dir` with `env` and
    /// `flags`, which must exit with `code` and leave the working tree and
    /// the index as they were; each check's name and whether it was cached.
    fn run_in(
        &self,
        dir: &Path,
        env: &[(&str, &str)],
        flags: &[&str],
        code: i32,
    ) -> Vec<(String, bool)> {
        let before = self.repo.snapshot_state_of(dir);
        let mut cmd = self.repo.hookrc_cmd_in(dir);
        cmd.args(["run", "pre-commit", "--format", "json"])
            .args(flags);
        let output = self.with_go(cmd, env).output().expect("test I/O");
        assert_eq!(output.status.code(), Some(code), "{}", text(&output));
        assert_unchanged(&before, &self.repo.snapshot_state_of(dir));
        let report: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("a JSON report");
        report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .map(|check| {
                let name = check["name"].as_str().expect("name").to_owned();
                (name, check.get("cached").is_some())
            })
            .collect()
    }

    /// [`GoRepo::run_in`] at the worktree root, passing.
    fn run(&self, env: &[(&str, &str)]) -> Vec<(String, bool)> {
        self.run_in(self.repo.root(), env, &[], 0)
    }

    /// `git <args>` through the installed hooks; its output.
    fn git(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.with_go(self.repo.git_cmd(args), env)
            .output()
            .expect("test I/O")
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The line of the human report that starts with `title`.
fn line_of<'a>(said: &'a str, title: &str) -> &'a str {
    said.lines()
        .find(|line| line.starts_with(title))
        .unwrap_or_else(|| panic!("no `{title}` line in:\n{said}"))
}

/// The worktree and the index entries are what they were.
fn assert_unchanged(before: &RepoState, after: &RepoState) {
    assert_eq!(before.worktree, after.worktree, "the working tree changed");
    assert_eq!(before.entries, after.entries, "the index changed");
}

/// Stage an edit of `mathx/mathx.go` replacing `from` by `to`.
fn stage_edit(repo: &TestRepo, from: &str, to: &str) {
    let source = repo.read_string("mathx/mathx.go");
    assert!(source.contains(from), "no {from:?} in mathx.go");
    repo.write("mathx/mathx.go", source.replacen(from, to, 1));
    repo.git(["add", "mathx/mathx.go"]);
}

fn vet(cached: bool) -> Vec<(String, bool)> {
    vec![("go-vet".to_owned(), cached)]
}

#[test]
fn a_commit_refused_by_commit_msg_and_retried_starts_no_go_process() {
    let policy =
        "[hooks]\ncommit-msg = [\"conventional\"]\npre-commit = [\"go-fmt\", \"go-vet\"]\n";
    let go = GoRepo::new(policy);
    install(&go.repo, &["pre-commit", "commit-msg"]);
    stage_edit(&go.repo, "\"1 item\"", "\"one item\"");
    let before = go.repo.snapshot_state();
    let refused = go.git(&["commit", "-q", "-m", "not conventional"], &[]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(go.started("vet"), "the first attempt runs go vet");
    assert_unchanged(&before, &go.repo.snapshot_state());
    let retried = go.git(&["commit", "-q", "-m", "feat: say one item"], &[]);
    let said = text(&retried);
    assert!(retried.status.success(), "{said}");
    assert_eq!(go.starts(), Vec::<String>::new(), "no go process: {said}");
    assert!(said.contains("go-vet ... passed (cached: "), "{said}");
    assert!(said.contains("go-fmt ... passed (cached: "), "{said}");
    assert_unchanged(&before, &go.repo.snapshot_state());
}

#[test]
fn the_same_staged_tree_committed_again_hits() {
    let go = GoRepo::new(VET);
    install(&go.repo, &["pre-commit"]);
    stage_edit(&go.repo, "\"1 item\"", "\"one item\"");
    let before = go.repo.snapshot_state();
    let first = go.git(&["commit", "-q", "-m", "feat: one"], &[]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(go.started("vet"));
    // Amending with the tree unchanged: nothing differs from HEAD, no go.
    let amended = go.git(&["commit", "-q", "--amend", "-m", "feat: say one"], &[]);
    assert!(amended.status.success(), "{}", text(&amended));
    assert_eq!(go.starts(), Vec::<String>::new(), "{}", text(&amended));
    // The same tree on the same parent again (a rewritten commit): a hit.
    go.repo.git(["reset", "-q", "--soft", "HEAD~"]);
    let again = go.git(&["commit", "-q", "-m", "feat: say one item"], &[]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(
        text(&again).contains("go-vet ... passed (cached: "),
        "{}",
        text(&again)
    );
    assert_eq!(go.starts(), Vec::<String>::new());
    assert_unchanged(&before, &go.repo.snapshot_state());
}

#[test]
fn pre_push_reuses_the_vet_verdict_of_pre_commit_and_runs_the_other_gates() {
    let policy = "[hooks]\npre-commit = [\"go-vet\"]\npre-push = [\"go-vet\", \"go-build\"]\n";
    let go = GoRepo::new(policy);
    go.repo.add_bare_remote("origin");
    go.repo.git(["push", "-q", "origin", "main"]);
    install(&go.repo, &["pre-commit", "pre-push"]);
    stage_edit(&go.repo, "\"1 item\"", "\"one item\"");
    let before = go.repo.snapshot_state();
    let committed = go.git(&["commit", "-q", "-m", "feat: one"], &[]);
    assert!(committed.status.success(), "{}", text(&committed));
    assert!(go.started("vet"));
    let pushed = go.git(&["push", "-q", "origin", "main"], &[]);
    let said = text(&pushed);
    assert!(pushed.status.success(), "{said}");
    let starts = go.starts();
    assert!(
        !starts.iter().any(|s| s.starts_with("vet")),
        "vet ran again: {starts:?}"
    );
    assert!(starts.iter().any(|s| s.starts_with("build")), "{starts:?}");
    let vet = line_of(&said, "go-vet (main) ");
    assert!(vet.contains(" passed (cached: "), "{said}");
    let build = line_of(&said, "go-build (main) ");
    assert!(
        build.contains(" passed (") && !build.contains("cached"),
        "{said}"
    );
    assert_unchanged(&before, &go.repo.snapshot_state());
}

/// Runs vet (a miss), again (a hit), then after `change` (which returns
/// the environment of the next run): that run must miss and start vet.
fn misses_after(policy: &str, change: impl FnOnce(&GoRepo) -> Vec<(&'static str, &'static str)>) {
    let go = GoRepo::new(policy);
    stage_edit(&go.repo, "\"1 item\"", "\"one item\"");
    assert_eq!(go.run(&[]), vet(false));
    assert!(go.started("vet"));
    assert_eq!(go.run(&[]), vet(true));
    assert_eq!(
        go.starts(),
        Vec::<String>::new(),
        "a hit starts no go process"
    );
    let env = change(&go);
    assert_eq!(go.run(&env), vet(false), "a changed input must miss");
    assert!(go.started("vet"));
    assert_eq!(go.run(&env), vet(true), "and the new verdict is kept");
}

#[test]
fn a_changed_file_misses() {
    misses_after(VET, |go| {
        stage_edit(&go.repo, "\" items\"", "\" things\"");
        Vec::new()
    });
}

#[test]
fn a_changed_file_outside_the_checked_packages_misses() {
    misses_after(VET, |go| {
        go.repo
            .write("greet/extra.go", "package greet\n\nconst Extra = 1\n");
        go.repo.git(["add", "greet/extra.go"]);
        Vec::new()
    });
}

#[test]
fn a_changed_policy_misses() {
    misses_after(VET, |go| {
        go.repo.write(
            ".hookrc.toml",
            format!("{VET}[check.go-vet]\nscope = \"changed\"\n"),
        );
        Vec::new()
    });
}

#[test]
fn a_changed_tag_set_misses() {
    misses_after(VET, |go| {
        go.repo.write(
            ".hookrc.toml",
            format!("{VET}[go]\ntags = [\"integration\"]\n"),
        );
        Vec::new()
    });
}

#[test]
fn a_changed_go_binary_misses() {
    misses_after(VET, |go| {
        go.write_wrapper("another build of go");
        Vec::new()
    });
}

#[test]
fn a_changed_environment_variable_misses() {
    misses_after(VET, |_| vec![("GOFLAGS", "-mod=mod")]);
}

#[test]
fn no_cache_and_hookrc_cache_0_always_run_and_store_nothing() {
    let go = GoRepo::new(VET);
    stage_edit(&go.repo, "\"1 item\"", "\"one item\"");
    let root = go.repo.root();
    for _ in 0..2 {
        assert_eq!(go.run_in(root, &[], &["--no-cache"], 0), vet(false));
        assert!(go.started("vet"));
        assert_eq!(
            go.run_in(root, &[("HOOKRC_CACHE", "0")], &[], 0),
            vet(false)
        );
        assert!(go.started("vet"));
    }
    assert!(
        !go.repo.path(".git/hookrc/cache").exists(),
        "nothing stored"
    );
    assert_eq!(go.run(&[]), vet(false));
    assert!(go.started("vet"), "the miss that stores the entry");
    assert_eq!(go.run_in(root, &[], &["--no-cache"], 0), vet(false));
    assert!(go.started("vet"), "`--no-cache` runs even with an entry");
}

#[test]
fn two_worktrees_with_different_staged_content_never_share_a_verdict() {
    let go = GoRepo::new(VET);
    let linked = go.repo.add_worktree("linked");
    let with_error = |dir: &Path| {
        let path = dir.join("mathx/mathx.go");
        let source = fs_err::read_to_string(&path).expect("test I/O");
        let source = source.replacen(
            "import \"strconv\"",
            "import (\n\t\"fmt\"\n\t\"strconv\"\n)",
            1,
        ) + "\n// Bad has a vet error.\nfunc Bad() string {\n\treturn fmt.Sprintf(\"%d\", \"x\")\n}\n";
        fs_err::write(&path, source).expect("test I/O");
        go.repo.git_in(dir, ["add", "mathx/mathx.go"]);
    };
    with_error(go.repo.root());
    assert_eq!(go.run_in(go.repo.root(), &[], &[], 1), vet(false));
    assert!(go.started("vet"));
    let edit = linked.join("mathx/mathx.go");
    let source = fs_err::read_to_string(&edit).expect("test I/O");
    fs_err::write(&edit, source.replacen("\"1 item\"", "\"one item\"", 1)).expect("test I/O");
    go.repo.git_in(&linked, ["add", "mathx/mathx.go"]);
    assert_eq!(go.run_in(&linked, &[], &[], 0), vet(false));
    assert!(go.started("vet"));
    // The same staged content in the linked worktree: the shared verdict.
    go.repo.git_in(&linked, ["checkout", "-q", "--", "."]);
    go.repo.git_in(&linked, ["reset", "-q", "--hard"]);
    with_error(&linked);
    assert_eq!(go.run_in(&linked, &[], &[], 1), vet(true));
    assert_eq!(go.starts(), Vec::<String>::new());
}

/// A repository whose pre-commit runs three custom checks on `*.txt` that
/// log their runs: `plain` (not cached), `cached` (`cache = true`) and
/// `inputs` (`cache-inputs = ["config/**"]`).
fn custom_repo() -> (TestRepo, PathBuf) {
    let repo = test_repo!();
    let log = repo.tmp_root().join("runs.log");
    let check = |name: &str, extra: &str| {
        format!(
            "[check.{name}]\nrun = [\"sh\", \"-c\", \"echo {name} >>'{}'\"]\nfiles = [\"*.txt\"]\npass-filenames = false\n{extra}",
            log.display()
        )
    };
    let policy = format!(
        "[hooks]\npre-commit = [\"plain\", \"cached\", \"inputs\"]\n{}{}{}",
        check("plain", ""),
        check("cached", "cache = true\n"),
        check("inputs", "cache-inputs = [\"config/**\"]\n"),
    );
    repo.write(".hookrc.toml", policy);
    repo.write("config/app.toml", "level = 1\n");
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    repo.write("a.txt", "b\n");
    repo.git(["add", "a.txt"]);
    (repo, log)
}

/// `hookrc run pre-commit` (passing, nothing changed); which checks ran.
fn custom_run(repo: &TestRepo, log: &Path) -> Vec<String> {
    let before = repo.snapshot_state();
    let output = repo
        .hookrc_cmd()
        .args(["run", "pre-commit"])
        .output()
        .expect("test I/O");
    assert!(output.status.success(), "{}", text(&output));
    assert_unchanged(&before, &repo.snapshot_state());
    let ran = fs_err::read_to_string(log).unwrap_or_default();
    let _ = fs_err::remove_file(log);
    // The checks run side by side: in policy order, whatever order they ran in.
    let mut ran: Vec<String> = ran.lines().map(str::to_owned).collect();
    let order = ["plain", "cached", "inputs"];
    ran.sort_by_key(|name| order.iter().position(|o| o == name));
    ran
}

#[test]
fn custom_checks_are_cached_only_when_they_opt_in_and_key_on_their_inputs() {
    let (repo, log) = custom_repo();
    assert_eq!(custom_run(&repo, &log), ["plain", "cached", "inputs"]);
    assert_eq!(custom_run(&repo, &log), ["plain"], "the opted-in ones hit");
    repo.write("config/app.toml", "level = 2\n");
    repo.git(["add", "config/app.toml"]);
    assert_eq!(
        custom_run(&repo, &log),
        ["plain", "inputs"],
        "a declared input misses; an undeclared file far away does not"
    );
    repo.write("a.txt", "c\n");
    repo.git(["add", "a.txt"]);
    assert_eq!(custom_run(&repo, &log), ["plain", "cached", "inputs"]);
}

#[test]
fn corrupt_entries_are_ignored_and_rewritten_and_stats_and_clear_see_them() {
    let (repo, log) = custom_repo();
    assert_eq!(custom_run(&repo, &log), ["plain", "cached", "inputs"]);
    let dir = repo.path(".git/hookrc/cache");
    let mode = |path: &Path| fs_err::metadata(path).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let entries: Vec<PathBuf> = fs_err::read_dir(&dir)
        .expect("test I/O")
        .map(|e| e.expect("test I/O").path())
        .collect();
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        assert_eq!(mode(entry), 0o600);
        fs_err::write(entry, "{\"format\": 1, \"key\": \"tru").expect("test I/O");
    }
    assert_eq!(custom_run(&repo, &log), ["plain", "cached", "inputs"]);
    assert_eq!(custom_run(&repo, &log), ["plain"], "rewritten entries hit");
    let stats = repo
        .hookrc_cmd()
        .args(["cache", "stats"])
        .output()
        .expect("test I/O");
    assert!(stats.status.success());
    assert!(text(&stats).contains("entries: 2\n"), "{}", text(&stats));
    let cleared = repo
        .hookrc_cmd()
        .args(["cache", "clear"])
        .output()
        .expect("test I/O");
    assert!(
        text(&cleared).contains("removed 2 cached verdicts"),
        "{}",
        text(&cleared)
    );
    assert_eq!(custom_run(&repo, &log), ["plain", "cached", "inputs"]);
}
