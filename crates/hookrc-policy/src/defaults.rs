//! The embedded default policy and the starter policy `hookrc init` writes.

use std::path::Path;

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
# pre-commit = ["shellcheck"]
"#;

const STARTER_GO_HOOKS: &str = r#"# This repository has a Go module; the built-in Go checks:
# pre-commit = ["go-fmt", "go-vet", "go-lint"]
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
# [check.go-lint]
# tool = "staticcheck"          # or "golangci-lint", "revive", "golint"
#
# [check.go-test]
# coverage-min = 80.0           # percent of statements, per module
#
# [check.go-build]
# targets = ["linux/amd64", "linux/arm64"]
#
# [go]                          # shared by every go-* check
# tags = []
"#;

/// A commented, valid starter policy for `hookrc init`: Conventional Commits
/// on `commit-msg`, with the other checks as commented examples (the Go ones
/// when `ctx.has_go_module`).
pub fn starter(ctx: &DefaultContext) -> String {
    let mut text = String::from(STARTER_HEAD);
    if ctx.has_go_module {
        text.push_str(STARTER_GO_HOOKS);
    }
    text.push_str(STARTER_CHECKS);
    if ctx.has_go_module {
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
    fn starters_load_and_mention_go_only_for_go_repositories() {
        for has_go_module in [false, true] {
            let text = starter(&DefaultContext { has_go_module });
            let policy = parse(&text, Path::new(".hookrc.toml")).unwrap();
            assert_eq!(policy.hooks().collect::<Vec<_>>(), ["commit-msg"]);
            assert_eq!(text.contains("go-fmt"), has_go_module);
        }
    }

    #[test]
    fn starter_examples_are_valid_when_uncommented() {
        let text = starter(&DefaultContext {
            has_go_module: true,
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
                example.map_or_else(
                    || line.to_owned(),
                    |rest| rest.replace("pre-commit = [\"shellcheck\"]", ""),
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        let policy = parse(&uncommented, Path::new(".hookrc.toml")).unwrap();
        assert_eq!(
            policy.hooks().collect::<Vec<_>>(),
            ["pre-commit", "commit-msg", "pre-push"]
        );
        assert!(policy.check("shellcheck").is_some());
    }
}
