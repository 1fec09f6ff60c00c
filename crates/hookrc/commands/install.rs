//! `hookrc install [--force] [--shim] [HOOK…]`: make git run hookrc.
//!
//! Each hook (the named ones, else every hook the policy uses) becomes
//! `<hooks dir>/<hook>`, a symlink to the absolute path of the running
//! binary; where no symlink can be made (or with `--shim`) the POSIX shim
//! of `hooks/shim.sh` is written instead. The hooks dir is the one git uses
//! (`core.hooksPath`, else the common dir's `hooks/`, shared by linked
//! worktrees), created if missing.
//!
//! What is already there decides the rest; nothing is ever deleted:
//! - nothing: link;
//! - hookrc's link or shim (to any hookrc binary): kept, or re-pointed to
//!   this binary;
//! - any other hook: moved to `<hook>.hookrc-legacy` and chained (hookrc runs
//!   it first, see `run::chain`);
//! - another hook while `<hook>.hookrc-legacy` is taken, or a directory: it
//!   cannot be chained, so install refuses (exit 2, nothing changed) unless
//!   `--force`, which moves it to `<hook>.hookrc-replaced` (first free
//!   `.hookrc-replaced.N`), where it is kept but not run.
//!
//! A hooks dir git tracks (husky's `.husky`, a committed `.githooks`) is
//! refused unless `--force` (see `tracked`): a link there would turn a
//! committed hook into a path on this machine. A bare repository is
//! refused: client hooks run where commits are made.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::InstallArgs;
use crate::exit::ExitStatus;
use crate::git::Repo;
use crate::output::{self, HintedError};
use crate::run::chain::legacy_path;

mod hook_file;
#[cfg(all(test, unix))]
mod tests;
mod tracked;

pub(crate) use hook_file::{Existing, classify};
use hook_file::{Made, make_hook};

/// Suffix of a foreign hook `install --force` moved aside without chaining.
pub(crate) const REPLACED_SUFFIX: &str = ".hookrc-replaced";

/// What `install` does to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Link,
    Keep,
    Repoint { from: PathBuf },
    Chain,
    Replace { to: PathBuf },
    Blocked { reason: String },
}

fn plan_one(hook_file: &Path, exe: &Path, force: bool) -> anyhow::Result<Step> {
    Ok(match classify(hook_file, exe)? {
        Existing::Missing => Step::Link,
        Existing::Ours { target } if target == exe => Step::Keep,
        Existing::Ours { target } => Step::Repoint { from: target },
        Existing::Foreign { chainable } => {
            let legacy = legacy_path(hook_file);
            let legacy_taken = std::fs::symlink_metadata(&legacy).is_ok();
            if chainable && !legacy_taken {
                Step::Chain
            } else if force {
                Step::Replace {
                    to: free_replaced_path(hook_file),
                }
            } else if legacy_taken {
                Step::Blocked {
                    reason: format!("`{}` already holds an earlier hook", file_name(&legacy)),
                }
            } else {
                Step::Blocked {
                    reason: "it is not a file".to_owned(),
                }
            }
        }
    })
}

fn free_replaced_path(hook_file: &Path) -> PathBuf {
    let name = file_name(hook_file);
    let mut candidate = hook_file.with_file_name(format!("{name}{REPLACED_SUFFIX}"));
    let mut n = 0_u32;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = hook_file.with_file_name(format!("{name}{REPLACED_SUFFIX}.{n}"));
    }
    candidate
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What `install` is asked to do, resolved.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// The hooks dir git uses.
    pub(crate) hooks_dir: &'a Path,
    /// The binary hooks run (absolute).
    pub(crate) exe: &'a Path,
    /// The hooks to install.
    pub(crate) hooks: &'a [String],
    /// Move aside hooks that cannot be chained instead of refusing.
    pub(crate) force: bool,
    /// Write the shim even where a symlink could be made.
    pub(crate) shim: bool,
    /// Paths under this directory (the worktree root) are shown relative.
    pub(crate) base: &'a Path,
}

