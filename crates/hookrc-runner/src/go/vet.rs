//! go-vet: `go vet` on the packages of a [`Target`], optionally through an
//! `-overlay` file (the binary's way to show vet the staged content of
//! partially staged files without copying the tree), with findings mapped
//! back to repo-relative paths.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::go::GoError;
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Outcome, Status};

/// Runs `go vet [-tags=…] [-overlay=…] <args…> <packages>` in the target's
/// directory and reports the outcome under the check name `name`. `args` are
/// the policy's extra flags (`[check.go-vet] args`). A target with no
/// packages is skipped.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn vet(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    args: &[OsString],
    overlay: Option<&Path>,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let packages = target.package_args();
    if packages.is_empty() {
        return Ok(Outcome::new(
            name,
            Status::Skipped("no Go package to vet".to_owned()),
        ));
    }
    let command = vet_command(target, args, overlay, packages);
    let aliased;
    let target = match overlay {
        Some(overlay) => {
            aliased = target
                .clone()
                .with_aliases(overlay_aliases(overlay, &target.run_dir())?);
            &aliased
        }
        None => target,
    };
    let mut job = toolchain.go_job(command, &target.run_dir());
    if target.gopath_mode() {
        job = job.with_env_var("GO111MODULE", "off");
    }
    let done = target.run_tool(job, "go vet", cancel)?;
    Ok(tool_outcome(name, "go vet", target, &done))
}

/// `vet [-tags=…] [-overlay=…] <args…> <packages…>`.
fn vet_command(
    target: &Target,
    args: &[OsString],
    overlay: Option<&Path>,
    packages: Vec<OsString>,
) -> Vec<OsString> {
    let mut command: Vec<OsString> = vec!["vet".into()];
    if !target.tags().is_empty() {
        command.push(format!("-tags={}", target.tags().join(",")).into());
    }
    if let Some(overlay) = overlay {
        let mut flag = OsString::from("-overlay=");
        flag.push(overlay);
        command.push(flag);
    }
    command.extend(args.iter().cloned());
    command.extend(packages);
    command
}

/// The overlay file's `Replace` map, reversed: replacement → original, both
/// absolute (relative entries are relative to where go runs). Go reports
/// positions in the replacement files; findings must name the originals.
fn overlay_aliases(overlay: &Path, run_dir: &Path) -> Result<BTreeMap<PathBuf, PathBuf>, GoError> {
    #[derive(serde::Deserialize)]
    struct Overlay {
        #[serde(rename = "Replace")]
        replace: BTreeMap<PathBuf, PathBuf>,
    }
    let io_error = |source| GoError::Io {
        path: overlay.to_path_buf(),
        source,
    };
    let text = std::fs::read(overlay).map_err(io_error)?;
    let parsed: Overlay =
        serde_json::from_slice(&text).map_err(|e| io_error(std::io::Error::other(e)))?;
    Ok(parsed
        .replace
        .into_iter()
        .filter(|(_, replacement)| !replacement.as_os_str().is_empty())
        .map(|(original, replacement)| (run_dir.join(replacement), run_dir.join(original)))
        .collect())
}

#[cfg(test)]
mod tests;
