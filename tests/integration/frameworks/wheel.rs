//! The wheel `scripts/build-wheel` makes: it installs into a fresh
//! virtualenv and works from there (`--version`, `install`, a real
//! `git commit`), its binary needs glibc 2.17 at most, and the frameworks
//! run it as a `language: python` hook with the wheel as its dependency.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use hookrc_testkit::{TestRepo, test_repo};
use regex::Regex;

use super::{
    Framework, PRE_COMMIT, PREK, assert_unchanged, commit_count, documented_config, venv_tool,
};

/// The wheel, built once per test process (incrementally after the first).
pub(crate) fn wheel() -> &'static Path {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL.get_or_init(|| {
        let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
        let output = Command::new(checkout.join("scripts/build-wheel"))
            .output()
            .expect("run scripts/build-wheel");
        assert!(output.status.success(), "scripts/build-wheel: {output:?}");
        let prefix = format!("hookrc-{}-py3-none-", env!("CARGO_PKG_VERSION"));
        let found = fs_err::read_dir(checkout.join("target/wheels"))
            .expect("target/wheels after the build")
            .map(|entry| entry.expect("test I/O").path())
            .find(|path| {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                name.starts_with(&prefix) && name.contains("manylinux2014_x86_64")
            });
        found.expect("a manylinux2014 wheel in target/wheels")
    })
}

/// A fresh virtualenv under the repository's temp root with the wheel
/// installed (from the file only, no index); its `bin/`.
fn venv_with_wheel(repo: &TestRepo) -> PathBuf {
    let venv = repo.tmp_root().join("venv");
    let status = Command::new(venv_tool("python3"))
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .expect("create a virtualenv");
    assert!(status.success());
    let output = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
        ])
        .arg(wheel())
        .output()
        .expect("pip install the wheel");
    assert!(output.status.success(), "{output:?}");
    venv.join("bin")
}

#[test]
fn the_wheel_installs_into_a_fresh_virtualenv_and_runs_the_hooks() {
    let repo = test_repo!();
    let bin = venv_with_wheel(&repo);
    let hookrc = bin.join("hookrc");
    let version = Command::new(&hookrc)
        .arg("--version")
        .output()
        .expect("run");
    let built_here = repo.hookrc_cmd().arg("--version").output().expect("run");
    assert!(
        String::from_utf8_lossy(&version.stdout)
            .starts_with(&format!("hookrc {}", env!("CARGO_PKG_VERSION"))),
        "{version:?}"
    );
    // The same version and commit as the binary built from this checkout.
    assert_eq!(version.stdout, built_here.stdout);
    repo.write("a.txt", "a\n");
    repo.commit_all("chore: init");
    let install = Command::new(&hookrc)
        .current_dir(repo.root())
        .env_clear()
        .envs(repo.env())
        .arg("install")
        .output()
        .expect("run hookrc install");
    assert!(install.status.success(), "{install:?}");
    let link = std::fs::read_link(repo.path(".git/hooks/commit-msg")).expect("a link");
    assert_eq!(link, hookrc, "the hook is not the wheel's binary");

    repo.write("a.txt", "b\n");
    repo.git(["add", "a.txt"]);
    let before = repo.snapshot_state();
    let refused = repo
        .git_cmd(["commit", "-m", "changed a"])
        .output()
        .expect("git");
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("type-empty"));
    let accepted = repo
        .git_cmd(["commit", "-q", "-m", "fix: change a"])
        .output()
        .expect("git");
    assert!(accepted.status.success(), "{accepted:?}");
    assert_unchanged(&before, &repo);
    assert_eq!(commit_count(&repo), 2);
}

#[test]
fn the_wheel_binary_needs_glibc_2_17_at_most() {
    let repo = test_repo!();
    let hookrc = venv_with_wheel(&repo).join("hookrc");
    let output = Command::new("objdump")
        .arg("-T")
        .arg(&hookrc)
        .output()
        .expect("run objdump");
    assert!(output.status.success(), "{output:?}");
    let symbols = String::from_utf8_lossy(&output.stdout);
    let version = Regex::new(r"GLIBC_(\d+)\.(\d+)").expect("regex");
    let needed: Vec<(u32, u32)> = version
        .captures_iter(&symbols)
        .map(|c| (c[1].parse().expect("major"), c[2].parse().expect("minor")))
        .collect();
    assert!(
        !needed.is_empty(),
        "no GLIBC symbol versions found:\n{symbols}"
    );
    let highest = needed.iter().max().expect("some");
    assert!(
        *highest <= (2, 17),
        "the binary needs GLIBC_{}.{}",
        highest.0,
        highest.1
    );
}

/// docs/frameworks.md's `repo: local` form, which a team uses with the
/// wheel from a package index, with the local wheel file instead:
/// `language: python`, no Rust toolchain.
fn wheel_config(wheel: &Path) -> String {
    let wheel = format!("\"{}\"", wheel.display());
    documented_config("language: python", &[("\"hookrc==0.1.0\"", &wheel)])
}

fn wheel_form(framework: Framework) {
    let repo = test_repo!();
    repo.write("a.txt", "a\n");
    framework.install(&repo, &wheel_config(wheel()));
    let commits = commit_count(&repo);
    repo.write("a.txt", "b\n");
    repo.git(["add", "a.txt"]);
    repo.write("b.txt", "untracked\n");
    let out = framework.git_unchanged(&repo, &["commit", "-m", "changed a"], 1);
    assert!(out.contains("type-empty"), "{out}");
    framework.git_unchanged(&repo, &["commit", "-q", "-m", "fix: change a"], 0);
    assert_eq!(commit_count(&repo), commits + 1);
}

#[test]
fn pre_commit_runs_the_wheel_as_a_python_hook() {
    wheel_form(PRE_COMMIT);
}

#[test]
fn prek_runs_the_wheel_as_a_python_hook() {
    wheel_form(PREK);
}
