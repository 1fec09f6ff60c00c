//! `[go]` and the typed settings of the built-in `go-*` checks.
//!
//! Each field's doc comment is its entry in the policy reference
//! (`docs/policy.md` and the JSON Schema are generated from them).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::with_help;
use crate::patterns::Globs;
use crate::suggest;
use crate::values::{Env, Timeout};

/// `[go]`: settings shared by every `go-*` check.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoSettings {
    /// Build tags passed to every go command as `-tags`, e.g. `["integration"]`.
    #[serde(deserialize_with = "crate::words::build_tags")]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    tags: Vec<String>,
    /// The `go` binary to use: a path, or a name looked up on `PATH`.
    /// Absent: `go` from `PATH`.
    #[serde(skip_serializing_if = "Option::is_none")]
    go: Option<PathBuf>,
    /// Also check generated files (`// Code generated … DO NOT EDIT.`).
    include_generated: bool,
    /// Also check files under `vendor/`.
    include_vendor: bool,
    /// Extra environment variables for every go command, e.g. `{ GOFLAGS = "-mod=mod" }`.
    #[serde(skip_serializing_if = "Env::is_empty")]
    env: Env,
}

impl GoSettings {
    /// Build tags for `-tags`.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }
    /// The configured `go` binary, if any (else `go` from `PATH`).
    pub fn go(&self) -> Option<&Path> {
        self.go.as_deref()
    }
    /// Whether generated files are checked.
    pub fn include_generated(&self) -> bool {
        self.include_generated
    }
    /// Whether `vendor/` is checked.
    pub fn include_vendor(&self) -> bool {
        self.include_vendor
    }
    /// Extra environment variables for every go command.
    pub fn env(&self) -> &Env {
        &self.env
    }
}

/// `[check.go-fmt]`: the staged content of each staged `.go` file must be gofmt-clean.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoFmtCheck {
    /// Write the formatted content to the index, and to the working tree
    /// where it equals the index (unstaged edits are never touched).
    fix: bool,
    /// Only check paths matching one of these globs (repo-relative; `[]`: every `.go` file).
    files: Globs,
    /// Skip paths matching one of these globs.
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

impl Default for GoFmtCheck {
    fn default() -> Self {
        GoFmtCheck {
            fix: false,
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(60),
            optional: false,
            cache: true,
        }
    }
}

impl GoFmtCheck {
    /// Whether to write gofmt's fix to the index (and clean working-tree files).
    pub fn fix(&self) -> bool {
        self.fix
    }
}

/// `[check.go-vet]`: `go vet` on the packages that hold staged `.go` files.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoVetCheck {
    /// Extra arguments for `go vet`, e.g. `["-printf.funcs=Logf"]`.
    args: Vec<String>,
    /// Only consider paths matching one of these globs (`[]`: every `.go` file).
    files: Globs,
    /// Skip paths matching one of these globs.
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
    /// Which packages are checked: those whose staged content changed and
    /// the packages of the same module importing them (`dependents`), or
    /// only the changed ones (`changed`).
    scope: PackageScope,
}

/// Which packages `go-vet` and `go-lint` check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PackageScope {
    /// The changed packages and the packages of their module that import
    /// them, so an incompatible change is caught where it breaks.
    #[default]
    Dependents,
    /// Only the packages whose staged content changed.
    Changed,
}

impl Default for GoVetCheck {
    fn default() -> Self {
        GoVetCheck {
            scope: PackageScope::default(),
            args: Vec::new(),
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(300),
            optional: false,
            cache: true,
        }
    }
}

impl GoVetCheck {
    /// Extra arguments for `go vet`.
    pub fn args(&self) -> &[String] {
        &self.args
    }
    /// Which packages are vetted.
    pub fn scope(&self) -> PackageScope {
        self.scope
    }
}

/// The linters `[check.go-lint] tool` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum LintTool {
    /// `staticcheck` (honnef.co/go/tools).
    Staticcheck,
    /// `golangci-lint run`.
    GolangciLint,
    /// `revive` (github.com/mgechev/revive).
    Revive,
    /// `golint` (deprecated upstream, still common).
    Golint,
}

