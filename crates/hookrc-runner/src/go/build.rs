//! go-build: `go build ./...` of a module for each `GOOS/GOARCH` target,
//! side by side, with `CGO_ENABLED=0` unless cgo is asked for; every finding
//! names the target it failed for.

use std::ffi::OsString;

use crate::go::GoError;
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Finding, Outcome, run_ordered};

/// A `GOOS/GOARCH` pair.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Platform {
    goos: String,
    goarch: String,
}

impl Platform {
    /// Parses `linux/arm64`; `None` unless it is two non-empty words around a `/`.
    pub fn parse(text: &str) -> Option<Self> {
        let (goos, goarch) = text.split_once('/')?;
        let valid = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric());
        (valid(goos) && valid(goarch)).then(|| Self {
            goos: goos.to_owned(),
            goarch: goarch.to_owned(),
        })
    }

    /// `GOOS`.
    pub fn goos(&self) -> &str {
        &self.goos
    }

    /// `GOARCH`.
    pub fn goarch(&self) -> &str {
        &self.goarch
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.goos, self.goarch)
    }
}

/// How to build: the targets, cgo, extra `go build` arguments, and how many
/// builds may run at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildOptions {
    /// The platforms to build for.
    pub platforms: Vec<Platform>,
    /// `CGO_ENABLED=1` instead of `0`.
    pub cgo: bool,
    /// Extra `go build` arguments.
    pub args: Vec<OsString>,
    /// Builds at once.
    pub max_jobs: usize,
}

/// Builds the target's packages for every platform (results discarded with
/// `-o /dev/null`, so nothing is written into the tree) and merges the
/// outcomes; each finding's message starts with `[goos/goarch]`.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires.
pub fn cross_build(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    options: &BuildOptions,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let results = run_ordered(options.platforms.clone(), options.max_jobs, |platform| {
        build_one(toolchain, name, target, options, &platform, cancel)
    });
    let parts = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    Ok(Outcome::merge(name, parts))
}

fn build_one(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    options: &BuildOptions,
    platform: &Platform,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let mut args: Vec<OsString> = vec!["build".into(), "-o".into(), "/dev/null".into()];
    if !target.tags().is_empty() {
        args.push(format!("-tags={}", target.tags().join(",")).into());
    }
    args.extend(options.args.iter().cloned());
    args.extend(target.package_args());
    let job = toolchain
        .go_job(args, &target.run_dir())
        .with_env_var("GOOS", platform.goos())
        .with_env_var("GOARCH", platform.goarch())
        .with_env_var("CGO_ENABLED", if options.cgo { "1" } else { "0" });
    let tool = format!("go build for {platform}");
    let done = target.run_tool(job, &tool, cancel)?;
    let outcome = tool_outcome(name, &tool, target, &done);
    let findings = outcome
        .findings()
        .iter()
        .map(|f| labelled(f, platform))
        .collect();
    Ok(outcome.with_findings(findings))
}

/// The same finding with `[goos/goarch] ` before its message.
pub(crate) fn labelled(finding: &Finding, platform: &Platform) -> Finding {
    let mut out = Finding::new(format!("[{platform}] {}", finding.message()));
    if let Some(file) = finding.file() {
        out = out.with_file(file);
    }
    if let Some(line) = finding.line() {
        out = out.at(line, finding.column());
    }
    if let Some(hint) = finding.hint() {
        out = out.with_hint(hint);
    }
    out
}

#[cfg(test)]
mod tests;
