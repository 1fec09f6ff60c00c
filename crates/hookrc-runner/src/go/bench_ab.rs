//! Benchmarks of two trees run interleaved: the test binary of each
//! package is built once per tree (`go test -c`), then the binaries run
//! alternately, A B A B …, one sample per run, so that the machine's speed
//! drifting during the gate hits both sides alike. The samples of each
//! side become one [`Baseline`], as `go test -bench -count=N` output would.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::go::GoError;
use crate::go::bench::{Baseline, BenchOptions};
use crate::go::target::{Target, tool_outcome};
use crate::go::toolchain::Toolchain;
use crate::{Cancel, Job, Outcome, ProcessStatus};

/// One side of an A/B comparison: the package directories of a target
/// whose test binaries were built.
pub struct AbSide {
    target: Target,
    binaries: Vec<(PathBuf, PathBuf)>,
}

/// Builds the test binary of each package directory in `packages`
/// (relative to the target's run directory) into `out`, named by its
/// position; a package without tests, or missing from this tree, has none.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires. `Ok(Err(outcome))` when a package does not build.
pub fn build_side(
    toolchain: &Toolchain,
    name: &str,
    target: &Target,
    packages: &[PathBuf],
    out: &Path,
    cancel: &Cancel,
) -> Result<Result<AbSide, Outcome>, GoError> {
    let mut binaries = Vec::new();
    for (n, package) in packages.iter().enumerate() {
        if !target.run_dir().join(package).is_dir() {
            continue;
        }
        let binary = out.join(format!("{n}.test"));
        let mut args: Vec<OsString> = vec!["test".into(), "-c".into(), "-o".into()];
        args.push(binary.clone().into_os_string());
        if !target.tags().is_empty() {
            args.push(format!("-tags={}", target.tags().join(",")).into());
        }
        args.push(crate::go::package_arg(package));
        let job = toolchain.go_job(args, &target.run_dir());
        let done = target.run_tool(job, "go test -c", cancel)?;
        if done.status() != ProcessStatus::Exited(0) {
            return Ok(Err(tool_outcome(name, "go test -c", target, &done)));
        }
        if binary.is_file() {
            binaries.push((package.clone(), binary));
        }
    }
    Ok(Ok(AbSide {
        target: target.clone(),
        binaries,
    }))
}

/// Runs both sides' benchmarks `options.count` times, alternately (for
/// each round and package: `base`, then `tip`), and returns what each side
/// measured. `started` hears of each run before it starts: the round
/// (from 1), the package directory and the side (`base` or `tip`).
///
/// # Errors
///
/// [`GoError::Exec`] when a binary cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires. `Ok(Err(outcome))` when a benchmark fails.
pub fn run_interleaved(
    toolchain: &Toolchain,
    name: &str,
    base: &AbSide,
    tip: &AbSide,
    options: &BenchOptions,
    cancel: &Cancel,
    started: &dyn Fn(u32, &Path, &str),
) -> Result<Result<(Baseline, Baseline), Outcome>, GoError> {
    let mut outputs = [String::new(), String::new()];
    for round in 1..=options.count.max(1) {
        for (package, tip_binary) in &tip.binaries {
            let base_binary = base.binaries.iter().find(|(p, _)| p == package);
            let sides = [(base, base_binary.map(|(_, b)| b)), (tip, Some(tip_binary))];
            for (n, (side, binary)) in sides.into_iter().enumerate() {
                let Some(binary) = binary else {
                    continue;
                };
                started(round, package, if n == 0 { "base" } else { "tip" });
                match run_binary(toolchain, name, side, package, binary, options, cancel)? {
                    Ok(text) => outputs[n].push_str(&text),
                    Err(failed) => return Ok(Err(failed)),
                }
            }
        }
    }
    let go = toolchain.go_env().get("GOVERSION").unwrap_or_default();
    let [base_text, tip_text] = outputs;
    Ok(Ok((
        Baseline::parse(&base_text, go),
        Baseline::parse(&tip_text, go),
    )))
}

/// One run of one test binary: `-test.run=^$ -test.bench=… -test.count=1`,
/// in its package directory, as `go test` runs it.
fn run_binary(
    toolchain: &Toolchain,
    name: &str,
    side: &AbSide,
    package: &Path,
    binary: &Path,
    options: &BenchOptions,
    cancel: &Cancel,
) -> Result<Result<String, Outcome>, GoError> {
    let mut argv: Vec<OsString> = vec![
        binary.as_os_str().to_owned(),
        "-test.run=^$".into(),
        format!("-test.bench={}", options.pattern).into(),
        "-test.benchmem".into(),
        "-test.count=1".into(),
    ];
    argv.extend(options.args.iter().map(test_flag));
    let dir = side.target.run_dir().join(package);
    let job = Job::new(argv, &dir).with_env(toolchain.env().clone());
    let done = side.target.run_tool(job, "a benchmark binary", cancel)?;
    if done.status() != ProcessStatus::Exited(0) {
        return Ok(Err(tool_outcome(
            name,
            "a benchmark binary",
            &side.target,
            &done,
        )));
    }
    Ok(Ok(String::from_utf8_lossy(done.stdout()).into_owned()))
}

/// A `go test` flag as the test binary takes it: `-benchtime=1s` becomes
/// `-test.benchtime=1s`; anything else is passed as is.
fn test_flag(arg: &OsString) -> OsString {
    let text = arg.to_string_lossy();
    match text.strip_prefix('-') {
        Some(rest) if !rest.starts_with('-') && !rest.starts_with("test.") => {
            format!("-test.{rest}").into()
        }
        _ => arg.clone(),
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::test_flag;

    #[test]
    fn go_test_flags_become_test_binary_flags() {
        assert_eq!(
            test_flag(&"-benchtime=2000x".into()),
            OsString::from("-test.benchtime=2000x")
        );
        assert_eq!(
            test_flag(&"-test.cpu=1".into()),
            OsString::from("-test.cpu=1")
        );
        assert_eq!(test_flag(&"200ms".into()), OsString::from("200ms"));
    }
}
