//! The embedded default policy and the starter policy `hookrc init` writes.

use std::path::Path;

use crate::LintTool;
use crate::error::PolicyError;
use crate::load::{DefaultContext, parse};
use crate::model::{Policy, PolicySource};

/// The default policy's text (`default.toml`).
pub const DEFAULT_POLICY: &str = include_str!("default.toml");

/// The Go part of the default: in a repository with a `go.mod` (or
/// `go.work`) at its root, gofmt and go vet on what is staged.
const DEFAULT_GO_HOOKS: &str = "pre-commit = [\"go-fmt\", \"go-vet\"]\n";

/// The policy that applies when the repository has no `.hookrc.toml`:
/// `default.toml`, plus go-fmt and go-vet on pre-commit when
/// `ctx.has_go_module`.
pub(crate) fn embedded(ctx: DefaultContext) -> Result<Policy, PolicyError> {
    let mut text = String::from(DEFAULT_POLICY);
    if ctx.has_go_module {
        text.push_str(DEFAULT_GO_HOOKS);
    }
    let mut policy = parse(&text, Path::new("<embedded default policy>"))?;
    policy.source = PolicySource::Embedded;
    Ok(policy)
}

/// The default policy for `ctx`, as [`crate::load()`] returns it when there is
/// no `.hookrc.toml`.
///
/// # Errors
///
/// Never in a released build: the embedded text is tested to be valid.
pub fn default_policy(ctx: &DefaultContext) -> Result<Policy, PolicyError> {
    embedded(*ctx)
}

const STARTER_HEAD: &str = r#"# hookrc policy. Reference: docs/policy.md in hookrc's repository.
# `hookrc install` links the hooks listed below into .git/hooks;
# `hookrc config show` prints this policy with every default filled in.

[hooks]
# Each hook lists its checks, in the order they are reported.
commit-msg = ["conventional"]
"#;

const STARTER_NO_GO_HOOKS: &str = "# pre-commit = [\"shellcheck\"]\n";

const STARTER_GO_HOOKS: &str = r"# This repository has Go modules: gofmt and go vet on what is staged, as
# hookrc's embedded default runs them.
";

const STARTER_GO_LINT_MISSING: &str = r#"# No linter was found on PATH: install staticcheck, golangci-lint or revive,
# then add "go-lint" above and set its `tool` below.
"#;

const STARTER_GO_PUSH: &str = r#"# The built-in Go checks before a push:
# pre-push = ["go-test", "go-build", "go-mod", "go-env"]
"#;

const STARTER_CHECKS: &str = r#"
# Commit messages must be Conventional Commits (commitlint's
# config-conventional rules). Each rule takes commitlint's own form,
# `[level (0 off, 1 warning, 2 error), "always" or "never", value]`.
[check.conventional]
# types = ["feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"]
# scopes = ["api", "cli"]
# rules = { header-max-length = [2, "always", 72] }

# A custom check: an argv array (never a shell unless `shell` is set);
# the staged files matching `files` are appended.
# [check.shellcheck]
# run = ["shellcheck", "--"]
# files = ["*.sh"]
"#;

const STARTER_GO: &str = r#"
# [check.go-test]
# coverage-min = 80.0           # percent of statements, per module
#
# [check.go-build]
# targets = ["linux/amd64", "linux/arm64"]
#
# [go]                          # shared by every go-* check
# tags = []
"#;

/// What the starter policy of `hookrc init` depends on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StarterContext {
    /// The worktree holds at least one Go module.
    pub has_go_module: bool,
    /// The linter found on `PATH`, which `go-lint` runs; `None`: no go-lint.
    pub linter: Option<LintTool>,
}

