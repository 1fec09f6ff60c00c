//! go-test: `go test -coverprofile` on a module's packages, the profile read
//! the way `go tool cover -func` reads it (blocks merged, statements counted
//! once), split into the code the figures count and the code the policy
//! leaves out (`scope`), the total and per-package coverage compared with
//! the policy's minimums, and failing tests named first.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::Path;

use crate::go::GoError;
use crate::go::modules::module_path;
use crate::go::target::Target;
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Finding, Outcome, ProcessStatus, Status};

/// What `go-test` enforces and passes to `go test`.
#[derive(Clone, Debug, Default)]
pub struct TestOptions {
    /// Minimum total statement coverage, in percent.
    pub coverage_min: Option<f64>,
    /// Minimum statement coverage of every package, in percent.
    pub per_package_min: Option<f64>,
    /// Extra `go test` arguments.
    pub args: Vec<OsString>,
    /// Run with `-race`.
    pub race: bool,
    /// The code left out of the figures, and per-package minimums.
    pub scope: CoverageScope,
}

/// Statement coverage read from a profile, per file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// `<import path>/<file>.go` → (statements, covered).
    files: BTreeMap<String, (u64, u64)>,
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
            let figures = coverage.files.entry(file.to_owned()).or_default();
            figures.0 += statements;
            if hit {
                figures.1 += statements;
            }
        }
        Ok(coverage)
    }

    /// The code `scope` counts and the code it leaves out, in that order;
    /// `module` is the module's path, for globs on directories.
    pub fn split(&self, scope: &CoverageScope, module: &str) -> (Coverage, Coverage) {
        let (excluded, included) = self
            .files
            .iter()
            .map(|(file, figures)| (file.clone(), *figures))
            .partition(|(file, _)| scope.excludes(&Package::new(package_of(file), module), file));
        (Coverage { files: included }, Coverage { files: excluded })
    }

    /// Total statement coverage in percent (0 when there are no statements).
    pub fn total(&self) -> f64 {
        let (statements, covered) = self.sums();
        percent(covered, statements)
    }

    /// How many statements the profile holds.
    pub fn statements(&self) -> u64 {
        self.sums().0
    }

    /// Each package's import path and coverage in percent, sorted by path.
    pub fn packages(&self) -> Vec<(&str, f64)> {
        self.package_figures()
            .into_iter()
            .map(|(name, all, hit)| (name, percent(hit, all)))
            .collect()
    }

    /// Each package's import path, statements and covered statements.
    fn package_figures(&self) -> Vec<(&str, u64, u64)> {
        let mut packages: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for (file, (all, hit)) in &self.files {
            let figures = packages.entry(package_of(file)).or_default();
            figures.0 += all;
            figures.1 += hit;
        }
        packages
            .into_iter()
            .map(|(name, (all, hit))| (name, all, hit))
            .collect()
    }

    fn sums(&self) -> (u64, u64) {
        self.files.values().fold((0, 0), |(all, hit), figures| {
            (all + figures.0, hit + figures.1)
        })
    }
}

/// `example.com/m/a/a.go` → `example.com/m/a`.
fn package_of(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
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
        let module = std::fs::read_to_string(target.run_dir().join("go.mod"))
            .map(|text| module_path(&text))
            .unwrap_or_default();
        let (judged, summary) = coverage_findings(&profile, options, &module)?;
        findings = judged;
        output.push_str(&summary);
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

/// The total and the packages under the bars, and the figures as a
/// summary for the output.
fn coverage_findings(
    profile: &Path,
    options: &TestOptions,
    module: &str,
) -> Result<(Vec<Finding>, String), GoError> {
    let io_error = |source| GoError::Io {
        path: profile.to_path_buf(),
        source,
    };
    let text = std::fs::read_to_string(profile).map_err(io_error)?;
    let coverage = Coverage::parse(&text).map_err(|m| io_error(std::io::Error::other(m)))?;
    let (counted, excluded) = coverage.split(&options.scope, module);
    let apart = excluded_summary(&excluded);
    let mut findings = Vec::new();
    if let Some(min) = options.coverage_min
        && counted.total() < min
    {
        let under: Vec<String> = counted
            .packages()
            .into_iter()
            .filter(|(_, figure)| *figure < min)
            .map(|(package, figure)| format!("  {package}: {figure:.1}%"))
            .collect();
        findings.push(
            Finding::new(format!(
                "total coverage {:.1}% is under the minimum {min:.1}%",
                counted.total()
            ))
            .with_hint(format!(
                "packages under {min:.1}%:\n{}{apart}",
                under.join("\n")
            )),
        );
    }
    for (package, figure) in counted.packages() {
        let own = options
            .scope
            .minimum(&Package::new(package, module), options.per_package_min);
        if let Some(min) = own.filter(|min| figure < *min) {
            findings.push(Finding::new(format!(
                "package {package}: coverage {figure:.1}% is under the per-package minimum {min:.1}%"
            )));
        }
    }
    let summary = format!(
        "coverage: {:.1}% of {} statements{apart}\n",
        counted.total(),
        counted.statements()
    );
    Ok((findings, summary))
}

/// `\nexcluded: …` with each excluded package's figures, or nothing.
fn excluded_summary(excluded: &Coverage) -> String {
    if excluded.statements() == 0 {
        return String::new();
    }
    let packages: Vec<String> = excluded
        .package_figures()
        .into_iter()
        .map(|(package, all, hit)| {
            format!(
                "\n  {package}: {:.1}% of {all} statements",
                percent(hit, all)
            )
        })
        .collect();
    format!(
        "\nexcluded from the figures (`exclude-packages`, `exclude-files`): {} statements, {:.1}% covered:{}",
        excluded.statements(),
        excluded.total(),
        packages.concat()
    )
}

mod scope;

pub use scope::CoverageScope;
use scope::Package;

#[cfg(test)]
mod tests;
