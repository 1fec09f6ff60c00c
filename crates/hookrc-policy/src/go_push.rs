//! The typed settings of the pre-push `go-*` checks: tests and coverage,
//! benchmarks, cross builds, module hygiene and the Go environment policy.
//!
//! Each field's doc comment is its entry in the policy reference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::with_help;
use crate::patterns::{Globs, GoRegex, Pattern};
use crate::values::{Bounded, Bounds, Fraction, Percent, RepoPath, Target, Timeout};

/// `[check.go-test]`: `go test` with coverage, per module.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoTestCheck {
    /// Minimum total statement coverage of each module, in percent (`0`–`100`).
    /// Absent: tests must pass, coverage is reported but not enforced.
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage_min: Option<Percent>,
    /// Minimum statement coverage of every package, in percent (`0`–`100`).
    #[serde(skip_serializing_if = "Option::is_none")]
    per_package_min: Option<Percent>,
    /// Per-package minimums that override `per-package-min` for the
    /// packages a glob matches (globs as in `exclude-packages`), e.g.
    /// `{ "example.com/m/internal/*" = 50.0, "legacy/**" = 0.0 }`. When
    /// several match a package, the longest pattern wins.
    #[serde(skip_serializing_if = "PackageMinimums::is_empty")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "std::collections::BTreeMap<String, Percent>")
    )]
    per_package: PackageMinimums,
    /// Packages left out of the coverage figures: globs matched against
    /// each package's import path (`example.com/m/cmd/*`) and its directory
    /// relative to the module (`cmd/**`, `internal/gen`; `.` for the root).
    /// Their statements are reported apart, never silently dropped.
    exclude_packages: Globs,
    /// Files left out of the coverage figures: regexes searched in each
    /// file's path as the coverage profile names it
    /// (`<import path>/<file>.go`), e.g. `["_gen\\.go$", "\\.pb\\.go$"]`.
    exclude_files: Vec<Pattern>,
    /// Extra arguments for `go test`, e.g. `["-short"]`.
    args: Vec<String>,
    /// Run the tests with the race detector (`-race`).
    race: bool,
    /// Also run the tests for these `GOOS/GOARCH` targets (coverage is
    /// measured on the host run). A target this machine cannot execute runs
    /// under QEMU user emulation (`go test -exec qemu-<arch>`).
    targets: Vec<Target>,
    /// The emulator for a `GOARCH`, e.g. `{ arm64 = "/usr/bin/qemu-aarch64-static" }`.
    /// Absent: `qemu-<arch>`, then `qemu-<arch>-static`, on `PATH`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    emulators: BTreeMap<String, PathBuf>,
    /// Only run when a changed path matches one of these globs (`[]`: any change).
    files: Globs,
    /// Ignore changed paths matching one of these globs.
    exclude: Globs,
    /// Stop the check after this long.
    timeout: Timeout,
    /// When the Go toolchain is missing, skip with a notice instead of failing.
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs
    /// (content, configuration, toolchain, environment); `false`: always run.
    #[serde(skip_serializing_if = "crate::values::is_true")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = true)))]
    cache: bool,
}

impl Default for GoTestCheck {
    fn default() -> Self {
        GoTestCheck {
            coverage_min: None,
            per_package_min: None,
            per_package: PackageMinimums::default(),
            exclude_packages: Globs::default(),
            exclude_files: Vec::new(),
            args: Vec::new(),
            race: false,
            targets: Vec::new(),
            emulators: BTreeMap::new(),
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(600),
            optional: false,
            cache: true,
        }
    }
}

impl GoTestCheck {
    /// The targets whose tests run besides the host's.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }
    /// The emulators named for a `GOARCH`.
    pub fn emulators(&self) -> &BTreeMap<String, PathBuf> {
        &self.emulators
    }
    /// Minimum total coverage in percent, if enforced.
    pub fn coverage_min(&self) -> Option<f64> {
        self.coverage_min.map(Percent::value)
    }
    /// Minimum per-package coverage in percent, if enforced.
    pub fn per_package_min(&self) -> Option<f64> {
        self.per_package_min.map(Percent::value)
    }
    /// Extra arguments for `go test`.
    pub fn args(&self) -> &[String] {
        &self.args
    }
    /// Whether to pass `-race`.
    pub fn race(&self) -> bool {
        self.race
    }
    /// Per-package minimums by glob, in percent, as written.
    pub fn per_package(&self) -> impl Iterator<Item = (&str, f64)> {
        self.per_package
            .0
            .iter()
            .map(|(glob, min)| (glob.as_str(), min.value()))
    }
    /// The globs of packages left out of the coverage figures.
    pub fn exclude_packages(&self) -> &Globs {
        &self.exclude_packages
    }
    /// The regexes of files left out of the coverage figures.
    pub fn exclude_files(&self) -> &[Pattern] {
        &self.exclude_files
    }
}

