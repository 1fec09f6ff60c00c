//! go-test: `go test -coverprofile` on a module's packages, the profile read
//! the way `go tool cover -func` reads it (blocks merged, statements counted
//! once), the total and per-package coverage compared with the policy's
//! minimums, and failing tests named first.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use crate::go::GoError;
use crate::go::target::Target;
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Finding, Outcome, ProcessStatus, Status};

/// What `go-test` enforces and passes to `go test`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestOptions {
    /// Minimum total statement coverage, in percent.
    pub coverage_min: Option<f64>,
    /// Minimum statement coverage of every package, in percent.
    pub per_package_min: Option<f64>,
    /// Extra `go test` arguments.
    pub args: Vec<OsString>,
    /// Run with `-race`.
    pub race: bool,
}

/// Statement coverage read from a profile: the total and per package.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    statements: u64,
    covered: u64,
    packages: BTreeMap<String, (u64, u64)>,
}

impl Coverage {
    /// Reads a `-coverprofile` file's text. Blocks that appear more than once
    /// (one per test binary) are merged as `go tool cover` merges them: a
    /// statement is covered when any run covered it.
    ///
    /// # Errors
    ///
    /// The first malformed line, quoted.
    pub fn parse(profile: &str) -> Result<Self, String> {
        let mut blocks: BTreeMap<(&str, &str), (u64, bool)> = BTreeMap::new();
        for line in profile.lines().filter(|l| !l.trim().is_empty()) {
            if line.starts_with("mode:") {
                continue;
            }
            let (file, block, statements, count) =
                parse_block(line).ok_or_else(|| format!("unreadable coverage line `{line}`"))?;
            let entry = blocks.entry((file, block)).or_insert((statements, false));
            entry.1 |= count > 0;
        }
        let mut coverage = Self::default();
        for ((file, _), (statements, hit)) in blocks {
            let package = file.rsplit_once('/').map_or("", |(dir, _)| dir);
            let figures = coverage.packages.entry(package.to_owned()).or_default();
            figures.0 += statements;
            coverage.statements += statements;
            if hit {
                figures.1 += statements;
                coverage.covered += statements;
            }
        }
        Ok(coverage)
    }

    /// Total statement coverage in percent (0 when there are no statements).
    pub fn total(&self) -> f64 {
        percent(self.covered, self.statements)
    }

    /// Each package's import path and coverage in percent, sorted by path.
    pub fn packages(&self) -> Vec<(&str, f64)> {
        self.packages
            .iter()
            .map(|(name, (all, hit))| (name.as_str(), percent(*hit, *all)))
            .collect()
    }
}

#[allow(clippy::cast_precision_loss)] // statement counts are far below 2^52
fn percent(covered: u64, statements: u64) -> f64 {
    if statements == 0 {
        return 0.0;
    }
    100.0 * covered as f64 / statements as f64
}

/// `file:l.c,l.c statements count` → (file, block, statements, count).
fn parse_block(line: &str) -> Option<(&str, &str, u64, u64)> {
    let (location, numbers) = line.rsplit_once(':').and_then(|(file, rest)| {
        let (block, counts) = rest.split_once(' ')?;
        Some(((file, block), counts))
    })?;
    let (statements, count) = numbers.split_once(' ')?;
    Some((
        location.0,
        location.1,
        statements.parse().ok()?,
        count.trim().parse().ok()?,
    ))
}

/// Runs `go test -coverprofile` on the target's packages and judges the
/// result: failing tests first (names from `--- FAIL:` lines), then the
/// coverage bars.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires, [`GoError::Io`] for the profile's temp file.
pub fn test_coverage(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    options: &TestOptions,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let packages = target.package_args();
    if packages.is_empty() {
        return Ok(Outcome::new(
            name,
            Status::Skipped("no Go package to test".to_owned()),
        ));
    }
    let scratch = tempfile::tempdir().map_err(|source| GoError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let profile = scratch.path().join("cover.out");
    let mut args: Vec<OsString> = vec!["test".into()];
    let mut flag = OsString::from("-coverprofile=");
    flag.push(&profile);
    args.push(flag);
    if options.race {
        args.push("-race".into());
    }
    if !target.tags().is_empty() {
        args.push(format!("-tags={}", target.tags().join(",")).into());
    }
    args.extend(options.args.iter().cloned());
    args.extend(packages);
    let job = toolchain.go_job(args, &target.run_dir());
    let done = target.run_tool(job, "go test", cancel)?;
    let mut output = String::from_utf8_lossy(done.stdout()).into_owned();
    output.push_str(&String::from_utf8_lossy(done.stderr()));
    let mut findings = match done.status() {
        ProcessStatus::Exited(0) => Vec::new(),
        status => test_failures(target, status, &output),
    };
    if findings.is_empty() {
        findings = coverage_findings(&profile, options)?;
    }
    Ok(Outcome::judged(name, findings)
        .with_output(output)
        .with_duration(done.duration()))
}

/// The failing tests (`--- FAIL: Name`), one finding each, named in the
/// message so they come first; build errors located; else the exit status.
pub(crate) fn test_failures(target: &Target, status: ProcessStatus, output: &str) -> Vec<Finding> {
    let mut findings: Vec<Finding> = output
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--- FAIL: "))
        .map(|rest| {
            let test = rest.split_whitespace().next().unwrap_or(rest);
            Finding::new(format!("test {test} failed"))
        })
        .collect();
    if findings.is_empty() {
        findings.extend(output.lines().filter_map(|l| target.parse_line(l)));
    }
    if findings.is_empty() {
        let message = match status {
            ProcessStatus::TimedOut => format!(
                "`go test` did not finish within {:?} and was stopped",
                target.timeout().unwrap_or_default()
            ),
            other => format!("`go test` failed ({other:?})"),
        };
        findings.push(Finding::new(message).with_hint(excerpt(output)));
    }
    findings
}

fn excerpt(output: &str) -> String {
    let lines: Vec<&str> = output
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    format!("its output began with:\n{}", lines.join("\n"))
}

/// The total and the packages under the bars.
fn coverage_findings(profile: &Path, options: &TestOptions) -> Result<Vec<Finding>, GoError> {
    let io_error = |source| GoError::Io {
        path: profile.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(profile).map_err(io_error)?;
    let coverage = Coverage::parse(&text).map_err(|m| io_error(std::io::Error::other(m)))?;
    let mut findings = Vec::new();
    if let Some(min) = options.coverage_min
        && coverage.total() < min
    {
        let under: Vec<String> = coverage
            .packages()
            .into_iter()
            .filter(|(_, figure)| *figure < min)
            .map(|(package, figure)| format!("  {package}: {figure:.1}%"))
            .collect();
        findings.push(
            Finding::new(format!(
                "total coverage {:.1}% is under the minimum {min:.1}%",
                coverage.total()
            ))
            .with_hint(format!("packages under {min:.1}%:\n{}", under.join("\n"))),
        );
    }
    if let Some(min) = options.per_package_min {
        for (package, figure) in coverage.packages() {
            if figure < min {
                findings.push(Finding::new(format!(
                    "package {package}: coverage {figure:.1}% is under the per-package minimum {min:.1}%"
                )));
            }
        }
    }
    Ok(findings)
}

#[cfg(test)]
mod tests;
