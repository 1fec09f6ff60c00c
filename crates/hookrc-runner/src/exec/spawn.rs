//! Starting a job's process without copying hookrc's address space.
//!
//! The child must set itself up before it runs the program: a process
//! group of its own, `PR_SET_PDEATHSIG`, its stdio, its directory. With
//! `std::process::Command` that takes a `pre_exec` closure, which makes std
//! `fork`: the kernel copies hookrc's page tables for every check and
//! throws them away at the `exec` right after, and hookrc's threads take a
//! copy-on-write fault on each page they write meanwhile. That cost grows
//! with hookrc's memory, which grows with the number of checks, so a hook
//! with many checks got slower per check. This module does what glibc's
//! `posix_spawn` does instead: `clone(CLONE_VM | CLONE_VFORK)` runs the
//! child on a small stack of its own, in hookrc's memory, while the calling
//! thread waits for it to `exec` (or fail); nothing is copied.
//!
//! Sharing the memory makes the child's side strict. Everything it needs
//! (argv, envp, the program's path, the directory) is built before the
//! clone; the child only makes system calls (no allocation, no lock, no
//! panic); every signal is blocked from before the clone until the child
//! has put its signal handlers back to the default, so no handler of
//! hookrc's ever runs in it; and it reports a failure as an errno written
//! into the shared context, then exits.
//!
//! The kernel ties the parent-death signal to the thread that started the
//! child, which is fine: [`crate::run`] reaps the child on that thread
//! before it returns.

#![expect(
    unsafe_code,
    reason = "clone(CLONE_VM | CLONE_VFORK) and the child's system calls are only reachable through libc"
)]

use std::collections::BTreeMap;
use std::ffi::{CString, OsStr, OsString, c_char, c_int, c_void};
use std::fs::File;
use std::io::{self, PipeReader, PipeWriter};
use std::os::fd::{AsRawFd as _, OwnedFd};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::ptr;

use nix::libc;
use nix::unistd::Pid;

use crate::cancel::Marker;

/// `SIGKILL` as `prctl` reads its argument: an unsigned long, whole (an
/// `int` passed to the variadic call would leave the upper half unset).
const DEATH_SIGNAL: libc::c_ulong = libc::SIGKILL.unsigned_abs() as libc::c_ulong;

/// The child's stack: it makes a few system calls and nothing else.
const STACK: usize = 64 * 1024;

/// Where a program without a slash is looked for when the environment has
/// no `PATH` (glibc's default for `execvp`).
const DEFAULT_PATH: &str = "/bin:/usr/bin";

/// What to start.
pub(super) struct Spec<'a> {
    /// The program as given (`argv[0]`): a path, or a name looked up on the
    /// `PATH` of `env`.
    pub(super) program: &'a OsStr,
    /// The arguments after `argv[0]`.
    pub(super) args: &'a [OsString],
    /// The working directory.
    pub(super) cwd: &'a Path,
    /// The complete environment.
    pub(super) env: &'a BTreeMap<OsString, OsString>,
    /// A variable added over `env`.
    pub(super) marker: Option<&'a Marker>,
    /// Whether stdin is a pipe (else `/dev/null`).
    pub(super) stdin: bool,
    /// The file mode creation mask the program starts with; `None` keeps
    /// hookrc's.
    pub(super) umask: Option<libc::mode_t>,
}

/// A started process: its pid (its process group's id too) and our ends
/// of its pipes.
#[derive(Debug)]
pub(super) struct Spawned {
    pub(super) pid: Pid,
    pub(super) stdin: Option<PipeWriter>,
    pub(super) stdout: Option<PipeReader>,
    pub(super) stderr: Option<PipeReader>,
}

