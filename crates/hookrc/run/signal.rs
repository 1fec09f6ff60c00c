//! Interrupts: Ctrl-C, SIGTERM and SIGHUP stop every child hookrc started,
//! for hook runs and commands alike.

use hookrc_runner::Cancel;

/// A cancellation token that Ctrl-C, SIGTERM and SIGHUP trigger: every
/// running child's process group is asked to stop (`SIGINT`, as Ctrl-C asks
/// a tool run by hand, so tools clean up), killed if still running after a
/// grace, and the run ends with
/// 130 (also when the signal lands after the last check). The
/// handler (a thread) is installed just before the first child starts, so a
/// run that starts none does not pay for it; until then the signals end
/// hookrc as they end any program, with nothing of ours to clean up.
pub(crate) fn interrupt_on_signal() -> Cancel {
    let cancel = Cancel::new();
    cancel.before_first_spawn(|cancel| {
        let handler = cancel.clone();
        ctrlc::set_handler(move || handler.cancel()).map_err(|err| {
            std::io::Error::other(format!("cannot install the Ctrl-C handler: {err}"))
        })
    });
    cancel
}
