//! go-mod: module hygiene for one module directory. Module mode (a `go.mod`
//! that `GO111MODULE=off` would ignore), `go mod tidy -diff` (which never
//! writes), and `vendor/` compared file by file with what `go mod vendor -o`
//! writes into a temp dir: the user's files are never rewritten.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::go::GoError;
use crate::go::target::Target;
use crate::go::toolchain::{GoVersion, Toolchain};
use crate::{Cancel, Completed, Finding, Outcome, ProcessStatus, Status};

/// Which hygiene rules to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModOptions {
    /// `go mod tidy` must change nothing.
    pub tidy: bool,
    /// `vendor/`, when it exists, must match `go.mod`.
    pub vendor: bool,
}

/// `go mod tidy -diff` first appeared in Go 1.23.
const TIDY_DIFF_GO: GoVersion = GoVersion::new(1, 23, 0);

/// Checks the module in the target's run directory.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires, [`GoError::Io`] when a directory cannot be read.
pub fn check_module(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    options: ModOptions,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let dir = target.run_dir();
    let go_mod = target.repo_path("go.mod");
    if !dir.join("go.mod").is_file() {
        return Ok(Outcome::new(
            name,
            Status::Skipped(format!("{} has no go.mod (GOPATH mode)", dir.display())),
        ));
    }
    let mut findings = Vec::new();
    if toolchain.go_env().modules_off() {
        findings.push(
            Finding::new(
                "GO111MODULE=off: this go.mod is ignored and the code builds in GOPATH mode",
            )
            .with_file(&go_mod),
        );
    }
    let mut output = String::new();
    if options.tidy {
        findings.extend(tidy(toolchain, target, &go_mod, &mut output, cancel)?);
    }
    if options.vendor && dir.join("vendor").is_dir() {
        findings.extend(vendor(toolchain, target, &mut output, cancel)?);
    }
    Ok(Outcome::judged(name, findings).with_output(output))
}

fn go(
    toolchain: &Toolchain,
    target: &Target,
    args: Vec<std::ffi::OsString>,
    tool: &str,
    cancel: &Cancel,
) -> Result<Completed, GoError> {
    let job = toolchain
        .go_job(args, &target.run_dir())
        .with_env_var("GOFLAGS", "-mod=mod");
    target.run_tool(job, tool, cancel)
}

fn tidy(
    toolchain: &Toolchain,
    target: &Target,
    go_mod: &Path,
    output: &mut String,
    cancel: &Cancel,
) -> Result<Vec<Finding>, GoError> {
    if toolchain.version() < TIDY_DIFF_GO {
        return Ok(vec![Finding::new(format!(
            "cannot check tidiness without writing: `go mod tidy -diff` needs Go {TIDY_DIFF_GO}, this is Go {}",
            toolchain.version()
        ))]);
    }
    let done = go(
        toolchain,
        target,
        vec!["mod".into(), "tidy".into(), "-diff".into()],
        "go mod tidy",
        cancel,
    )?;
    let diff = String::from_utf8_lossy(done.stdout()).into_owned();
    let stderr = String::from_utf8_lossy(done.stderr()).into_owned();
    output.push_str(&diff);
    output.push_str(&stderr);
    Ok(match done.status() {
        ProcessStatus::Exited(0) => Vec::new(),
        ProcessStatus::Exited(1) if !diff.is_empty() => vec![
            Finding::new("`go mod tidy` would change go.mod or go.sum")
                .with_file(go_mod)
                .with_diff(diff)
                .with_hint("run `go mod tidy` and commit the result"),
        ],
        status => vec![
            Finding::new(format!("`go mod tidy -diff` failed ({status:?})"))
                .with_file(go_mod)
                .with_hint(stderr.trim().to_owned()),
        ],
    })
}

fn vendor(
    toolchain: &Toolchain,
    target: &Target,
    output: &mut String,
    cancel: &Cancel,
) -> Result<Vec<Finding>, GoError> {
    let scratch = tempfile::tempdir().map_err(|source| GoError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let fresh = scratch.path().join("vendor");
    let args = vec![
        "mod".into(),
        "vendor".into(),
        "-o".into(),
        fresh.clone().into(),
    ];
    let done = go(toolchain, target, args, "go mod vendor", cancel)?;
    if !done.success() {
        let stderr = String::from_utf8_lossy(done.stderr()).into_owned();
        output.push_str(&stderr);
        return Ok(vec![
            Finding::new(format!("`go mod vendor` failed ({:?})", done.status()))
                .with_file(target.repo_path("go.mod"))
                .with_hint(stderr.trim().to_owned()),
        ]);
    }
    let committed = read_tree(&target.run_dir().join("vendor"))?;
    let expected = read_tree(&fresh)?;
    let mut findings = Vec::new();
    for (path, content) in &expected {
        let message = match committed.get(path) {
            None => "missing from vendor/",
            Some(have) if have != content => "differs from what `go mod vendor` writes",
            Some(_) => continue,
        };
        findings.push(vendor_finding(target, path, message));
    }
    for path in committed.keys().filter(|p| !expected.contains_key(*p)) {
        findings.push(vendor_finding(
            target,
            path,
            "is not part of what `go mod vendor` writes",
        ));
    }
    Ok(findings)
}

fn vendor_finding(target: &Target, path: &Path, message: &str) -> Finding {
    Finding::new(format!(
        "vendor/ is out of date with go.mod: this file {message}"
    ))
    .with_file(target.repo_path(&Path::new("vendor").join(path).to_string_lossy()))
    .with_hint("run `go mod vendor` and commit the result")
}

/// Every file under `dir`, by relative path, with its content.
fn read_tree(dir: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>, GoError> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GoError::Io { path, source }
    };
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).map_err(io_error(&current))? {
            let path = entry.map_err(io_error(&current))?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let content = std::fs::read(&path).map_err(io_error(&path))?;
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                files.insert(relative, content);
            }
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests;