impl Spawned {
    /// Reaps the process (`waitpid`), retrying on `EINTR`.
    pub(super) fn wait(&self) -> io::Result<ExitStatus> {
        let mut status: c_int = 0;
        loop {
            // SAFETY: `status` is a valid place for the kernel to write to;
            // the pid is our own unreaped child.
            let reaped = unsafe { libc::waitpid(self.pid.as_raw(), &raw mut status, 0) };
            if reaped == self.pid.as_raw() {
                return Ok(ExitStatus::from_raw(status));
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                return Err(err);
            }
        }
    }
}

/// Starts `spec`'s program in a new process group, with `SIGKILL` as its
/// parent-death signal, stdio on fresh pipes (stdin `/dev/null` unless
/// `spec.stdin`), in `spec.cwd`, with exactly `spec.env` (and the marker).
///
/// # Errors
///
/// The errno of the step that failed (lookup, `chdir`, `execve`, …), or
/// `InvalidInput` for a NUL byte in an argument or variable.
pub(super) fn spawn(spec: &Spec<'_>) -> io::Result<Spawned> {
    let argv =
        c_strings(std::iter::once(spec.program).chain(spec.args.iter().map(OsString::as_os_str)))?;
    let envp = c_strings(
        environment(spec.env, spec.marker)
            .iter()
            .map(OsString::as_os_str),
    )?;
    let path = c_string(resolve(spec.program, spec.env, spec.cwd)?.as_os_str())?;
    let sh = c_string(OsStr::new("/bin/sh"))?;
    let cwd = c_string(spec.cwd.as_os_str())?;
    let sh_ptrs = pointers([&sh, &path].into_iter().chain(argv.iter().skip(1)));
    let argv0_ptrs = pointers(argv.iter());
    let envp_ptrs = pointers(envp.iter());

    let (stdin_child, stdin) = if spec.stdin {
        let (reader, writer) = io::pipe()?;
        (OwnedFd::from(reader), Some(writer))
    } else {
        (OwnedFd::from(File::open("/dev/null")?), None)
    };
    let (stdout, stdout_child) = io::pipe()?;
    let (stderr, stderr_child) = io::pipe()?;
    let mut context = Context {
        path: path.as_ptr(),
        argv: argv0_ptrs.as_ptr(),
        sh_argv: sh_ptrs.as_ptr(),
        envp: envp_ptrs.as_ptr(),
        cwd: cwd.as_ptr(),
        fds: [
            stdin_child.as_raw_fd(),
            stdout_child.as_raw_fd(),
            stderr_child.as_raw_fd(),
        ],
        parent: std::process::id().try_into().unwrap_or(0),
        umask: spec.umask,
        errno: 0,
    };
    let pid = clone_vfork(&mut context)?;
    if context.errno != 0 {
        let failed = Spawned {
            pid: Pid::from_raw(pid),
            stdin: None,
            stdout: None,
            stderr: None,
        };
        // The child has exited: reap it before reporting why.
        let _ = failed.wait();
        return Err(io::Error::from_raw_os_error(context.errno));
    }
    Ok(Spawned {
        pid: Pid::from_raw(pid),
        stdin,
        stdout: Some(stdout),
        stderr: Some(stderr),
    })
}

/// Everything the child reads, built before the clone, and the errno it
/// writes back when it fails. The pointers point into the caller's frame,
/// which outlives the child's use of them: the caller is suspended until
/// the child has exec'd or exited.
#[repr(C)]
struct Context {
    /// The program's resolved path.
    path: *const c_char,
    /// `argv`, `argv[0]` as given; NULL-terminated.
    argv: *const *const c_char,
    /// `/bin/sh <path> args…`, for a file the kernel cannot execute
    /// (`ENOEXEC`: a script without `#!`), as `execvp` does.
    sh_argv: *const *const c_char,
    /// `NAME=value` entries; NULL-terminated.
    envp: *const *const c_char,
    cwd: *const c_char,
    /// The child's stdin, stdout and stderr.
    fds: [c_int; 3],
    /// hookrc's pid: the child must still be its child once
    /// `PR_SET_PDEATHSIG` is set, or hookrc died before it could take effect.
    parent: libc::pid_t,
    /// The mask to set, if any.
    umask: Option<libc::mode_t>,
    /// Written by the child when a step fails; 0 when it exec'd.
    errno: c_int,
}

