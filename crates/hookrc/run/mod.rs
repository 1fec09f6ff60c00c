//! The hook runner: from a hook's name and git's arguments to a report and
//! an exit status. It does the least it can before it knows there is work
//! (no repository, no threads, no glob compiled for a hook without checks):
//! `HOOKRC=0`, then the worktree root by `stat`, then the policy; only when
//! the hook has checks are stdin read, the snapshots built (one, or one per
//! pushed tip) and the checks run on each.

pub(crate) mod chain;
mod inputs;
mod signal;
mod skip;
pub(crate) mod trust;

pub(crate) use signal::interrupt_on_signal;

use anyhow::Context as _;
use hookrc_policy::Check;
use std::io::Read as _;

use crate::cache::Store;
use crate::checks::{self, CheckContext};
use crate::env;
use crate::exit::ExitStatus;
use crate::output::report::Report;
use crate::output::{self, HintedError, Printer};
use crate::settings::RunSettings;
use crate::{git, settings};

/// The hooks git feeds on stdin.
const STDIN_HOOKS: &[&str] = &["pre-push", "post-rewrite", "reference-transaction"];

/// Run the hook `settings` describe.
pub(crate) fn run(settings: &RunSettings) -> anyhow::Result<ExitStatus> {
    if env::hooks_disabled() {
        return Ok(ExitStatus::Success);
    }
    let mut stdin = None;
    if let Some(status) = run_chained(settings, &mut stdin)? {
        return Ok(status);
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = git::worktree_root(&cwd)?;
    let policy = settings::load_policy(&root, &cwd)?;
    let planned: Vec<(&str, &Check)> = policy.checks_for(&settings.hook).collect();
    if planned.is_empty() || is_clone_checkout(settings) {
        return Ok(ExitStatus::Success);
    }
    for warning in skip::unknown_names(&policy, &settings.skip) {
        output::warning(&warning)?;
    }
    if settings.by_git
        && planned
            .iter()
            .any(|(_, c)| trust::runs_policy_code(&policy, c))
        && let Some(refused) = untrusted(&root)?
    {
        return Err(refused);
    }
    run_checks(settings, &root, &cwd, policy.go(), &planned, stdin)
}

/// Run the `planned` checks of the worktree at `root` on what `settings`
/// select, print the report and say how it went. `stdin` is the hook's
/// input when it was already read (for a chained hook).
pub(crate) fn run_checks(
    settings: &RunSettings,
    root: &std::path::Path,
    cwd: &std::path::Path,
    go: &hookrc_policy::GoSettings,
    planned: &[(&str, &Check)],
    stdin: Option<Vec<u8>>,
) -> anyhow::Result<ExitStatus> {
    let stdin = match stdin {
        Some(input) => Some(input),
        None => read_stdin(settings)?,
    };
    let snapshots = inputs::snapshots(settings, root, cwd, stdin.as_deref())?;
    let cancel = interrupt_on_signal(root);
    let cache = if settings.cache {
        Store::find(root).ok()
    } else {
        None
    };
    let mut report = Report::hook(&settings.hook, Vec::new());
    for snapshot in &snapshots {
        let context = CheckContext {
            snapshot,
            root: root.to_owned(),
            stdin: stdin.clone(),
            hook_args: settings.args.clone(),
            env: env::process_env(),
            skip: settings.skip.clone(),
            cancel: cancel.clone(),
            go: checks::GoContext::new(go.clone()),
            cache: cache.clone(),
        };
        let mut reports = checks::run_all(planned, &context);
        if let Some(label) = snapshot.label() {
            for check in &mut reports {
                check.subject = Some(label.clone());
            }
        }
        report.checks.extend(reports);
        if cancel.is_cancelled() {
            break;
        }
    }
    git::remove_private_tmp();
    Printer::new(settings.format)
        .report(&report)
        .context("cannot write the report")?;
    // A Ctrl-C after the last check still ends the run as interrupted.
    let status = report.exit_status();
    if cancel.is_cancelled() && status != ExitStatus::Interrupted {
        output::note("error: interrupted after the checks ran; the hook fails (exit 130)")?;
        return Ok(ExitStatus::Interrupted);
    }
    Ok(status)
}

/// `post-checkout` at the end of `git clone` (old ref all zeros): nothing
/// of a repository just cloned runs, whatever its policy says.
fn is_clone_checkout(settings: &RunSettings) -> bool {
    settings.by_git
        && settings.hook == "post-checkout"
        && settings
            .args
            .first()
            .is_some_and(|old| !old.is_empty() && old.as_encoded_bytes().iter().all(|b| *b == b'0'))
}

/// The refusal of a policy the user has not trusted, if it is one.
fn untrusted(root: &std::path::Path) -> anyhow::Result<Option<anyhow::Error>> {
    let Some((path, hash)) = trust::policy_hash(root)? else {
        return Ok(None);
    };
    if trust::is_trusted(root, &hash)? {
        return Ok(None);
    }
    Ok(Some(
        HintedError::new(
            format!(
                "`{}` is not trusted here (it is new, or it changed since you trusted it), so its commands did not run",
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
            ),
            "review it (`git diff` or `cat .hookrc.toml`), then run `hookrc trust`",
        )
        .into(),
    ))
}

/// Run the hook `install` moved aside and chained, if any, first: its
/// failure is the hook's (`Some(Failure)`). `stdin` receives what git wrote
/// to the hook's stdin, which the chained hook was given too.
fn run_chained(
    settings: &RunSettings,
    stdin: &mut Option<Vec<u8>>,
) -> anyhow::Result<Option<ExitStatus>> {
    let Some(hook_file) = &settings.hook_file else {
        return Ok(None);
    };
    if !chain::has_legacy(hook_file) {
        return Ok(None);
    }
    *stdin = read_stdin(settings)?;
    let Some(status) = chain::run_legacy(hook_file, &settings.args, stdin.as_deref())? else {
        return Ok(None);
    };
    if status.success() {
        return Ok(None);
    }
    let legacy = chain::legacy_path(hook_file);
    output::note(&format!(
        "error: the chained hook `{}` failed ({status}); hookrc's checks did not run",
        legacy.display()
    ))?;
    Ok(Some(ExitStatus::Failure))
}

/// What git wrote to the hook's stdin, for the hooks that get some.
fn read_stdin(settings: &RunSettings) -> anyhow::Result<Option<Vec<u8>>> {
    if !settings.stdin_is_input || !STDIN_HOOKS.contains(&settings.hook.as_str()) {
        return Ok(None);
    }
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .context("cannot read the hook's standard input")?;
    Ok(Some(input))
}