impl LintTool {
    const ALL: [LintTool; 4] = [
        LintTool::Staticcheck,
        LintTool::GolangciLint,
        LintTool::Revive,
        LintTool::Golint,
    ];

    /// The maintained linters, in the order `hookrc init` prefers them when
    /// they are installed (golint is deprecated upstream).
    pub const MAINTAINED: [LintTool; 3] = [
        LintTool::Staticcheck,
        LintTool::GolangciLint,
        LintTool::Revive,
    ];

    /// The tool's name, which is also its usual binary name.
    pub fn name(self) -> &'static str {
        match self {
            LintTool::Staticcheck => "staticcheck",
            LintTool::GolangciLint => "golangci-lint",
            LintTool::Revive => "revive",
            LintTool::Golint => "golint",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        let names = LintTool::ALL.map(LintTool::name);
        LintTool::ALL
            .into_iter()
            .find(|tool| tool.name() == text)
            .ok_or_else(|| {
                let help = suggest::did_you_mean(text, names)
                    .unwrap_or_else(|| format!("use one of {}", suggest::one_of(&names)));
                with_help(format!("unknown lint tool `{text}`"), help)
            })
    }
}

impl fmt::Display for LintTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for LintTool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        LintTool::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for LintTool {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// `[check.go-lint]`: the configured linter on the packages that hold staged `.go` files.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoLintCheck {
    /// The linter: `staticcheck`, `golangci-lint`, `revive` or `golint`.
    tool: LintTool,
    /// Extra arguments for the linter, e.g. `["-checks", "all"]`.
    args: Vec<String>,
    /// The linter's binary, or a directory that holds it. Absent: looked up on `PATH`.
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<PathBuf>,
    /// Extra environment variables for the linter, e.g. to put the toolchain
    /// it was built with first on `PATH`: `{ PATH = "/usr/lib/go-1.19/bin:/usr/bin" }`.
    #[serde(skip_serializing_if = "Env::is_empty")]
    env: Env,
    /// When the linter is not installed, skip with a notice instead of failing.
    optional: bool,
    /// Reuse the verdict of an earlier run that judged the same inputs
    /// (content, configuration, toolchain, environment); `false`: always run.
    #[serde(skip_serializing_if = "crate::values::is_true")]
    #[cfg_attr(feature = "schema", schemars(extend("default" = true)))]
    cache: bool,
    /// Only consider paths matching one of these globs (`[]`: every `.go` file).
    files: Globs,
    /// Skip paths matching one of these globs.
    exclude: Globs,
    /// Stop the check after this long.
    timeout: Timeout,
    /// Which packages are linted: the changed ones and their importers in
    /// the module (`dependents`), or only the changed ones (`changed`).
    scope: PackageScope,
}

impl Default for GoLintCheck {
    fn default() -> Self {
        GoLintCheck {
            scope: PackageScope::default(),
            tool: LintTool::Staticcheck,
            args: Vec::new(),
            path: None,
            env: Env::default(),
            optional: false,
            cache: true,
            files: Globs::default(),
            exclude: Globs::default(),
            timeout: Timeout::secs(300),
        }
    }
}

impl GoLintCheck {
    /// Which packages are linted.
    pub fn scope(&self) -> PackageScope {
        self.scope
    }
    /// The linter to run.
    pub fn tool(&self) -> LintTool {
        self.tool
    }
    /// Extra arguments for the linter.
    pub fn args(&self) -> &[String] {
        &self.args
    }
    /// The linter's binary or the directory to find it in, if configured.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
    /// Extra environment variables for the linter.
    pub fn env(&self) -> &Env {
        &self.env
    }
}

common_accessors!(filters: GoFmtCheck, GoVetCheck, GoLintCheck);
common_accessors!(runs: GoFmtCheck, GoVetCheck, GoLintCheck);
common_accessors!(cached: GoFmtCheck, GoVetCheck, GoLintCheck);
