//! The fault matrix: one table of what can go wrong around a `git commit`
//! whose hook fixes formatting (`go-fmt`, `fix = true`) beside a custom
//! check run by a fake tool (a real script that simulates the fault).
//! After every scenario the working tree (untracked files included) and
//! the index are exactly as before, or exactly as the successful fix leaves
//! them; no process of the scenario is left (each carries a marker in its
//! environment or argv, looked for in `/proc`; after a SIGKILL of hookrc,
//! once the next run has swept what the killed one left, and that run
//! kills no other process), and no temporary directory is left in the
//! private area. A second test checks the modes of a
//! private checkout.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use hookrc_testkit::{RepoState, TestRepo, test_repo};

use crate::go_support::gocache;
use crate::pre_commit::install;

const GO_MOD: &str = "module example.com/f\n\ngo 1.21\n";
const A_COMMITTED: &str = "package f\n\n// A is one.\nfunc A() int {\n\treturn 1\n}\n";
const A_STAGED: &str = "package f\n\n// A is two.\nfunc A() int {\n return  2\n}\n";
const A_FIXED: &str = "package f\n\n// A is two.\nfunc A() int {\n\treturn 2\n}\n";
const B_COMMITTED: &str = "package f\n\n// B is one.\nfunc B() int {\n\treturn 1\n}\n";
const B_UNSTAGED: &str = "package f\n\n// B is three.\nfunc B() int {\n\treturn 3\n}\n";

