//! `hookrc go bench [--update]`: the go-bench check of the policy on every
//! module of the working tree as it is, compared with the baseline file,
//! or (`--update`) measured and written to it.

use anyhow::{Context as _, bail};
use hookrc_policy::{Check, GoBenchCheck, Policy};

use crate::checks::go::bench as go_bench;
use crate::checks::go::module;
use crate::checks::{CheckContext, GoContext};
use crate::cli::{Format, GoCommand};
use crate::exit::ExitStatus;
use crate::output::report::Report;
use crate::output::{self, Printer};
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
    let context = CheckContext {
        snapshot: &snapshot,
        root,
        hook_args: Vec::new(),
        stdin: None,
        env: env::process_env(),
        skip: Vec::new(),
        cancel: run::interrupt_on_signal(),
        go: GoContext::new(policy.go().clone()),
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
    let path = context.root.join(check.baseline());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create `{}`", dir.display()))?;
    }
    std::fs::write(&path, measured.to_json())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    output::note(&format!(
        "wrote {} benchmark(s) to `{}`",
        measured.benchmarks.len(),
        check.baseline().display()
    ))?;
    Ok(ExitStatus::Success)
}
