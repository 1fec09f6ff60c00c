//! What the built-in Go checks share: the `[go]` settings and the toolchain
//! (located once per run, by whichever Go check asks first), the staged
//! `.go` files a check applies to, and turning the runner's outcomes and
//! errors into reports.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

pub(crate) mod bench;
pub(crate) mod build;
pub(crate) mod env;
pub(crate) mod fix;
pub(crate) mod fmt;
pub(crate) mod gomod;
pub(crate) mod lint;
pub(crate) mod module;
pub(crate) mod test;
pub(crate) mod vet;

use hookrc_policy::{GoSettings, PackageScope};
use hookrc_runner::go::{
    GoError, Selection, Target, Toolchain, Unit, group_files, importers, is_generated,
};
use hookrc_runner::{Outcome, Status};

use crate::checks::CheckContext;
use crate::checks::go::fix::PendingFix;
use crate::git::{Divergence, FileKind};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::present::Presented;
use crate::snapshot::{Snapshot, Source};

/// The `[go]` settings and the run's toolchain.
#[derive(Debug)]
pub(crate) struct GoContext {
    settings: GoSettings,
    toolchain: OnceLock<Result<Toolchain, GoError>>,
    fixes: Mutex<Vec<PendingFix>>,
}

impl GoContext {
    /// For a run under these `[go]` settings.
    pub(crate) fn new(settings: GoSettings) -> Self {
        Self {
            settings,
            toolchain: OnceLock::new(),
            fixes: Mutex::new(Vec::new()),
        }
    }

    /// Keep `fix` to apply after the run ([`fix::apply_fixes`]).
    pub(crate) fn defer_fix(&self, fix: PendingFix) {
        self.fixes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(fix);
    }

    /// The deferred fixes, taken out.
    pub(crate) fn take_fixes(&self) -> Vec<PendingFix> {
        std::mem::take(
            &mut *self
                .fixes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// The `[go]` settings.
    pub(crate) fn settings(&self) -> &GoSettings {
        &self.settings
    }
}

/// The environment Go tools get: the process's, then `[go] env`.
pub(crate) fn go_env(context: &CheckContext<'_>) -> BTreeMap<OsString, OsString> {
    let mut env = context.env.clone();
    for (key, value) in context.go.settings.env().vars() {
        env.insert(key.into(), value.into());
    }
    env
}

/// The toolchain, located on the first call of the run.
pub(crate) fn toolchain<'a>(context: &'a CheckContext<'_>) -> Result<&'a Toolchain, &'a GoError> {
    context
        .go
        .toolchain
        .get_or_init(|| {
            Toolchain::locate(
                context.go.settings.go(),
                go_env(context),
                &context.root,
                &context.cancel,
            )
        })
        .as_ref()
}

/// The toolchain for the check `name`, or the report to return instead: a
/// skip when Go is not installed and the check is `optional`, else the error.
pub(crate) fn toolchain_or_report<'a>(
    name: &str,
    context: &'a CheckContext<'_>,
    optional: bool,
) -> Result<&'a Toolchain, CheckReport> {
    match toolchain(context) {
        Ok(toolchain) => Ok(toolchain),
        Err(GoError::GoNotFound { .. }) if optional => Err(CheckReport::new(
            name,
            CheckStatus::Skipped(
                "the Go toolchain is not installed (the check is optional)".into(),
            ),
        )),
        Err(err) => Err(error_report(name, err)),
    }
}

/// The `.go` files of the snapshot a check applies to (its
/// `files`/`exclude` by `matches`), or `None` when the hook has no file
/// list or none is left.
pub(crate) fn go_files(
    context: &CheckContext<'_>,
    matches: impl Fn(&Path) -> bool,
) -> Option<Vec<PathBuf>> {
    let files: Vec<PathBuf> = context
        .snapshot
        .files()?
        .iter()
        .filter(|f| is_go(f) && matches(f))
        .cloned()
        .collect();
    (!files.is_empty()).then_some(files)
}

/// Whether `path` names a Go source file.
pub(crate) fn is_go(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "go")
}

/// A Go source file of the snapshot.
pub(crate) struct GoSource {
    /// Repo-relative path.
    pub(crate) path: PathBuf,
    /// Its content in the snapshot.
    pub(crate) content: Vec<u8>,
    /// Its index mode (`0o100644` or `0o100755`).
    pub(crate) mode: u32,
}

