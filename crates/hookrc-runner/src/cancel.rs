//! The cancellation token shared by every job of a hook run.
//!
//! [`Cancel`] keeps a registry of the process groups that are running right
//! now. [`Cancel::cancel`] marks the token and asks every registered group
//! to stop with [`STOP_SIGNAL`] (`SIGINT`, so a tool such as `go` removes its temporary
//! files), then kills (`SIGKILL`) the groups whose leader has not exited
//! after a grace; it signals only under the registry lock, and [`crate::run`] removes its group
//! from the registry *before* it reaps the group leader, so a group id that is
//! signalled always still belongs to our child (a zombie leader keeps its id
//! reserved). It is separate from `exec` because it outlives single jobs: the
//! binary clones one token into its Ctrl-C/SIGTERM handler and into every job.
//!
//! That handler is only needed once there is a child to kill, and installing
//! it costs a thread: [`Cancel::before_first_spawn`] defers it to the moment
//! the first job is about to start, so a hook run that starts no process
//! never pays for it.
//!
//! The token also carries the run's process marker
//! ([`Cancel::mark_processes`]): one environment variable added to every
//! process started with it, which its descendants inherit, so that what a
//! run killed by `SIGKILL` left running can be found later
//! ([`crate::kill_marked`]).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::io;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// A cloneable cancellation token: cancelling kills every running child's
/// process group promptly, and no job starts after it.
///
/// Call [`Cancel::cancel`] from a normal thread (the `ctrlc` crate runs its
/// handler on one), not from inside an async signal handler: it takes a lock.
#[derive(Clone, Debug, Default)]
pub struct Cancel {
    shared: Arc<Shared>,
}

/// How long a process group asked to stop ([`STOP_SIGNAL`]) has before it
/// is killed (`SIGKILL`).
pub(crate) const TERM_GRACE: Duration = Duration::from_secs(2);

/// How a process group is asked to stop before it is killed: `SIGINT`,
/// what Ctrl-C sends a program run by hand, and the signal on which `go`
/// stops and removes its `go-build*` directory (on `SIGTERM` it dies at
/// once and leaves it behind).
pub(crate) const STOP_SIGNAL: Signal = Signal::SIGINT;

#[derive(Debug, Default)]
struct Shared {
    registry: Mutex<Registry>,
    /// Notified whenever a group leaves the registry.
    left: Condvar,
    /// Held while the arming step runs, so that a second job starting at the
    /// same moment waits until it is done.
    arming: Mutex<Arming>,
    /// The variable every process started from now on gets, if any.
    marker: Mutex<Option<Marker>>,
}

/// An environment variable, name and value.
pub(crate) type Marker = (OsString, OsString);

/// What runs once, before the first process of any job starts.
type ArmFn = Box<dyn FnOnce(&Cancel) -> io::Result<()> + Send>;

#[derive(Default)]
struct Arming(Option<ArmFn>);

impl fmt::Debug for Arming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.0.is_some() { "pending" } else { "none" };
        f.write_str(state)
    }
}

#[derive(Debug, Default)]
struct Registry {
    cancelled: bool,
    next_id: u64,
    groups: BTreeMap<u64, Pid>,
}

/// A running process group entered in a [`Cancel`] registry.
#[derive(Debug)]
pub(crate) struct Registration {
    id: u64,
    /// The token was already cancelled when the group registered: it has been
    /// killed on the spot.
    killed_on_entry: bool,
}

impl Cancel {
    /// A fresh token, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels: asks every registered process group to terminate, kills
    /// those still running after a grace of 2 s (this call returns then, or
    /// as soon as they are all gone), and makes every later [`crate::run`]
    /// return [`crate::ProcessStatus::Cancelled`] without starting its
    /// process. Idempotent.
    pub fn cancel(&self) {
        let mut registry = self.lock();
        registry.cancelled = true;
        for group in registry.groups.values() {
            signal_group(*group, STOP_SIGNAL);
        }
        let (mut registry, _) = self
            .shared
            .left
            .wait_timeout_while(registry, TERM_GRACE, |r| !r.groups.is_empty())
            .unwrap_or_else(PoisonError::into_inner);
        for group in registry.groups.values() {
            kill_group(*group);
        }
        registry.groups.clear();
    }

