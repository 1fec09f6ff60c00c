//! Every environment variable hookrc reads, as a documented constant, and the
//! one place that reads them (clippy's `disallowed-methods` forbids
//! `std::env::var`/`var_os` elsewhere). `docs/environment.md` lists the same
//! variables for users.
//!
//! `NO_COLOR`, `CLICOLOR` and `CLICOLOR_FORCE` are honoured too, but read by
//! `anstream` when it decides whether to color a stream (see `output`).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;

/// `HOOKRC=0` disables every hook: a hook (and `hookrc run`) exits 0 at once,
/// before reading the policy or the repository.
pub(crate) const HOOKRC: &str = "HOOKRC";

/// `HOOKRC_SKIP=name,name` skips the named checks (comma-separated, spaces
/// around names ignored); a skipped check is reported as skipped.
pub(crate) const HOOKRC_SKIP: &str = "HOOKRC_SKIP";

/// `GITHUB_ACTIONS=true` (set by GitHub Actions) makes the default output
/// format `github`: grouped logs and `::error` annotations.
pub(crate) const GITHUB_ACTIONS: &str = "GITHUB_ACTIONS";

/// `GITHUB_STEP_SUMMARY` (set by GitHub Actions): the file `lint-commits`
/// appends its report to as Markdown, in the `github` format.
pub(crate) const GITHUB_STEP_SUMMARY: &str = "GITHUB_STEP_SUMMARY";

/// `GIT_DIR`, set by git for some hooks (and by users): without
/// `GIT_WORK_TREE`, the current directory is the worktree root, as for git.
pub(crate) const GIT_DIR: &str = "GIT_DIR";

/// `GIT_WORK_TREE`: the worktree root, as for git.
pub(crate) const GIT_WORK_TREE: &str = "GIT_WORK_TREE";

/// `GIT_COMMON_DIR`: the common dir of the repository's worktrees, as for
/// git. git's other config variables (`GIT_CONFIG_GLOBAL`,
/// `GIT_CONFIG_SYSTEM`, `GIT_CONFIG_NOSYSTEM`, `XDG_CONFIG_HOME`) are read by
/// name where git's config files are located, in `git/config.rs`.
pub(crate) const GIT_COMMON_DIR: &str = "GIT_COMMON_DIR";

/// `GIT_INDEX_FILE`: the index git uses, set by git for the temporary
/// index of `git commit -a` and `git commit <paths>`.
pub(crate) const GIT_INDEX_FILE: &str = "GIT_INDEX_FILE";

/// `GIT_PREFIX`, set by git for the hooks (and aliases) it runs: the
/// directory the user ran git from, relative to the worktree root (`sub/`,
/// empty at the root), so hints can name paths as they would type them.
pub(crate) const GIT_PREFIX: &str = "GIT_PREFIX";

/// `HOME`: where `~/` in git's include paths points.
pub(crate) const HOME: &str = "HOME";

/// `GIT_CEILING_DIRECTORIES`: `:`-separated directories the search for the
/// worktree root does not climb into, as for git.
pub(crate) const GIT_CEILING_DIRECTORIES: &str = "GIT_CEILING_DIRECTORIES";

/// `HOOKRC_HOOK_FILE`, set by the POSIX shim `hookrc install` writes where
/// it cannot link: the hook file git ran, so `hookrc run` finds the hook
/// `install` moved aside and chained (`<hook file>.hookrc-legacy`).
pub(crate) const HOOKRC_HOOK_FILE: &str = "HOOKRC_HOOK_FILE";

/// `HOOKRC_CACHE=0` turns the verdict cache off for the run (as `--no-cache`
/// does): every check runs, nothing is looked up or stored.
pub(crate) const HOOKRC_CACHE: &str = "HOOKRC_CACHE";

/// `PRE_COMMIT_FROM_REF` and [`PRE_COMMIT_TO_REF`], set by pre-commit and
/// prek at their pre-push stage: the pushed range, which `hookrc run
/// pre-push` and `hookrc check` judge when they are given no other.
pub(crate) const PRE_COMMIT_FROM_REF: &str = "PRE_COMMIT_FROM_REF";

/// See [`PRE_COMMIT_FROM_REF`].
pub(crate) const PRE_COMMIT_TO_REF: &str = "PRE_COMMIT_TO_REF";

/// The value of `name`, if set; the one reader of single variables.
pub(crate) fn var(name: &str) -> Option<OsString> {
    #[expect(
        clippy::disallowed_methods,
        reason = "this is the one documented place that reads the environment"
    )]
    std::env::var_os(name)
}

/// Whether `HOOKRC_CACHE=0` turns the verdict cache off.
pub(crate) fn cache_disabled() -> bool {
    var(HOOKRC_CACHE).is_some_and(|value| value == "0")
}

/// Whether `HOOKRC=0` disables all hooks.
pub(crate) fn hooks_disabled() -> bool {
    var(HOOKRC).is_some_and(|value| value == "0")
}

/// The check names listed in `HOOKRC_SKIP`, empty entries dropped.
pub(crate) fn skipped_checks() -> Vec<String> {
    var(HOOKRC_SKIP)
        .map(|value| parse_skip_list(&value.to_string_lossy()))
        .unwrap_or_default()
}

/// Whether we run inside GitHub Actions (`GITHUB_ACTIONS=true`).
pub(crate) fn github_actions() -> bool {
    var(GITHUB_ACTIONS).is_some_and(|value| value == "true")
}

/// The step summary file GitHub Actions gives the step, if any.
pub(crate) fn github_step_summary() -> Option<PathBuf> {
    var(GITHUB_STEP_SUMMARY)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The directories of `GIT_CEILING_DIRECTORIES` (empty entries dropped).
pub(crate) fn ceiling_directories() -> Vec<PathBuf> {
    var(GIT_CEILING_DIRECTORIES)
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|dir| !dir.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The whole process environment, the base of every child's environment.
pub(crate) fn process_env() -> BTreeMap<OsString, OsString> {
    std::env::vars_os().collect()
}

/// The pushed range a framework's pre-push stage hands over
/// (`PRE_COMMIT_FROM_REF`, `PRE_COMMIT_TO_REF`), when both are set.
pub(crate) fn framework_push_range() -> Option<(String, String)> {
    let from = var(PRE_COMMIT_FROM_REF)?.into_string().ok()?;
    let to = var(PRE_COMMIT_TO_REF)?.into_string().ok()?;
    (!from.is_empty() && !to.is_empty()).then_some((from, to))
}

fn parse_skip_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_skip_list;

    #[test]
    fn skip_list_trims_and_drops_empty_entries() {
        assert_eq!(parse_skip_list(" a, b ,,c,"), ["a", "b", "c"]);
        assert!(parse_skip_list("").is_empty());
    }
}
