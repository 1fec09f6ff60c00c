//! go-bench with `against = "base"`: the pushed tip against the base of
//! the push (what the remote has), each checked out privately, their test
//! binaries built once and run interleaved (A B A B …), so the machine's
//! drift hits both sides alike; compared with the same rule as a baseline.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hookrc_policy::GoBenchCheck;
use hookrc_runner::go::{Baseline, BenchRule, Target, build_side, compare_bench, run_interleaved};

use super::bench::bench_options;
use super::module::{self, Prepared};
use super::{bench_report, checkout_env, error_report, module_go_files, repo_error_report, report};
use crate::checks::CheckContext;
use crate::git::private_tmp;
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};
use crate::snapshot::Source;

/// Run the go-bench check `name` against the base of the push.
pub(crate) fn run(
    name: &str,
    check: &GoBenchCheck,
    context: &CheckContext<'_>,
    prepared: &Prepared<'_>,
) -> CheckReport {
    let base_root = match context.snapshot.base_tree() {
        Ok(Some(root)) => root,
        Ok(None) if matches!(context.snapshot.source(), Source::Commit(_)) => {
            return CheckReport::new(
                name,
                CheckStatus::Skipped(
                    "no base to compare with: the remote has neither this branch nor a default branch known here".into(),
                ),
            );
        }
        Ok(None) => return no_base(name),
        Err(err) => return repo_error_report(name, &err),
    };
    match measure_both(name, check, context, prepared, base_root) {
        Ok(Ok((base, tip))) => {
            let rule = BenchRule {
                tolerance: check.tolerance(),
                alpha: check.alpha(),
            };
            bench_report(name, &compare_bench(name, &base, &tip, rule))
        }
        Ok(Err(report)) => report,
        Err(err) => repo_error_report(name, &err),
    }
}

/// The base's and the tip's benchmarks of every prepared module, run
/// interleaved; `Ok(Err(report))` when one side does not build or fails.
fn measure_both(
    name: &str,
    check: &GoBenchCheck,
    context: &CheckContext<'_>,
    prepared: &Prepared<'_>,
    base_root: &Path,
) -> anyhow::Result<Result<(Baseline, Baseline), CheckReport>> {
    let toolchain = prepared.toolchain;
    let options = bench_options(check);
    let tmp = private_tmp(&context.root)?;
    let binaries = tempfile::Builder::new()
        .prefix("bench-")
        .tempdir_in(&tmp)
        .context("cannot create a private directory for the test binaries")?;
    let (mut base_all, mut tip_all) = (Baseline::default(), Baseline::default());
    for (n, dir) in prepared.modules.iter().enumerate() {
        let label = module::module_label(dir);
        module::progress(&format!("{name}: {label}: building the base and the tip …"));
        let packages = test_packages(context, dir)?;
        let tip_target = module::module_target(context, prepared, dir, check.timeout());
        let base_target = Target::new(base_root, dir)
            .with_tags(context.go.settings().tags().to_vec())
            .with_timeout(check.timeout())
            .with_env(checkout_env(toolchain, base_root));
        let mut sides = Vec::new();
        for (label, target) in [("base", &base_target), ("tip", &tip_target)] {
            let out = binaries.path().join(format!("{n}-{label}"));
            fs_err::create_dir_all(&out)?;
            match build_side(toolchain, name, target, &packages, &out, &context.cancel) {
                Ok(Ok(side)) => sides.push(side),
                Ok(Err(failed)) => return Ok(Err(report(name, &failed))),
                Err(err) => return Ok(Err(error_report(name, &err))),
            }
        }
        let [base, tip] = <[_; 2]>::try_from(sides).map_err(|_| anyhow::anyhow!("two sides"))?;
        let count = options.count;
        let started = |round: u32, package: &Path, side: &str| {
            module::progress(&format!(
                "{name}: {label}: round {round}/{count}: {} ({side}) …",
                module::module_label(package)
            ));
        };
        match run_interleaved(
            toolchain,
            name,
            &base,
            &tip,
            &options,
            &context.cancel,
            &started,
        ) {
            Ok(Ok((base, tip))) => {
                base_all.extend(base);
                tip_all.extend(tip);
            }
            Ok(Err(failed)) => return Ok(Err(report(name, &failed))),
            Err(err) => return Ok(Err(error_report(name, &err))),
        }
    }
    Ok(Ok((base_all, tip_all)))
}

/// The package directories of the module at `dir` (relative to it) that
/// hold tests, in the pushed tip.
fn test_packages(context: &CheckContext<'_>, dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut packages: Vec<PathBuf> = module_go_files(context.snapshot, dir)?
        .into_iter()
        .filter(|(file, _)| {
            file.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("_test.go"))
        })
        .map(|(_, relative)| relative.parent().unwrap_or(Path::new("")).to_path_buf())
        .collect();
    packages.sort();
    packages.dedup();
    Ok(packages)
}

/// `against = "base"` with no base to compare with: an error that says
/// what to do.
fn no_base(name: &str) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(
        Diagnostic::new(
            name,
            Severity::Error,
            "`against = \"base\"` compares a push with its base, and a run on the working tree has none",
        )
        .with_hint(format!(
            "push to a remote that has the branch or its default branch, run `hookrc run pre-push --from-ref <base> --to-ref HEAD`, or use `against = \"baseline\"` under `[check.{name}]`"
        )),
    );
    report
}
