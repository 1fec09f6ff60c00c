//! What a package-level Go tool (vet, a linter) runs on, and how the paths it
//! prints are mapped back to repo-relative paths.
//!
//! Shared by `vet` and `lint`: both run in one directory of a tree they are
//! handed (the worktree or a staged snapshot) on a list of package
//! directories, and both print `file:line:col: message` with paths relative
//! to where they ran or absolute.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use crate::go::GoError;
use crate::go::modules::{Unit, package_arg};
use crate::{Cancel, Completed, Finding, Job, Outcome, ProcessStatus, run};

/// Packages to check: the tree's root, the directory to run in, the package
/// directories, build tags and an optional timeout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    root: PathBuf,
    dir: PathBuf,
    packages: Vec<PathBuf>,
    tags: Vec<String>,
    timeout: Option<Duration>,
    aliases: BTreeMap<PathBuf, PathBuf>,
    gopath_mode: bool,
    env: Vec<(OsString, OsString)>,
}

impl Target {
    /// Packages in `dir` (relative to `root`, the absolute path of the tree
    /// whose relative paths are repo paths). No packages yet: add them.
    pub fn new(root: impl Into<PathBuf>, dir: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            dir: dir.into(),
            packages: Vec::new(),
            tags: Vec::new(),
            timeout: None,
            aliases: BTreeMap::new(),
            gopath_mode: false,
            env: Vec::new(),
        }
    }

    /// The packages of a [`Unit`] from `group_files`, under `root`; a unit
    /// without a module runs in GOPATH mode.
    pub fn from_unit(root: impl Into<PathBuf>, unit: &Unit) -> Self {
        Self::new(root, unit.dir())
            .with_packages(unit.packages().to_vec())
            .with_gopath_mode(unit.module().is_none())
    }

    /// Run the tools with `GO111MODULE=off` (code outside any module: since
    /// Go 1.16 the go command would otherwise refuse it for lack of a
    /// `go.mod`).
    #[must_use]
    pub fn with_gopath_mode(mut self, yes: bool) -> Self {
        self.gopath_mode = yes;
        self
    }

    /// Environment variables the tools get on top of the toolchain's (for a
    /// tree that is a private checkout: which `go.work` applies, no VCS
    /// stamping).
    #[must_use]
    pub fn with_env(mut self, vars: Vec<(OsString, OsString)>) -> Self {
        self.env = vars;
        self
    }

    /// Whether the tools run in GOPATH mode.
    pub fn gopath_mode(&self) -> bool {
        self.gopath_mode
    }

    /// These package directories, relative to the run directory.
    #[must_use]
    pub fn with_packages(mut self, packages: Vec<PathBuf>) -> Self {
        self.packages = packages;
        self
    }

    /// Build tags (`[go] tags`).
    #[must_use]
    pub fn with_tags(mut self, tags: Vec<String>) -> Self {
        self.tags = tags;
        self
    }

    /// Kill the tool after this long.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Paths a tool may report instead of the files they stand for (an
    /// overlay's replacement files → the originals), both absolute.
    #[must_use]
    pub fn with_aliases(mut self, aliases: BTreeMap<PathBuf, PathBuf>) -> Self {
        self.aliases = aliases;
        self
    }

    /// The tree's root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The absolute directory the tool runs in.
    pub fn run_dir(&self) -> PathBuf {
        self.root.join(&self.dir)
    }

    /// The package arguments: `.`, `./a/b`.
    pub fn package_args(&self) -> Vec<OsString> {
        self.packages.iter().map(|p| package_arg(p)).collect()
    }

    /// The build tags.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The timeout, if any.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Runs `job` (the tool `tool` on this target) with the target's
    /// timeout, to completion.
    ///
    /// # Errors
    ///
    /// [`GoError::Exec`] when the tool cannot be started,
    /// [`GoError::Interrupted`] when `cancel` fires.
    pub(crate) fn run_tool(
        &self,
        job: Job,
        tool: &str,
        cancel: &Cancel,
    ) -> Result<Completed, GoError> {
        let mut job = match self.timeout {
            Some(timeout) => job.with_timeout(timeout),
            None => job,
        };
        for (key, value) in &self.env {
            job = job.with_env_var(key.clone(), value.clone());
        }
        let done = run(&job, cancel).map_err(|source| GoError::Exec {
            tool: tool.to_owned(),
            source,
        })?;
        if done.status() == ProcessStatus::Cancelled {
            return Err(GoError::Interrupted {
                tool: tool.to_owned(),
            });
        }
        Ok(done)
    }

    /// A path printed by a tool that ran in [`Target::run_dir`], as a
    /// repo-relative path (absolute paths outside the root stay absolute).
    pub fn repo_path(&self, reported: &str) -> PathBuf {
        let reported = Path::new(reported);
        let full = if reported.is_absolute() {
            reported.to_path_buf()
        } else {
            self.run_dir().join(reported)
        };
        let full = normalize(&full);
        let full = self
            .aliases
            .get(&full)
            .map_or(full, |original| normalize(original));
        if let Ok(relative) = full.strip_prefix(normalize(&self.root)) {
            return relative.to_path_buf();
        }
        // A tool may print the root with its symlinks resolved.
        match std::fs::canonicalize(&self.root) {
            Ok(real) if full.starts_with(&real) => {
                full.strip_prefix(&real).unwrap_or(&full).to_path_buf()
            }
            _ => full,
        }
    }

    /// Parses one `file:line:col: message` (or `file:line: message`) line
    /// into a finding with a repo-relative file.
    pub fn parse_line(&self, line: &str) -> Option<Finding> {
        let (file, line_no, column, message) = split_location(line)?;
        Some(
            Finding::new(message)
                .with_file(self.repo_path(file))
                .at(line_no, column),
        )
    }
}

