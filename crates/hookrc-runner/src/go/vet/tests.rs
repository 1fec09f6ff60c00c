//! `go vet` with the real toolchain on copies of the fixtures.

use std::path::{Path, PathBuf};

use super::vet;
use crate::go::testenv::{fixture, host_env, toolchain, toolchain_with};
use crate::go::{Selection, Target, group_files};
use crate::{Cancel, Status};

const BAD_PRINTF: &str = "package mathx\n\nimport \"fmt\"\n\n// Show prints n.\nfunc Show(n string) { fmt.Printf(\"%d\\n\", n) }\n";

fn all_packages(root: &Path, dir: &str) -> Vec<PathBuf> {
    let mut packages = vec![];
    for entry in walk(&root.join(dir)) {
        let rel = entry
            .strip_prefix(root.join(dir))
            .expect("under dir")
            .to_path_buf();
        packages.push(rel);
    }
    packages.sort();
    packages.dedup();
    packages
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = vec![];
    for entry in std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry"))
    {
        let path = entry.path();
        if path.is_dir() && !path.join("go.mod").exists() {
            found.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "go") {
            found.push(dir.to_path_buf());
        }
    }
    found
}

#[test]
fn a_clean_multi_package_module_passes() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    let target = Target::new(&root, "").with_packages(all_packages(&root, ""));
    assert!(target.package_args().len() >= 4);
    let outcome =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Passed, "{}", outcome.output());
}

#[test]
fn a_vet_error_is_a_finding_at_its_repo_path() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    std::fs::write(root.join("mathx/show me.go"), BAD_PRINTF).expect("write");
    let target = Target::new(&root, "").with_packages(vec!["mathx".into(), "greet".into()]);
    let outcome =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Failed);
    let [finding] = outcome.findings() else {
        panic!("one finding: {:?}", outcome.findings())
    };
    assert_eq!(finding.file(), Some(Path::new("mathx/show me.go")));
    assert_eq!((finding.line(), finding.column()), (Some(6), Some(35)));
    assert_eq!(
        finding.message(),
        "fmt.Printf format %d has arg n of wrong type string"
    );
}

#[test]
fn the_policys_extra_args_reach_go_vet() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    std::fs::write(root.join("mathx/show.go"), BAD_PRINTF).expect("write");
    let target = Target::new(&root, "").with_packages(vec!["mathx".into()]);
    let args = [std::ffi::OsString::from("-printf=false")];
    let outcome =
        vet(&toolchain(), "go-vet", &target, &args, None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Passed, "{}", outcome.output());
}

#[test]
fn a_type_error_fails_with_its_location() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    std::fs::write(
        root.join("greet/broken.go"),
        "package greet\n\nfunc broken() { x := 1 }\n",
    )
    .expect("write");
    let target = Target::new(&root, "").with_packages(vec!["greet".into()]);
    let outcome =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Failed);
    let finding = &outcome.findings()[0];
    assert_eq!(finding.file(), Some(Path::new("greet/broken.go")));
    assert_eq!(finding.line(), Some(3));
    assert!(
        finding.message().contains("declared and not used"),
        "{}",
        finding.message()
    );
}

#[test]
fn build_tags_are_passed_through() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    let tagged = format!("//go:build special\n\n{BAD_PRINTF}");
    std::fs::write(root.join("mathx/special.go"), tagged).expect("write");
    let target = Target::new(&root, "").with_packages(vec!["mathx".into()]);
    let untagged =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(untagged.status(), &Status::Passed, "{}", untagged.output());
    let target = target.with_tags(vec!["special".into()]);
    let tagged = vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(tagged.status(), &Status::Failed);
    assert_eq!(
        tagged.findings()[0].file(),
        Some(Path::new("mathx/special.go"))
    );
}

#[test]
fn an_overlay_replaces_content_and_hides_files_with_paths_kept() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    // The working tree has an unstaged vet error that the overlay hides, and
    // the "staged" content of mathx.go (outside the tree) has one.
    std::fs::write(root.join("mathx/untracked.go"), BAD_PRINTF).expect("write");
    let staged = tmp.path().join("staged-mathx.go");
    std::fs::write(&staged, BAD_PRINTF.replace("Show", "Sum")).expect("write");
    let overlay = tmp.path().join("overlay.json");
    let json = serde_json::json!({ "Replace": {
        root.join("mathx/mathx.go").to_str().expect("utf-8"): staged.to_str().expect("utf-8"),
        root.join("mathx/untracked.go").to_str().expect("utf-8"): "",
    }});
    std::fs::write(&overlay, json.to_string()).expect("write overlay");
    let target = Target::new(&root, "").with_packages(vec!["mathx".into()]);
    let outcome = vet(
        &toolchain(),
        "go-vet",
        &target,
        &[],
        Some(&overlay),
        &Cancel::new(),
    )
    .expect("vet runs");
    let files: Vec<_> = outcome.findings().iter().map(|f| f.file()).collect();
    assert_eq!(
        files,
        vec![Some(Path::new("mathx/mathx.go"))],
        "{}",
        outcome.output()
    );
}

