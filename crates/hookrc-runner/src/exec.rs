//! One external process: [`Job`] says what to run, [`run`] runs it.
//!
//! The child gets exactly the job's argv (no shell), working directory and
//! environment map (nothing is inherited), runs in a process group of its
//! own, and has its stdout and stderr read concurrently so a chatty child can
//! never block on a full pipe. Waiting is event-driven: the caller blocks in
//! `waitid(WNOWAIT)` until the leader exits, a timer thread exists only when
//! the job has a timeout, and nothing polls. Once the leader has exited, what
//! is left of its group (background grandchildren) is killed before the
//! leader is reaped, so no stray process outlives a check or keeps its pipes
//! open.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::wait::{Id, WaitPidFlag, waitid};
use nix::unistd::Pid;

use crate::cancel::{Cancel, kill_group};
use crate::error::ExecError;

/// A process to run: argv, working directory, the complete environment,
/// optional stdin bytes and an optional timeout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    argv: Vec<OsString>,
    cwd: PathBuf,
    env: BTreeMap<OsString, OsString>,
    stdin: Option<Vec<u8>>,
    timeout: Option<Duration>,
}

impl Job {
    /// A job running `argv` (program first, no shell) in `cwd`, with an empty
    /// environment, no stdin and no timeout.
    pub fn new<I, S>(argv: I, cwd: impl Into<PathBuf>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        Self {
            argv: argv.into_iter().map(Into::into).collect(),
            cwd: cwd.into(),
            env: BTreeMap::new(),
            stdin: None,
            timeout: None,
        }
    }

    /// Appends arguments (e.g. one batch of file names).
    #[must_use]
    pub fn with_args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.argv.extend(args.into_iter().map(Into::into));
        self
    }

    /// Replaces the whole environment: the child gets exactly this map.
    #[must_use]
    pub fn with_env(mut self, env: BTreeMap<OsString, OsString>) -> Self {
        self.env = env;
        self
    }

    /// Sets one environment variable, replacing an earlier value.
    #[must_use]
    pub fn with_env_var(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.insert(key.into(), value.into());
        self
    }

    /// Bytes written to the child's stdin (which is closed afterwards). Without
    /// them the child's stdin is `/dev/null`.
    #[must_use]
    pub fn with_stdin(mut self, bytes: Vec<u8>) -> Self {
        self.stdin = Some(bytes);
        self
    }

    /// Kills the child's process group after this long. A zero timeout (a
    /// deadline already passed) does not start the process at all.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The argument vector, program first.
    pub fn argv(&self) -> &[OsString] {
        &self.argv
    }

    /// The working directory.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The complete environment of the child.
    pub fn env(&self) -> &BTreeMap<OsString, OsString> {
        &self.env
    }

    /// The bytes for stdin, if any.
    pub fn stdin(&self) -> Option<&[u8]> {
        self.stdin.as_deref()
    }

    /// The timeout, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }
}

/// How a process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProcessStatus {
    /// It exited with this code.
    Exited(i32),
    /// It was killed by this signal (not by us).
    Signaled(i32),
    /// It ran past the job's timeout; its process group was killed.
    TimedOut,
    /// The [`Cancel`] token was cancelled; its process group was killed, or it
    /// was never started.
    Cancelled,
}

/// A process that ran: how it ended, what it printed, how long it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completed {
    status: ProcessStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    duration: Duration,
}

impl Completed {
    /// How the process ended.
    pub fn status(&self) -> ProcessStatus {
        self.status
    }

    /// Whether it exited with code 0.
    pub fn success(&self) -> bool {
        self.status == ProcessStatus::Exited(0)
    }

    /// Everything it wrote to stdout.
    pub fn stdout(&self) -> &[u8] {
        &self.stdout
    }

    /// Everything it wrote to stderr.
    pub fn stderr(&self) -> &[u8] {
        &self.stderr
    }

    /// Wall time from spawn to reaping.
    pub fn duration(&self) -> Duration {
        self.duration
    }

    /// Takes stdout and stderr out, for callers that keep only the output.
    pub fn into_output(self) -> (Vec<u8>, Vec<u8>) {
        (self.stdout, self.stderr)
    }
}

/// Runs `job` to completion, unless `cancel` or the job's timeout stops it.
///
/// # Errors
///
/// [`ExecError::NotFound`] when the program does not exist, and the other
/// [`ExecError`] variants when the process could not be started or its output
/// not collected. A process that ran and failed is `Ok` with its status.
pub fn run(job: &Job, cancel: &Cancel) -> Result<Completed, ExecError> {
    let start = Instant::now();
    let (program_arg, args) = job.argv.split_first().ok_or(ExecError::EmptyArgv)?;
    let program = PathBuf::from(program_arg);
    let unstarted = |status| Completed {
        status,
        stdout: Vec::new(),
        stderr: Vec::new(),
        duration: start.elapsed(),
    };
    if cancel.is_cancelled() {
        return Ok(unstarted(ProcessStatus::Cancelled));
    }
    if job.timeout == Some(Duration::ZERO) {
        return Ok(unstarted(ProcessStatus::TimedOut));
    }
    cancel
        .arm()
        .map_err(|source| spawn_error(job, &program, source))?;
    let mut child = command(program_arg, args, job)
        .spawn()
        .map_err(|source| spawn_error(job, &program, source))?;
    let group = Pid::from_raw(i32::try_from(child.id()).unwrap_or(i32::MAX));
    let registration = cancel.register(group);
    let collected = collect(&mut child, job, group, cancel, &registration);
    // Reap in every case: even when collecting failed, the group is dead.
    let exit = child.wait();
    let io_error = |source| ExecError::Io {
        program: program.clone(),
        source,
    };
    let (stdout, stderr, ended) = collected.map_err(io_error)?;
    let status = match ended {
        Ended::Cancelled => ProcessStatus::Cancelled,
        Ended::TimedOut => ProcessStatus::TimedOut,
        Ended::Exited => status_of(exit.map_err(io_error)?),
    };
    Ok(Completed {
        status,
        stdout,
        stderr,
        duration: start.elapsed(),
    })
}

