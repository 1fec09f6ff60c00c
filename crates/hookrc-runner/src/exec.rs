//! One external process: [`Job`] says what to run, [`run`] runs it.
//!
//! The child gets exactly the job's argv (no shell), working directory and
//! environment map (nothing is inherited; the one addition is the token's
//! marker, [`Cancel::mark_processes`]), runs in a process group of its
//! own, dies with hookrc (`PR_SET_PDEATHSIG`), is started without a copy
//! of hookrc's memory (`spawn`), and has its stdout and stderr
//! read concurrently so a chatty child can never block on a full pipe.
//! Waiting is event-driven: the caller blocks in `waitid(WNOWAIT)` until the
//! leader exits, a timer thread exists only when the job has a timeout
//! (`SIGINT` to the group when it expires, `SIGKILL` after a grace). Once
//! the leader has exited, what is left of its group is killed before the
//! leader is reaped. The output is drained within bounds (`drain`): at most
//! the job's output cap is kept, and a process that left the group but
//! still holds a pipe gets until the job's time limit plus a grace before
//! it is killed and its output cut.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::thread;
use std::time::{Duration, Instant};

use nix::unistd::Pid;

use crate::cancel::{Cancel, kill_group};
use crate::error::ExecError;
use drain::{Capture, Finished};
use spawn::{Spawned, Spec, spawn};
use wait::{Timer, wait_with_timeout};

mod drain;
mod spawn;
mod wait;

/// A process to run: argv, working directory, the complete environment,
/// optional stdin bytes and an optional timeout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    argv: Vec<OsString>,
    cwd: PathBuf,
    env: BTreeMap<OsString, OsString>,
    stdin: Option<Vec<u8>>,
    timeout: Option<Duration>,
    output_cap: Option<usize>,
    umask: Option<u32>,
}

/// How many bytes of each of a job's streams are kept by default: 4 MiB,
/// the first and the last 2 MiB; what lies between is counted and dropped.
pub const DEFAULT_OUTPUT_CAP: usize = 4 * 1024 * 1024;

