//! `hookrc check NAME [FILES]...`: one built-in check on its own, as the
//! pre-commit and prek hook ids run it. It takes the policy's settings for
//! the check when `.hookrc.toml` configures it, and its defaults otherwise
//! (no `.hookrc.toml`, or one that does not list it), and judges what a
//! framework hands over: the message file, the files it names, or the
//! pushed range of its pre-push stage.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hookrc_policy::{BUILTIN_CHECKS, Policy};

use crate::cli::CheckArgs;
use crate::exit::ExitStatus;
use crate::output::HintedError;
use crate::settings::{self, FileSelection, RunSettings};
use crate::{env, git, run};

/// The built-in checks `hookrc check` runs: all but `go-release`, which
/// judges the pushed tags that only git's pre-push input names.
pub(crate) fn checkable() -> impl Iterator<Item = &'static str> {
    BUILTIN_CHECKS
        .iter()
        .copied()
        .filter(|name| *name != "go-release")
}

/// Run the check `args` names.
pub(crate) fn run(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    if env::hooks_disabled() {
        return Ok(ExitStatus::Success);
    }
    let hook = hook_of(&args.name);
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = git::worktree_root(&cwd)?;
    let policy = settings::load_policy(&root, &cwd)?;
    let defaults;
    let check = match policy.check(&args.name) {
        Some(check) if check.builtin() == Some(args.name.as_str()) => check,
        _ => {
            defaults = default_policy(hook, &args.name)?;
            defaults
                .check(&args.name)
                .context("the default policy lacks the check")?
        }
    };
    let settings = RunSettings::for_check(hook, args.format);
    let settings = select(settings, args.files)?;
    let planned = [(args.name.as_str(), check)];
    run::run_checks(&settings, &root, &cwd, policy.go(), &planned, None)
}

/// The hook a built-in check belongs to.
fn hook_of(name: &str) -> &'static str {
    match name {
        "conventional" => "commit-msg",
        "go-fmt" | "go-vet" | "go-lint" => "pre-commit",
        _ => "pre-push",
    }
}

/// A policy whose `hook` runs `name` with every default.
fn default_policy(hook: &str, name: &str) -> anyhow::Result<Policy> {
    let text = format!("[hooks]\n{hook} = [\"{name}\"]\n");
    Ok(hookrc_policy::parse(&text, Path::new("<defaults>"))?)
}

/// What the check judges: the message file (`commit-msg`); the files given
/// as the index holds them (never an untracked file beside them), else the
/// staged ones (`pre-commit`); the framework's pushed range, else
/// the files given, else every module at `HEAD` (`pre-push`).
fn select(mut settings: RunSettings, files: Vec<PathBuf>) -> anyhow::Result<RunSettings> {
    settings.files = match settings.hook.as_str() {
        "commit-msg" => {
            let [message] = <[PathBuf; 1]>::try_from(files).map_err(|given| {
                HintedError::new(
                    format!(
                        "`hookrc check conventional` takes one commit message file, not {}",
                        given.len()
                    ),
                    "run it at the `commit-msg` stage (`stages: [commit-msg]`), which passes the message file",
                )
            })?;
            settings.args = vec![message.into_os_string()];
            FileSelection::Hook
        }
        "pre-push" => settings::framework_range("pre-push", true).unwrap_or(if files.is_empty() {
            FileSelection::All
        } else {
            FileSelection::Given(files)
        }),
        _ if files.is_empty() => FileSelection::Hook,
        _ => FileSelection::GivenStaged(files),
    };
    Ok(settings)
}