/// Clones the calling thread into a child sharing its memory, suspended
/// until the child execs or exits, with every signal blocked around it.
/// Returns the child's pid.
fn clone_vfork(context: &mut Context) -> io::Result<libc::pid_t> {
    let mut stack: Vec<u8> = Vec::with_capacity(STACK);
    // The stack grows down from its end, 16-byte aligned as the ABI wants.
    let top = (stack.as_mut_ptr() as usize + STACK) & !15;
    // SAFETY: `sigset_t` is plain data; `sigfillset` and `sigemptyset`
    // initialise it before any use.
    let (mut all, mut old) = unsafe { (std::mem::zeroed::<libc::sigset_t>(), std::mem::zeroed()) };
    // SAFETY: both sets are valid, owned, initialised by `sigfillset` here
    // and by `pthread_sigmask` (the old mask) right after.
    unsafe {
        libc::sigfillset(&raw mut all);
        libc::pthread_sigmask(libc::SIG_SETMASK, &raw const all, &raw mut old);
    }
    // SAFETY: `child` runs on `stack` (ours, unused by anything else, big
    // enough for its few calls) and reads `context`, which stays alive and
    // untouched by us until the clone returns: CLONE_VFORK suspends this
    // thread until the child has exec'd or exited. The child inherits the
    // full signal mask, so no handler runs in it before it resets them.
    let pid = unsafe {
        libc::clone(
            child,
            top as *mut c_void,
            libc::CLONE_VM | libc::CLONE_VFORK | libc::SIGCHLD,
            ptr::from_mut(context).cast::<c_void>(),
        )
    };
    let cloned = if pid == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(pid)
    };
    // SAFETY: `old` was filled by the `pthread_sigmask` above.
    unsafe {
        libc::pthread_sigmask(libc::SIG_SETMASK, &raw const old, ptr::null_mut());
    }
    drop(stack);
    cloned
}

/// The child, between clone and exec: only system calls, through the
/// context built by the parent; on failure it writes the errno there and
/// exits 127.
extern "C" fn child(arg: *mut c_void) -> c_int {
    // SAFETY: `arg` is the `Context` the parent passed to `clone`, alive
    // and not touched by the parent while the child runs (CLONE_VFORK).
    let context = unsafe { &mut *arg.cast::<Context>() };
    // SAFETY: each call below is async-signal-safe and gets pointers the
    // parent built and keeps alive (C strings, NULL-terminated arrays,
    // plain structs on this stack).
    unsafe {
        if libc::setpgid(0, 0) == -1 || libc::prctl(libc::PR_SET_PDEATHSIG, DEATH_SIGNAL) == -1 {
            return fail(context);
        }
        if libc::getppid() != context.parent {
            context.errno = libc::ESRCH;
            libc::_exit(127);
        }
        for (target, fd) in (0..).zip(context.fds) {
            let done = if fd == target {
                libc::fcntl(fd, libc::F_SETFD, 0)
            } else {
                libc::dup2(fd, target)
            };
            if done == -1 {
                return fail(context);
            }
        }
        if let Some(mask) = context.umask {
            libc::umask(mask);
        }
        if libc::chdir(context.cwd) == -1 {
            return fail(context);
        }
        default_signals();
        libc::execve(context.path, context.argv, context.envp);
        if *libc::__errno_location() == libc::ENOEXEC {
            libc::execve(c"/bin/sh".as_ptr(), context.sh_argv, context.envp);
        }
        fail(context)
    }
}

/// Records the current errno in the context and exits the child.
///
/// # Safety
///
/// Only in the child, after a failed system call.
unsafe fn fail(context: &mut Context) -> c_int {
    // SAFETY: errno is this thread's; `_exit` ends the child without
    // running anything of the parent's (no atexit, no flush).
    unsafe {
        context.errno = (*libc::__errno_location()).max(1);
        libc::_exit(127)
    }
}