/// `per-package`: globs to minimum percents, each glob checked at load.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
struct PackageMinimums(BTreeMap<String, Percent>);

impl PackageMinimums {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for PackageMinimums {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let minimums = BTreeMap::<String, Percent>::deserialize(deserializer)?;
        for glob in minimums.keys() {
            globset::Glob::new(glob).map_err(|error| {
                serde::de::Error::custom(with_help(
                    format!("invalid glob `{glob}` in `per-package`: {}", error.kind()),
                    "a key is a glob on import paths or module directories, e.g. `\"example.com/m/internal/*\"`",
                ))
            })?;
        }
        Ok(PackageMinimums(minimums))
    }
}

/// `[check.go-bench]`: benchmarks compared with a baseline kept in the repository.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoBenchCheck {
    /// What the benchmarks are compared with: the committed `baseline` file
    /// (`baseline`), or the base of the push built and run interleaved with
    /// the pushed tip, A B A B … (`base`), so the machine's drift hits both
    /// sides alike.
    against: BenchAgainst,
    /// The baseline file, relative to the repository root and inside it
    /// (`hookrc go bench --update` writes it).
    baseline: RepoPath,
    /// How much slower than the baseline a benchmark's median may get, as a
    /// fraction: `0.05` allows 5 % (`0`–`1`). A benchmark fails only when it
    /// is slower by more than this *and* the difference is significant at
    /// `alpha`.
    tolerance: Fraction,
    /// The significance level of the Mann-Whitney U test between the
    /// baseline's runs and the new runs, as benchstat applies it
    /// (`0.0001`–`0.5`). A smaller `alpha` needs more runs.
    alpha: Alpha,
    /// Which benchmarks to run: a regex for `go test -bench`.
    bench: GoRegex,
    /// How many times each benchmark runs (`-count`, `6`–`100`): the U test
    /// and the 95 % interval of each median need at least 6 runs (more for
    /// an `alpha` under 0.0022); 10, benchstat's advice, by default. Each
    /// run of a benchmark lasts about `-benchtime` (1 s by default).
    count: Count,
    /// Extra arguments for `go test`, e.g. `["-benchtime", "200ms"]`.
    args: Vec<String>,
    /// Only run when a changed path matches one of these globs (`[]`: any change).
    files: Globs,
    /// Ignore changed paths matching one of these globs.
    exclude: Globs,
    /// Stop the check after this long.
    timeout: Timeout,
    /// When the Go toolchain is missing, skip with a notice instead of failing.
    optional: bool,
}

/// What `go-bench` compares the pushed benchmarks with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BenchAgainst {
    /// The committed baseline file, recorded by `hookrc go bench --update`.
    #[default]
    Baseline,
    /// The base of the push (what the remote has), built and run
    /// interleaved with the pushed tip.
    Base,
}

impl Default for GoBenchCheck {
    fn default() -> Self {
        GoBenchCheck {
            against: BenchAgainst::default(),
            baseline: RepoPath::new("bench/baseline.json"),
            tolerance: Fraction::new(0.05),
            alpha: Alpha::new(0.05),
            bench: GoRegex::any(),
            count: Count(10),
            args: Vec::new(),
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(1200),
            optional: false,
        }
    }
}

impl GoBenchCheck {
    /// What the benchmarks are compared with.
    pub fn against(&self) -> BenchAgainst {
        self.against
    }
    /// The baseline file, repo-relative.
    pub fn baseline(&self) -> &Path {
        self.baseline.as_path()
    }
    /// Allowed slowdown as a fraction (`0.05` = 5 %).
    pub fn tolerance(&self) -> f64 {
        self.tolerance.value()
    }
    /// The significance level of the U test (`0.05`).
    pub fn alpha(&self) -> f64 {
        self.alpha.value()
    }
    /// The error when `count` runs are too few for the statistics at
    /// `alpha`: its message and help.
    pub(crate) fn too_few_runs(&self) -> Option<(String, String)> {
        let needed = min_runs(self.alpha());
        (self.count.0 < needed).then(|| {
            (
                format!(
                    "`count = {}` is too few runs for benchstat's statistics at `alpha = {}`: they need at least {needed}",
                    self.count.0,
                    self.alpha()
                ),
                "the 95% interval of a median needs 6 runs, and the U test more when `alpha` is smaller; 10 is benchstat's advice".to_owned(),
            )
        })
    }
    /// The `-bench` regex.
    pub fn bench(&self) -> &GoRegex {
        &self.bench
    }
    /// Runs per benchmark (`-count`).
    pub fn count(&self) -> u32 {
        self.count.0
    }
    /// Extra arguments for `go test`.
    pub fn args(&self) -> &[String] {
        &self.args
    }
}

