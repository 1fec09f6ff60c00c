//! Whole-crate tests over the fixture corpora: every invalid policy renders
//! one snapshot, every valid one loads, and `to_toml` round-trips.

use std::path::Path;

use crate::{Check, DefaultContext, PolicyError, PolicySource, parse};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn display_name(path: &Path) -> String {
    format!("invalid/{}", path.file_name().unwrap().to_string_lossy())
}

#[test]
fn invalid_policies_render_located_errors() {
    insta::glob!("../../../fixtures/policy/invalid", "*.toml", |path| {
        let error = parse(&read(path), Path::new(&display_name(path))).unwrap_err();
        let PolicyError::Invalid(invalid) = &error else {
            panic!("{path:?}: expected a located error, got {error:?}");
        };
        let rendered = error.to_string();
        let location = format!(
            "{}:{}:{}: ",
            display_name(path),
            invalid.line(),
            invalid.column()
        );
        assert!(rendered.starts_with(&location), "{rendered}");
        assert!(
            rendered.contains(" | ") && rendered.contains('^'),
            "{rendered}"
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn valid_policies_load_and_round_trip() {
    insta::glob!("../../../fixtures/policy/valid", "*.toml", |path| {
        let policy = parse(&read(path), path).unwrap();
        assert_eq!(policy.source(), PolicySource::File(path.to_path_buf()));
        let shown = policy.to_toml();
        let again = parse(&shown, path).unwrap_or_else(|error| panic!("{error}\n{shown}"));
        assert_eq!(again, policy, "{shown}");
        assert_eq!(again.to_toml(), shown);
        insta::assert_snapshot!(shown);
    });
}

#[test]
fn checks_come_in_policy_order_with_defaults_for_unconfigured_builtins() {
    let policy = parse(
        &read(Path::new("../../fixtures/policy/valid/sketch.toml")),
        Path::new("p"),
    )
    .unwrap();
    let pre_commit: Vec<_> = policy
        .checks_for("pre-commit")
        .map(|(name, _)| name)
        .collect();
    assert_eq!(pre_commit, ["go-fmt", "go-vet", "go-lint", "shellcheck"]);
    assert_eq!(
        policy.hooks().collect::<Vec<_>>(),
        ["pre-commit", "commit-msg", "pre-push"]
    );
    let Some(Check::GoFmt(fmt)) = policy.check("go-fmt") else {
        panic!("go-fmt")
    };
    assert!(!fmt.fix() && fmt.files().is_empty());
    assert_eq!(fmt.timeout(), std::time::Duration::from_mins(1));
    let Some(Check::GoBench(bench)) = policy.check("go-bench") else {
        panic!("go-bench")
    };
    assert_eq!((bench.count(), bench.bench().as_str()), (10, "."));
    assert!((bench.alpha() - 0.05).abs() < f64::EPSILON);
    assert!(policy.checks_for("post-commit").next().is_none());
}

#[test]
fn every_key_fixture_sets_what_it_says() {
    let policy = parse(
        &read(Path::new("../../fixtures/policy/valid/every-key.toml")),
        Path::new("p"),
    )
    .unwrap();
    assert_eq!(
        policy.hooks().collect::<Vec<_>>(),
        ["pre-commit", "commit-msg", "pre-push"]
    );
    let Some(Check::Command(greet)) = policy.check("greet") else {
        panic!("greet")
    };
    assert_eq!(
        greet.argv("greet"),
        ["sh", "-c", "echo \"$0:\" \"$@\"", "greet", "--"]
    );
    assert!(!greet.pass_filenames() && greet.always_run() && greet.optional());
    assert!(greet.matches(Path::new("docs/a.md")) && !greet.matches(Path::new("CHANGELOG.md")));
    assert_eq!(greet.timeout(), std::time::Duration::from_mins(90));
    let Some(Check::GoTest(test)) = policy.check("go-test") else {
        panic!("go-test")
    };
    assert_eq!(
        (test.coverage_min(), test.per_package_min()),
        (Some(80.0), Some(60.5))
    );
    assert_eq!(
        test.per_package().collect::<Vec<_>>(),
        [("example.com/m/internal/*", 50.0), ("legacy/**", 0.0)]
    );
    assert!(
        test.exclude_packages()
            .matches(Path::new("example.com/m/cmd/tool"))
    );
    assert_eq!(test.exclude_files()[1].as_str(), "\\.pb\\.go$");
    let Some(Check::Conventional(conventional)) = policy.check("conventional") else {
        panic!()
    };
    assert!(conventional.is_ignored("release V1.2") && !conventional.is_ignored("feat: x"));
    assert_eq!(policy.checks().last().map(|(name, _)| name), Some("unused"));
    assert!(policy.go().include_vendor() && policy.go().tags() == ["integration", "netgo"]);
}

#[test]
fn load_reads_the_worktree_policy_or_falls_back_to_the_default() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let ctx = DefaultContext::default();
    let policy = crate::load(dir, || ctx).unwrap();
    assert_eq!(policy.source(), PolicySource::Embedded);
    let file = dir.join(crate::POLICY_FILE);
    std::fs::write(&file, "[hooks]\npre-push = [\"go-mod\"]\n").unwrap();
    let policy = crate::load(dir, || ctx).unwrap();
    assert_eq!(policy.source(), PolicySource::File(file.clone()));
    assert_eq!(policy.hooks().collect::<Vec<_>>(), ["pre-push"]);
    std::fs::write(&file, [0xff, 0xfe]).unwrap();
    let error = crate::load(dir, || ctx).unwrap_err();
    assert!(matches!(error, PolicyError::Invalid(_)), "{error}");
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink("gone.toml", &file).unwrap();
    let error = crate::load(dir, || ctx).unwrap_err();
    assert!(matches!(error, PolicyError::Refused { .. }), "{error}");
}

#[test]
fn conventional_settings_become_the_lint_config() {
    use hookrc_conventional::lint::{Level, RuleValue, When, lint};
    let policy = parse(
        &read(Path::new("../../fixtures/policy/valid/sketch.toml")),
        Path::new("p"),
    )
    .unwrap();
    let Some(Check::Conventional(check)) = policy.check("conventional") else {
        panic!()
    };
    let config = check.lint_config();
    assert_eq!(
        config.rule("header-max-length"),
        Some((Level::Error, When::Always, &RuleValue::Int(72)))
    );
    assert_eq!(
        config.rule("subject-full-stop").map(|rule| rule.0),
        Some(Level::Error)
    );
    let failed: Vec<_> = lint("feat(web): add a thing", config)
        .into_iter()
        .map(|v| v.rule)
        .collect();
    assert_eq!(failed, ["scope-enum"]);
    assert!(lint("feat(api): add a thing", config).is_empty());
    assert!(!lint("wip: add a thing", config).is_empty());
}

#[test]
fn default_ignores_and_disabled_rules_reach_the_lint_config() {
    use hookrc_conventional::lint::Level;
    let every = parse(
        &read(Path::new("../../fixtures/policy/valid/every-key.toml")),
        Path::new("p"),
    )
    .unwrap();
    let Some(Check::Conventional(check)) = every.check("conventional") else {
        panic!()
    };
    assert!(!check.lint_config().default_ignores());
    assert_eq!(
        check
            .lint_config()
            .rule("body-leading-blank")
            .map(|rule| rule.0),
        Some(Level::Disabled)
    );
    let default = crate::default_policy(&DefaultContext::default()).unwrap();
    let Some(Check::Conventional(check)) = default.check("conventional") else {
        panic!()
    };
    assert_eq!(
        check.lint_config(),
        &hookrc_conventional::lint::Config::conventional()
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let policy = parse(
        "\u{feff}[hooks]\ncommit-msg = [\"conventional\"]\n",
        Path::new("p"),
    )
    .unwrap();
    assert_eq!(policy.hooks().collect::<Vec<_>>(), ["commit-msg"]);
}

#[test]
fn types_shorthand_and_type_enum_make_the_same_policy() {
    let head = "[hooks]\ncommit-msg = [\"conventional\"]\n[check.conventional]\n";
    let short = parse(
        &format!("{head}types = [\"feat\", \"fix\"]\n"),
        Path::new("p"),
    )
    .unwrap();
    let long = parse(
        &format!("{head}rules = {{ type-enum = [2, \"always\", [\"feat\", \"fix\"]] }}\n"),
        Path::new("p"),
    )
    .unwrap();
    let other = parse(&format!("{head}types = [\"feat\"]\n"), Path::new("p")).unwrap();
    assert_eq!(short, long);
    assert_ne!(short, other);
    assert!(
        short
            .to_toml()
            .contains("type-enum = [2, \"always\", [\"feat\", \"fix\"]]")
    );
}
