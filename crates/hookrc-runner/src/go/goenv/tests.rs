use std::path::{Path, PathBuf};

use super::{EnvPolicy, check_env, covers};
use crate::Status;
use crate::go::GoVersion;
use crate::go::testenv::{fixture, host_env, toolchain_with};

/// What `[check.go-env]` allows by default: Go's proxy, `direct` and `off`.
fn policy() -> EnvPolicy {
    EnvPolicy {
        allowed_proxies: vec![
            "off".into(),
            "https://proxy.golang.org".into(),
            "direct".into(),
        ],
        private: Vec::new(),
        min_go: None,
    }
}

fn messages(outcome: &crate::Outcome) -> Vec<String> {
    outcome
        .findings()
        .iter()
        .map(|f| f.message().to_owned())
        .collect()
}

#[test]
fn a_clean_environment_passes() {
    let dir = tempfile::tempdir().expect("temp");
    let mut env = host_env();
    env.insert("GOENV".into(), dir.path().join("none").into());
    let outcome = check_env(&toolchain_with(env), "go-env", &policy(), dir.path(), &[]);
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
}

#[test]
fn violations_name_the_variable_and_its_source() {
    let dir = tempfile::tempdir().expect("temp");
    let env_file = dir.path().join("go-env");
    std::fs::write(&env_file, "GOINSECURE=example.com\nGOFLAGS=-insecure\n").expect("write");
    let mut env = host_env();
    env.insert("GOENV".into(), env_file.clone().into());
    env.remove(std::ffi::OsStr::new("GOFLAGS"));
    env.insert("GOSUMDB".into(), "off".into());
    env.insert("GOPROXY".into(), "https://evil.example,direct".into());
    let outcome = check_env(&toolchain_with(env), "go-env", &policy(), dir.path(), &[]);
    let file = env_file.display();
    assert_eq!(
        messages(&outcome),
        vec![
            format!("GOFLAGS=-insecure (from go env file {file}): `-insecure` allows fetching without TLS"),
            format!("GOINSECURE=example.com (from go env file {file}): modules may be fetched without TLS"),
            "GOPROXY=https://evil.example,direct (from environment): `https://evil.example` is not an allowed proxy".to_owned(),
            "GOSUMDB=off (from environment): checksum verification is switched off".to_owned(),
        ]
    );
}

#[test]
fn private_prefixes_must_be_covered_and_mod_mod_is_refused_when_vendored() {
    let dir = fixture("vendored");
    let mut env = host_env();
    env.insert("GOENV".into(), "off".into());
    env.insert("GOFLAGS".into(), "-mod=mod".into());
    env.insert("GOPRIVATE".into(), "git.corp.example/*".into());
    let mut policy = policy();
    policy.private = vec!["git.corp.example/team".into(), "other.example/x".into()];
    let modules = [PathBuf::from("vendored")];
    let outcome = check_env(
        &toolchain_with(env),
        "go-env",
        &policy,
        dir.path(),
        &modules,
    );
    assert_eq!(
        messages(&outcome),
        vec![
            "GOFLAGS=-mod=mod (from environment): `-mod=mod` bypasses vendor/, but this module is vendored",
            "GONOPROXY=git.corp.example/* (from Go's default): private modules under `other.example/x` would be fetched through the proxy",
            "GONOSUMDB=git.corp.example/* (from Go's default): private modules under `other.example/x` would be looked up in the checksum database",
        ]
    );
}

#[test]
fn glob_patterns_cover_path_prefixes_element_by_element() {
    assert!(covers("git.corp.example", "git.corp.example/team"));
    assert!(covers(
        "x.example, *.corp.example/te?m",
        "git.corp.example/team/sub"
    ));
    assert!(!covers(
        "git.corp.example/team/sub",
        "git.corp.example/team"
    ));
    assert!(!covers("", "a.example"));
    assert!(!covers("git.corp", "git.corp.example"));
}

#[test]
fn min_go_checks_the_toolchain_and_the_go_mod_lines() {
    let dir = fixture("cover");
    let toolchain = toolchain_with(host_env());
    let mut policy = policy();
    policy.min_go = Some(GoVersion::new(1, 21, 0));
    let modules = [PathBuf::from("cover")];
    let outcome = check_env(&toolchain, "go-env", &policy, dir.path(), &modules);
    let finding = &outcome.findings()[0];
    assert_eq!(
        (finding.file(), finding.line(), finding.message()),
        (
            Some(Path::new("cover/go.mod")),
            Some(3),
            "the `go` line asks for Go 1.19.0, older than the minimum 1.21.0"
        )
    );
    policy.min_go = Some(GoVersion::new(99, 0, 0));
    let outcome = check_env(&toolchain, "go-env", &policy, dir.path(), &[]);
    assert!(
        messages(&outcome)[0].contains("older than the minimum 99.0.0"),
        "{outcome:?}"
    );
    policy.min_go = Some(GoVersion::new(1, 18, 0));
    let outcome = check_env(&toolchain, "go-env", &policy, dir.path(), &modules);
    assert_eq!(outcome.status(), &Status::Passed);
}

#[test]
fn an_offline_vendored_build_passes_the_default_policy() {
    let dir = fixture("vendored");
    let mut env = host_env();
    env.insert("GOENV".into(), "off".into());
    env.insert("GOPROXY".into(), "off".into());
    env.insert("GOFLAGS".into(), "-mod=vendor".into());
    let modules = [PathBuf::from("vendored")];
    let outcome = check_env(
        &toolchain_with(env),
        "go-env",
        &policy(),
        dir.path(),
        &modules,
    );
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
}
