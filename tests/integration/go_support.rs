//! What the Go integration tests share: the Go build cache of the test
//! process, and copying a fixture module into a test repository.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// The test process's Go build cache, shared by every test repository
/// (their `HOME` is a fresh temp dir, which would make every vet cold).
pub(crate) fn gocache() -> &'static OsString {
    static CACHE: OnceLock<OsString> = OnceLock::new();
    CACHE.get_or_init(|| {
        let out = Command::new("go")
            .args(["env", "GOCACHE"])
            .output()
            .expect("`go` on PATH: run the tests with scripts/test");
        String::from_utf8(out.stdout)
            .expect("test I/O")
            .trim()
            .into()
    })
}

/// Copies the directory tree `from` to `to`, creating `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs_err::create_dir_all(to).expect("test I/O");
    for entry in fs_err::read_dir(from).expect("test I/O") {
        let entry = entry.expect("test I/O");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("test I/O").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs_err::copy(entry.path(), &target).expect("test I/O");
        }
    }
}