/// How a scenario drives the commit.
#[derive(Clone, Copy, Debug)]
enum Drive {
    /// `git commit`, nothing else.
    Commit,
    /// This signal to hookrc while the tool runs.
    Signal(&'static str),
    /// `SIGKILL` to hookrc while the tool runs; the next run must sweep
    /// what it left. With `child`, the tool has started a process of its
    /// own (its pid in `child.pid`), which outlives hookrc until that next
    /// run.
    KillHookrc { child: bool },
    /// `index.lock` held (by the tool) when the fix is staged.
    IndexLocked,
    /// `SIGINT` to hookrc when it starts `git update-index` (the last
    /// moment of a run: every check is done).
    InterruptAtIndexWrite,
    /// hookrc's private area mounted read-only.
    ReadOnlyArea,
    /// A full file system (a tmpfs of four inodes) as the private `tmp/`.
    FullTmp,
    /// The same commit in two worktrees at once.
    TwoWorktrees,
}

/// What the working tree and the index hold afterwards.
#[derive(Clone, Copy, Debug, PartialEq)]
enum After {
    /// As before.
    Unchanged,
    /// As the successful fix leaves them (`a.go` formatted, staged and
    /// written), the rest as before.
    Fixed,
    /// One of the two, nothing in between.
    FixedOrUnchanged,
}

struct Fault {
    name: &'static str,
    /// The fake tool's script, after a preamble that exports the marker and
    /// writes its pid.
    tool: &'static str,
    drive: Drive,
    /// Whether the commit goes through.
    commits: bool,
    after: After,
    /// What `git commit` prints, in part (nothing to look for when hookrc
    /// is killed before it can print).
    says: Option<&'static str>,
}

const FAULTS: &[Fault] = &[
    Fault {
        name: "a passing tool: the fix is applied",
        tool: "exit 0",
        drive: Drive::Commit,
        commits: true,
        after: After::Fixed,
        says: Some("formatted with gofmt"),
    },
    Fault {
        name: "a crashing tool",
        tool: "kill -SEGV $$",
        drive: Drive::Commit,
        commits: false,
        after: After::Unchanged,
        says: Some("not fixed: another check did not pass"),
    },
    Fault {
        name: "a hanging tool",
        tool: "sleep 30",
        drive: Drive::Commit,
        commits: false,
        after: After::Unchanged,
        says: Some("did not finish within"),
    },
    Fault {
        name: "a tool leaking a process that holds its pipe (setsid)",
        tool: "setsid -f sh -c 'touch \"$BIN/leaked\"; exec sleep 60'\n\
               while [ ! -e \"$BIN/leaked\" ]; do sleep 0.01; done\nexit 0",
        drive: Drive::Commit,
        commits: false,
        after: After::Unchanged,
        says: Some("kept the output open"),
    },
    Fault {
        name: "a tool flooding its output",
        tool: "head -c 50000000 /dev/zero | tr '\\0' x\nexit 1",
        drive: Drive::Commit,
        commits: false,
        after: After::Unchanged,
        says: Some("bytes of output dropped here"),
    },
    Fault {
        name: "SIGINT while the tool runs",
        tool: "sleep 30",
        drive: Drive::Signal("INT"),
        commits: false,
        after: After::Unchanged,
        says: Some("interrupted"),
    },
    Fault {
        name: "SIGTERM while the tool runs",
        tool: "sleep 30",
        drive: Drive::Signal("TERM"),
        commits: false,
        after: After::Unchanged,
        says: Some("interrupted"),
    },
    Fault {
        name: "SIGKILL of hookrc while the tool runs",
        tool: "exec sleep 30",
        drive: Drive::KillHookrc { child: false },
        commits: false,
        after: After::Unchanged,
        says: None,
    },
    Fault {
        name: "SIGKILL of hookrc while the tool's own child runs",
        tool: "sleep 300 &\necho $! > \"$BIN/child.pid\"\nwait",
        drive: Drive::KillHookrc { child: true },
        commits: false,
        after: After::Unchanged,
        says: None,
    },
    Fault {
        name: "SIGINT after the last check, as the fix is staged",
        tool: "exit 0",
        drive: Drive::InterruptAtIndexWrite,
        commits: false,
        after: After::FixedOrUnchanged,
        says: Some("interrupted"),
    },
    Fault {
        name: "index.lock held when the fix is staged",
        tool: "exit 0",
        drive: Drive::IndexLocked,
        commits: false,
        after: After::Unchanged,
        says: Some("index.lock"),
    },
    Fault {
        name: "a read-only private area",
        tool: "exit 0",
        drive: Drive::ReadOnlyArea,
        commits: false,
        after: After::Unchanged,
        says: Some("Read-only file system"),
    },
    Fault {
        name: "a full temporary file system",
        tool: "exit 0",
        drive: Drive::FullTmp,
        commits: false,
        after: After::Unchanged,
        says: Some("No space left on device"),
    },
    Fault {
        name: "two worktrees committing at once",
        tool: "exit 0",
        drive: Drive::TwoWorktrees,
        commits: true,
        after: After::Fixed,
        says: Some("formatted with gofmt"),
    },
];

#[test]
fn every_fault_leaves_the_work_whole_no_process_and_no_temporary_file() {
    let mut survived = 0;
    let mut skipped = Vec::new();
    let mut failed = Vec::new();
    for (index, fault) in FAULTS.iter().enumerate() {
        match std::panic::catch_unwind(|| run_fault(index, fault)) {
            Ok(Ok(())) => survived += 1,
            Ok(Err(reason)) => skipped.push(format!("{}: {reason}", fault.name)),
            Err(_) => failed.push(fault.name),
        }
    }
    for reason in &skipped {
        println!("skipped: {reason}");
    }
    println!(
        "fault matrix: {} tried, {survived} survived with nothing lost, {} skipped",
        FAULTS.len(),
        skipped.len()
    );
    assert!(failed.is_empty(), "failed (see above): {failed:?}");
    // Only where a scenario cannot be set up (no `mount` without root) may
    // it be skipped, and only when the run says so.
    assert!(
        skipped.is_empty() || hookrc_testkit::fault_skips_allowed(),
        "skipped: {skipped:?} (set HOOKRC_FAULTS_ALLOW_SKIP=1 where they cannot run)"
    );
}

/// One scenario, asserted; `Err` (with the reason) when it cannot be set up
/// on this machine.
fn run_fault(index: usize, fault: &Fault) -> Result<(), String> {
    let scene = Scene::new(index, fault);
    let _mount = scene.prepare(fault.drive)?;
    let before = scene.repo.snapshot_state();
    let output = scene.drive(fault.drive);
    let err = String::from_utf8_lossy(&output.stderr);
    let name = fault.name;
    assert_eq!(output.status.success(), fault.commits, "{name}: {err}");
    if let Some(says) = fault.says {
        assert!(err.contains(says), "{name}: {err}");
    }
    assert!(
        err.len() < 16 << 20,
        "{name}: {} bytes of stderr",
        err.len()
    );
    let commits = if fault.commits { "2" } else { "1" };
    assert_eq!(scene.commits(scene.repo.root()), commits, "{name}");
    assert_after(name, fault.after, &before, &scene.repo, scene.repo.root());
    if let Drive::TwoWorktrees = fault.drive {
        let topic = scene.topic();
        assert_eq!(scene.commits(&topic), "2", "{name}");
        // Staged the same way, the linked worktree was in the same state.
        assert_after(name, After::Fixed, &before, &scene.repo, &topic);
    }
    match fault.drive {
        Drive::KillHookrc { child: true } => scene.next_run_kills_what_was_left(name, fault.tool),
        Drive::KillHookrc { child: false } => {
            assert_no_process(name, &scene.marker);
            scene.run_again(fault.tool);
        }
        _ => assert_no_process(name, &scene.marker),
    }
    assert_no_temporary(name, &scene.repo);
    Ok(())
}

/// A repository for one scenario: `a.go` committed then staged
/// unformatted, `b.go` with an unstaged edit, an untracked file, and the
/// policy `go-fmt` (fixing) + `tool` (the fake tool, 1 s time limit).
struct Scene {
    repo: TestRepo,
    marker: String,
    pid_file: PathBuf,
    bin: PathBuf,
}

impl Scene {
    /// The scene of the `index`th fault of the table.
    fn new(index: usize, fault: &Fault) -> Self {
        let repo = test_repo!();
        let marker = format!("hookrc-fault-{}-{index}", std::process::id());
        let bin = repo.outside_dir("bin");
        let pid_file = bin.join("tool.pid");
        let tool = bin.join(&marker);
        let script = format!(
            "#!/bin/sh\nexport HOOKRC_FAULT={marker}\nBIN={}\necho $$ > {}\n{}\n",
            bin.display(),
            pid_file.display(),
            fault.tool
        );
        fs_err::write(&tool, script).expect("test I/O");
        fs_err::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).expect("test I/O");
        repo.write("go.mod", GO_MOD);
        repo.write("a.go", A_COMMITTED);
        repo.write("b.go", B_COMMITTED);
        repo.write(
            ".hookrc.toml",
            format!(
                "[hooks]\npre-commit = [\"go-fmt\", \"tool\"]\n\n[check.go-fmt]\nfix = true\n\n\
                 [check.tool]\nrun = [\"{}\"]\nfiles = [\"*.go\"]\ntimeout = \"1s\"\n",
                tool.display()
            ),
        );
        repo.commit_all("chore: init");
        install(&repo, &["pre-commit"]);
        let scene = Self {
            repo,
            marker,
            pid_file,
            bin,
        };
        scene.stage_the_change(None);
        scene
    }

