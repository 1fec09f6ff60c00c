//! go-lint: the linter the policy names (staticcheck, golangci-lint, revive
//! or golint) on the packages of a [`Target`], with the policy's arguments,
//! an explicit binary path and environment overrides (a pinned linter often
//! needs its own Go first on `PATH`). A missing linter is a clear error that
//! says how to install it, or a skip when the check is optional.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use crate::go::GoError;
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::{find_program, searched_path};
use crate::{Cancel, Job, Outcome, Status};

/// The linters hookrc knows how to drive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LintTool {
    /// `staticcheck` (honnef.co/go/tools).
    Staticcheck,
    /// `golangci-lint run`.
    GolangciLint,
    /// `revive`.
    Revive,
    /// `golint` (deprecated upstream, still common).
    Golint,
}

impl LintTool {
    /// Every tool, in the order the docs list them.
    pub const ALL: [Self; 4] = [
        Self::Staticcheck,
        Self::GolangciLint,
        Self::Revive,
        Self::Golint,
    ];

    /// The tool for a policy name (`staticcheck`, `golangci-lint`, `revive`,
    /// `golint`).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|tool| tool.name() == name)
    }

    /// The policy name, which is also the binary's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Staticcheck => "staticcheck",
            Self::GolangciLint => "golangci-lint",
            Self::Revive => "revive",
            Self::Golint => "golint",
        }
    }

    /// How to install it, as a command line.
    pub fn install_hint(self) -> &'static str {
        match self {
            Self::Staticcheck => {
                "`go install honnef.co/go/tools/cmd/staticcheck@latest` (Debian: `apt-get install go-staticcheck`, binary `go-staticcheck`)"
            }
            Self::GolangciLint => {
                "`go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@latest` (see golangci-lint.run for binaries)"
            }
            Self::Revive => "`go install github.com/mgechev/revive@latest`",
            Self::Golint => {
                "`go install golang.org/x/lint/golint@latest`, though golint is deprecated upstream: better set `[check.go-lint] tool` to `staticcheck`, `golangci-lint` or `revive`"
            }
        }
    }

    /// The arguments after the program: subcommand, policy args, build tags
    /// where the tool takes them, then the packages.
    fn arguments(self, extra: &[OsString], target: &Target) -> Vec<OsString> {
        let mut argv: Vec<OsString> = Vec::new();
        if self == Self::GolangciLint {
            argv.push("run".into());
        }
        argv.extend(extra.iter().cloned());
        let tags = target.tags().join(",");
        match self {
            _ if tags.is_empty() => {}
            Self::Staticcheck => argv.extend(["-tags".into(), tags.into()]),
            Self::GolangciLint => argv.push(format!("--build-tags={tags}").into()),
            Self::Revive | Self::Golint => {}
        }
        argv.extend(target.package_args());
        argv
    }
}

/// A configured linter: which tool, which binary, extra arguments, an
/// environment override, and whether a missing tool is only skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Linter {
    tool: LintTool,
    program: Option<PathBuf>,
    args: Vec<OsString>,
    env: BTreeMap<OsString, OsString>,
    optional: bool,
}

impl Linter {
    /// `tool`, looked up on `PATH` by its usual name, with no extra arguments.
    pub fn new(tool: LintTool) -> Self {
        Self {
            tool,
            program: None,
            args: Vec::new(),
            env: BTreeMap::new(),
            optional: false,
        }
    }

    /// Use this binary instead of looking the tool up on `PATH`.
    #[must_use]
    pub fn with_program(mut self, program: impl Into<PathBuf>) -> Self {
        self.program = Some(program.into());
        self
    }

    /// Extra arguments, placed before the packages.
    #[must_use]
    pub fn with_args(mut self, args: Vec<OsString>) -> Self {
        self.args = args;
        self
    }

    /// Variables that replace or add to the base environment for this tool
    /// (e.g. `PATH` with a pinned Go first).
    #[must_use]
    pub fn with_env(mut self, env: BTreeMap<OsString, OsString>) -> Self {
        self.env = env;
        self
    }

    /// A missing tool gives a skipped outcome rather than an error.
    #[must_use]
    pub fn optional(mut self, optional: bool) -> Self {
        self.optional = optional;
        self
    }

    /// The tool.
    pub fn tool(&self) -> LintTool {
        self.tool
    }
}

/// Runs `linter` on `target` with `base_env` (overridden by the linter's
/// own variables) and reports the outcome under the check name `name`.
///
/// # Errors
///
/// [`GoError::ToolMissing`] (with how to install it) when the tool is not
/// found and not optional; [`GoError::Exec`] when it cannot be started;
/// [`GoError::Interrupted`] when `cancel` fires.
pub fn lint(
    linter: &Linter,
    name: &str,
    base_env: &BTreeMap<OsString, OsString>,
    target: &Target,
    cancel: &Cancel,
) -> Result<Outcome, GoError> {
    let tool = linter.tool.name();
    let mut env = base_env.clone();
    if target.gopath_mode() {
        env.insert("GO111MODULE".into(), "off".into());
    }
    env.extend(linter.env.iter().map(|(k, v)| (k.clone(), v.clone())));
    let wanted: &OsStr = linter
        .program
        .as_deref()
        .map_or(OsStr::new(tool), |p| p.as_os_str());
    let Some(program) = find_program(wanted, &env) else {
        return missing(linter, name, &env);
    };
    if target.package_args().is_empty() {
        return Ok(Outcome::new(
            name,
            Status::Skipped("no Go package to lint".to_owned()),
        ));
    }
    let job = Job::new([program.into_os_string()], target.run_dir())
        .with_args(linter.tool.arguments(&linter.args, target))
        .with_env(env);
    let done = target.run_tool(job, tool, cancel)?;
    Ok(tool_outcome(name, tool, target, &done))
}

/// The linter is not installed: a skip when optional, else the error that
/// says how to install it.
fn missing(
    linter: &Linter,
    name: &str,
    env: &BTreeMap<OsString, OsString>,
) -> Result<Outcome, GoError> {
    let tool = linter.tool.name();
    let searched = match &linter.program {
        Some(path) => format!("at `{}` (the configured path)", path.display()),
        None => searched_path(env),
    };
    if linter.optional {
        let reason = match &linter.program {
            Some(_) => format!("`{tool}` is not installed (looked {searched}); optional"),
            None => format!("`{tool}` is not on PATH; optional"),
        };
        return Ok(Outcome::new(name, Status::Skipped(reason)));
    }
    Err(GoError::ToolMissing {
        tool: tool.to_owned(),
        searched,
        install: linter.tool.install_hint().to_owned(),
    })
}

#[cfg(test)]
mod tests;
