//! Which code go-test's coverage figures count: packages left out by glob
//! (on the import path or the directory in the module), files left out by
//! regex (on the path the profile names), and per-package minimums by glob,
//! the longest matching pattern winning.

use globset::{Glob, GlobMatcher};
use regex::Regex;

/// What counts toward coverage, and each package's minimum.
#[derive(Clone, Debug, Default)]
pub struct CoverageScope {
    packages: Vec<GlobMatcher>,
    files: Vec<Regex>,
    /// Longest pattern first.
    minimums: Vec<(GlobMatcher, f64)>,
}

impl CoverageScope {
    /// From the policy's `exclude-packages` globs, `exclude-files` regexes
    /// and `per-package` globs with their minimums (percent).
    ///
    /// # Errors
    ///
    /// The first glob or regex that does not compile, quoted.
    pub fn new(
        exclude_packages: &[&str],
        exclude_files: &[&str],
        per_package: &[(&str, f64)],
    ) -> Result<Self, String> {
        let glob = |text: &str| {
            Glob::new(text)
                .map(|glob| glob.compile_matcher())
                .map_err(|error| format!("invalid glob `{text}`: {error}"))
        };
        let mut minimums = per_package
            .iter()
            .map(|(text, min)| Ok((glob(text)?, *min)))
            .collect::<Result<Vec<_>, String>>()?;
        minimums.sort_by_key(|(glob, _)| std::cmp::Reverse(glob.glob().glob().len()));
        Ok(Self {
            packages: exclude_packages
                .iter()
                .map(|text| glob(text))
                .collect::<Result<_, _>>()?,
            files: exclude_files
                .iter()
                .map(|text| {
                    Regex::new(text).map_err(|error| format!("invalid regex `{text}`: {error}"))
                })
                .collect::<Result<_, _>>()?,
            minimums,
        })
    }

    /// True when nothing is left out and no package has its own minimum.
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty() && self.files.is_empty() && self.minimums.is_empty()
    }

    /// Whether `file` (as the profile names it) of `package` is left out.
    pub(crate) fn excludes(&self, package: &Package<'_>, file: &str) -> bool {
        self.packages.iter().any(|glob| package.matched_by(glob))
            || self.files.iter().any(|regex| regex.is_match(file))
    }

    /// The minimum of `package`: its longest matching `per-package` glob's,
    /// else `default`.
    pub(crate) fn minimum(&self, package: &Package<'_>, default: Option<f64>) -> Option<f64> {
        self.minimums
            .iter()
            .find(|(glob, _)| package.matched_by(glob))
            .map(|(_, min)| *min)
            .or(default)
    }
}

/// A package as the globs see it: its import path and its directory
/// relative to the module (`.` for the module's root).
pub(crate) struct Package<'a> {
    import_path: &'a str,
    dir: &'a str,
}

impl<'a> Package<'a> {
    /// `import_path` in the module `module` (its path from go.mod).
    pub(crate) fn new(import_path: &'a str, module: &str) -> Self {
        let dir = if import_path == module {
            "."
        } else {
            import_path
                .strip_prefix(module)
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|_| !module.is_empty())
                .unwrap_or(import_path)
        };
        Self { import_path, dir }
    }

    fn matched_by(&self, glob: &GlobMatcher) -> bool {
        glob.is_match(self.import_path) || glob.is_match(self.dir)
    }
}