/// Every signal that has a handler (hookrc's, copied into the child's
/// table) back to the default, and `SIGPIPE` (which Rust programs ignore)
/// too; then an empty signal mask, as a program run by hand starts with.
///
/// # Safety
///
/// Only in the child: it changes the calling process's signal table.
unsafe fn default_signals() {
    // SAFETY: `sigaction` reads and writes structs on this stack; a signal
    // number the C library reserves fails with EINVAL and is left alone.
    unsafe {
        let default: libc::sigaction = std::mem::zeroed();
        for signal in 1..=libc::SIGRTMAX() {
            if signal == libc::SIGKILL || signal == libc::SIGSTOP {
                continue;
            }
            let mut current: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, ptr::null(), &raw mut current) != 0 {
                continue;
            }
            let handled =
                current.sa_sigaction != libc::SIG_DFL && current.sa_sigaction != libc::SIG_IGN;
            if handled || signal == libc::SIGPIPE {
                libc::sigaction(signal, &raw const default, ptr::null_mut());
            }
        }
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&raw mut empty);
        libc::pthread_sigmask(libc::SIG_SETMASK, &raw const empty, ptr::null_mut());
    }
}

/// The child's environment, `NAME=value`: `env`, with the marker over it.
fn environment(env: &BTreeMap<OsString, OsString>, marker: Option<&Marker>) -> Vec<OsString> {
    let entry = |name: &OsStr, value: &OsStr| {
        let mut entry = name.to_owned();
        entry.push("=");
        entry.push(value);
        entry
    };
    let replaced = marker.map(|(name, _)| name.as_os_str());
    env.iter()
        .filter(|(name, _)| Some(name.as_os_str()) != replaced)
        .map(|(name, value)| entry(name, value))
        .chain(marker.map(|(name, value)| entry(name, value)))
        .collect()
}

/// The file `execvp` would run for `program`: itself when it has a slash;
/// else the first executable file of that name along the `PATH` of `env`
/// (relative entries, and empty ones, from `cwd`).
fn resolve(program: &OsStr, env: &BTreeMap<OsString, OsString>, cwd: &Path) -> io::Result<PathBuf> {
    if program.as_bytes().contains(&b'/') {
        return Ok(PathBuf::from(program));
    }
    if program.is_empty() {
        return Err(io::Error::from_raw_os_error(libc::ENOENT));
    }
    let path = env
        .get(OsStr::new("PATH"))
        .map_or(OsStr::new(DEFAULT_PATH), OsString::as_os_str);
    let mut denied = false;
    for dir in path.as_bytes().split(|b| *b == b':') {
        let dir = if dir.is_empty() {
            Path::new(".")
        } else {
            Path::new(OsStr::from_bytes(dir))
        };
        let candidate = cwd.join(dir).join(program);
        if !candidate.is_file() {
            continue;
        }
        match rustix::fs::access(&candidate, rustix::fs::Access::EXEC_OK) {
            Ok(()) => return Ok(candidate),
            Err(_) => denied = true,
        }
    }
    let errno = if denied { libc::EACCES } else { libc::ENOENT };
    Err(io::Error::from_raw_os_error(errno))
}

fn c_string(text: &OsStr) -> io::Result<CString> {
    CString::new(text.as_bytes()).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a NUL byte in `{}`", text.to_string_lossy()),
        )
    })
}

fn c_strings<'a>(texts: impl Iterator<Item = &'a OsStr>) -> io::Result<Vec<CString>> {
    texts.map(c_string).collect()
}

/// A NULL-terminated array of pointers to `strings`.
fn pointers<'a>(strings: impl Iterator<Item = &'a CString>) -> Vec<*const c_char> {
    strings
        .map(|s| s.as_ptr())
        .chain(std::iter::once(ptr::null()))
        .collect()
}