/// The snapshot's content of `files`, leaving out what is not Go source to
/// format or check: a symlink (the file it points to is checked in its own
/// right), a file the snapshot does not hold, and `vendor/` and generated
/// files unless `[go]` includes them.
pub(crate) fn go_sources(
    snapshot: &Snapshot,
    files: Vec<PathBuf>,
    settings: &GoSettings,
) -> anyhow::Result<Vec<GoSource>> {
    let mut kept = Vec::new();
    for path in files {
        if in_vendor(&path) && !settings.include_vendor() {
            continue;
        }
        let (content, mode) = match snapshot.file(&path)? {
            Some((content, FileKind::File)) => (content, 0o100_644),
            Some((content, FileKind::Executable)) => (content, 0o100_755),
            _ => continue,
        };
        if !settings.include_generated() && is_generated(&content) {
            continue;
        }
        kept.push(GoSource {
            path,
            content,
            mode,
        });
    }
    Ok(kept)
}

fn in_vendor(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "vendor")
}

/// What the go command needs to see a private checkout as the tree it is:
/// the checkout's own `go.work` (or none, never the worktree's above it),
/// and no VCS stamping (the checkout lies inside the user's repository).
pub(crate) fn checkout_env(toolchain: &Toolchain, tree: &Path) -> Vec<(OsString, OsString)> {
    let work = tree.join("go.work");
    let gowork = if work.is_file() {
        work.into_os_string()
    } else {
        OsString::from("off")
    };
    let mut goflags = toolchain.go_env().goflags().unwrap_or_default().to_owned();
    if !goflags.is_empty() {
        goflags.push(' ');
    }
    goflags.push_str("-buildvcs=false");
    vec![
        ("GOWORK".into(), gowork),
        ("GOFLAGS".into(), goflags.into()),
    ]
}

/// A check's report from the runner's outcome: findings become diagnostics,
/// diffs go to the check's output.
pub(crate) fn report(name: &str, outcome: &Outcome) -> CheckReport {
    let status = match outcome.status() {
        Status::Passed => CheckStatus::Passed,
        Status::Skipped(why) => CheckStatus::Skipped(why.clone()),
        _ => CheckStatus::Failed,
    };
    let mut report = CheckReport::new(name, status);
    report.duration = outcome.duration();
    // The tool's own words name temporary files (an overlay's copies);
    // once its findings are read, they say it with repo paths.
    if outcome.findings().is_empty() {
        outcome.output().clone_into(&mut report.output);
    }
    for finding in outcome.findings() {
        if let Some(diff) = finding.diff() {
            report.output.push_str(diff);
        }
        let mut diagnostic = Diagnostic::new(name, Severity::Error, finding.message());
        diagnostic.file = finding.file().map(Path::to_path_buf);
        diagnostic.line = finding.line();
        diagnostic.column = finding.column();
        diagnostic.hint = finding.hint().map(str::to_owned);
        report.diagnostics.push(diagnostic);
    }
    report
}

/// A check that could not run: interrupted (exit 130) or an error (exit 2)
/// whose message names what is missing and where it was looked for.
pub(crate) fn error_report(name: &str, error: &GoError) -> CheckReport {
    if matches!(error, GoError::Interrupted { .. }) {
        return CheckReport::new(name, CheckStatus::Interrupted);
    }
    let text = chain(error);
    let (message, hint) = match text.split_once("\nhint: ") {
        Some((message, hint)) => (message.to_owned(), Some(hint.to_owned())),
        None => (text, None),
    };
    let mut report = CheckReport::new(name, CheckStatus::Error);
    let mut diagnostic = Diagnostic::new(name, Severity::Error, message);
    diagnostic.hint = hint;
    report.diagnostics.push(diagnostic);
    report
}

/// A check that could not read the repository: an error (exit 2).
pub(crate) fn repo_error_report(name: &str, error: &anyhow::Error) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report
        .diagnostics
        .push(Diagnostic::new(name, Severity::Error, format!("{error:#}")));
    report
}

