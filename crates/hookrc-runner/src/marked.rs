//! The processes a dead run left running, found by the marker they carry in
//! their environment ([`crate::Cancel::mark_processes`]), and killed.
//!
//! A process group leader started by [`crate::run`] dies with hookrc
//! (`PR_SET_PDEATHSIG`), but what it started itself does not; after a
//! `SIGKILL` of hookrc nothing is left to kill those, except the next run.
//! Process and group ids are reused, so they say nothing once their run is
//! gone; the marker does: it is inherited by every descendant, and its value
//! names one run. The scan reads `/proc/<pid>/environ` of the processes of
//! our own user (others' cannot be read anyway) and looks for the exact
//! entry `NAME=VALUE`.
//!
//! Between the scan and the signal the process may end and its pid go to
//! an unrelated process: each one is opened as a pidfd, its marker read
//! again, and the pidfd (which names that process and no later one) gets
//! the signal. On a kernel without pidfds (before Linux 5.3) the signal goes
//! to the pid right after the second read. Whole groups are not signalled:
//! a group id read from `/proc` has the same reuse problem and no pidfd.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::MetadataExt as _;
use std::path::Path;

use nix::sys::signal::{Signal, kill};
use rustix::process::{Pid as RawPid, PidfdFlags, pidfd_open, pidfd_send_signal};

/// How many times the processes are looked for again: a marked process may
/// start another between a scan and its kill.
const PASSES: usize = 8;

/// Kills (`SIGKILL`) every process of this user, other than this one, whose
/// environment holds exactly `name=value`: what a run that marked its
/// processes with it ([`crate::Cancel::mark_processes`]) left running.
/// Returns how many processes were signalled. Best effort: a process that
/// cannot be read or signalled is left alone.
pub fn kill_marked(name: &OsStr, value: &OsStr) -> usize {
    let entry = marker_entry(name, value);
    let mut killed = 0;
    for _ in 0..PASSES {
        let found = marked_processes(&entry);
        if found.is_empty() {
            break;
        }
        killed += found
            .into_iter()
            .filter(|pid| kill_if_marked(*pid, &entry))
            .count();
    }
    killed
}

/// The environment entry `name=value`, as it appears in `/proc/<pid>/environ`.
fn marker_entry(name: &OsStr, value: &OsStr) -> Vec<u8> {
    let mut entry = name.as_bytes().to_vec();
    entry.push(b'=');
    entry.extend_from_slice(value.as_bytes());
    entry
}

/// The pids of this user's processes, other than this one, whose
/// environment holds exactly `entry` (`NAME=VALUE`).
fn marked_processes(entry: &[u8]) -> Vec<i32> {
    let (Ok(proc), Ok(me)) = (fs::read_dir("/proc"), fs::metadata("/proc/self")) else {
        return Vec::new();
    };
    let own = std::process::id();
    proc.flatten()
        .filter_map(|dir| {
            let pid: u32 = dir.file_name().to_str()?.parse().ok()?;
            let ours = dir.metadata().is_ok_and(|meta| meta.uid() == me.uid());
            (ours && pid != own && holds(&dir.path(), entry)).then_some(pid)
        })
        .filter_map(|pid| i32::try_from(pid).ok())
        .collect()
}

/// Whether the process whose `/proc` directory is `dir` has `entry` in
/// its environment.
fn holds(dir: &Path, entry: &[u8]) -> bool {
    fs::read(dir.join("environ"))
        .is_ok_and(|environ| environ.split(|b| *b == 0).any(|e| e == entry))
}

/// Sends `SIGKILL` to `pid` if it still carries `entry`, through a pidfd
/// where the kernel has them; whether the signal was sent.
fn kill_if_marked(pid: i32, entry: &[u8]) -> bool {
    let Some(raw) = RawPid::from_raw(pid) else {
        return false;
    };
    let dir = Path::new("/proc").join(pid.to_string());
    match pidfd_open(raw, PidfdFlags::empty()) {
        Ok(pidfd) => {
            holds(&dir, entry) && pidfd_send_signal(&pidfd, rustix::process::Signal::KILL).is_ok()
        }
        Err(err) if io::Error::from(err).raw_os_error() == Some(nix::libc::ENOSYS) => {
            holds(&dir, entry) && kill(nix::unistd::Pid::from_raw(pid), Signal::SIGKILL).is_ok()
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;
    use std::os::unix::process::ExitStatusExt as _;
    use std::process::{Child, Command};

    use super::{kill_marked, marked_processes, marker_entry};

    fn sleeper(env: &[(&str, &str)]) -> Child {
        let mut command = Command::new("/bin/sleep");
        command.arg("300").env_clear();
        for (name, value) in env {
            command.env(name, value);
        }
        command.spawn().expect("sleep starts")
    }

    fn still_running(child: &mut Child) -> bool {
        child.try_wait().expect("try_wait").is_none()
    }

    #[test]
    fn finds_and_kills_exactly_the_processes_with_the_marker() {
        let value = format!("/run/marked-test-{}", std::process::id());
        let mut marked = sleeper(&[("HOOKRC_TEST_RUN", &value)]);
        let mut near = [
            sleeper(&[("HOOKRC_TEST_RUN", &format!("{value}x"))]),
            sleeper(&[("HOOKRC_TEST_RUN", &value[..value.len() - 1])]),
            sleeper(&[("XHOOKRC_TEST_RUN", &value)]),
            sleeper(&[("OTHER", &format!("HOOKRC_TEST_RUN={value}"))]),
            sleeper(&[]),
        ];
        let entry = marker_entry(OsStr::new("HOOKRC_TEST_RUN"), OsStr::new(&value));
        // `spawn` returns once the exec is done: the environment is in place.
        let pid = i32::try_from(marked.id()).unwrap();
        assert_eq!(marked_processes(&entry), vec![pid]);
        let killed = kill_marked(OsStr::new("HOOKRC_TEST_RUN"), OsStr::new(&value));
        assert!(killed >= 1, "{killed}");
        let status = marked.wait().expect("wait");
        assert_eq!(status.signal(), Some(9));
        for child in &mut near {
            assert!(still_running(child), "an unmarked process was killed");
            child.kill().expect("kill");
            child.wait().expect("wait");
        }
    }
}
