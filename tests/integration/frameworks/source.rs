//! A git repository holding this checkout's sources as one commit: what a
//! `.pre-commit-config.yaml` points `repo:` at (the frameworks clone it at
//! `rev:`), built from the working tree so uncommitted work is what is
//! tested. Same content, same commit id (fixed dates), so the frameworks'
//! stores and cargo's target directory are reused from run to run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use hookrc_testkit::hermetic_env;

use super::shared_dir;

/// The repository and its commit id, made once per test process.
pub(crate) fn hookrc_source() -> &'static (PathBuf, String) {
    static SOURCE: OnceLock<(PathBuf, String)> = OnceLock::new();
    SOURCE.get_or_init(build)
}

fn build() -> (PathBuf, String) {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = shared_dir().join("source");
    if dir.exists() {
        fs_err::remove_dir_all(&dir).expect("test I/O");
    }
    fs_err::create_dir_all(&dir).expect("test I/O");
    let listed = git(
        checkout,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for rela in listed.split('\0').filter(|p| !p.is_empty()) {
        let from = checkout.join(rela);
        if !from.is_file() {
            continue;
        }
        let to = dir.join(rela);
        fs_err::create_dir_all(to.parent().expect("a parent")).expect("test I/O");
        fs_err::copy(&from, &to).expect("test I/O");
    }
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "chore: hookrc under test"]);
    let rev = git(&dir, &["rev-parse", "HEAD"]).trim().to_owned();
    (dir, rev)
}

/// `git ARGS` in `dir` with a hermetic environment; its stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .env_clear()
        .envs(hermetic_env(&shared_dir(), 0))
        .args(args)
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("git output")
}
