//! The verdict cache: a check whose inputs were judged before does not run
//! again; the report stored then is replayed, marked as cached, without
//! starting any process. [`key`] says what the inputs are (content as git
//! object ids, configuration, tool identity, environment); a check whose
//! inputs cannot all be named (the working tree, a benchmark, a custom
//! command that did not opt in) gets no key and always runs. [`store`]
//! keeps the entries under `<git common dir>/hookrc/cache/`, shared by
//! linked worktrees.
//!
//! Only verdicts are kept: a pass or a failure. A skip, an error (the check
//! could not run) or an interruption runs again next time, and so does a
//! report with a line that depends on more than the key's inputs (go-fmt's
//! hints name paths from where the user stands and say `git add` alone when
//! the working tree already holds the formatted file).

mod key;
mod store;

use std::time::Instant;

use hookrc_policy::Check;

pub(crate) use store::{MAX_BYTES, Store};

use crate::checks::CheckContext;
use crate::output::report::{Cached, CheckReport, CheckStatus};

/// The report of the check `name`: replayed from the cache when its inputs
/// were judged before, else what `run` returns (stored when it is a pass
/// or a failure). Without a cache, or without a key, just `run`.
pub(crate) fn through(
    name: &str,
    check: &Check,
    context: &CheckContext<'_>,
    run: impl FnOnce() -> CheckReport,
) -> CheckReport {
    let Some(store) = context.cache.as_ref() else {
        return run();
    };
    let start = Instant::now();
    // A check whose key cannot be computed runs, and reports what is wrong.
    let Ok(Some(key)) = key::of(name, check, context) else {
        return run();
    };
    if let Some(mut report) = store.load(&key) {
        report.cached = Some(Cached {
            duration: report.duration,
        });
        report.duration = start.elapsed();
        return report;
    }
    let report = run();
    if storable(&report) && !context.cancel.is_cancelled() {
        // A cache is a courtesy: failing to keep an entry changes nothing.
        let _ = store.save(&key, &report);
    }
    report
}

/// Whether `report` may be stored: a verdict (pass or failure) whose every
/// line depends only on the key's inputs.
fn storable(report: &CheckReport) -> bool {
    matches!(report.status, CheckStatus::Passed | CheckStatus::Failed) && !report.context_bound
}