/// An error and its causes, `: `-joined.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Where a package-level tool runs: one module (or the GOPATH root), the
/// packages whose content changed in it, and the Go files of the module
/// whose working-tree state is not the snapshot's.
pub(crate) struct PackageRun {
    /// The module (or GOPATH root) and its changed packages (deleted ones
    /// included: their importers still name them).
    pub(crate) unit: Unit,
    /// `[go] tags`.
    pub(crate) tags: Vec<String>,
    /// Empty when the tool may run in place.
    pub(crate) divergences: Vec<Divergence>,
    /// Whether `go.mod` or `go.sum` differ from the snapshot, which an
    /// overlay cannot show the go command.
    pub(crate) module_files_differ: bool,
}

impl PackageRun {
    /// The tool's target in `tree` (the worktree, or a checkout of the
    /// snapshot at the same repo paths) on `packages`, with the environment
    /// a checkout needs.
    pub(crate) fn target(
        &self,
        tree: &Presented,
        toolchain: &Toolchain,
        packages: Vec<PathBuf>,
        timeout: Duration,
    ) -> Target {
        let mut target = Target::from_unit(tree.root(), &self.unit)
            .with_packages(packages)
            .with_tags(self.tags.clone())
            .with_timeout(timeout);
        if !tree.in_place() {
            target = target.with_env(checkout_env(toolchain, tree.root()));
        }
        target
    }

    /// The module's path, for a unit in module mode.
    pub(crate) fn module_path(&self) -> Option<&str> {
        self.unit.module().map(hookrc_runner::go::Module::path)
    }
}

/// What a package-level check (go-vet, go-lint) runs on: the toolchain and
/// the package runs of the changed `.go` files it applies to (deletions and
/// renames included); or the report to return instead (nothing to check,
/// Go missing, repository unreadable). The toolchain is only located when
/// there are Go files to check.
pub(crate) fn prepare<'a>(
    name: &str,
    context: &'a CheckContext<'_>,
    optional: bool,
    matches: impl Fn(&Path) -> bool,
) -> Result<(&'a Toolchain, Vec<PackageRun>), CheckReport> {
    let changed = match changed_go_files(context, matches) {
        Ok(changed) => changed,
        Err(err) => return Err(repo_error_report(name, &err)),
    };
    if changed.is_empty() {
        return Err(CheckReport::new(name, no_go_files(context)));
    }
    let toolchain = toolchain_or_report(name, context, optional)?;
    match package_runs(context, toolchain.go_env().modules_off(), changed) {
        Ok(Ok(runs)) => Ok((toolchain, runs)),
        Ok(Err(why)) => Err(CheckReport::new(name, CheckStatus::Skipped(why))),
        Err(err) => Err(repo_error_report(name, &err)),
    }
}

/// The changed `.go` paths (deletions included) that `matches` keeps;
/// every `.go` file of the snapshot when the run has no change list.
fn changed_go_files(
    context: &CheckContext<'_>,
    matches: impl Fn(&Path) -> bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let keep = |f: &PathBuf| is_go(f) && matches(f);
    if let Some(changed) = context.snapshot.changed() {
        return Ok(changed.iter().filter(|f| keep(f)).cloned().collect());
    }
    Ok(match context.snapshot.content()? {
        Some(stored) => stored
            .files_under(Path::new(""))
            .into_iter()
            .map(|entry| entry.path)
            .filter(|f| keep(f))
            .collect(),
        None => Vec::new(),
    })
}

/// The skip of a check with no Go file to look at, in the words of the
/// snapshot's source.
pub(crate) fn no_go_files(context: &CheckContext<'_>) -> CheckStatus {
    let why = match context.snapshot.source() {
        Source::Commit(_) => "no Go file changed",
        Source::Index => "no staged Go files",
        Source::WorkTree => "no Go files given",
    };
    CheckStatus::Skipped(why.into())
}

