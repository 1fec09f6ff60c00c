//! go-vet: `go vet` on the packages whose content changed (a staged
//! deletion or rename changes its package too) and, by default, the
//! packages of the same module that import them, judged on the snapshot.
//! When the working tree of the module holds the snapshot, vet runs in
//! place; otherwise, for the index, it gets an `-overlay` file that maps
//! each differing `.go` file of the module to a private copy of its staged
//! content and each file the snapshot lacks (untracked, or its deletion
//! staged) to nothing, so vet sees exactly what would be committed without
//! a copy of the tree. A differing `go.mod`/`go.sum` (which an overlay
//! cannot replace), or a commit, gets a private checkout instead. Modules
//! run side by side.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use anyhow::{Context as _, bail};
use hookrc_policy::GoVetCheck;
use hookrc_runner::go::vet;

use crate::checks::CheckContext;
use crate::checks::go::{self, PackageRun};
use crate::git::{Divergence, private_tmp};
use crate::output::report::CheckReport;
use crate::snapshot::Source;
use crate::snapshot::present::Scope;

/// Run the go-vet check `name`.
pub(crate) fn run(name: &str, check: &GoVetCheck, context: &CheckContext<'_>) -> CheckReport {
    let (toolchain, runs) = match go::prepare(name, context, check.optional(), |f| check.matches(f))
    {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let args: Vec<OsString> = check.args().iter().map(OsString::from).collect();
    go::run_merged(name, runs, |run: PackageRun| {
        let overlaid = !run.divergences.is_empty()
            && !run.module_files_differ
            && *context.snapshot.source() == Source::Index;
        let scope = [run.unit.dir().to_owned()];
        let tree = if run.divergences.is_empty() || overlaid {
            context.snapshot.worktree()
        } else {
            context.snapshot.present(&Scope::Trees(&scope))?
        };
        let overlay_dir = if overlaid {
            let tmp = private_tmp(&context.root)?;
            Some(
                tempfile::Builder::new()
                    .prefix("overlay-")
                    .tempdir_in(&tmp)
                    .context("cannot create a private directory for the staged files")?,
            )
        } else {
            None
        };
        let overlay = match &overlay_dir {
            Some(dir) => {
                let overlay = write_overlay(dir.path(), &context.root, &run.divergences)?;
                crate::git::make_private(dir.path())?;
                Some(overlay)
            }
            None => None,
        };
        let target = run.target(&tree, toolchain, Vec::new(), check.timeout());
        let packages = go::packages_to_check(context, &run, check.scope())?;
        let target = target.with_packages(packages);
        Ok(vet(
            toolchain,
            name,
            &target,
            &args,
            overlay.as_deref(),
            &context.cancel,
        ))
    })
}

/// Write the staged copies into `dir` and the overlay JSON beside them;
/// returns the JSON file's path.
fn write_overlay(
    dir: &Path,
    root: &Path,
    divergences: &[Divergence],
) -> anyhow::Result<std::path::PathBuf> {
    let mut replace = BTreeMap::new();
    for (n, divergence) in divergences.iter().enumerate() {
        let (path, replacement) = match divergence {
            Divergence::Staged(path, content) => {
                let copy = dir.join(format!("{n}.go"));
                fs_err::write(&copy, content)?;
                (path, utf8(&copy)?.to_owned())
            }
            Divergence::Absent(path) => (path, String::new()),
        };
        replace.insert(utf8(&root.join(path))?.to_owned(), replacement);
    }
    let json = serde_json::json!({ "Replace": replace });
    let file = dir.join("overlay.json");
    fs_err::write(&file, json.to_string())?;
    Ok(file)
}

/// The go command reads the overlay as JSON: its paths must be UTF-8.
fn utf8(path: &Path) -> anyhow::Result<&str> {
    match path.to_str() {
        Some(text) => Ok(text),
        None => bail!(
            "`{}` is not valid UTF-8, which `go vet -overlay` cannot name; stage or stash the other changes in its package",
            path.display()
        ),
    }
}
