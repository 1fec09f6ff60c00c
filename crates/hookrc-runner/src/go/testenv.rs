//! Test support for the Go checks: the host's Go (set up by `scripts/test`)
//! in a small explicit environment, and writable copies of `fixtures/go`.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::Cancel;
use crate::go::Toolchain;

/// Debian's Go 1.19 (needed by Debian's `go-staticcheck`).
pub(crate) const GO_119_BIN: &str = "/usr/lib/go-1.19/bin";

/// The variables of the test process that Go needs, plus a pinned local
/// toolchain and no module proxy.
pub(crate) fn host_env() -> BTreeMap<OsString, OsString> {
    let keep = ["PATH", "HOME", "TMPDIR", "GOCACHE", "GOMODCACHE"];
    let mut env: BTreeMap<OsString, OsString> = std::env::vars_os()
        .filter(|(key, _)| keep.iter().any(|k| key == k))
        .collect();
    env.insert("GOTOOLCHAIN".into(), "local".into());
    env.insert("GOPROXY".into(), "off".into());
    env.insert("GOFLAGS".into(), "".into());
    env
}

/// The toolchain of `env`; fails loudly when Go is missing.
pub(crate) fn toolchain_with(env: BTreeMap<OsString, OsString>) -> Toolchain {
    Toolchain::locate(None, env, Path::new("/"), &Cancel::new()).expect(
        "Go must be on PATH for these tests: run them through `scripts/test`, which sets it up",
    )
}

/// The host toolchain.
pub(crate) fn toolchain() -> Toolchain {
    toolchain_with(host_env())
}

/// `fixtures/go/<name>` in the repository.
pub(crate) fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/go")
        .join(name)
}

/// A writable copy of `fixtures/go/<name>` in a temp dir; the copy is at
/// `dir.path().join(name)`.
pub(crate) fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture_path(name), &dir.path().join(name));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}