    /// In the worktree `dir` (the main one by default): `a.go` staged
    /// unformatted, `b.go` edited but not staged, `scratch.txt` untracked.
    fn stage_the_change(&self, dir: Option<&Path>) {
        let dir = dir.unwrap_or(self.repo.root());
        fs_err::write(dir.join("a.go"), A_STAGED).expect("test I/O");
        self.repo.git_in(dir, ["add", "a.go"]);
        fs_err::write(dir.join("b.go"), B_UNSTAGED).expect("test I/O");
        fs_err::write(dir.join("scratch.txt"), "untracked notes\n").expect("test I/O");
    }

    fn topic(&self) -> PathBuf {
        self.repo.tmp_root().join("topic")
    }

    fn area(&self) -> PathBuf {
        self.repo.path(".git/hookrc")
    }

    /// What the drive needs in place before the commit; the mount to undo.
    fn prepare(&self, drive: Drive) -> Result<Option<Mount>, String> {
        match drive {
            Drive::ReadOnlyArea => {
                let area = self.area();
                let mount = Mount::new(&area, &["--bind", &area.display().to_string()])?;
                mount_cmd(&["-o", "remount,ro,bind", &area.display().to_string()])?;
                Ok(Some(mount))
            }
            Drive::FullTmp => {
                let tmp = self.area().join("tmp");
                fs_err::create_dir_all(&tmp).expect("test I/O");
                let options = ["-t", "tmpfs", "-o", "size=16k,nr_inodes=4", "tmpfs"];
                Mount::new(&tmp, &options).map(Some)
            }
            Drive::TwoWorktrees => {
                let topic = self.repo.add_worktree("topic");
                self.stage_the_change(Some(&topic));
                Ok(None)
            }
            Drive::InterruptAtIndexWrite => {
                let git = self.which("git");
                let wrapper = format!(
                    "#!/bin/sh\nif [ \"$1\" = update-index ]; then kill -INT $PPID; sleep 0.3; fi\nexec {} \"$@\"\n",
                    git.display()
                );
                let path = self.bin.join("git");
                fs_err::write(&path, wrapper).expect("test I/O");
                fs_err::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                    .expect("test I/O");
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    fn commit_cmd(&self, dir: &Path) -> Command {
        let mut cmd = self
            .repo
            .git_cmd_in(dir, ["commit", "-q", "-m", "feat: two"]);
        cmd.env("GOCACHE", gocache());
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        cmd
    }

    fn drive(&self, drive: Drive) -> Output {
        let root = self.repo.root();
        match drive {
            Drive::Signal(signal) => self.signal_hookrc(&format!("-{signal}")),
            Drive::KillHookrc { child } => {
                let wait_for = child.then(|| self.bin.join("child.pid"));
                self.signal_hookrc_after("-KILL", wait_for.as_deref())
            }
            Drive::IndexLocked => {
                let lock = self.repo.path(".git/index.lock");
                let tool = self.bin.join(&self.marker);
                let script = fs_err::read_to_string(&tool).expect("test I/O");
                let script = script.replace("exit 0", &format!("touch {}", lock.display()));
                fs_err::write(&tool, script).expect("test I/O");
                let output = self.commit_cmd(root).output().expect("run git commit");
                fs_err::remove_file(&lock).expect("the tool held index.lock");
                output
            }
            Drive::InterruptAtIndexWrite => {
                // git puts its exec path first on the hook's PATH: the
                // `git` hookrc starts is the wrapper there.
                let mut cmd = self.commit_cmd(root);
                cmd.env("GIT_EXEC_PATH", &self.bin);
                cmd.output().expect("run git commit")
            }
            Drive::TwoWorktrees => {
                let main = self.commit_cmd(root).spawn().expect("run git commit");
                let other = self
                    .commit_cmd(&self.topic())
                    .spawn()
                    .expect("run git commit");
                let other = other.wait_with_output().expect("git commit");
                assert!(other.status.success(), "{other:?}");
                main.wait_with_output().expect("git commit")
            }
            Drive::Commit | Drive::ReadOnlyArea | Drive::FullTmp => {
                self.commit_cmd(root).output().expect("run git commit")
            }
        }
    }

    /// Starts the commit, sends `signal` to hookrc once the tool runs, and
    /// waits for the commit.
    fn signal_hookrc(&self, signal: &str) -> Output {
        self.signal_hookrc_after(signal, None)
    }

    /// As [`Scene::signal_hookrc`], once the tool has also written the pid
    /// file `wait_for`, if there is one.
    fn signal_hookrc_after(&self, signal: &str, wait_for: Option<&Path>) -> Output {
        let child = self
            .commit_cmd(self.repo.root())
            .spawn()
            .expect("run git commit");
        let tool = wait_for_pid(&self.pid_file);
        if let Some(file) = wait_for {
            wait_for_pid(file);
        }
        let hookrc = parent_of(tool);
        let status = Command::new("kill")
            .args([signal, &hookrc.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        child.wait_with_output().expect("git commit")
    }

    /// The next run after a SIGKILL (the tool, `tool` before, now fails at
    /// once): it sweeps what the killed run left.
    fn run_again(&self, tool_before: &str) {
        let tool = self.bin.join(&self.marker);
        let script = fs_err::read_to_string(&tool).expect("test I/O");
        fs_err::write(&tool, script.replace(tool_before, "exit 1")).expect("test I/O");
        let before = self.repo.snapshot_state();
        let output = self
            .repo
            .hookrc_cmd()
            .args(["run", "pre-commit"])
            .env("GOCACHE", gocache())
            .output()
            .expect("run hookrc");
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert_eq!(before, self.repo.snapshot_state(), "the sweeping run");
    }

    /// After a SIGKILL of hookrc, the tool's own child (not the group
    /// leader, so `PR_SET_PDEATHSIG` does not reach it) still runs; the next
    /// run kills it, and no process that is not the killed run's: none
    /// without its marker, none with the marker of another run.
    fn next_run_kills_what_was_left(&self, name: &str, tool: &str) {
        let child = wait_for_pid(&self.bin.join("child.pid"));
        assert!(
            is_running(child),
            "{name}: the tool's child died with hookrc"
        );
        let value = environ_var(child, "HOOKRC_RUN")
            .unwrap_or_else(|| self.area().join("tmp/run-unmarked").into_os_string());
        let mut longer = value.clone();
        longer.push("x");
        let shorter = value
            .to_str()
            .and_then(|v| v.get(..v.len() - 1))
            .map(OsString::from)
            .unwrap_or_default();
        let others = Bystanders(vec![
            bystander(None),
            bystander(Some(longer)),
            bystander(Some(shorter)),
        ]);
        self.run_again(tool);
        assert_no_process(name, &self.marker);
        others.assert_running(name);
    }

    /// `program` on the tests' PATH.
    fn which(&self, program: &str) -> PathBuf {
        let path = self
            .repo
            .env()
            .get(&OsString::from("PATH"))
            .cloned()
            .unwrap_or_default();
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .find(|path| path.is_file())
            .unwrap_or_else(|| panic!("`{program}` on PATH"))
    }

    fn commits(&self, dir: &Path) -> String {
        self.repo
            .git_in(dir, ["rev-list", "--count", "HEAD"])
            .trim()
            .to_owned()
    }
}

/// The working tree and index of `dir` are as `after` says.
fn assert_after(name: &str, after: After, before: &RepoState, repo: &TestRepo, dir: &Path) {
    let now = repo.snapshot_state_of(dir);
    let unchanged = now.worktree == before.worktree && now.entries == before.entries;
    let fixed = || {
        let others = |state: &RepoState| {
            let mut files = state.worktree.clone();
            files.remove(Path::new("a.go"));
            let entries: Vec<String> = state
                .entries
                .lines()
                .filter(|line| !line.ends_with("\ta.go"))
                .map(str::to_owned)
                .collect();
            (files, entries)
        };
        others(&now) == others(before)
            && fs_err::read_to_string(dir.join("a.go")).expect("test I/O") == A_FIXED
            && repo.git_in(dir, ["show", ":a.go"]) == A_FIXED
    };
    match after {
        After::Unchanged => assert!(unchanged, "{name}: the work changed\n{before:?}\n{now:?}"),
        After::Fixed => assert!(fixed(), "{name}: not exactly fixed\n{now:?}"),
        After::FixedOrUnchanged => {
            assert!(unchanged || fixed(), "{name}: half fixed\n{now:?}");
        }
    }
}

/// No process whose argv or environment holds `marker` is left (waiting,
/// bounded, for the ones being killed to go).
fn assert_no_process(name: &str, marker: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let left = processes_with(marker);
        if left.is_empty() {
            return;
        }
        if Instant::now() > deadline {
            for pid in &left {
                let _ = Command::new("kill").args(["-KILL", pid]).status();
            }
            panic!("{name}: processes left: {left:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn processes_with(marker: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in fs_err::read_dir("/proc").expect("/proc").flatten() {
        let pid = entry.file_name().to_string_lossy().into_owned();
        if !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let holds = ["cmdline", "environ"].iter().any(|part| {
            std::fs::read(entry.path().join(part)).is_ok_and(|bytes| {
                bytes
                    .windows(marker.len())
                    .any(|window| window == marker.as_bytes())
            })
        });
        let zombie = std::fs::read_to_string(entry.path().join("stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|s| s.trim_start().starts_with('Z'))
        });
        if holds && !zombie {
            found.push(pid);
        }
    }
    found
}

/// A process the test starts that is not part of any hookrc run: a
/// `sleep`, with `HOOKRC_RUN=value` or without that variable.
fn bystander(value: Option<OsString>) -> Child {
    let mut cmd = Command::new("sleep");
    cmd.arg("300").env_clear().env("PATH", "/usr/bin:/bin");
    if let Some(value) = value {
        cmd.env("HOOKRC_RUN", value);
    }
    cmd.stdin(Stdio::null()).spawn().expect("run sleep")
}

/// The bystanders of a scenario, killed when it ends however it ends.
struct Bystanders(Vec<Child>);

impl Bystanders {
    fn assert_running(mut self, name: &str) {
        for child in &mut self.0 {
            let exited = child.try_wait().expect("try_wait");
            assert!(
                exited.is_none(),
                "{name}: a bystander was killed: {exited:?}"
            );
        }
    }
}

impl Drop for Bystanders {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Whether `pid` runs (exists and is not a zombie).
fn is_running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit(')')
            .next()
            .is_some_and(|s| !s.trim_start().starts_with('Z'))
    })
}

/// The value of `name` in the environment of `pid`, if it has one.
fn environ_var(pid: u32, name: &str) -> Option<OsString> {
    use std::os::unix::ffi::OsStrExt as _;
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    environ.split(|b| *b == 0).find_map(|entry| {
        let value = entry.strip_prefix(name.as_bytes())?.strip_prefix(b"=")?;
        Some(std::ffi::OsStr::from_bytes(value).to_owned())
    })
}

/// The private area holds no temporary file or directory.
fn assert_no_temporary(name: &str, repo: &TestRepo) {
    let tmp = repo.path(".git/hookrc/tmp");
    let left: Vec<OsString> = std::fs::read_dir(&tmp)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "{name}: left in {}: {left:?}",
        tmp.display()
    );
}

fn wait_for_pid(file: &Path) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(pid) = std::fs::read_to_string(file)
            .ok()
            .and_then(|text| text.trim().parse().ok())
        {
            return pid;
        }
        assert!(Instant::now() < deadline, "the tool never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The parent of `pid` (hookrc, for the tool it started).
fn parent_of(pid: u32) -> u32 {
    let stat = fs_err::read_to_string(format!("/proc/{pid}/stat")).expect("the tool runs");
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|ppid| ppid.parse().ok())
        .expect("a parent pid")
}

/// A mount made for a scenario, undone on drop.
struct Mount(PathBuf);

impl Mount {
    fn new(target: &Path, args: &[&str]) -> Result<Self, String> {
        let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        all.push(target.display().to_string());
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        mount_cmd(&refs)?;
        Ok(Self(target.to_owned()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// `mount ARGS`; `Err` saying why when this machine does not allow it.
fn mount_cmd(args: &[&str]) -> Result<(), String> {
    let output = Command::new("mount")
        .args(args)
        .output()
        .map_err(|err| format!("cannot run `mount`: {err}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`mount {}` is not allowed here (needs root): {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

#[test]
fn private_copies_of_staged_content_are_owner_only() {
    let repo = test_repo!();
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"modes\"]\n\n[check.modes]\n\
         run = [\"stat -c '%a %n' . sub sub/a.txt >&2; exit 1\"]\nshell = \"sh\"\nfiles = [\"*.txt\"]\n",
    );
    repo.write("sub/a.txt", "one\n");
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    repo.write("sub/a.txt", "two\n");
    repo.git(["add", "sub/a.txt"]);
    // An untracked file beside it: the check runs on a private checkout.
    repo.write("sub/notes.txt", "untracked\n");
    let before = repo.snapshot_state();
    let output = repo
        .git_cmd(["commit", "-q", "-m", "feat: two"])
        .output()
        .expect("run git commit");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{err}");
    for line in ["700 .", "700 sub", "600 sub/a.txt"] {
        assert!(err.contains(line), "`{line}` missing: {err}");
    }
    assert_eq!(repo.snapshot_state().worktree, before.worktree);
    assert_eq!(repo.snapshot_state().entries, before.entries);
    assert_no_temporary("modes", &repo);
}

#[test]
fn an_interrupted_go_command_removes_its_build_directory() {
    let repo = test_repo!();
    let tmpdir = repo.outside_dir("tmpdir");
    let started = repo.outside_dir("bin").join("started");
    repo.write("go.mod", "module example.com/s\n\ngo 1.21\n");
    repo.write(
        "main.go",
        "package main\n\nimport (\n\t\"os\"\n\t\"strconv\"\n\t\"time\"\n)\n\n\
         func main() {\n\t_ = os.WriteFile(os.Getenv(\"STARTED\"), []byte(strconv.Itoa(os.Getppid())), 0o600)\n\
         \ttime.Sleep(30 * time.Second)\n}\n",
    );
    repo.write(
        ".hookrc.toml",
        "[hooks]\npre-commit = [\"slow\"]\n\n[check.slow]\nrun = [\"go\", \"run\", \".\"]\n\
         files = [\"*.go\"]\npass-filenames = false\n",
    );
    repo.commit_all("chore: init");
    install(&repo, &["pre-commit"]);
    repo.write(
        "main.go",
        format!("{}// two\n", repo.read_string("main.go")),
    );
    repo.git(["add", "main.go"]);
    let before = repo.snapshot_state();
    let child = repo
        .git_cmd(["commit", "-q", "-m", "feat: two"])
        .env("GOCACHE", gocache())
        .env("TMPDIR", &tmpdir)
        .env("STARTED", &started)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run git commit");
    // The program's parent is `go run`, whose parent is hookrc.
    let hookrc = parent_of(wait_for_pid(&started));
    let status = Command::new("kill")
        .args(["-INT", &hookrc.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let output = child.wait_with_output().expect("git commit");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    let left: Vec<OsString> = fs_err::read_dir(&tmpdir)
        .expect("test I/O")
        .flatten()
        .map(|entry| entry.file_name())
        .collect();
    assert!(left.is_empty(), "go left {left:?} in TMPDIR");
    assert_eq!(repo.snapshot_state().worktree, before.worktree);
    assert_eq!(repo.snapshot_state().entries, before.entries);
    assert_no_temporary("go run", &repo);
}
