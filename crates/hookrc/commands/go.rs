//! `hookrc go bench [--update]`: the go-bench check of the policy on every
//! module of the working tree as it is, compared with the baseline file,
//! or (`--update`) measured and written to it.

use std::path::Path;

use anyhow::{Context as _, bail};
use hookrc_policy::{Check, GoBenchCheck, Policy};

use crate::checks::go::bench as go_bench;
use crate::checks::go::module;
use crate::checks::{CheckContext, GoContext};
use crate::cli::{Format, GoCommand};
use crate::exit::ExitStatus;
use crate::output::report::Report;
use crate::output::{self, HintedError, Printer};
use crate::snapshot::{Snapshot, Source};
use crate::{env, run, settings};

/// Run `hookrc go …`.
pub(crate) fn run(command: &GoCommand) -> anyhow::Result<ExitStatus> {
    let GoCommand::Bench(args) = command;
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let root = crate::git::worktree_root(&cwd)?;
    let policy = settings::load_policy(&root, &cwd)?;
    let Some((name, check)) = bench_check(&policy) else {
        bail!(
            "the policy has no go-bench check in `[hooks]`: add `go-bench` to a hook (usually pre-push)"
        );
    };
    let snapshot = Snapshot::new(
        Source::WorkTree,
        root.clone(),
        None,
        None,
        env::process_env(),
    );
    let cancel = run::interrupt_on_signal(&root);
    let context = CheckContext {
        snapshot: &snapshot,
        root,
        hook_args: Vec::new(),
        stdin: None,
        env: env::process_env(),
        skip: Vec::new(),
        cancel,
        go: GoContext::new(policy.go().clone()),
        cache: None,
    };
    if !args.update {
        let report = Report::command(
            "go bench",
            vec![go_bench::run(&name, &check, &context)],
            "fix the slowdown, or record the new figures with `hookrc go bench --update` when it is intended",
        );
        Printer::new(args.format.unwrap_or_else(settings::default_format))
            .report(&report)
            .context("cannot write the report")?;
        return Ok(report.exit_status());
    }
    update(
        &name,
        &check,
        &context,
        args.format.unwrap_or_else(settings::default_format),
    )
}

/// The first go-bench check of the policy's hooks.
fn bench_check(policy: &Policy) -> Option<(String, GoBenchCheck)> {
    policy.hooks().find_map(|hook| {
        policy
            .checks_for(hook)
            .find_map(|(name, check)| match check {
                Check::GoBench(bench) => Some((name.to_owned(), bench.clone())),
                _ => None,
            })
    })
}

/// Measure and write the baseline; a failing benchmark writes nothing.
fn update(
    name: &str,
    check: &GoBenchCheck,
    context: &CheckContext<'_>,
    format: Format,
) -> anyhow::Result<ExitStatus> {
    let prepared = match module::prepare(name, context, check.optional(), |_| true) {
        Ok(prepared) => prepared,
        Err(report) => {
            let report = Report::command(
                "go bench --update",
                vec![report],
                "the baseline was not written",
            );
            Printer::new(format).report(&report)?;
            return Ok(report.exit_status());
        }
    };
    let measured = match go_bench::measure(name, context, check, &prepared)? {
        Ok(measured) => measured,
        Err(failed) => {
            let report = Report::command(
                "go bench --update",
                vec![crate::checks::outcome_report(name, &failed)],
                "fix the failing benchmarks; the baseline was not written",
            );
            Printer::new(format).report(&report)?;
            return Ok(ExitStatus::Failure);
        }
    };
    write_inside(
        &context.root,
        check.baseline(),
        measured.to_json().as_bytes(),
    )?;
    output::note(&format!(
        "wrote {} benchmark(s) to `{}`",
        measured.benchmarks.len(),
        check.baseline().display()
    ))?;
    Ok(ExitStatus::Success)
}

/// Write `bytes` to the repo-relative `path` under `root` (the policy
/// validated it as inside the repository): never through a symbolic link
/// on the way, missing directories created, the file replaced atomically
/// (a sibling temporary file renamed over it).
fn write_inside(root: &Path, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut walked = root.to_path_buf();
    for component in path.components() {
        walked.push(component);
        match std::fs::symlink_metadata(&walked) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(HintedError::new(
                    format!(
                        "`{}` was not written: `{}` is a symbolic link, and hookrc never writes through one",
                        path.display(),
                        walked.strip_prefix(root).unwrap_or(&walked).display()
                    ),
                    "point `baseline` under `[check.go-bench]` at a plain path in the repository",
                )
                .into());
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let target = root.join(path);
    fs_err::create_dir_all(target.parent().unwrap_or(root))?;
    crate::files::replace(&target, bytes)
}
