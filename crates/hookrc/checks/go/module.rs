//! What the pre-push Go checks share: the modules the pushed commits touch
//! (every module without a file list, e.g. `--all-files` gives them all),
//! a whole-module target, and running
//! a check per module side by side, with progress on a terminal.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hookrc_runner::Outcome;
use hookrc_runner::go::{GoError, Target, Toolchain, find_modules};

use crate::checks::CheckContext;
use crate::checks::go;
use crate::output;
use crate::output::report::{CheckReport, CheckStatus};

/// What a pre-push Go check runs on: the toolchain and the modules the
/// pushed commits touch with a file that `matches` ([`touched_modules`]);
/// or the report to return instead (Go missing, modules unreadable).
pub(crate) fn prepare<'a>(
    name: &str,
    context: &'a CheckContext,
    optional: bool,
    matches: impl Fn(&Path) -> bool,
) -> Result<(&'a Toolchain, Vec<PathBuf>), CheckReport> {
    let toolchain = go::toolchain_or_report(name, context, optional)?;
    let modules = touched_modules(context, matches).map_err(|err| go::error_report(name, &err))?;
    Ok((toolchain, modules))
}

/// The report of a check that found no module to run on.
pub(crate) fn no_module_touched(name: &str) -> CheckReport {
    CheckReport::new(
        name,
        CheckStatus::Skipped("no Go module is touched by the pushed commits".into()),
    )
}

/// The module directories (relative to the root) holding a file the pushed
/// commits touch (or a file of the run) that `matches`; every module when
/// the run has no file list (`hookrc run pre-push` without input).
pub(crate) fn touched_modules(
    context: &CheckContext,
    matches: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, GoError> {
    let modules: Vec<PathBuf> = find_modules(&context.root)?
        .into_iter()
        .map(|m| m.dir().to_path_buf())
        .collect();
    let Some(files) = context.pushed_files.as_ref().or(context.files.as_ref()) else {
        return Ok(modules);
    };
    let mut touched: Vec<PathBuf> = files
        .iter()
        .filter(|f| matches(f))
        .filter_map(|file| {
            modules
                .iter()
                .filter(|dir| file.starts_with(dir))
                .max_by_key(|dir| dir.components().count())
                .cloned()
        })
        .collect();
    touched.sort();
    touched.dedup();
    Ok(touched)
}

/// `./...` of the module in `dir`, with `[go] tags` and the check's timeout.
pub(crate) fn module_target(context: &CheckContext, dir: &Path, timeout: Duration) -> Target {
    Target::new(&context.root, dir)
        .with_packages(vec![PathBuf::from("...")])
        .with_tags(context.go.settings().tags().to_vec())
        .with_timeout(timeout)
}

/// How a module is named in messages: its directory, `.` for the root.
pub(crate) fn module_label(dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        dir.display().to_string()
    }
}

/// Run `each` on every module side by side and merge the outcomes into one
/// report; the first error wins. No module: skipped.
pub(crate) fn per_module(
    name: &str,
    modules: Vec<PathBuf>,
    each: impl Fn(&Path) -> Result<Outcome, GoError> + Sync + Send,
) -> CheckReport {
    if modules.is_empty() {
        return no_module_touched(name);
    }
    go::merged(name, modules, |dir| {
        let started = Instant::now();
        progress(&format!("{name}: {} …", module_label(&dir)));
        let result = each(&dir);
        progress(&format!(
            "{name}: {} done in {:.1}s",
            module_label(&dir),
            started.elapsed().as_secs_f64()
        ));
        result.map_err(|err| go::error_report(name, &err))
    })
}

/// A progress line on stderr, only when stderr is a terminal.
fn progress(line: &str) {
    if std::io::stderr().is_terminal() {
        // Progress is a courtesy: a closed terminal must not fail the check.
        let _ = output::note(line);
    }
}