/// Why the leader is gone, as far as we caused it.
enum Ended {
    Exited,
    TimedOut,
    Cancelled,
}

type Collected = (Vec<u8>, Vec<u8>, Ended);

/// Feeds stdin, drains stdout and stderr, waits for the leader to exit (or the
/// timeout), then kills the rest of its group. Leaves the leader unreaped.
fn collect(
    child: &mut Child,
    job: &Job,
    group: Pid,
    cancel: &Cancel,
    registration: &crate::cancel::Registration,
) -> io::Result<Collected> {
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let timer = Timer::default();
    thread::scope(|scope| {
        let input = stdin.zip(job.stdin()).map(|(mut pipe, bytes)| {
            scope.spawn(move || match pipe.write_all(bytes) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            })
        });
        let err = stderr.map(|pipe| scope.spawn(move || read_all(pipe)));
        let out = stdout.map(|pipe| scope.spawn(move || read_all(pipe)));
        let waited = wait_with_timeout(scope, &timer, group, job.timeout);
        let cancelled = cancel.unregister(registration);
        kill_group(group);
        let stdout = join(out)?;
        let stderr = join(err)?;
        if let Some(input) = input {
            join_thread(input)?;
        }
        let ended = match waited? {
            _ if cancelled => Ended::Cancelled,
            true => Ended::TimedOut,
            false => Ended::Exited,
        };
        Ok((stdout, stderr, ended))
    })
}

/// The timeout timer's shared state: `exited` is set (under the lock) before
/// the leader can be reaped, and the timer kills only while it is unset, so a
/// group id it signals is never stale.
#[derive(Default)]
struct Timer {
    state: Mutex<TimerState>,
    wake: Condvar,
}

#[derive(Default)]
struct TimerState {
    exited: bool,
    fired: bool,
}

impl Timer {
    fn lock(&self) -> std::sync::MutexGuard<'_, TimerState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps until the leader exits or `timeout` passes; in the latter case
    /// kills the group.
    fn arm(&self, group: Pid, timeout: Duration) {
        let guard = self.lock();
        let (mut state, _) = self
            .wake
            .wait_timeout_while(guard, timeout, |state| !state.exited)
            .unwrap_or_else(PoisonError::into_inner);
        if !state.exited {
            state.fired = true;
            kill_group(group);
        }
    }

    /// Records that the leader exited, wakes the timer; returns whether it fired.
    fn disarm(&self) -> bool {
        let fired = {
            let mut state = self.lock();
            state.exited = true;
            state.fired
        };
        self.wake.notify_all();
        fired
    }
}

/// Blocks until the group leader has exited, without reaping it. With a
/// timeout, a timer thread kills the group when it expires. Returns whether
/// the timer fired.
fn wait_with_timeout<'scope>(
    scope: &'scope thread::Scope<'scope, '_>,
    timer: &'scope Timer,
    group: Pid,
    timeout: Option<Duration>,
) -> io::Result<bool> {
    let Some(timeout) = timeout else {
        return wait_exited(group).map(|()| false);
    };
    let armed = scope.spawn(move || timer.arm(group, timeout));
    let waited = wait_exited(group);
    let fired = timer.disarm();
    // The timer cannot panic; a join error would only repeat a panic message.
    let _ = armed.join();
    waited.map(|()| fired)
}

/// `waitid(P_PID, leader, WEXITED | WNOWAIT)`: returns once the leader is a
/// zombie, leaving it for `Child::wait` to reap.
fn wait_exited(leader: Pid) -> io::Result<()> {
    loop {
        match waitid(Id::Pid(leader), WaitPidFlag::WEXITED | WaitPidFlag::WNOWAIT) {
            Ok(_) => return Ok(()),
            Err(Errno::EINTR) => {}
            Err(errno) => return Err(io::Error::from(errno)),
        }
    }
}

fn read_all(mut pipe: impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    pipe.read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn join(handle: Option<thread::ScopedJoinHandle<'_, io::Result<Vec<u8>>>>) -> io::Result<Vec<u8>> {
    handle.map_or_else(|| Ok(Vec::new()), join_thread)
}

fn join_thread<T>(handle: thread::ScopedJoinHandle<'_, io::Result<T>>) -> io::Result<T> {
    handle
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("an output thread panicked")))
}

fn command(program: &OsStr, args: &[OsString], job: &Job) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(&job.cwd)
        .env_clear()
        .envs(&job.env)
        .process_group(0)
        .stdin(if job.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn spawn_error(job: &Job, program: &Path, source: io::Error) -> ExecError {
    let program = program.to_path_buf();
    if source.kind() != io::ErrorKind::NotFound {
        return ExecError::Spawn { program, source };
    }
    if job.cwd.is_dir() {
        ExecError::NotFound { program }
    } else {
        ExecError::Cwd {
            program,
            cwd: job.cwd.clone(),
        }
    }
}

fn status_of(exit: ExitStatus) -> ProcessStatus {
    match (exit.code(), exit.signal()) {
        (Some(code), _) => ProcessStatus::Exited(code),
        (None, Some(signal)) => ProcessStatus::Signaled(signal),
        (None, None) => ProcessStatus::Exited(-1),
    }
}

#[cfg(test)]
mod tests;
