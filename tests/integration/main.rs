//! Integration tests of the hookrc binary: real git in temp repositories
//! (`hookrc-testkit`), hooks run by git itself.

/// `hookrc bump`: 0.x and 1.x rules, forced levels, pre-releases, empty
/// ranges, nested Go modules, the `/vN` rule, tags never pushed.
mod bump;
/// The verdict cache: replayed verdicts start no process; every input of
/// the key misses; worktrees, `--no-cache`, corrupt entries, `hookrc cache`.
mod cache;
/// `hookrc changelog`: sections, links, `--prepend`, nested Go modules.
mod changelog;
/// The command line: `--help`, completions, the man page, `--version`.
mod cli;
/// The `conventional` check through a real `git commit` and the installed hook.
mod commit_msg;
/// Checks judge exactly what is committed or pushed, never the working tree.
mod exact;
/// The fault matrix: signals, crashing, hanging, leaking and flooding
/// tools, a held `index.lock`, a read-only or full private area, two
/// worktrees at once; the work is kept whole every time.
mod faults;
/// hookrc under the real pre-commit and prek frameworks (rust ids and the
/// wheel as a python hook), and the wheel itself.
mod frameworks;
/// go-fmt, go-vet, go-lint through `git commit` with the real Go toolchain.
mod go_checks;
/// Helpers the Go tests share (build cache, fixture copies).
mod go_support;
/// The hints a newcomer meets: paths from where they stand, go-fmt's
/// `git add`, the kept commit message, `HOOKRC_SKIP` typos, usage errors,
/// missing linters.
mod hints;
/// `hookrc import` from pre-commit, lefthook, husky and commitlint, judged
/// against the real old tools on the same commits.
mod import;
/// `init` for a newcomer: the Go defaults kept, a linter found on PATH,
/// other managers' files pointed out; `config show` of the default.
mod init;
/// `install` / `uninstall`: links, chaining a foreign hook, `--force`, the
/// shim, `core.hooksPath`, worktrees, bare and missing repositories.
mod install;
/// `install` over another manager's tracked hooks dir (husky): refused,
/// `--force`, `uninstall`.
mod install_over;
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