/// Turns a finished package-level tool into an outcome: every
/// `file:line:col: message` line of stdout and stderr is a finding (a `vet: `
/// prefix is dropped); the check fails on any finding or a non-zero exit,
/// and a failure the tool did not locate still gets a finding with its words.
pub(crate) fn tool_outcome(name: &str, tool: &str, target: &Target, done: &Completed) -> Outcome {
    let mut output = String::from_utf8_lossy(done.stdout()).into_owned();
    output.push_str(&String::from_utf8_lossy(done.stderr()));
    let mut findings: Vec<Finding> = output
        .lines()
        .filter_map(|line| target.parse_line(line.strip_prefix("vet: ").unwrap_or(line)))
        .collect();
    if let Some(message) = failure(tool, target, done.status(), findings.is_empty()) {
        let excerpt: Vec<&str> = output
            .lines()
            .filter(|l| !l.trim().is_empty())
            .take(5)
            .collect();
        let mut finding = Finding::new(message);
        if !excerpt.is_empty() {
            finding = finding.with_hint(format!("its output began with:\n{}", excerpt.join("\n")));
        }
        findings.push(finding);
    }
    Outcome::judged(name, findings)
        .with_output(output)
        .with_duration(done.duration())
}

/// What went wrong with the tool itself, when its status says more than its
/// findings: stopped by the timeout, killed, or failed without a location.
fn failure(
    tool: &str,
    target: &Target,
    status: ProcessStatus,
    no_findings: bool,
) -> Option<String> {
    match status {
        ProcessStatus::TimedOut => Some(format!(
            "`{tool}` did not finish within {:?} and was stopped",
            target.timeout.unwrap_or_default()
        )),
        ProcessStatus::Exited(code) if code != 0 && no_findings => Some(format!(
            "`{tool}` failed with exit status {code} without pointing at a file"
        )),
        ProcessStatus::Signaled(signal) => Some(format!("`{tool}` was killed by signal {signal}")),
        _ => None,
    }
}