/// The package runs for the changed `.go` paths, or a skip reason when
/// nothing is left to check.
fn package_runs(
    context: &CheckContext<'_>,
    toolchain_modules_off: bool,
    changed: Vec<PathBuf>,
) -> anyhow::Result<Result<Vec<PackageRun>, String>> {
    let snapshot = context.snapshot;
    let settings = context.go.settings();
    let mut kept = Vec::new();
    for path in changed {
        match snapshot.file(&path)? {
            None if !in_vendor(&path) || settings.include_vendor() => kept.push(path),
            None => {}
            Some(_) => kept.extend(
                go_sources(snapshot, vec![path], settings)?
                    .into_iter()
                    .map(|source| source.path),
            ),
        }
    }
    let selection = Selection::default()
        .include_generated(true)
        .include_vendor(settings.include_vendor());
    let grouping = group_files(&context.root, &kept, selection, toolchain_modules_off)?;
    if grouping.units().is_empty() {
        return Ok(Err(
            "only generated, vendored or ignored Go files are staged".into(),
        ));
    }
    let mut runs = Vec::new();
    for unit in grouping.units() {
        let (divergences, module_files_differ) = match snapshot.content()? {
            Some(stored) => {
                let dirs: Vec<PathBuf> = match unit.module() {
                    Some(_) => vec![unit.dir().to_owned()],
                    None => unit.packages().iter().map(|p| unit.dir().join(p)).collect(),
                };
                let module_files = [unit.dir().join("go.mod"), unit.dir().join("go.sum")];
                let divergences = stored.divergences(&context.root, &dirs, &is_go)?;
                let differ = !stored
                    .divergences(&context.root, &[unit.dir().to_owned()], &|path| {
                        module_files.iter().any(|f| f == path)
                    })?
                    .is_empty();
                (divergences, differ)
            }
            None => (Vec::new(), false),
        };
        runs.push(PackageRun {
            unit: unit.clone(),
            tags: settings.tags().to_vec(),
            divergences,
            module_files_differ,
        });
    }
    Ok(Ok(runs))
}

/// The packages of `run` a tool checks in `target` (seen through
/// `overlay`, if any): the changed ones that still hold Go files, and with
/// `scope = "dependents"` the packages of the module importing any changed
/// one.
pub(crate) fn packages_to_check(
    context: &CheckContext<'_>,
    toolchain: &Toolchain,
    run: &PackageRun,
    target: &Target,
    scope: PackageScope,
    overlay: Option<&Path>,
) -> Result<Vec<PathBuf>, GoError> {
    let changed = run.unit.packages().to_vec();
    let mut packages: Vec<PathBuf> = changed
        .iter()
        .filter(|dir| holds_go(context.snapshot, &run.unit.dir().join(dir)))
        .cloned()
        .collect();
    if let (PackageScope::Dependents, Some(module)) = (scope, run.module_path()) {
        packages.extend(importers(
            toolchain,
            target,
            module,
            &changed,
            overlay,
            &context.cancel,
        )?);
    }
    packages.sort();
    packages.dedup();
    Ok(packages)
}

/// Whether the snapshot holds a Go file directly in the repo-relative `dir`.
fn holds_go(snapshot: &Snapshot, dir: &Path) -> bool {
    match snapshot.content() {
        Ok(Some(content)) => content
            .files_under(dir)
            .iter()
            .any(|entry| is_go(&entry.path) && entry.path.parent() == Some(dir)),
        _ => std::fs::read_dir(snapshot.root().join(dir)).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| is_go(Path::new(&entry.file_name())))
        }),
    }
}

/// Run `each` on every package run side by side and merge the outcomes in
/// order; the first error wins.
pub(crate) fn run_merged(
    name: &str,
    runs: Vec<PackageRun>,
    each: impl Fn(PackageRun) -> anyhow::Result<Result<Outcome, GoError>> + Sync + Send,
) -> CheckReport {
    merged(name, runs, |run| match each(run) {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(err)) => Err(error_report(name, &err)),
        Err(err) => Err(repo_error_report(name, &err)),
    })
}

/// Run `each` on every item (a package run, a module) side by side and
/// merge the outcomes, in order, into one report timed by the wall clock;
/// the first report `each` returns instead of an outcome wins.
pub(crate) fn merged<T: Send>(
    name: &str,
    items: Vec<T>,
    each: impl Fn(T) -> Result<Outcome, CheckReport> + Sync + Send,
) -> CheckReport {
    let start = Instant::now();
    let mut parts = Vec::new();
    for result in hookrc_runner::run_on_cores(items, each) {
        match result {
            Ok(outcome) => parts.push(outcome),
            Err(report) => return report,
        }
    }
    let mut report = report(name, &Outcome::merge(name, parts));
    report.duration = start.elapsed();
    report
}
