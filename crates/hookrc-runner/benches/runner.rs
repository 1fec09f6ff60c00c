//! Costs of the runner's building blocks, measured (never asserted):
//! `cargo bench -p hookrc-runner` with Go on PATH (`source scripts/go-env.sh`).
//!
//! - the spawn overhead of [`run`] on `/bin/true` against std's `Command`;
//! - [`Toolchain::locate`] (one `go env -json` call);
//! - gofmt on 1, 5 and 20 files: per file on stdin in parallel (what
//!   [`check_format`] does) against one `gofmt -l` over a temp dir (the batch
//!   alternative).
//!
//! Each measurement runs in interleaved rounds and reports the median.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hookrc_runner::go::{Toolchain, check_format};
use hookrc_runner::{Cancel, Job, run};

const ROUNDS: usize = 7;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Times `reps` calls of each case per round, over interleaved rounds.
fn compare(title: &str, reps: u32, cases: &mut [(&str, &mut dyn FnMut())]) {
    let mut samples = vec![Vec::new(); cases.len()];
    for _ in 0..ROUNDS {
        for (index, (_, case)) in cases.iter_mut().enumerate() {
            let start = Instant::now();
            for _ in 0..reps {
                case();
            }
            samples[index].push(start.elapsed() / reps);
        }
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{title}").expect("stdout");
    for ((name, _), samples) in cases.iter().zip(samples) {
        writeln!(out, "  {name:<44} median {:>10.3?}", median(samples)).expect("stdout");
    }
}

fn spawn_overhead() {
    let cancel = Cancel::new();
    let job = Job::new(["/bin/true"], "/");
    let timed = job.clone().with_timeout(Duration::from_mins(1));
    compare(
        "spawn /bin/true",
        200,
        &mut [
            ("hookrc_runner::run", &mut || {
                drop(run(&job, &cancel).expect("true runs"));
            }),
            ("hookrc_runner::run with a timeout", &mut || {
                drop(run(&timed, &cancel).expect("true runs"));
            }),
            ("std Command::output (env_clear)", &mut || {
                drop(
                    Command::new("/bin/true")
                        .env_clear()
                        .output()
                        .expect("true runs"),
                );
            }),
            ("std Command::status (env_clear, no pipes)", &mut || {
                let status = Command::new("/bin/true")
                    .env_clear()
                    .stdin(Stdio::null())
                    .status();
                assert!(status.expect("true runs").success());
            }),
        ],
    );
}

/// One `gofmt -l` over copies of the files in a temp dir.
fn gofmt_batch(toolchain: &Toolchain, files: &[(PathBuf, Vec<u8>)]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let names: Vec<String> = (0..files.len()).map(|i| format!("{i:05}.go")).collect();
    for (name, (_, content)) in names.iter().zip(files) {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    let job = Job::new([toolchain.gofmt()], dir.path())
        .with_args(["-l"])
        .with_args(&names)
        .with_env(toolchain.env().clone());
    drop(run(&job, &Cancel::new()).expect("gofmt runs"));
}

fn go_costs() {
    let env: BTreeMap<OsString, OsString> = std::env::vars_os().collect();
    let Ok(toolchain) = Toolchain::locate(None, env.clone(), Path::new("/"), &Cancel::new()) else {
        writeln!(
            std::io::stdout(),
            "no Go on PATH: `source scripts/go-env.sh` first; Go costs not measured"
        )
        .expect("stdout");
        return;
    };
    compare(
        "Toolchain::locate",
        10,
        &mut [("go env -json <keys> + gofmt lookup", &mut || {
            drop(
                Toolchain::locate(None, env.clone(), Path::new("/"), &Cancel::new())
                    .expect("go runs"),
            );
        })],
    );
    let dir = toolchain
        .go_env()
        .goroot()
        .expect("GOROOT")
        .join("src/net/http");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("GOROOT/src/net/http")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "go") && !p.to_string_lossy().ends_with("_test.go")
        })
        .collect();
    sources.sort();
    for count in [1, 5, 20] {
        let files: Vec<(PathBuf, Vec<u8>)> = sources
            .iter()
            .take(count)
            .map(|p| (p.clone(), std::fs::read(p).expect("read")))
            .collect();
        compare(
            &format!("gofmt on {count} files of net/http"),
            5,
            &mut [
                ("per file on stdin, 2 at once (check_format)", &mut || {
                    drop(
                        check_format(&toolchain, "go-fmt", files.clone(), 2, None, &Cancel::new())
                            .expect("gofmt"),
                    );
                }),
                ("batch: temp dir + one `gofmt -l`", &mut || {
                    gofmt_batch(&toolchain, &files);
                }),
            ],
        );
    }
}

fn main() {
    spawn_overhead();
    go_costs();
}