impl Request<'_> {
    /// `path` as notes show it: relative to the worktree root when inside.
    pub(crate) fn shown(&self, path: &Path) -> String {
        path.strip_prefix(self.base)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Install every hook of `request`; returns one note per hook saying what
/// was done. Refuses (an error, nothing changed) when a hook is blocked.
pub(crate) fn install(request: &Request<'_>) -> anyhow::Result<Vec<String>> {
    let mut steps = Vec::with_capacity(request.hooks.len());
    for hook in request.hooks {
        let file = request.hooks_dir.join(hook);
        steps.push((hook, plan_one(&file, request.exe, request.force)?, file));
    }
    let blocked: Vec<String> = steps
        .iter()
        .filter_map(|(_, step, file)| match step {
            Step::Blocked { reason } => Some(format!(
                "`{}` is not hookrc's and cannot be chained: {reason}",
                request.shown(file)
            )),
            _ => None,
        })
        .collect();
    if !blocked.is_empty() {
        return Err(HintedError::new(
            format!("{}; nothing was installed", blocked.join("; ")),
            "merge that hook into its `*.hookrc-legacy` (hookrc runs that one first) and remove it, or rerun with `--force` to move it aside to `*.hookrc-replaced`, where it is kept but not run",
        )
        .into());
    }
    std::fs::create_dir_all(request.hooks_dir).with_context(|| {
        format!(
            "cannot create the hooks directory `{}`",
            request.hooks_dir.display()
        )
    })?;
    let mut notes = Vec::new();
    for (hook, step, file) in steps {
        apply(request, hook, &step, &file, &mut notes)?;
    }
    Ok(notes)
}

fn apply(
    request: &Request<'_>,
    hook: &str,
    step: &Step,
    file: &Path,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let shown = request.shown(file);
    let exe = request.exe.display();
    match step {
        Step::Keep => {
            notes.push(format!("`{shown}` already runs hookrc"));
            return Ok(());
        }
        Step::Chain => {
            let legacy = legacy_path(file);
            rename(file, &legacy)?;
            notes.push(format!(
                "moved the existing `{shown}` to `{}`; hookrc runs it first",
                file_name(&legacy)
            ));
        }
        Step::Replace { to } => {
            rename(file, to)?;
            notes.push(format!(
                "moved the existing `{shown}` to `{}`; it is kept but not run",
                file_name(to)
            ));
        }
        Step::Link | Step::Repoint { .. } | Step::Blocked { .. } => {}
    }
    let (made, why_shim) = make_hook(file, request.exe, hook, request.shim)?;
    notes.push(match (made, step) {
        (Made::Symlink, Step::Repoint { from }) => {
            format!("re-linked `{shown}` → `{exe}` (was `{}`)", from.display())
        }
        (Made::Symlink, _) => format!("linked `{shown}` → `{exe}`"),
        (Made::Shim, _) => match why_shim {
            Some(err) => {
                format!("wrote the shim `{shown}` running `{exe}` (no symlink possible: {err})")
            }
            None => format!("wrote the shim `{shown}` running `{exe}`"),
        },
    });
    Ok(())
}

fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot move `{}` to `{}`", from.display(), to.display()))
}

/// Link hookrc as the repository's hooks (see the module docs).
pub(crate) fn run(args: &InstallArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let repo = Repo::discover(&cwd)?;
    let Some(root) = repo.workdir() else {
        return Err(HintedError::new(
            format!(
                "`{}` is a bare repository, where no commit is made, so no client hook runs",
                repo.git_dir().display()
            ),
            "run `hookrc install` in a clone with a worktree",
        )
        .into());
    };
    let hooks = if args.hooks.is_empty() {
        let policy = crate::settings::load_policy(root, &cwd)?;
        policy.hooks().map(str::to_owned).collect()
    } else {
        args.hooks.clone()
    };
    if hooks.is_empty() {
        output::note("the policy gives no hook any check; nothing to install")?;
        return Ok(ExitStatus::Success);
    }
    let hooks_dir = repo.hooks_dir()?;
    let tracked = tracked::tracked_hooks_dir(&repo, root, &hooks_dir)?;
    if let Some(tracked) = &tracked
        && !args.force
    {
        return Err(tracked.refusal().into());
    }
    let exe = current_exe()?;
    let request = Request {
        hooks_dir: &hooks_dir,
        exe: &exe,
        hooks: &hooks,
        force: args.force,
        shim: args.shim,
        base: root,
    };
    for note in install(&request)? {
        output::note(&note)?;
    }
    if let Some(tracked) = &tracked {
        output::note(&tracked.forced_note())?;
    }
    // The user ran install here: the policy as it is now is theirs.
    if let Some((_, hash)) = crate::run::trust::policy_hash(root)? {
        crate::run::trust::trust(root, &hash)?;
    }
    Ok(ExitStatus::Success)
}

/// The running binary, as an absolute path (what the hooks link to).
pub(crate) fn current_exe() -> anyhow::Result<PathBuf> {
    let exe =
        std::env::current_exe().context("cannot find the path of the running hookrc binary")?;
    std::path::absolute(&exe).with_context(|| format!("cannot make `{}` absolute", exe.display()))
}
