//! Waiting for a job's group leader to exit, with the job's time limit:
//! `waitid(WNOWAIT)` leaves the leader unreaped, and a timer thread, only
//! when there is a limit, asks the group to stop when it expires and
//! kills it after a grace.

use std::io;
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use nix::errno::Errno;
use nix::sys::wait::{Id, WaitPidFlag, waitid};
use nix::unistd::Pid;

use crate::cancel::{STOP_SIGNAL, TERM_GRACE, kill_group, signal_group};

/// The timeout timer's shared state: `exited` is set (under the lock) before
/// the leader can be reaped, and the timer kills only while it is unset, so a
/// group id it signals is never stale.
#[derive(Default)]
pub(super) struct Timer {
    state: Mutex<TimerState>,
    wake: Condvar,
}

#[derive(Default)]
pub(super) struct TimerState {
    exited: bool,
    fired: bool,
}

impl Timer {
    fn lock(&self) -> std::sync::MutexGuard<'_, TimerState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sleeps until the leader exits or `timeout` passes; in the latter case
    /// asks the group to stop (`SIGINT`), and kills it if the leader
    /// has not exited after a grace.
    fn arm(&self, group: Pid, timeout: Duration) {
        let guard = self.lock();
        let (mut state, _) = self
            .wake
            .wait_timeout_while(guard, timeout, |state| !state.exited)
            .unwrap_or_else(PoisonError::into_inner);
        if state.exited {
            return;
        }
        state.fired = true;
        signal_group(group, STOP_SIGNAL);
        let (state, _) = self
            .wake
            .wait_timeout_while(state, TERM_GRACE, |state| !state.exited)
            .unwrap_or_else(PoisonError::into_inner);
        if !state.exited {
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
pub(super) fn wait_with_timeout<'scope>(
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
