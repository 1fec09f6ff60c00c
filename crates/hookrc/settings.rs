//! What the command line, the environment and git's hook invocation mean,
//! resolved once into one settings struct per command; the rest of the code
//! takes `&Settings` and never looks at argv or the environment again.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use hookrc_policy::{DefaultContext, Policy};

use crate::cli::{FileArgs, Format, RunArgs};
use crate::env;

/// Which files the checks of a run look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileSelection {
    /// What the hook itself looks at: the staged files for `pre-commit` and
    /// `pre-merge-commit`; no file list for other hooks.
    Hook,
    /// Every tracked file (`--all-files`).
    All,
    /// These files (`--files`), relative to the current directory.
    Given(Vec<PathBuf>),
    /// These files as the index holds them (`hookrc check NAME FILES` under
    /// a framework), relative to the current directory.
    GivenStaged(Vec<PathBuf>),
    /// The files changed between two revisions (`--from-ref/--to-ref`).
    Range {
        /// The base revision.
        from: String,
        /// The tip revision.
        to: String,
    },
}

/// The resolved settings of a hook run (by git, or by `hookrc run`).
#[derive(Debug, Clone)]
pub(crate) struct RunSettings {
    /// The hook's name (`pre-commit`, …).
    pub(crate) hook: String,
    /// The arguments git gives the hook.
    pub(crate) args: Vec<OsString>,
    pub(crate) files: FileSelection,
    pub(crate) format: Format,
    /// Checks to skip (`HOOKRC_SKIP`).
    pub(crate) skip: Vec<String>,
    /// Whether to read the hook's stdin when a check needs it (not when a
    /// person runs `hookrc run` at a terminal).
    pub(crate) stdin_is_input: bool,
    /// The hook file git ran (`argv[0]`, or `HOOKRC_HOOK_FILE` from the shim),
    /// beside which a chained earlier hook may sit.
    pub(crate) hook_file: Option<PathBuf>,
    /// Whether git started the run (through the link or the shim), rather
    /// than a person or a CI job typing `hookrc run`: only then does the
    /// policy need the user's trust.
    pub(crate) by_git: bool,
    /// Whether checks may reuse and store verdicts (not with `--no-cache`
    /// or `HOOKRC_CACHE=0`).
    pub(crate) cache: bool,
}

impl RunSettings {
    /// Settings for hookrc started by git as `hook` (the file `hook_file`)
    /// with git's `args`.
    pub(crate) fn for_git_hook(
        hook: &str,
        hook_file: Option<PathBuf>,
        args: Vec<OsString>,
    ) -> Self {
        Self {
            hook: hook.to_owned(),
            args,
            files: FileSelection::Hook,
            format: default_format(),
            skip: env::skipped_checks(),
            stdin_is_input: true,
            hook_file,
            by_git: true,
            cache: !env::cache_disabled(),
        }
    }

    /// Settings for `hookrc check` of a check of `hook`, before its files
    /// are chosen: no hook arguments, no stdin.
    pub(crate) fn for_check(hook: &str, format: Option<Format>) -> Self {
        Self {
            hook: hook.to_owned(),
            args: Vec::new(),
            files: FileSelection::Hook,
            format: format.unwrap_or_else(default_format),
            skip: env::skipped_checks(),
            stdin_is_input: false,
            hook_file: None,
            by_git: false,
            cache: !env::cache_disabled(),
        }
    }

    /// Settings for `hookrc run`.
    pub(crate) fn for_run(args: RunArgs) -> Self {
        use std::io::IsTerminal as _;
        let hook_file = env::var(env::HOOKRC_HOOK_FILE).map(PathBuf::from);
        let files = match file_selection(args.files) {
            FileSelection::Hook => {
                framework_range(&args.hook, hook_file.is_none()).unwrap_or(FileSelection::Hook)
            }
            chosen => chosen,
        };
        Self {
            hook: args.hook,
            args: args.args,
            files,
            format: args.format.unwrap_or_else(default_format),
            skip: env::skipped_checks(),
            stdin_is_input: !std::io::stdin().is_terminal(),
            by_git: hook_file.is_some(),
            hook_file,
            cache: !args.no_cache && !env::cache_disabled(),
        }
    }
}

/// The pushed range pre-commit or prek hand a `pre-push` run they start
/// (never one git starts through the shim).
pub(crate) fn framework_range(hook: &str, by_hand: bool) -> Option<FileSelection> {
    if hook != "pre-push" || !by_hand {
        return None;
    }
    env::framework_push_range().map(|(from, to)| FileSelection::Range { from, to })
}

fn file_selection(args: FileArgs) -> FileSelection {
    match args {
        FileArgs {
            all_files: true, ..
        } => FileSelection::All,
        FileArgs { files, .. } if !files.is_empty() => FileSelection::Given(files),
        FileArgs {
            from_ref: Some(from),
            to_ref: Some(to),
            ..
        } => FileSelection::Range { from, to },
        FileArgs { .. } => FileSelection::Hook,
    }
}

/// `github` inside GitHub Actions, else `human`.
pub(crate) fn default_format() -> Format {
    if env::github_actions() {
        Format::Github
    } else {
        Format::Human
    }
}

/// The policy of the worktree at `root`; named relative to `cwd` when that
/// is the root (as in every hook git runs), so errors say `.hookrc.toml:…`.
pub(crate) fn load_policy(root: &Path, cwd: &Path) -> anyhow::Result<Policy> {
    let base = display_base(root, cwd);
    Ok(hookrc_policy::load(base, || default_context(base))?)
}

/// `root` as the policy's paths should show it: empty (relative) when it is
/// the current directory.
pub(crate) fn display_base<'a>(root: &'a Path, cwd: &Path) -> &'a Path {
    if root == cwd { Path::new("") } else { root }
}

/// What the default and starter policies depend on: a Go module at `root`.
pub(crate) fn default_context(root: &Path) -> DefaultContext {
    DefaultContext {
        has_go_module: root.join("go.mod").exists() || root.join("go.work").exists(),
    }
}
