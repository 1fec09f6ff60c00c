//! What the built-in Go checks share: the `[go]` settings and the toolchain
//! (located once per run, by whichever Go check asks first), the staged
//! `.go` files a check applies to, and turning the runner's outcomes and
//! errors into reports.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub(crate) mod bench;
mod bench_ab;
pub(crate) mod build;
pub(crate) mod env;
pub(crate) mod fix;
pub(crate) mod fmt;
pub(crate) mod gomod;
pub(crate) mod lint;
pub(crate) mod module;
mod package;
pub(crate) mod release;
mod report;
pub(crate) mod test;
pub(crate) mod vet;

use hookrc_policy::GoSettings;
use hookrc_runner::go::{GoError, Toolchain, is_generated};

pub(crate) use package::{PackageRun, module_go_files, no_go_files, packages_to_check, prepare};
pub(crate) use report::{
    bench_report, error_report, fmt_hints, merged, repo_error_report, report, run_merged,
};

use crate::checks::CheckContext;
use crate::checks::go::fix::PendingFix;
use crate::git::{FileKind, private_area, private_tmp};
use crate::output::report::{CheckReport, CheckStatus};

use crate::snapshot::Snapshot;

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
            let (go, env, root) = (context.go.settings.go(), go_env(context), &context.root);
            // What `go env` said is kept in the private area and reused
            // while nothing it depends on changed: one go process less per
            // run. The Go tools' temporary files go to the area too.
            match private_tmp(root).and_then(|_| private_area(root)) {
                Ok(area) => Toolchain::locate_cached(
                    go,
                    env,
                    root,
                    &context.cancel,
                    &area.join("go-env.json"),
                ),
                Err(_) => Toolchain::locate(go, env, root, &context.cancel),
            }
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

pub(crate) fn in_vendor(path: &Path) -> bool {
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
