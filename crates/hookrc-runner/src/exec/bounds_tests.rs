//! The bounds `run` keeps whatever a tool does: a process that escapes the
//! group and holds the output pipe, a flood of output, an interrupt that
//! gives the tool a chance to clean up.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::tests::{assert_dies, sh};
use super::{Job, ProcessStatus, run};
use crate::Cancel;

/// The pid a script wrote to `file`, waiting (bounded) for it to appear.
fn pid_in(file: &Path) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(pid) = std::fs::read_to_string(file)
            .ok()
            .and_then(|text| text.trim().parse().ok())
        {
            return pid;
        }
        assert!(Instant::now() < deadline, "no pid in {}", file.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A script that leaves `sleep 300` in a session of its own holding stdout,
/// and writes that process's pid to `pid_file`.
fn leak(pid_file: &Path) -> String {
    format!(
        "setsid -f sh -c 'echo $$ > {0}; exec sleep 300'; \
         while [ ! -s {0} ]; do sleep 0.01; done; echo leaked",
        pid_file.display()
    )
}

/// Runs `job` on a thread and waits for it a bounded time (a bound on a
/// hang, not a timing assert: the leak sleeps for minutes); on a hang the
/// leaked process named in `pid_file` is killed and the test fails.
fn run_bounded(job: Job, cancel: &Cancel, pid_file: &Path) -> super::Completed {
    let (send, receive) = std::sync::mpsc::channel();
    let worker = {
        let cancel = cancel.clone();
        std::thread::spawn(move || send.send(run(&job, &cancel)))
    };
    let Ok(done) = receive.recv_timeout(Duration::from_secs(20)) else {
        let pid = pid_in(pid_file).to_string();
        let _ = std::process::Command::new("kill").arg(pid).status();
        panic!("the job waited for the process it leaked");
    };
    let _ = worker.join();
    done.expect("runs")
}

fn pid_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("pid");
    (dir, file)
}

#[test]
fn a_process_holding_the_pipe_from_another_session_cannot_outlast_the_timeout() {
    let (_dir, file) = pid_file();
    let job = sh(&leak(&file)).with_timeout(Duration::from_secs(2));
    let done = run_bounded(job, &Cancel::new(), &file);
    assert_eq!(done.status(), ProcessStatus::TimedOut);
    assert!(done.stdout().starts_with(b"leaked\n"), "{done:?}");
    assert_dies(pid_in(&file));
}

#[test]
fn without_a_timeout_a_leaked_pipe_is_cut_after_a_grace_and_its_holder_killed() {
    let (_dir, file) = pid_file();
    let done = run_bounded(sh(&leak(&file)), &Cancel::new(), &file);
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    let stderr = String::from_utf8_lossy(done.stderr());
    assert!(stderr.contains("kept the output open"), "{stderr}");
    assert_dies(pid_in(&file));
}

#[test]
fn cancelling_while_a_leaked_process_holds_the_pipe_ends_the_job() {
    let (_dir, file) = pid_file();
    let cancel = Cancel::new();
    let job = sh(&format!("{}; sleep 30", leak(&file)));
    let canceller = {
        let cancel = cancel.clone();
        let file = file.clone();
        std::thread::spawn(move || {
            pid_in(&file);
            cancel.cancel();
        })
    };
    let done = run_bounded(job, &cancel, &file);
    canceller.join().expect("no panic");
    assert_eq!(done.status(), ProcessStatus::Cancelled);
    let leaked = pid_in(&file);
    assert_dies(leaked);
}

#[test]
fn a_flood_of_output_keeps_its_head_and_tail_and_counts_the_rest() {
    let job =
        sh("echo FIRST; head -c 60000000 /dev/zero; echo LAST; head -c 30000000 /dev/zero >&2");
    let done = run(&job, &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    let cap = super::DEFAULT_OUTPUT_CAP;
    let marker_room = 200;
    assert!(
        done.stdout().len() <= cap + marker_room,
        "{}",
        done.stdout().len()
    );
    assert!(done.stdout().starts_with(b"FIRST\n"));
    assert!(done.stdout().ends_with(b"LAST\n"));
    let text = String::from_utf8_lossy(&done.stdout()[cap / 2..cap / 2 + marker_room]);
    let dropped = 60_000_000 + 6 + 5 - cap;
    assert!(
        text.contains(&format!("{dropped} bytes of output dropped")),
        "{text:?}"
    );
    assert!(done.stderr().len() <= cap + marker_room);
    assert_eq!(done.dropped(), (dropped + 30_000_000 - cap) as u64);
}

#[test]
fn a_job_that_opts_out_of_the_cap_gets_every_byte() {
    let job = sh("head -c 20000000 /dev/zero").with_output_cap(None);
    let done = run(&job, &Cancel::new()).expect("runs");
    assert_eq!(done.stdout().len(), 20_000_000);
    assert_eq!(done.dropped(), 0);
}

#[test]
fn cancelling_asks_the_group_to_stop_before_killing_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ready = dir.path().join("ready");
    let cleaned = dir.path().join("cleaned");
    let script = format!(
        "trap 'echo bye > {}; exit 1' INT; sleep 30 & echo $$ > {}; wait",
        cleaned.display(),
        ready.display()
    );
    let cancel = Cancel::new();
    let worker = {
        let cancel = cancel.clone();
        let job = sh(&script);
        std::thread::spawn(move || run(&job, &cancel))
    };
    let leader = pid_in(&ready);
    cancel.cancel();
    let done = worker.join().expect("no panic").expect("runs");
    assert_eq!(done.status(), ProcessStatus::Cancelled);
    assert_dies(leader);
    assert_eq!(
        std::fs::read_to_string(&cleaned).expect("the trap ran"),
        "bye\n"
    );
}

#[test]
fn a_tool_that_ignores_sigint_is_killed_after_the_grace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ready = dir.path().join("ready");
    let script = format!("trap '' INT; echo $$ > {}; sleep 30", ready.display());
    let job = sh(&script).with_timeout(Duration::from_secs(1));
    let done = run(&job, &Cancel::new()).expect("runs");
    assert_eq!(done.status(), ProcessStatus::TimedOut);
    assert_dies(pid_in(&ready));
}

#[test]
fn a_leaked_process_that_never_reads_stdin_cannot_block_the_writer() {
    let (_dir, file) = pid_file();
    // The leak keeps stdin open without reading it: 1 MiB cannot be written.
    let script = format!(
        "setsid -f sh -c 'echo $$ > {0}; exec sleep 300' >/dev/null 2>&1; \
         while [ ! -s {0} ]; do sleep 0.01; done",
        file.display()
    );
    let job = sh(&script).with_stdin(vec![b'x'; 1 << 20]);
    let done = run_bounded(job, &Cancel::new(), &file);
    assert_eq!(done.status(), ProcessStatus::Exited(0));
    assert_dies(pid_in(&file));
}
