//! gofmt on contents passed as bytes, with the real gofmt.

use std::path::PathBuf;

use super::{check_format, unformatted_on_disk};
use crate::go::testenv::toolchain;
use crate::{Cancel, Status};

const CLEAN: &str = "package p\n\nfunc F() int {\n\treturn 1\n}\n";
const MESSY: &str = "package p\n\nfunc F() int {\nreturn 1\n}\nfunc G()  {}\n";

#[test]
fn clean_content_passes_and_nothing_is_reformatted() {
    let files = vec![(PathBuf::from("a/clean.go"), CLEAN.as_bytes().to_vec())];
    let report =
        check_format(&toolchain(), "go-fmt", files, 4, None, &Cancel::new()).expect("gofmt runs");
    assert_eq!(report.outcome().status(), &Status::Passed);
    assert!(report.outcome().findings().is_empty());
    assert!(report.formatted().is_empty());
}

#[test]
fn unformatted_content_fails_with_a_diff_and_the_formatted_bytes() {
    let path = PathBuf::from("-dash dir/my file.go");
    let files = vec![(path.clone(), MESSY.as_bytes().to_vec())];
    let report =
        check_format(&toolchain(), "go-fmt", files, 4, None, &Cancel::new()).expect("gofmt runs");
    assert_eq!(report.outcome().status(), &Status::Failed);
    let [finding] = report.outcome().findings() else {
        panic!("one finding expected")
    };
    assert_eq!(finding.file(), Some(path.as_path()));
    assert_eq!(
        finding.diff(),
        Some(concat!(
            "--- a/-dash dir/my file.go\n",
            "+++ b/-dash dir/my file.go\n",
            "@@ -1,6 +1,6 @@\n",
            " package p\n",
            " \n",
            " func F() int {\n",
            "-return 1\n",
            "+\treturn 1\n",
            " }\n",
            "-func G()  {}\n",
            "+func G() {}\n",
        ))
    );
    assert_eq!(
        report.formatted(),
        &[(
            path,
            b"package p\n\nfunc F() int {\n\treturn 1\n}\nfunc G() {}\n".to_vec()
        )]
    );
}

#[test]
fn syntax_errors_are_findings_at_gofmts_position() {
    let files = vec![(
        PathBuf::from("broken.go"),
        b"package p\n\nfunc {\n".to_vec(),
    )];
    let report =
        check_format(&toolchain(), "go-fmt", files, 1, None, &Cancel::new()).expect("gofmt runs");
    assert_eq!(report.outcome().status(), &Status::Failed);
    let first = &report.outcome().findings()[0];
    assert_eq!(first.file(), Some(std::path::Path::new("broken.go")));
    assert_eq!(first.line(), Some(3));
    assert!(first.column().is_some());
    assert!(first.message().contains("expected"), "{}", first.message());
    assert!(report.formatted().is_empty());
}

#[test]
fn many_files_in_parallel_report_in_sorted_order() {
    let files: Vec<(PathBuf, Vec<u8>)> = (0..12)
        .rev()
        .map(|i| {
            let content = if i % 3 == 0 { MESSY } else { CLEAN };
            (
                PathBuf::from(format!("pkg/f{i:02}.go")),
                content.as_bytes().to_vec(),
            )
        })
        .collect();
    let report =
        check_format(&toolchain(), "go-fmt", files, 4, None, &Cancel::new()).expect("gofmt runs");
    let flagged: Vec<_> = report
        .outcome()
        .findings()
        .iter()
        .filter_map(|f| f.file())
        .collect();
    let expected: Vec<PathBuf> = [0, 3, 6, 9]
        .iter()
        .map(|i| PathBuf::from(format!("pkg/f{i:02}.go")))
        .collect();
    assert_eq!(
        flagged,
        expected.iter().map(PathBuf::as_path).collect::<Vec<_>>()
    );
    let formatted: Vec<_> = report.formatted().iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(
        formatted,
        expected.into_iter().rev().collect::<Vec<_>>(),
        "input order"
    );
}

#[test]
fn a_cancelled_run_is_interrupted_not_passed() {
    let cancel = Cancel::new();
    cancel.cancel();
    let files = vec![(PathBuf::from("a.go"), CLEAN.as_bytes().to_vec())];
    let err = check_format(&toolchain(), "go-fmt", files, 1, None, &cancel).expect_err("cancelled");
    assert_eq!(err.to_string(), "interrupted before `gofmt` finished");
}

#[test]
fn a_check_past_its_timeout_fails_and_says_so() {
    let files = vec![(PathBuf::from("a.go"), CLEAN.as_bytes().to_vec())];
    let timeout = Some(std::time::Duration::ZERO);
    let report = check_format(&toolchain(), "go-fmt", files, 1, timeout, &Cancel::new())
        .expect("gofmt runs");
    assert_eq!(report.outcome().status(), &Status::Failed);
    assert_eq!(
        report.outcome().findings()[0].message(),
        "`gofmt` did not finish within the check's 0ns and was stopped"
    );
}

#[test]
fn one_gofmt_l_flags_only_the_unformatted_files_on_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
        PathBuf::from(name)
    };
    let clean = write("a/clean.go", CLEAN);
    let messy = write("-dash dir/messy file.go", MESSY);
    let flagged = unformatted_on_disk(
        &toolchain(),
        dir.path(),
        &[clean.clone(), messy.clone()],
        None,
        &Cancel::new(),
    )
    .expect("gofmt runs");
    assert_eq!(flagged, [messy]);
    let broken = write(
        "b/broken.go",
        "package p

func {
",
    );
    let flagged = unformatted_on_disk(
        &toolchain(),
        dir.path(),
        &[clean.clone(), broken.clone()],
        None,
        &Cancel::new(),
    )
    .expect("gofmt runs");
    assert_eq!(
        flagged,
        [clean, broken],
        "a syntax error leaves every file to the per-file run"
    );
}