/// The fewest runs a side for the 95 % interval of a median (6) and for
/// the U test to reach `alpha` (two fully separated samples of `n` give
/// p = 2 / C(2n, n): 4 at 0.05), whichever is more.
fn min_runs(alpha: f64) -> u32 {
    let mut choose = 1.0f64;
    for n in 1..=100u32 {
        // C(2n, n) from C(2n − 2, n − 1).
        choose = choose * f64::from(2 * n) * f64::from(2 * n - 1) / f64::from(n * n);
        if 2.0 / choose <= alpha {
            return n.max(6);
        }
    }
    101
}

/// `0.0001..=0.5`, the significance level of the benchmark test.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum AlphaBounds {}

impl Bounds for AlphaBounds {
    const MIN: f64 = 0.0001;
    const MAX: f64 = 0.5;
    const WHAT: &'static str = "a significance level";
    const HELP: &'static str = "`alpha` is the U test's significance level, e.g. `0.05`";
    #[cfg(feature = "schema")]
    const NAME: &'static str = "Alpha";
}

/// The significance level of the benchmark test.
type Alpha = Bounded<AlphaBounds>;

/// A run count, `1..=100`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
struct Count(#[cfg_attr(feature = "schema", schemars(range(min = 6, max = 100)))] u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let count = i64::deserialize(deserializer)?;
        u32::try_from(count)
            .ok()
            .filter(|count| (1..=100).contains(count))
            .map(Count)
            .ok_or_else(|| {
                serde::de::Error::custom(with_help(
                    format!("`{count}` is out of range: expected a count from 1 to 100"),
                    "the statistics need at least 6 runs; 10 is a good default",
                ))
            })
    }
}

/// `[check.go-build]`: `go build ./...` for each target, side by side.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoBuildCheck {
    /// The `GOOS/GOARCH` targets to build, as `go tool dist list` prints them.
    targets: Targets,
    /// Build with cgo (`CGO_ENABLED=1`); the default builds with `CGO_ENABLED=0`.
    cgo: bool,
    /// Extra arguments for `go build`, e.g. `["-trimpath"]`.
    args: Vec<String>,
    /// Only run when a changed path matches one of these globs (`[]`: any change).
    files: Globs,
    /// Ignore changed paths matching one of these globs.
    exclude: Globs,
    /// Stop the check after this long.
    timeout: Timeout,
    /// When the Go toolchain is missing, skip with a notice instead of failing.
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs
    /// (content, configuration, toolchain, environment); `false`: always run.
    #[serde(skip_serializing_if = "crate::values::is_true")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = true)))]
    cache: bool,
}

impl Default for GoBuildCheck {
    fn default() -> Self {
        GoBuildCheck {
            targets: Targets(vec![
                Target::known("linux/amd64"),
                Target::known("linux/arm64"),
            ]),
            cgo: false,
            args: Vec::new(),
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(600),
            optional: false,
            cache: true,
        }
    }
}

impl GoBuildCheck {
    /// The targets to build, at least one.
    pub fn targets(&self) -> &[Target] {
        &self.targets.0
    }
    /// Whether cgo is enabled.
    pub fn cgo(&self) -> bool {
        self.cgo
    }
    /// Extra arguments for `go build`.
    pub fn args(&self) -> &[String] {
        &self.args
    }
}

/// A non-empty list of build targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
struct Targets(#[cfg_attr(feature = "schema", schemars(length(min = 1)))] Vec<Target>);

impl<'de> Deserialize<'de> for Targets {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let targets = Vec::<Target>::deserialize(deserializer)?;
        if targets.is_empty() {
            return Err(serde::de::Error::custom(with_help(
                "`targets` is empty",
                "list at least one target, e.g. `[\"linux/amd64\"]`, or drop `go-build` from the hooks",
            )));
        }
        Ok(Targets(targets))
    }
}

