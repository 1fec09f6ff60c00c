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
pub(crate) mod fmt;
pub(crate) mod gomod;
pub(crate) mod lint;
pub(crate) mod module;
pub(crate) mod test;
pub(crate) mod vet;

use hookrc_policy::GoSettings;
use hookrc_runner::go::{GoError, Selection, Target, Toolchain, Unit, group_files, is_generated};
use hookrc_runner::{Outcome, Status};

use crate::checks::CheckContext;
use crate::checks::go::fmt::PendingFix;
use crate::git::{Divergence, Repo, Snapshot};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

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

    /// Keep `fix` to apply after the run ([`fmt::apply_fixes`]).
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
pub(crate) fn go_env(context: &CheckContext) -> BTreeMap<OsString, OsString> {
    let mut env = context.env.clone();
    for (key, value) in context.go.settings.env().vars() {
        env.insert(key.into(), value.into());
    }
    env
}

/// The toolchain, located on the first call of the run.
pub(crate) fn toolchain(context: &CheckContext) -> Result<&Toolchain, &GoError> {
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
    context: &'a CheckContext,
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

/// The staged `.go` files a check applies to (its `files`/`exclude` by
/// `matches`), or `None` when the hook has no file list or none is left.
pub(crate) fn go_files(
    context: &CheckContext,
    matches: impl Fn(&Path) -> bool,
) -> Option<Vec<PathBuf>> {
    let files: Vec<PathBuf> = context
        .files
        .as_ref()?
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "go") && matches(f))
        .cloned()
        .collect();
    (!files.is_empty()).then_some(files)
}

/// A staged Go file: path, staged content, index mode.
pub(crate) type StagedGo = (PathBuf, Vec<u8>, u32);

/// The staged content of `files`, leaving out `vendor/` and generated files
/// unless `[go]` includes them.
pub(crate) fn staged_sources(
    snapshot: &Snapshot<'_>,
    files: Vec<PathBuf>,
    settings: &GoSettings,
) -> anyhow::Result<Vec<StagedGo>> {
    let mut kept = Vec::new();
    for path in files {
        let in_vendor = path.components().any(|c| c.as_os_str() == "vendor");
        if in_vendor && !settings.include_vendor() {
            continue;
        }
        let (content, mode) = snapshot.blob(&path)?;
        if !settings.include_generated() && is_generated(&content) {
            continue;
        }
        kept.push((path, content, mode));
    }
    Ok(kept)
}

/// Open the repository the hook runs in.
pub(crate) fn open_repo(context: &CheckContext) -> anyhow::Result<Repo> {
    Repo::discover_for_hook(&context.root)
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

/// Where a package-level tool runs: one module (or the GOPATH root), its
/// packages holding staged files, and the files of those packages whose
/// working-tree state is not the staged one.
pub(crate) struct PackageRun {
    /// The module (or GOPATH root) and its packages.
    pub(crate) unit: Unit,
    /// `[go] tags`.
    pub(crate) tags: Vec<String>,
    /// Empty when the tool may run in place.
    pub(crate) divergences: Vec<Divergence>,
}

impl PackageRun {
    /// The tool's target in the tree at `root` (the worktree, or a
    /// checkout of the staged files at the same repo paths).
    pub(crate) fn target(&self, root: &Path, timeout: Duration) -> Target {
        Target::from_unit(root, &self.unit)
            .with_tags(self.tags.clone())
            .with_timeout(timeout)
    }
}

/// What a package-level check (go-vet, go-lint) runs on: the toolchain and
/// the package runs of the staged `.go` files it applies to; or the report
/// to return instead (nothing to check, Go missing, repository unreadable).
/// The toolchain is only located when there are Go files to check.
pub(crate) fn prepare<'a>(
    name: &str,
    context: &'a CheckContext,
    optional: bool,
    matches: impl Fn(&Path) -> bool,
) -> Result<(&'a Toolchain, Vec<PackageRun>), CheckReport> {
    let Some(files) = go_files(context, matches) else {
        return Err(CheckReport::new(
            name,
            CheckStatus::Skipped("no staged Go files".into()),
        ));
    };
    let toolchain = toolchain_or_report(name, context, optional)?;
    match package_runs(context, toolchain.go_env().modules_off(), files) {
        Ok(Ok(runs)) => Ok((toolchain, runs)),
        Ok(Err(why)) => Err(CheckReport::new(name, CheckStatus::Skipped(why))),
        Err(err) => Err(repo_error_report(name, &err)),
    }
}

/// The package runs for the staged `.go` `files`, or a skip reason when
/// nothing is left to check.
fn package_runs(
    context: &CheckContext,
    toolchain_modules_off: bool,
    files: Vec<PathBuf>,
) -> anyhow::Result<Result<Vec<PackageRun>, String>> {
    let repo = open_repo(context)?;
    let snapshot = repo.snapshot()?;
    let settings = context.go.settings();
    let kept: Vec<PathBuf> = staged_sources(&snapshot, files, settings)?
        .into_iter()
        .map(|(path, _, _)| path)
        .collect();
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
        let dirs: Vec<PathBuf> = unit.packages().iter().map(|p| unit.dir().join(p)).collect();
        runs.push(PackageRun {
            unit: unit.clone(),
            tags: settings.tags().to_vec(),
            divergences: snapshot.divergences(&context.root, &dirs, "go")?,
        });
    }
    Ok(Ok(runs))
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
