use std::path::Path;

use super::{ModOptions, check_module};
use crate::go::Target;
use crate::go::testenv::{fixture, toolchain};
use crate::{Cancel, Status};

const ALL: ModOptions = ModOptions {
    tidy: true,
    vendor: true,
};

fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = super::read_tree(dir).expect("read").into_iter().collect();
    files.sort();
    files
}

#[test]
fn an_untidy_go_mod_is_reported_with_the_diff_and_left_alone() {
    let dir = fixture("untidy");
    let before = snapshot(dir.path());
    let target = Target::new(dir.path(), "untidy");
    let outcome = check_module(&toolchain(), "go-mod", &target, ALL, &Cancel::new()).expect("ran");
    assert_eq!(outcome.status(), &Status::Failed);
    let finding = &outcome.findings()[0];
    assert_eq!(finding.file(), Some(Path::new("untidy/go.mod")));
    assert!(
        finding
            .diff()
            .expect("diff")
            .contains("-require example.com/lib v0.0.0"),
        "{finding:?}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the user's files were changed"
    );
}

#[test]
fn vendor_in_step_passes_and_out_of_date_vendor_is_named() {
    let dir = fixture("vendored");
    let target = Target::new(dir.path(), "vendored");
    let outcome = check_module(&toolchain(), "go-mod", &target, ALL, &Cancel::new()).expect("ran");
    assert_eq!(outcome.status(), &Status::Passed, "{outcome:?}");
    let lib = dir.path().join("vendored/lib/lib.go");
    let text = std::fs::read_to_string(&lib).expect("read");
    std::fs::write(&lib, text.replace("\"hello\"", "\"hi\"")).expect("write");
    let before = snapshot(dir.path());
    let outcome = check_module(&toolchain(), "go-mod", &target, ALL, &Cancel::new()).expect("ran");
    let findings: Vec<_> = outcome
        .findings()
        .iter()
        .map(|f| (f.file(), f.message()))
        .collect();
    assert_eq!(
        findings,
        vec![(
            Some(Path::new("vendored/vendor/example.com/lib/lib.go")),
            "vendor/ is out of date with go.mod: this file differs from what `go mod vendor` writes"
        )]
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the user's files were changed"
    );
    let off = ModOptions {
        tidy: true,
        vendor: false,
    };
    let outcome = check_module(&toolchain(), "go-mod", &target, off, &Cancel::new()).expect("ran");
    assert_eq!(outcome.status(), &Status::Passed);
}