/// How long the output of a job whose leader has exited is still read
/// (after its time limit, if it has one) before whatever holds the pipes is
/// killed and the output cut.
const DRAIN_GRACE: Duration = Duration::from_secs(1);

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
            output_cap: Some(DEFAULT_OUTPUT_CAP),
            umask: None,
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

    /// Keeps at most `cap` bytes of each output stream (the head and the
    /// tail, with a line counting what was dropped); `None` keeps every byte,
    /// for a tool whose output is data of a known size (a formatted file).
    /// Without this call the cap is [`DEFAULT_OUTPUT_CAP`].
    #[must_use]
    pub fn with_output_cap(mut self, cap: Option<usize>) -> Self {
        self.output_cap = cap;
        self
    }

    /// Starts the process with the file mode creation mask `mask` (e.g.
    /// `0o077`: what it creates is its owner's alone) instead of hookrc's.
    #[must_use]
    pub fn with_umask(mut self, mask: u32) -> Self {
        self.umask = Some(mask);
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
    dropped: u64,
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

    /// How many bytes of output the cap dropped, both streams together.
    pub fn dropped(&self) -> u64 {
        self.dropped
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
        dropped: 0,
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
    let marker = cancel.marker();
    let spec = Spec {
        program: program_arg,
        args,
        cwd: &job.cwd,
        env: &job.env,
        marker: marker.as_ref(),
        stdin: job.stdin.is_some(),
        umask: job.umask,
    };
    let mut child = spawn(&spec).map_err(|source| spawn_error(job, &program, source))?;
    let group = child.pid;
    let registration = cancel.register(group);
    let collected = collect(&mut child, job, (group, start), cancel, &registration);
    // Reap in every case: even when collecting failed, the group is dead.
    let exit = child.wait();
    let io_error = |source| ExecError::Io {
        program: program.clone(),
        source,
    };
    let output = collected.map_err(io_error)?;
    let status = match output.ended {
        Ended::Cancelled => ProcessStatus::Cancelled,
        Ended::TimedOut => ProcessStatus::TimedOut,
        Ended::Exited if output.cut && job.timeout.is_some() => ProcessStatus::TimedOut,
        Ended::Exited => status_of(exit.map_err(io_error)?),
    };
    let dropped = output.stdout.dropped() + output.stderr.dropped();
    let mut stderr = output.stderr.into_bytes();
    if output.cut {
        stderr.extend_from_slice(LEAK_NOTE.as_bytes());
    }
    Ok(Completed {
        status,
        stdout: output.stdout.into_bytes(),
        stderr,
        dropped,
        duration: start.elapsed(),
    })
}

/// What the run adds to stderr when it had to cut a pipe held open.
const LEAK_NOTE: &str = "\n[hookrc: a process the command left in the background kept the output open after the command exited; it was killed and the output cut]\n";

/// Why the leader is gone, as far as we caused it.
enum Ended {
    Exited,
    TimedOut,
    Cancelled,
}

/// A job's output as collected, and how its leader ended.
struct Collected {
    stdout: Capture,
    stderr: Capture,
    ended: Ended,
    /// A pipe was still held open at the drain deadline, and cut.
    cut: bool,
}

/// Feeds stdin, drains stdout and stderr, waits for the leader to exit (or
/// the timeout), kills the rest of its group, and bounds the draining.
/// Leaves the leader unreaped.
fn collect(
    child: &mut Spawned,
    job: &Job,
    (group, start): (Pid, Instant),
    cancel: &Cancel,
    registration: &crate::cancel::Registration,
) -> io::Result<Collected> {
    let stdin = child.stdin.take();
    let stdout = child
        .stdout
        .take()
        .map(|pipe| File::from(OwnedFd::from(pipe)));
    let stderr = child
        .stderr
        .take()
        .map(|pipe| File::from(OwnedFd::from(pipe)));
    let pipes = stdout.iter().chain(stderr.iter());
    let prepared = pipe_inodes(pipes, stdin.as_ref()).and_then(|inodes| Ok((inodes, io::pipe()?)));
    let (inodes, (stop, mut stopper)) = match prepared {
        Ok(prepared) => prepared,
        Err(err) => {
            cancel.unregister(registration);
            kill_group(group);
            return Err(err);
        }
    };
    let readers = stdout.iter().chain(stderr.iter()).count();
    let finished = Finished::default();
    let timer = Timer::default();
    thread::scope(|scope| {
        let (stop, finished) = (&stop, &finished);
        let input = stdin.zip(job.stdin()).map(|(mut pipe, bytes)| {
            scope.spawn(move || {
                let written = match pipe.write_all(bytes) {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                    other => other,
                };
                drop(pipe);
                finished.done();
                written
            })
        });
        let streams = readers + usize::from(input.is_some());
        let reader = |pipe| scope.spawn(move || drain::read(pipe, stop, job.output_cap, finished));
        let err = stderr.map(reader);
        let out = stdout.map(reader);
        let waited = wait_with_timeout(scope, &timer, group, job.timeout);
        let cancelled = cancel.unregister(registration);
        kill_group(group);
        let limit = job.timeout.map_or(start, |timeout| start + timeout);
        let deadline = limit.max(Instant::now()) + DRAIN_GRACE;
        let cut = !finished.wait(streams, deadline, cancel);
        if cut {
            drain::kill_holders(&inodes);
            stopper.write_all(b"stop")?;
        }
        let stdout = join(out, job.output_cap)?;
        let stderr = join(err, job.output_cap)?;
        if let Some(input) = input {
            join_thread(input)?;
        }
        let ended = match waited? {
            _ if cancelled || cancel.is_cancelled() && cut => Ended::Cancelled,
            true => Ended::TimedOut,
            false => Ended::Exited,
        };
        Ok(Collected {
            stdout,
            stderr,
            ended,
            cut,
        })
    })
}

/// The inodes of a job's pipes: the output ones, then stdin's.
fn pipe_inodes<'a>(
    outputs: impl Iterator<Item = &'a File>,
    stdin: Option<&io::PipeWriter>,
) -> io::Result<Vec<u64>> {
    let mut inodes = Vec::new();
    for pipe in outputs {
        inodes.push(pipe.metadata()?.ino());
    }
    if let Some(pipe) = stdin {
        inodes.push(
            File::from(pipe.as_fd().try_clone_to_owned()?)
                .metadata()?
                .ino(),
        );
    }
    Ok(inodes)
}

fn join(
    handle: Option<thread::ScopedJoinHandle<'_, io::Result<Capture>>>,
    cap: Option<usize>,
) -> io::Result<Capture> {
    handle.map_or_else(|| Ok(Capture::new(cap)), join_thread)
}

fn join_thread<T>(handle: thread::ScopedJoinHandle<'_, io::Result<T>>) -> io::Result<T> {
    handle
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("an output thread panicked")))
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
mod bounds_tests;
#[cfg(test)]
mod spawn_tests;
#[cfg(test)]
mod tests;
