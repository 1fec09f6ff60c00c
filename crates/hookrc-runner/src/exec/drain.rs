//! Reading a child's output within bounds: each pipe is read on its own
//! thread into a [`Capture`] that keeps the head and the tail and counts
//! what it dropped, so memory stays bounded whatever a tool prints; a
//! reader stops as soon as the run's stop pipe is written, so a process
//! that escaped the group (another session) and still holds the pipe can
//! never keep the run waiting; [`kill_holders`] finds such processes by the
//! pipe they hold and kills them.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, PipeReader, Read};
use std::os::fd::AsFd;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::Cancel;

/// How often a drain that outlives its process looks at the cancellation
/// token; only a leaked pipe ever waits this way.
const CANCEL_TICK: Duration = Duration::from_millis(50);

/// Captured bytes of one stream: at most `cap` kept, half from the start
/// and half from the end, with the count of the bytes dropped between.
#[derive(Debug)]
pub(super) struct Capture {
    head: Vec<u8>,
    tail: VecDeque<u8>,
    half: usize,
    dropped: u64,
}

impl Capture {
    /// An empty capture keeping at most `cap` bytes (`None`: every byte).
    pub(super) fn new(cap: Option<usize>) -> Self {
        Self {
            head: Vec::new(),
            tail: VecDeque::new(),
            half: cap.map_or(usize::MAX, |cap| cap / 2),
            dropped: 0,
        }
    }

    /// Appends `bytes`, dropping the oldest bytes past the head when the
    /// tail is full.
    pub(super) fn push(&mut self, mut bytes: &[u8]) {
        let room = self.half.saturating_sub(self.head.len());
        let (head, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(head);
        bytes = rest;
        if bytes.len() > self.half {
            let skip = bytes.len() - self.half;
            self.dropped += (self.tail.len() + skip) as u64;
            self.tail.clear();
            bytes = &bytes[skip..];
        }
        self.tail.extend(bytes);
        let over = self.tail.len().saturating_sub(self.half);
        self.tail.drain(..over);
        self.dropped += over as u64;
    }

    /// How many bytes were dropped.
    pub(super) fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The kept bytes, with a line saying how many were dropped where they
    /// were.
    pub(super) fn into_bytes(self) -> Vec<u8> {
        let mut bytes = self.head;
        if self.dropped > 0 {
            let note = format!(
                "\n[hookrc: {} bytes of output dropped here]\n",
                self.dropped
            );
            bytes.extend_from_slice(note.as_bytes());
        }
        bytes.extend(self.tail);
        bytes
    }
}

/// How many readers (and the stdin writer) have finished, for the waiter
/// that bounds them.
#[derive(Debug, Default)]
pub(super) struct Finished {
    count: Mutex<usize>,
    changed: Condvar,
}

impl Finished {
    /// Records that one more reader (or the stdin writer) has finished.
    pub(super) fn done(&self) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.changed.notify_all();
    }

    /// Waits until `readers` have finished (true), or `deadline` passes or
    /// `cancel` is cancelled first (false).
    pub(super) fn wait(&self, readers: usize, deadline: Instant, cancel: &Cancel) -> bool {
        let mut count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        while *count < readers {
            let now = Instant::now();
            if now >= deadline || cancel.is_cancelled() {
                return false;
            }
            let tick = (deadline - now).min(CANCEL_TICK);
            count = self
                .changed
                .wait_timeout(count, tick)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }
}

/// Reads `pipe` to its end, or until `stop` becomes readable, into a
/// capture of at most `cap` bytes; tells `finished` either way.
pub(super) fn read(
    pipe: File,
    stop: &PipeReader,
    cap: Option<usize>,
    finished: &Finished,
) -> io::Result<Capture> {
    let mut capture = Capture::new(cap);
    let result = pump(pipe, stop, &mut capture);
    finished.done();
    result.map(|()| capture)
}

fn pump(mut pipe: File, stop: &PipeReader, capture: &mut Capture) -> io::Result<()> {
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let mut fds = [
            PollFd::new(pipe.as_fd(), PollFlags::POLLIN),
            PollFd::new(stop.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(Errno::EINTR) => continue,
            Err(errno) => return Err(errno.into()),
        }
        if fds[1].any().unwrap_or(false) {
            return Ok(());
        }
        match pipe.read(&mut buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => capture.push(&buffer[..n]),
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

/// Kills (`SIGKILL`) every other process that holds one of the pipes
/// whose inodes are `inodes`: what is left holding a job's pipes once its
/// group is dead is a process that left the group on purpose.
pub(super) fn kill_holders(inodes: &[u64]) {
    let names: Vec<String> = inodes.iter().map(|ino| format!("pipe:[{ino}]")).collect();
    let Ok(processes) = std::fs::read_dir("/proc") else {
        return;
    };
    let me = std::process::id();
    for process in processes.flatten() {
        let Some(pid) = process
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
            .filter(|pid| *pid != me)
        else {
            continue;
        };
        if holds_any(pid, &names)
            && let Ok(pid) = i32::try_from(pid)
        {
            // It may have exited meanwhile (ESRCH): nothing left to do.
            let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
        }
    }
}

fn holds_any(pid: u32, names: &[String]) -> bool {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten().any(|fd| {
        std::fs::read_link(fd.path())
            .is_ok_and(|target| names.iter().any(|name| target.as_os_str() == name.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::Capture;

    #[test]
    fn a_capture_keeps_head_and_tail_and_counts_the_middle() {
        let mut capture = Capture::new(Some(8));
        for chunk in [&b"abc"[..], b"defgh", b"ijklmnopq", b"rs"] {
            capture.push(chunk);
        }
        assert_eq!(capture.dropped(), 11);
        assert_eq!(
            capture.into_bytes(),
            b"abcd\n[hookrc: 11 bytes of output dropped here]\npqrs"
        );
        let mut whole = Capture::new(None);
        whole.push(b"every byte");
        assert_eq!(whole.dropped(), 0);
        assert_eq!(whole.into_bytes(), b"every byte");
    }
}
