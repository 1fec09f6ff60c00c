//! Integration tests of the hookrc binary: real git in temp repositories
//! (`hookrc-testkit`), hooks run by git itself.

/// `hookrc bump`: 0.x and 1.x rules, forced levels, pre-releases, empty
/// ranges, nested Go modules, the `/vN` rule, tags never pushed.
mod bump;
/// `hookrc changelog`: sections, links, `--prepend`, nested Go modules.
mod changelog;
/// The `conventional` check through a real `git commit` and the installed hook.
mod commit_msg;
/// Checks judge exactly what is committed or pushed, never the working tree.
mod exact;
/// hookrc under the real pre-commit and prek frameworks (rust ids and the
/// wheel as a python hook), and the wheel itself.
mod frameworks;
/// go-fmt, go-vet, go-lint through `git commit` with the real Go toolchain.
mod go_checks;
/// Helpers the Go tests share (build cache, fixture copies).
mod go_support;
/// `install` / `uninstall`: links, chaining a foreign hook, `--force`, the
/// shim, `core.hooksPath`, worktrees, bare and missing repositories.
mod install;
/// `hookrc lint-commits`: ranges, formats, a 10,000-commit repository.
mod lint_commits;
/// What a hook run prints: colors, the JSON and GitHub formats.
mod output;
/// `init`, `config check|show`.
mod policy;
/// `git commit` through the hook `hookrc install` links: refused, passed, worktrees, `core.hooksPath`.
mod pre_commit;
/// The pre-push Go gates through `git push` to a bare remote.
mod pre_push;
/// `hookrc run`: file selection, argv fidelity, timeouts, Ctrl-C, hook args and stdin.
mod run;