/// Removes `.` and resolves `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Splits `file:line:col: message` at the first `:<digits>[:<digits>]: `
/// whose file part can be a path: not a sentence (`: `), a quotation or a
/// URL, as in a download error's `dial tcp 127.0.0.1:9: connect: …`,
/// which stays a line of text.
pub(crate) fn split_location(line: &str) -> Option<(&str, u32, Option<u32>, &str)> {
    let location = split_any_location(line)?;
    let file = location.0;
    let prose = file.contains(": ") || file.contains('"') || file.contains("://");
    (!prose).then_some(location)
}

fn split_any_location(line: &str) -> Option<(&str, u32, Option<u32>, &str)> {
    for (start, _) in line.match_indices(':').filter(|(i, _)| *i > 0) {
        let rest = &line[start + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let line_no: u32 = rest[..digits].parse().ok()?;
        let after = &rest[digits..];
        if let Some(message) = after.strip_prefix(": ") {
            return Some((&line[..start], line_no, None, message));
        }
        let Some(col_part) = after.strip_prefix(':') else {
            continue;
        };
        let col_digits = col_part.bytes().take_while(u8::is_ascii_digit).count();
        if col_digits == 0 {
            continue;
        }
        if let Some(message) = col_part[col_digits..].strip_prefix(": ") {
            let column = col_part[..col_digits].parse().ok();
            return Some((&line[..start], line_no, column, message));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Target, split_location};

    #[test]
    fn locations_are_split_even_with_colons_in_names() {
        assert_eq!(
            split_location("a/b.go:3:14: bad thing"),
            Some(("a/b.go", 3, Some(14), "bad thing"))
        );
        assert_eq!(
            split_location("we:ird.go:7: no column"),
            Some(("we:ird.go", 7, None, "no column"))
        );
        assert_eq!(
            split_location("x.go:1:2: msg: with: colons"),
            Some(("x.go", 1, Some(2), "msg: with: colons"))
        );
        assert_eq!(split_location("# example.com/p"), None);
        assert_eq!(split_location("panic: unsupported version: 5"), None);
        let download = "go: example.com/nope@v1.0.0: Get \"http://127.0.0.1:9/x.mod\": dial tcp 127.0.0.1:9: connect: connection refused";
        assert_eq!(split_location(download), None);
    }

    #[test]
    fn reported_paths_map_to_repo_paths() {
        let target = Target::new("/snap", "mod");
        assert_eq!(target.repo_path("pkg/a.go"), PathBuf::from("mod/pkg/a.go"));
        assert_eq!(
            target.repo_path("./pkg/a.go"),
            PathBuf::from("mod/pkg/a.go")
        );
        assert_eq!(
            target.repo_path("/snap/mod/b.go"),
            PathBuf::from("mod/b.go")
        );
        assert_eq!(
            target.repo_path("../other/c.go"),
            PathBuf::from("other/c.go")
        );
        assert_eq!(
            target.repo_path("/usr/lib/go/src/fmt/print.go"),
            PathBuf::from("/usr/lib/go/src/fmt/print.go")
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(dir.path().join("real"), &link).expect("symlink");
        std::fs::create_dir(dir.path().join("real")).expect("mkdir");
        let real = dir
            .path()
            .canonicalize()
            .expect("canonical")
            .join("real/p/a.go");
        let linked = Target::new(&link, "p");
        assert_eq!(
            linked.repo_path(real.to_str().expect("utf-8")),
            PathBuf::from("p/a.go")
        );
        let finding = target.parse_line("-lead/x y.go:2:5: oops").expect("parsed");
        assert_eq!(
            finding.file(),
            Some(std::path::Path::new("mod/-lead/x y.go"))
        );
        assert_eq!(
            (finding.line(), finding.column(), finding.message()),
            (Some(2), Some(5), "oops")
        );
    }
}