#[test]
fn nested_module_paths_map_back_to_the_repo() {
    let tmp = fixture("nested");
    let root = tmp.path().join("nested");
    std::fs::write(
        root.join("tools/lint/bad.go"),
        BAD_PRINTF.replace("package mathx", "package lint"),
    )
    .expect("write");
    let files = vec![
        PathBuf::from("tools/lint/bad.go"),
        PathBuf::from("app/app.go"),
    ];
    let grouping = group_files(&root, &files, Selection::default(), false).expect("grouped");
    let tc = toolchain();
    let outcomes: Vec<_> = grouping
        .units()
        .iter()
        .map(|unit| {
            vet(
                &tc,
                "go-vet",
                &Target::from_unit(&root, unit),
                &[],
                None,
                &Cancel::new(),
            )
            .expect("vet runs")
        })
        .collect();
    assert_eq!(
        outcomes[0].status(),
        &Status::Passed,
        "{}",
        outcomes[0].output()
    );
    assert_eq!(outcomes[1].status(), &Status::Failed);
    assert_eq!(
        outcomes[1].findings()[0].file(),
        Some(Path::new("tools/lint/bad.go"))
    );
}

#[test]
fn a_whole_module_stops_at_nested_modules() {
    let tmp = fixture("nested");
    let root = tmp.path().join("nested");
    let bad = BAD_PRINTF.replace("package mathx", "package lint");
    std::fs::write(root.join("tools/lint/bad.go"), &bad).expect("write");
    let whole = |dir: &str| Target::new(&root, dir).with_packages(vec![PathBuf::from("...")]);
    assert_eq!(
        whole("").package_args(),
        vec![std::ffi::OsString::from("./...")]
    );
    let outer = vet(
        &toolchain(),
        "go-vet",
        &whole(""),
        &[],
        None,
        &Cancel::new(),
    )
    .expect("vet runs");
    assert_eq!(outer.status(), &Status::Passed, "{}", outer.output());
    let inner = vet(
        &toolchain(),
        "go-vet",
        &whole("tools"),
        &[],
        None,
        &Cancel::new(),
    )
    .expect("vet runs");
    assert_eq!(
        inner.findings()[0].file(),
        Some(Path::new("tools/lint/bad.go"))
    );
}

#[test]
fn a_go_work_workspace_resolves_its_modules() {
    let tmp = fixture("work");
    let root = tmp.path().join("work");
    let target = Target::new(&root, "svc").with_packages(vec![PathBuf::new()]);
    let outcome =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Passed, "{}", outcome.output());
}

#[test]
fn gopath_mode_works_with_go111module_off() {
    let tmp = fixture("gopath");
    let gopath = tmp.path().join("gopath");
    let mut env = host_env();
    env.insert("GOPATH".into(), gopath.clone().into_os_string());
    env.insert("GO111MODULE".into(), "off".into());
    let tc = toolchain_with(env);
    assert!(tc.go_env().modules_off());
    let root = gopath.join("src/example.com/hello");
    std::fs::write(
        root.join("greet/bad.go"),
        BAD_PRINTF.replace("package mathx", "package greet"),
    )
    .expect("write");
    let files = vec![PathBuf::from("main.go"), PathBuf::from("greet/bad.go")];
    let grouping = group_files(&root, &files, Selection::default(), true).expect("grouped");
    let [unit] = grouping.units() else {
        panic!("one GOPATH unit")
    };
    assert_eq!(unit.module(), None);
    let outcome = vet(
        &tc,
        "go-vet",
        &Target::from_unit(&root, unit),
        &[],
        None,
        &Cancel::new(),
    )
    .expect("vet runs");
    assert_eq!(outcome.status(), &Status::Failed, "{}", outcome.output());
    let files: Vec<_> = outcome.findings().iter().map(|f| f.file()).collect();
    assert_eq!(files, vec![Some(Path::new("greet/bad.go"))]);
}

#[test]
fn code_outside_any_module_is_vetted_in_gopath_mode_without_go111module_set() {
    let tmp = fixture("gopath");
    let gopath = tmp.path().join("gopath");
    let mut env = host_env();
    env.insert("GOPATH".into(), gopath.clone().into_os_string());
    let tc = toolchain_with(env);
    assert!(
        !tc.go_env().modules_off(),
        "GO111MODULE is not set to off here"
    );
    let root = gopath.join("src/example.com/hello");
    let files = vec![PathBuf::from("main.go"), PathBuf::from("greet/greet.go")];
    let grouping = group_files(&root, &files, Selection::default(), false).expect("grouped");
    let target = Target::from_unit(&root, &grouping.units()[0]);
    assert!(target.gopath_mode());
    let outcome = vet(&tc, "go-vet", &target, &[], None, &Cancel::new()).expect("vet runs");
    assert_eq!(outcome.status(), &Status::Passed, "{}", outcome.output());
}

#[test]
fn a_vet_past_its_timeout_fails_and_says_so() {
    let tmp = fixture("multi");
    let root = tmp.path().join("multi");
    let target = Target::new(&root, "")
        .with_packages(vec!["mathx".into()])
        .with_timeout(std::time::Duration::ZERO);
    let outcome =
        vet(&toolchain(), "go-vet", &target, &[], None, &Cancel::new()).expect("not an error");
    assert_eq!(outcome.status(), &Status::Failed);
    assert_eq!(
        outcome.findings()[0].message(),
        "`go vet` did not finish within 0ns and was stopped"
    );
}
