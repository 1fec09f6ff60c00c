//! go-bench: the selected benchmarks of every touched module, one module
//! after the other (benchmarks must not compete with each other), compared
//! with the baseline file; [`measure`] is shared with
//! `hookrc go bench --update`, which writes that file.

use std::ffi::OsString;
use std::path::Path;

use hookrc_policy::{BenchAgainst, GoBenchCheck};
use hookrc_runner::Outcome;
use hookrc_runner::go::{Baseline, BenchOptions, BenchRule, GoError, compare_bench, run_bench};

use crate::checks::CheckContext;
use crate::checks::go::module::{self, Prepared};
use crate::checks::go::{bench_report, error_report, report};
use crate::output::diagnostic::{Diagnostic, Severity};
use crate::output::report::{CheckReport, CheckStatus};

/// Run the go-bench check `name`.
pub(crate) fn run(name: &str, check: &GoBenchCheck, context: &CheckContext<'_>) -> CheckReport {
    let prepared = match module::prepare(name, context, check.optional(), |f| check.matches(f)) {
        Ok(prepared) => prepared,
        Err(report) => return report,
    };
    if prepared.modules.is_empty() {
        return module::no_module_touched(name);
    }
    if check.against() == BenchAgainst::Base {
        return super::bench_ab::run(name, check, context, &prepared);
    }
    let path = prepared.tree.root().join(check.baseline());
    let baseline = match read_baseline(&path, check.baseline()) {
        Ok(baseline) => baseline,
        Err(message) => return bad_baseline(name, message),
    };
    match measure(name, context, check, &prepared) {
        Ok(Ok(current)) => bench_report(
            name,
            &compare_bench(
                name,
                &baseline,
                &current,
                BenchRule {
                    tolerance: check.tolerance(),
                    alpha: check.alpha(),
                },
            ),
        ),
        Ok(Err(failed)) => report(name, &failed),
        Err(err) => error_report(name, &err),
    }
}

/// The benchmarks of the prepared modules, measured one module after the
/// other; `Ok(Err(outcome))` when one of them does not build or fails.
pub(crate) fn measure(
    name: &str,
    context: &CheckContext<'_>,
    check: &GoBenchCheck,
    prepared: &Prepared<'_>,
) -> Result<Result<Baseline, Outcome>, GoError> {
    let options = bench_options(check);
    let mut all = Baseline::default();
    for dir in &prepared.modules {
        module::progress(&format!("{name}: {} …", module::module_label(dir)));
        let target = module::module_target(context, prepared, dir, check.timeout());
        match run_bench(prepared.toolchain, name, &target, &options, &context.cancel)? {
            Ok(measured) => all.extend(measured),
            Err(failed) => return Ok(Err(failed)),
        }
    }
    Ok(Ok(all))
}

/// How the policy's check runs its benchmarks.
pub(crate) fn bench_options(check: &GoBenchCheck) -> BenchOptions {
    BenchOptions {
        pattern: check.bench().as_str().to_owned(),
        count: check.count(),
        args: check.args().iter().map(OsString::from).collect(),
    }
}

/// The baseline file, or what is wrong with it.
fn read_baseline(path: &Path, shown: &Path) -> Result<Baseline, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "the benchmark baseline `{}` does not exist",
                shown.display()
            ));
        }
        Err(err) => return Err(format!("cannot read `{}`: {err}", shown.display())),
    };
    Baseline::from_json(&text)
        .map_err(|err| format!("`{}` is not a baseline file: {err}", shown.display()))
}

fn bad_baseline(name: &str, message: String) -> CheckReport {
    let mut report = CheckReport::new(name, CheckStatus::Error);
    report.diagnostics.push(
        Diagnostic::new(name, Severity::Error, message)
            .with_hint("record one with `hookrc go bench --update` and commit it"),
    );
    report
}
