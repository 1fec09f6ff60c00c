//! Locating the real Go toolchain, and the errors for a missing or old one.

use std::path::{Path, PathBuf};

use super::{GoVersion, Toolchain};
use crate::Cancel;
use crate::go::GoError;
use crate::go::testenv::{GO_119_BIN, host_env, toolchain};

#[test]
fn versions_parse_like_goversion() {
    assert_eq!(GoVersion::parse("go1.27.3"), Some(GoVersion::new(1, 27, 3)));
    assert_eq!(GoVersion::parse("1.21"), Some(GoVersion::new(1, 21, 0)));
    assert_eq!(
        GoVersion::parse("go1.21rc2"),
        Some(GoVersion::new(1, 21, 0))
    );
    assert_eq!(
        GoVersion::parse("go1.22.0 X:boringcrypto"),
        Some(GoVersion::new(1, 22, 0))
    );
    assert_eq!(GoVersion::parse("devel"), None);
    assert_eq!(GoVersion::parse(""), None);
    assert!(GoVersion::new(1, 9, 0) < GoVersion::new(1, 19, 0));
    assert_eq!(GoVersion::new(1, 27, 3).to_string(), "1.27.3");
}

#[test]
fn the_host_go_is_found_with_its_env_and_gofmt() {
    let tc = toolchain();
    assert!(tc.version() >= GoVersion::new(1, 21, 0), "{}", tc.version());
    assert_eq!(tc.go().file_name(), Some("go".as_ref()));
    let goroot = tc.go_env().goroot().expect("GOROOT");
    assert_eq!(tc.gofmt(), goroot.join("bin/gofmt"));
    assert_eq!(
        tc.go_env().get("GOTOOLCHAIN"),
        Some("local"),
        "our env map reached go"
    );
    assert_eq!(tc.go_env().get("GOPROXY"), Some("off"));
    assert!(!tc.go_env().modules_off());
}

#[test]
fn a_missing_go_names_the_binary_and_where_it_was_looked_for() {
    let mut env = host_env();
    env.insert("PATH".into(), "/nonexistent-a:/nonexistent-b".into());
    let err = Toolchain::locate(None, env.clone(), Path::new("/"), &Cancel::new())
        .expect_err("no go there");
    assert!(matches!(err, GoError::GoNotFound { .. }));
    assert!(
        err.to_string().starts_with("the Go toolchain was not found: looked for `go` on PATH (`/nonexistent-a:/nonexistent-b`)\nhint: install Go"),
        "{err}"
    );
    let err = Toolchain::locate(
        Some(Path::new("/opt/none/bin/go")),
        env,
        Path::new("/"),
        &Cancel::new(),
    )
    .expect_err("no go there");
    assert!(
        err.to_string().starts_with(
            "the Go toolchain was not found: looked for `/opt/none/bin/go` at the configured path"
        ),
        "{err}"
    );
}

#[test]
fn a_too_old_go_says_found_and_needed() {
    let tc = toolchain();
    let err = tc
        .require(GoVersion::new(1, 999, 0))
        .expect_err("nothing is that new");
    assert_eq!(
        err.to_string(),
        format!(
            "`{}` is Go {}, but Go 1.999.0 or newer is needed",
            tc.go().display(),
            tc.version()
        )
    );
    // A bare name from the policy is looked up on PATH.
    let named = Toolchain::locate(
        Some(Path::new("go")),
        host_env(),
        Path::new("/"),
        &Cancel::new(),
    )
    .expect("go on PATH");
    assert_eq!(named.go(), tc.go());
    // A real older toolchain at an explicit path: Debian's Go 1.19.
    let go119 = PathBuf::from(GO_119_BIN).join("go");
    assert!(go119.exists(), "`scripts/test` installs golang-1.19-go");
    let old = Toolchain::locate(Some(&go119), host_env(), Path::new("/"), &Cancel::new())
        .expect("go 1.19 runs");
    assert_eq!(
        (
            old.version() >= GoVersion::new(1, 19, 0),
            old.version() < GoVersion::new(1, 20, 0)
        ),
        (true, true)
    );
    assert_eq!(
        old.gofmt(),
        Path::new(GO_119_BIN)
            .parent()
            .expect("root")
            .join("bin/gofmt")
    );
    let err = old
        .require(GoVersion::new(1, 21, 0))
        .expect_err("1.19 < 1.21");
    assert_eq!(
        err.to_string(),
        format!(
            "`{}` is Go {}, but Go 1.21.0 or newer is needed",
            go119.display(),
            old.version()
        )
    );
}

#[test]
fn go_env_is_reused_until_something_it_depends_on_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("go-env.json");
    let env = host_env();
    let first = Toolchain::locate_cached(None, env.clone(), dir.path(), &Cancel::new(), &cache)
        .expect("the host go");
    let real = first.version();
    // A doctored answer under the same key is what the next run reads:
    // proof that `go env` did not run again.
    let text = std::fs::read_to_string(&cache).expect("the cache was written");
    let doctored = text.replace(&format!("\"go{real}"), "\"go1.99.0");
    assert_ne!(text, doctored, "{text}");
    std::fs::write(&cache, doctored).expect("write");
    let again = Toolchain::locate_cached(None, env.clone(), dir.path(), &Cancel::new(), &cache)
        .expect("cached");
    assert_eq!(again.version(), GoVersion::new(1, 99, 0));
    // Another GOFLAGS is another key: `go env` runs and says the truth.
    let mut changed = env;
    changed.insert("GOFLAGS".into(), "-mod=mod".into());
    let fresh = Toolchain::locate_cached(None, changed, dir.path(), &Cancel::new(), &cache)
        .expect("the host go");
    assert_eq!(fresh.version(), real);
    assert_eq!(fresh.go_env().goflags(), Some("-mod=mod"));
}
