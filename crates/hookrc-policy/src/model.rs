//! The loaded policy: which checks each hook runs, each check's settings,
//! and the shared `[go]` settings.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::changelog::{ChangelogSettings, GoReleaseCheck};
use crate::command::CommandCheck;
use crate::conventional::ConventionalCheck;
use crate::go::{GoFmtCheck, GoLintCheck, GoSettings, GoVetCheck};
use crate::go_push::{GoBenchCheck, GoBuildCheck, GoEnvCheck, GoModCheck, GoTestCheck};

/// Where a policy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicySource {
    /// A `.hookrc.toml` file (the path given to [`crate::parse`]).
    File(PathBuf),
    /// The default policy built into hookrc.
    Embedded,
}

/// One configured check: a built-in with its typed settings, or a custom command.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Check {
    /// `conventional`: the commit message is a Conventional Commit.
    Conventional(ConventionalCheck),
    /// `go-fmt`: staged `.go` files are gofmt-clean.
    GoFmt(GoFmtCheck),
    /// `go-vet`: `go vet` on the staged packages.
    GoVet(GoVetCheck),
    /// `go-lint`: the configured linter on the staged packages.
    GoLint(GoLintCheck),
    /// `go-test`: tests and coverage.
    GoTest(GoTestCheck),
    /// `go-bench`: benchmarks against a baseline.
    GoBench(GoBenchCheck),
    /// `go-build`: cross-architecture builds.
    GoBuild(GoBuildCheck),
    /// `go-mod`: module hygiene.
    GoMod(GoModCheck),
    /// `go-env`: the Go environment policy.
    GoEnv(GoEnvCheck),
    /// `go-release`: pushed version tags match their Go module's path.
    GoRelease(GoReleaseCheck),
    /// A custom command.
    Command(CommandCheck),
}

/// The names of the built-in checks, in the order of [`Check`]'s variants.
pub const BUILTIN_CHECKS: &[&str] = &[
    "conventional",
    "go-fmt",
    "go-vet",
    "go-lint",
    "go-test",
    "go-bench",
    "go-build",
    "go-mod",
    "go-env",
    "go-release",
];

impl Check {
    /// The built-in's name (`"go-fmt"`, …), or `None` for a custom command.
    pub fn builtin(&self) -> Option<&'static str> {
        let name = match self {
            Check::Conventional(_) => "conventional",
            Check::GoFmt(_) => "go-fmt",
            Check::GoVet(_) => "go-vet",
            Check::GoLint(_) => "go-lint",
            Check::GoTest(_) => "go-test",
            Check::GoBench(_) => "go-bench",
            Check::GoBuild(_) => "go-build",
            Check::GoMod(_) => "go-mod",
            Check::GoEnv(_) => "go-env",
            Check::GoRelease(_) => "go-release",
            Check::Command(_) => return None,
        };
        Some(name)
    }

    /// How long the check may run, or `None` for one that runs in-process
    /// (`conventional`, `go-release`).
    pub fn timeout(&self) -> Option<Duration> {
        let timeout = match self {
            Check::Conventional(_) | Check::GoRelease(_) => return None,
            Check::GoFmt(check) => check.timeout(),
            Check::GoVet(check) => check.timeout(),
            Check::GoLint(check) => check.timeout(),
            Check::GoTest(check) => check.timeout(),
            Check::GoBench(check) => check.timeout(),
            Check::GoBuild(check) => check.timeout(),
            Check::GoMod(check) => check.timeout(),
            Check::GoEnv(check) => check.timeout(),
            Check::Command(check) => check.timeout(),
        };
        Some(timeout)
    }
}

/// A loaded, validated `.hookrc.toml` (or the embedded default).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub(crate) source: PolicySource,
    /// Hook name → check names, hooks in [`crate::CLIENT_HOOKS`] order.
    pub(crate) hooks: Vec<(String, Vec<String>)>,
    /// Every check a hook lists or `[check.NAME]` defines, in order of first
    /// mention in the hooks, then the unlisted ones by name.
    pub(crate) checks: Vec<(String, Check)>,
    pub(crate) go: GoSettings,
    pub(crate) changelog: ChangelogSettings,
}

impl Policy {
    /// Where the policy came from.
    pub fn source(&self) -> PolicySource {
        self.source.clone()
    }

    /// The checks `hook` runs, in policy order, with their names.
    pub fn checks_for(&self, hook: &str) -> impl Iterator<Item = (&str, &Check)> {
        let by_name: HashMap<&str, &Check> = self
            .checks
            .iter()
            .map(|(name, check)| (name.as_str(), check))
            .collect();
        let listed: Vec<(&str, &Check)> = self
            .hooks
            .iter()
            .filter(move |(name, _)| name == hook)
            .flat_map(|(_, names)| names)
            .filter_map(|name| {
                by_name
                    .get(name.as_str())
                    .map(|check| (name.as_str(), *check))
            })
            .collect();
        listed.into_iter()
    }

    /// The hooks that run at least one check (what `hookrc install` links).
    pub fn hooks(&self) -> impl Iterator<Item = &str> {
        self.hooks
            .iter()
            .filter(|(_, names)| !names.is_empty())
            .map(|(name, _)| name.as_str())
    }

    /// The check named `name`, if a hook lists it or the policy defines it.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, check)| check)
    }

    /// Every check with its name, listed ones first in hook order.
    pub fn checks(&self) -> impl Iterator<Item = (&str, &Check)> {
        self.checks
            .iter()
            .map(|(name, check)| (name.as_str(), check))
    }

    /// The shared `[go]` settings.
    pub fn go(&self) -> &GoSettings {
        &self.go
    }

    /// The `[changelog]` settings (`hookrc changelog` and `hookrc bump`).
    pub fn changelog(&self) -> &ChangelogSettings {
        &self.changelog
    }
}
