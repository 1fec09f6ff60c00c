//! Interrupts: Ctrl-C, SIGTERM and SIGHUP stop every child hookrc started,
//! for hook runs and commands alike; and the marker on every child, by
//! which a later run finds what this one left if it is killed.

use std::path::Path;

use hookrc_runner::Cancel;

use crate::git;

/// A cancellation token that Ctrl-C, SIGTERM and SIGHUP trigger: every
/// running child's process group is asked to stop (`SIGINT`, as Ctrl-C asks
/// a tool run by hand, so tools clean up), killed if still running after a
/// grace, and the run ends with
/// 130 (also when the signal lands after the last check). The
/// handler (a thread) is installed just before the first child starts, so a
/// run that starts none does not pay for it; until then the signals end
/// hookrc as they end any program, with nothing of ours to clean up.
///
/// At that same moment the run takes its temporary directory in the
/// repository at `root` (sweeping what dead runs left, their processes
/// included), and every child from then on carries the run's marker
/// ([`git::run_marker`]): if hookrc is killed (`SIGKILL`, which no handler
/// sees), the next run kills what the children started and left running.
pub(crate) fn interrupt_on_signal(root: &Path) -> Cancel {
    let cancel = Cancel::new();
    let root = root.to_owned();
    cancel.before_first_spawn(move |cancel| {
        // Best effort: without its directory (a read-only or full file
        // system) the run's children go unmarked, and a check that needs
        // the directory says why it cannot have it.
        if let Ok((name, value)) = git::run_marker(&root) {
            cancel.mark_processes(name, value);
        }
        let handler = cancel.clone();
        ctrlc::set_handler(move || handler.cancel()).map_err(|err| {
            std::io::Error::other(format!("cannot install the Ctrl-C handler: {err}"))
        })
    });
    cancel
}
