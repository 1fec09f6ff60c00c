//! go-vet: `go vet` on the packages holding staged `.go` files, judged on
//! the staged snapshot. When the working tree of those packages is the
//! staged one, vet runs in place; otherwise it gets an `-overlay` file that
//! maps each differing file to a temporary copy of its staged content and
//! each file that is not staged (untracked, or its deletion staged) to
//! nothing, so vet sees exactly what would be committed without a copy of
//! the tree. Modules run side by side.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use anyhow::{Context as _, bail};
use hookrc_policy::GoVetCheck;
use hookrc_runner::go::vet;

use crate::checks::CheckContext;
use crate::checks::go::{self, PackageRun};
use crate::git::Divergence;
use crate::output::report::CheckReport;

/// Run the go-vet check `name`.
pub(crate) fn run(name: &str, check: &GoVetCheck, context: &CheckContext) -> CheckReport {
    let (toolchain, runs) = match go::prepare(name, context, check.optional(), |f| check.matches(f))
    {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    let args: Vec<OsString> = check.args().iter().map(OsString::from).collect();
    go::run_merged(name, runs, |run: PackageRun| {
        let target = run.target(&context.root, check.timeout());
        if run.divergences.is_empty() {
            return Ok(vet(toolchain, name, &target, &args, None, &context.cancel));
        }
        let overlay = tempfile::Builder::new()
            .prefix("hookrc-overlay-")
            .tempdir()
            .context("cannot create a temporary directory for the staged files")?;
        let file = write_overlay(overlay.path(), &context.root, &run.divergences)?;
        Ok(vet(
            toolchain,
            name,
            &target,
            &args,
            Some(&file),
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