    /// Whether [`Cancel::cancel`] has been called on this token or a clone.
    pub fn is_cancelled(&self) -> bool {
        self.lock().cancelled
    }

    /// Runs `arm` (given this token) once, just before the first process of
    /// any job using this token or a clone starts; never, if none does. This
    /// is where a caller installs the signal handler that calls
    /// [`Cancel::cancel`]. If `arm` fails, that job does not start and fails
    /// with its error; later jobs start without it. Replaces an `arm` that
    /// has not run yet.
    pub fn before_first_spawn(&self, arm: impl FnOnce(&Cancel) -> io::Result<()> + Send + 'static) {
        self.arming().0 = Some(Box::new(arm));
    }

    /// Marks every process started with this token (or a clone) from now
    /// on: `name=value` is added to its environment, over the job's own
    /// variable of that name. Its descendants inherit it (unless they clear
    /// their environment), so [`crate::kill_marked`] finds them after the
    /// process that started them is gone. Call it from the
    /// [`Cancel::before_first_spawn`] step to mark every process of a run.
    /// Replaces an earlier marker.
    pub fn mark_processes(&self, name: impl Into<OsString>, value: impl Into<OsString>) {
        *self
            .shared
            .marker
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some((name.into(), value.into()));
    }

    /// The marker set by [`Cancel::mark_processes`], if any.
    pub(crate) fn marker(&self) -> Option<Marker> {
        self.shared
            .marker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Runs the pending [`Cancel::before_first_spawn`] step, if any; jobs
    /// starting meanwhile wait for it.
    pub(crate) fn arm(&self) -> io::Result<()> {
        let mut arming = self.arming();
        match arming.0.take() {
            Some(arm) => arm(self),
            None => Ok(()),
        }
    }

    /// Enters a freshly spawned group; kills it at once if the token was
    /// cancelled between the caller's check and the spawn.
    pub(crate) fn register(&self, group: Pid) -> Registration {
        let mut registry = self.lock();
        let id = registry.next_id;
        registry.next_id += 1;
        if registry.cancelled {
            kill_group(group);
            return Registration {
                id,
                killed_on_entry: true,
            };
        }
        registry.groups.insert(id, group);
        Registration {
            id,
            killed_on_entry: false,
        }
    }

    /// Leaves the registry (call before reaping the group leader). Returns
    /// whether the group was stopped by a cancellation.
    pub(crate) fn unregister(&self, registration: &Registration) -> bool {
        let cancelled = {
            let mut registry = self.lock();
            let removed = registry.groups.remove(&registration.id);
            registry.cancelled || removed.is_none()
        };
        self.shared.left.notify_all();
        registration.killed_on_entry || cancelled
    }

    fn lock(&self) -> MutexGuard<'_, Registry> {
        // The registry holds plain data that no panic can leave half-updated.
        self.shared
            .registry
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn arming(&self) -> MutexGuard<'_, Arming> {
        // A panicking arm step has been taken out already: nothing is left
        // half-done.
        self.shared
            .arming
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Sends `SIGKILL` to a whole process group. A group that is already gone
/// (`ESRCH`) is not an error: there is nothing left to kill.
pub(crate) fn kill_group(group: Pid) {
    signal_group(group, Signal::SIGKILL);
}

/// Sends `signal` to a whole process group.
pub(crate) fn signal_group(group: Pid, signal: Signal) {
    // The only possible failures are ESRCH (nothing left) and EPERM (not
    // ours, which cannot happen for a group we created): both mean there is
    // nothing we can do.
    let _ = killpg(group, signal);
}