/// `[check.go-mod]`: module hygiene.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is an independent policy key"
)]
pub struct GoModCheck {
    /// `go mod tidy` must change nothing (checked on a copy, never on your files).
    tidy: bool,
    /// When `vendor/` exists it must match `go.mod` (`vendor/modules.txt`).
    vendor: bool,
    /// Only run when a changed path matches one of these globs (`[]`: any change).
    files: Globs,
    /// Ignore changed paths matching one of these globs.
    exclude: Globs,
    /// Stop the check after this long.
    timeout: Timeout,
    /// When the Go toolchain is missing, skip with a notice instead of failing.
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs
    /// (content, configuration, toolchain, environment); `false`: always run.
    #[serde(skip_serializing_if = "crate::values::is_true")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = true)))]
    cache: bool,
}

impl Default for GoModCheck {
    fn default() -> Self {
        GoModCheck {
            tidy: true,
            vendor: true,
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(120),
            optional: false,
            cache: true,
        }
    }
}

impl GoModCheck {
    /// Whether `go mod tidy` must be a no-op.
    pub fn tidy(&self) -> bool {
        self.tidy
    }
    /// Whether `vendor/` must match `go.mod`.
    pub fn vendor(&self) -> bool {
        self.vendor
    }
}

/// `[check.go-env]`: the Go environment policy.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoEnvCheck {
    /// The only `GOPROXY` entries allowed (`direct` and `off` included). The
    /// default allows Go's proxy, `direct`, and `off` (no downloads at all,
    /// as air-gapped and vendored builds set it).
    #[serde(deserialize_with = "crate::words::proxies")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    allowed_proxies: Vec<String>,
    /// Private module path prefixes that must be covered by `GOPRIVATE`,
    /// `GONOPROXY` or `GONOSUMDB`, e.g. `["git.example.com/team"]`.
    #[serde(deserialize_with = "crate::words::module_prefixes")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    private: Vec<String>,
    /// The lowest Go version allowed, for the toolchain and the `go.mod` `go` line, e.g. `"1.22"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    min_go: Option<GoVersion>,
    /// Stop the check after this long.
    timeout: Timeout,
    /// When the Go toolchain is missing, skip with a notice instead of failing.
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs
    /// (content, configuration, toolchain, environment); `false`: always run.
    #[serde(skip_serializing_if = "crate::values::is_true")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = true)))]
    cache: bool,
}

impl Default for GoEnvCheck {
    fn default() -> Self {
        GoEnvCheck {
            allowed_proxies: vec![
                "https://proxy.golang.org".into(),
                "direct".into(),
                "off".into(),
            ],
            private: Vec::new(),
            min_go: None,
            timeout: Timeout::secs(30),
            optional: false,
            cache: true,
        }
    }
}

impl GoEnvCheck {
    /// Allowed `GOPROXY` entries.
    pub fn allowed_proxies(&self) -> &[String] {
        &self.allowed_proxies
    }
    /// Private module prefixes.
    pub fn private(&self) -> &[String] {
        &self.private
    }
    /// The minimum Go version, if any.
    pub fn min_go(&self) -> Option<&GoVersion> {
        self.min_go.as_ref()
    }
}

/// A Go version: `1.N` or `1.N.P`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct GoVersion(String);

impl GoVersion {
    /// The version as written, e.g. `1.22`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `(major, minor, patch)`, patch 0 when absent.
    pub fn parts(&self) -> (u32, u32, u32) {
        let mut numbers = self.0.split('.').map(|part| part.parse().unwrap_or(0));
        let mut next = || numbers.next().unwrap_or(0);
        (next(), next(), next())
    }
}

impl<'de> Deserialize<'de> for GoVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let parts: Vec<&str> = text.split('.').collect();
        let numeric = parts
            .iter()
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        if parts.first() == Some(&"1") && (2..=3).contains(&parts.len()) && numeric {
            return Ok(GoVersion(text));
        }
        let bare = text.trim_start_matches("go");
        Err(serde::de::Error::custom(with_help(
            format!("invalid Go version `{text}`"),
            format!(
                "write `1.N` or `1.N.P`, e.g. `{}`",
                if bare == text { "1.22" } else { bare }
            ),
        )))
    }
}

common_accessors!(filters: GoTestCheck, GoBenchCheck, GoBuildCheck, GoModCheck);
common_accessors!(runs: GoTestCheck, GoBenchCheck, GoBuildCheck, GoModCheck, GoEnvCheck);
common_accessors!(cached: GoTestCheck, GoBuildCheck, GoModCheck, GoEnvCheck);
