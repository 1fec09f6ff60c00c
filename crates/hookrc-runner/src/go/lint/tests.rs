//! The configured linter, with Debian's real `go-staticcheck` (built with Go
//! 1.19, so Go 1.19 goes first on its PATH through the env override).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::{LintTool, Linter, lint};
use crate::go::testenv::{GO_119_BIN, fixture, host_env};
use crate::go::{GoError, Target};
use crate::{Cancel, Status};

const STATICCHECK: &str = "/usr/bin/go-staticcheck";

fn staticcheck() -> Linter {
    assert!(
        Path::new(STATICCHECK).exists() && Path::new(GO_119_BIN).exists(),
        "these tests need Debian's go-staticcheck and golang-1.19-go: `scripts/test` installs them"
    );
    let mut env = BTreeMap::new();
    env.insert(
        OsString::from("PATH"),
        OsString::from(format!("{GO_119_BIN}:/usr/bin:/bin")),
    );
    Linter::new(LintTool::Staticcheck)
        .with_program(STATICCHECK)
        .with_env(env)
}

const BAD: &str = "package mathx\n\nimport \"strings\"\n\n// Same compares.\nfunc Same(s string) bool {\n\treturn strings.ToLower(s) == strings.ToLower(\"x\")\n}\n\nfunc unused() {}\n";

#[test]
fn staticcheck_passes_a_clean_module() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    let target =
        Target::new(&root, "").with_packages(vec!["".into(), "greet".into(), "mathx".into()]);
    let outcome = lint(
        &staticcheck(),
        "go-lint",
        &host_env(),
        &target,
        &Cancel::new(),
    )
    .expect("runs");
    assert_eq!(outcome.status(), &Status::Passed, "{}", outcome.output());
}

#[test]
fn staticcheck_findings_map_to_repo_paths() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    std::fs::write(root.join("mathx/bad.go"), BAD).expect("write");
    let target = Target::new(&root, "").with_packages(vec![PathBuf::from("mathx")]);
    let outcome = lint(
        &staticcheck(),
        "go-lint",
        &host_env(),
        &target,
        &Cancel::new(),
    )
    .expect("runs");
    assert_eq!(outcome.status(), &Status::Failed);
    let found: Vec<_> = outcome
        .findings()
        .iter()
        .map(|f| {
            (
                f.file().map(Path::to_path_buf),
                f.line(),
                f.column(),
                f.message().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some("mathx/bad.go".into()),
                Some(7),
                Some(9),
                "should use strings.EqualFold instead (SA6005)".into()
            ),
            (
                Some("mathx/bad.go".into()),
                Some(10),
                Some(6),
                "func unused is unused (U1000)".into()
            ),
        ]
    );
}

#[test]
fn a_crashing_linter_fails_with_its_words() {
    // Debian's staticcheck cannot read Go 1.27's export data and panics:
    // that must fail the check, not pass it.
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    let linter = Linter::new(LintTool::Staticcheck).with_program(STATICCHECK);
    assert!(
        Path::new(STATICCHECK).exists(),
        "`scripts/test` installs go-staticcheck"
    );
    let target = Target::new(&root, "").with_packages(vec![PathBuf::from("greet")]);
    let outcome = lint(&linter, "go-lint", &host_env(), &target, &Cancel::new()).expect("runs");
    assert_eq!(outcome.status(), &Status::Failed);
    let finding = &outcome.findings()[0];
    assert!(
        finding
            .message()
            .starts_with("`staticcheck` failed with exit status"),
        "{}",
        finding.message()
    );
    assert!(
        finding.hint().is_some_and(|h| h.contains("panic")),
        "{:?}",
        finding.hint()
    );
}

#[test]
fn a_missing_linter_says_how_to_install_it_or_skips_when_optional() {
    let mut env = host_env();
    env.insert("PATH".into(), "/nonexistent-bin".into());
    let target = Target::new("/", "").with_packages(vec![PathBuf::new()]);
    let linter = Linter::new(LintTool::Revive);
    let err = lint(&linter, "go-lint", &env, &target, &Cancel::new()).expect_err("missing");
    assert!(matches!(err, GoError::ToolMissing { .. }));
    assert_eq!(
        err.to_string(),
        "`revive` was not found on PATH (`/nonexistent-bin`)\nhint: install it with `go install github.com/mgechev/revive@latest`, or point `[check.go-lint] path` at it, or mark the check `optional = true`"
    );
    let outcome = lint(
        &linter.optional(true),
        "go-lint",
        &env,
        &target,
        &Cancel::new(),
    )
    .expect("skips");
    assert_eq!(
        outcome.status(),
        &Status::Skipped("`revive` is not on PATH; optional".into())
    );
    let pinned = Linter::new(LintTool::Golint).with_program("/opt/none/golint");
    let err = lint(&pinned, "go-lint", &env, &target, &Cancel::new()).expect_err("missing");
    assert!(
        err.to_string()
            .starts_with("`golint` was not found at `/opt/none/golint` (the configured path)"),
        "{err}"
    );
}

#[test]
fn tool_names_round_trip_and_arguments_follow_each_tool() {
    for tool in LintTool::ALL {
        assert_eq!(LintTool::from_name(tool.name()), Some(tool));
    }
    assert_eq!(LintTool::from_name("gometalinter"), None);
    let target = Target::new("/r", "")
        .with_packages(vec!["a".into(), "".into()])
        .with_tags(vec!["x".into(), "y".into()]);
    let args = vec![OsString::from("-checks=all")];
    let strings = |tool: LintTool| -> Vec<String> {
        tool.arguments(&args, &target)
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(
        strings(LintTool::Staticcheck),
        ["-checks=all", "-tags", "x,y", "./a", "."]
    );
    assert_eq!(
        strings(LintTool::GolangciLint),
        ["run", "-checks=all", "--build-tags=x,y", "./a", "."]
    );
    assert_eq!(strings(LintTool::Revive), ["-checks=all", "./a", "."]);
}
