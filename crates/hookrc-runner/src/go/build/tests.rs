use std::path::PathBuf;

use super::{BuildOptions, Platform, cross_build};
use crate::go::Target;
use crate::go::testenv::{fixture, toolchain};
use crate::{Cancel, Status};

fn options(targets: &[&str]) -> BuildOptions {
    BuildOptions {
        platforms: targets
            .iter()
            .map(|t| Platform::parse(t).expect("platform"))
            .collect(),
        cgo: false,
        args: Vec::new(),
        max_jobs: 2,
    }
}

#[test]
fn platforms_parse_only_as_goos_slash_goarch() {
    let p = Platform::parse("linux/arm64").expect("parsed");
    assert_eq!(
        (p.goos(), p.goarch(), p.to_string()),
        ("linux", "arm64", "linux/arm64".to_owned())
    );
    for bad in ["linux", "/arm64", "linux/", "linux/arm 64", "a/b/c"] {
        assert_eq!(Platform::parse(bad), None, "{bad}");
    }
}

#[test]
fn an_amd64_only_file_fails_the_arm64_target_and_names_it() {
    let dir = fixture("arch");
    let target = Target::new(dir.path(), "arch").with_packages(vec![PathBuf::from("...")]);
    let outcome = cross_build(
        &toolchain(),
        "go-build",
        &target,
        &options(&["linux/amd64", "linux/arm64"]),
        &Cancel::new(),
    )
    .expect("go build ran");
    assert_eq!(outcome.status(), &Status::Failed);
    let findings: Vec<(Option<&std::path::Path>, &str)> = outcome
        .findings()
        .iter()
        .map(|f| (f.file(), f.message()))
        .collect();
    assert_eq!(
        findings,
        vec![(
            Some(std::path::Path::new("arch/main.go")),
            "[linux/arm64] undefined: wordSize"
        )]
    );
    // Nothing was written into the tree.
    let mut names: Vec<_> = std::fs::read_dir(dir.path().join("arch"))
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["go.mod", "main.go", "size_amd64.go"]);
    let outcome = cross_build(
        &toolchain(),
        "go-build",
        &target,
        &options(&["linux/amd64"]),
        &Cancel::new(),
    )
    .expect("go build ran");
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
}
