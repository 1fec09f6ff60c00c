//! What the pre-push Go checks share: the modules of the snapshot that its
//! changes touch (every module without a change list, e.g. `--all-files`),
//! the tree they are judged in (the working tree when it holds the pushed
//! commit for those modules, else a private checkout of it), a
//! whole-module target, and running a check per module side by side, with
//! progress on a terminal.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hookrc_runner::Outcome;
use hookrc_runner::go::{GoError, Target, Toolchain, find_modules};

use crate::checks::CheckContext;
use crate::checks::go;
use crate::output;
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::present::{Presented, Scope};

/// What a pre-push Go check runs on.
pub(crate) struct Prepared<'a> {
    /// The Go toolchain.
    pub(crate) toolchain: &'a Toolchain,
    /// The touched modules' directories (repo-relative).
    pub(crate) modules: Vec<PathBuf>,
    /// The tree holding the snapshot for them.
    pub(crate) tree: Presented,
}

/// What a pre-push Go check runs on: the toolchain, the modules the
/// snapshot's changes touch with a file that `matches`
/// ([`touched_modules`]) and the tree to judge them in; or the report to
/// return instead (Go missing, modules or content unreadable).
pub(crate) fn prepare<'a>(
    name: &str,
    context: &'a CheckContext<'_>,
    optional: bool,
    matches: impl Fn(&Path) -> bool,
) -> Result<Prepared<'a>, CheckReport> {
    let toolchain = go::toolchain_or_report(name, context, optional)?;
    let modules =
        touched_modules(context, matches).map_err(|err| go::repo_error_report(name, &err))?;
    let mut scope = modules.clone();
    scope.extend(["go.work", "go.work.sum"].map(PathBuf::from));
    let tree = if modules.is_empty() {
        context.snapshot.worktree()
    } else {
        context
            .snapshot
            .present(&Scope::Trees(&scope))
            .map_err(|err| go::repo_error_report(name, &err))?
    };
    Ok(Prepared {
        toolchain,
        modules,
        tree,
    })
}

/// The report of a check that found no module to run on.
pub(crate) fn no_module_touched(name: &str) -> CheckReport {
    CheckReport::new(
        name,
        CheckStatus::Skipped("no Go module is touched by the pushed commits".into()),
    )
}

/// The module directories (repo-relative) of the snapshot holding a
/// changed path that `matches`; every module when the run has no change
/// list (`hookrc run pre-push` without input, `--all-files`).
pub(crate) fn touched_modules(
    context: &CheckContext<'_>,
    matches: impl Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let modules = snapshot_modules(context)?;
    let Some(files) = context.snapshot.changed() else {
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

/// The directories of the snapshot's Go modules (a `go.mod`), skipping
/// what `go ./...` skips (`vendor`, `testdata`, `.`/`_` directories).
fn snapshot_modules(context: &CheckContext<'_>) -> anyhow::Result<Vec<PathBuf>> {
    let Some(snapshot) = context.snapshot.content()? else {
        return Ok(find_modules(&context.root)?
            .into_iter()
            .map(|m| m.dir().to_path_buf())
            .collect());
    };
    let mut modules: Vec<PathBuf> = snapshot
        .files_under(Path::new(""))
        .into_iter()
        .filter(|entry| entry.path.file_name().is_some_and(|n| n == "go.mod"))
        .filter_map(|entry| entry.path.parent().map(Path::to_path_buf))
        .filter(|dir| {
            !dir.iter().any(|name| {
                name == "vendor"
                    || name == "testdata"
                    || name
                        .as_encoded_bytes()
                        .first()
                        .is_some_and(|b| *b == b'.' || *b == b'_')
            })
        })
        .collect();
    modules.sort();
    Ok(modules)
}

/// `./...` of the module in `dir` of the prepared tree, with `[go] tags`,
/// the check's timeout and what a checkout needs.
pub(crate) fn module_target(
    context: &CheckContext<'_>,
    prepared: &Prepared<'_>,
    dir: &Path,
    timeout: Duration,
) -> Target {
    let tree = &prepared.tree;
    let mut target = Target::new(tree.root(), dir)
        .with_packages(vec![PathBuf::from("...")])
        .with_tags(context.go.settings().tags().to_vec())
        .with_timeout(timeout);
    if !tree.in_place() {
        target = target.with_env(go::checkout_env(prepared.toolchain, tree.root()));
    }
    target
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
pub(crate) fn progress(line: &str) {
    if std::io::stderr().is_terminal() {
        // Progress is a courtesy: a closed terminal must not fail the check.
        let _ = output::note(line);
    }
}
