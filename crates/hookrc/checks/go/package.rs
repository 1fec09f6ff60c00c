//! The package-level Go checks' plan (go-vet, go-lint): which packages of
//! which module changed in the snapshot, which Go files of the module the
//! working tree does not hold as the snapshot does, and which packages to
//! check (the changed ones and, by default, their importers).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use hookrc_policy::PackageScope;
use hookrc_runner::go::{Selection, Target, Toolchain, Unit, group_files, imports};

use super::{checkout_env, go_sources, in_vendor, is_go, repo_error_report, toolchain_or_report};
use crate::checks::CheckContext;
use crate::git::Divergence;
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::present::Presented;
use crate::snapshot::{Snapshot, Source};

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

/// The packages of `run` a tool checks: the changed ones that still hold
/// Go files, and with `scope = "dependents"` the packages of the module
/// whose snapshot content imports a changed one.
pub(crate) fn packages_to_check(
    context: &CheckContext<'_>,
    run: &PackageRun,
    scope: PackageScope,
) -> anyhow::Result<Vec<PathBuf>> {
    let changed = run.unit.packages().to_vec();
    let mut packages: Vec<PathBuf> = changed
        .iter()
        .filter(|dir| holds_go(context.snapshot, &run.unit.dir().join(dir)))
        .cloned()
        .collect();
    if let (PackageScope::Dependents, Some(module)) = (scope, run.module_path()) {
        packages.extend(importers(
            context.snapshot,
            run.unit.dir(),
            module,
            &changed,
        )?);
    }
    packages.sort();
    packages.dedup();
    Ok(packages)
}

/// The package directories (relative to `module_dir`) of the module
/// `module` whose Go files in the snapshot import a package in `changed`
/// (directories relative to `module_dir` too), tests included; nested
/// modules and what the go command ignores are not part of the module.
fn importers(
    snapshot: &Snapshot,
    module_dir: &Path,
    module: &str,
    changed: &[PathBuf],
) -> anyhow::Result<Vec<PathBuf>> {
    let wanted: BTreeSet<String> = changed.iter().map(|dir| import_path(module, dir)).collect();
    let mut found = BTreeSet::new();
    for (file, relative) in module_go_files(snapshot, module_dir)? {
        let dir = relative.parent().unwrap_or(Path::new(""));
        if found.contains(dir) || changed.iter().any(|c| c == dir) {
            continue;
        }
        let Some((source, _)) = snapshot.file(&file)? else {
            continue;
        };
        if imports(&source).iter().any(|path| wanted.contains(path)) {
            found.insert(dir.to_path_buf());
        }
    }
    Ok(found.into_iter().collect())
}

/// The Go files of the module at `module_dir` in the snapshot, each with
/// its path relative to the module: nested modules and what the go command
/// ignores (`vendor/`, `testdata/`, `.` and `_` names) are not the module's.
pub(crate) fn module_go_files(
    snapshot: &Snapshot,
    module_dir: &Path,
) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let files = snapshot.files_under(module_dir)?;
    let nested: Vec<&Path> = files
        .iter()
        .filter(|f| f.file_name().is_some_and(|n| n == "go.mod"))
        .filter_map(|f| f.parent())
        .filter(|dir| *dir != module_dir)
        .collect();
    Ok(files
        .iter()
        .filter(|file| is_go(file) && !nested.iter().any(|n| file.starts_with(n)))
        .filter_map(|file| {
            let relative = file.strip_prefix(module_dir).ok()?;
            Selection::default()
                .skip_by_path(relative)
                .is_none()
                .then(|| (file.clone(), relative.to_path_buf()))
        })
        .collect())
}

/// The import path of the package in `dir` of the module `module`.
fn import_path(module: &str, dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        return module.to_owned();
    }
    format!("{module}/{}", dir.to_string_lossy())
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