/// A valid starter policy for `hookrc init`: Conventional Commits on
/// `commit-msg`; in a Go repository at least what the embedded default
/// enforces (go-fmt and go-vet on `pre-commit`, uncommented), plus go-lint
/// when `ctx.linter` was found; the other checks as commented examples.
pub fn starter(ctx: &StarterContext) -> String {
    let mut text = String::from(STARTER_HEAD);
    if ctx.has_go_module {
        text.push_str(STARTER_GO_HOOKS);
        if ctx.linter.is_some() {
            text.push_str("pre-commit = [\"go-fmt\", \"go-vet\", \"go-lint\"]\n");
        } else {
            text.push_str("pre-commit = [\"go-fmt\", \"go-vet\"]\n");
            text.push_str(STARTER_GO_LINT_MISSING);
        }
        text.push_str(STARTER_GO_PUSH);
    } else {
        text.push_str(STARTER_NO_GO_HOOKS);
    }
    text.push_str(STARTER_CHECKS);
    if ctx.has_go_module {
        text.push('\n');
        match ctx.linter {
            Some(tool) => {
                text.push_str(
                    "# The linter go-lint runs (staticcheck, golangci-lint or revive).\n[check.go-lint]\n",
                );
                text.push_str(&["tool = \"", tool.name(), "\"\n"].concat());
            }
            None => text.push_str("# [check.go-lint]\n# tool = \"staticcheck\"          # or \"golangci-lint\", \"revive\"\n"),
        }
        text.push_str(STARTER_GO);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Check;

    #[test]
    fn the_default_checks_commit_messages_and_go_code_where_there_is_a_module() {
        for has_go_module in [false, true] {
            let policy = default_policy(&DefaultContext { has_go_module }).unwrap();
            assert_eq!(policy.source(), PolicySource::Embedded);
            let checks: Vec<_> = policy.checks_for("commit-msg").collect();
            assert!(matches!(
                checks[..],
                [("conventional", Check::Conventional(_))]
            ));
            let pre_commit: Vec<_> = policy.checks_for("pre-commit").collect();
            if has_go_module {
                assert_eq!(
                    policy.hooks().collect::<Vec<_>>(),
                    ["pre-commit", "commit-msg"]
                );
                assert!(matches!(
                    pre_commit[..],
                    [("go-fmt", Check::GoFmt(_)), ("go-vet", Check::GoVet(_))]
                ));
            } else {
                assert_eq!(policy.hooks().collect::<Vec<_>>(), ["commit-msg"]);
                assert!(pre_commit.is_empty());
            }
        }
    }

    #[test]
    fn starters_enforce_at_least_the_default_and_lint_only_with_a_linter() {
        let no_go = starter(&StarterContext::default());
        let policy = parse(&no_go, Path::new(".hookrc.toml")).unwrap();
        assert_eq!(policy.hooks().collect::<Vec<_>>(), ["commit-msg"]);
        assert!(!no_go.contains("go-fmt"));
        for linter in [None, Some(LintTool::GolangciLint)] {
            let ctx = StarterContext {
                has_go_module: true,
                linter,
            };
            let policy = parse(&starter(&ctx), Path::new(".hookrc.toml")).unwrap();
            let default = default_policy(&DefaultContext {
                has_go_module: true,
            })
            .unwrap();
            for hook in default.hooks() {
                let wanted: Vec<_> = default.checks_for(hook).map(|(name, _)| name).collect();
                let got: Vec<_> = policy.checks_for(hook).map(|(name, _)| name).collect();
                assert!(got.starts_with(&wanted), "{hook}: {got:?}");
            }
            let pre_commit: Vec<_> = policy.checks_for("pre-commit").collect();
            match linter {
                Some(tool) => assert!(matches!(
                    pre_commit[..],
                    [_, _, ("go-lint", Check::GoLint(lint))] if lint.tool() == tool
                )),
                None => assert_eq!(pre_commit.len(), 2),
            }
        }
    }

    #[test]
    fn starter_examples_are_valid_when_uncommented() {
        let text = starter(&StarterContext {
            has_go_module: true,
            linter: None,
        });
        let uncommented: String = text
            .lines()
            .map(|line| {
                let example = line.strip_prefix("# ").filter(|rest| {
                    rest.starts_with('[')
                        || rest
                            .split_once(" = ")
                            .is_some_and(|(key, _)| !key.contains(' '))
                });
                example.map_or_else(|| line.to_owned(), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let policy = parse(&uncommented, Path::new(".hookrc.toml")).unwrap();
        assert_eq!(
            policy.hooks().collect::<Vec<_>>(),
            ["pre-commit", "commit-msg", "pre-push"]
        );
        assert!(policy.check("shellcheck").is_some());
        assert!(policy.check("go-lint").is_some());
    }
}
