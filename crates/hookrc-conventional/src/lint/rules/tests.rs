//! Every rule against its own documented example and against commitlint's
//! documented behaviour; `docs/rules.md` generated from the rules' docs.

use std::fmt::Write as _;
use std::path::PathBuf;

use indoc::indoc;

use super::RULES;
use crate::lint::{Config, Level, RULE_NAMES, RuleValue, When, lint};

fn source_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("src/lint/rules/{}.rs", name.replace('-', "_")))
}

/// The `//!` documentation of a rule's file.
fn rule_doc(name: &str) -> String {
    let source = std::fs::read_to_string(source_path(name)).expect("rule source");
    source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            l.strip_prefix("//! ")
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `[level, "when", value]` as commitlint writes it.
fn setting(json: &str) -> (Level, When, RuleValue) {
    let value: serde_json::Value = serde_json::from_str(json).expect("rule setting is JSON");
    let items = value.as_array().expect("array");
    let level = Level::from_number(items[0].as_i64().expect("level")).expect("0..=2");
    let when = When::from_name(items[1].as_str().expect("when")).expect("always/never");
    let value = match items.get(2) {
        None => RuleValue::Absent,
        Some(serde_json::Value::Number(n)) => RuleValue::Int(n.as_i64().expect("int")),
        Some(serde_json::Value::String(s)) => RuleValue::Text(s.clone()),
        Some(serde_json::Value::Array(a)) => RuleValue::List(
            a.iter()
                .map(|v| v.as_str().expect("string").to_owned())
                .collect(),
        ),
        Some(other) => panic!("unsupported value {other}"),
    };
    (level, when, value)
}

fn only(rule: &str, json: &str) -> Config {
    let (level, when, value) = setting(json);
    let mut config = Config::empty();
    config
        .set_rule(rule, level, when, value)
        .expect("valid setting");
    config
}

fn fails(rule: &str, json: &str, message: &str) -> bool {
    lint(message, &only(rule, json))
        .iter()
        .any(|v| v.rule == rule)
}

/// The text blocks of the `## Example` section: (setting, failing, passing).
fn example(doc: &str) -> (String, String, String) {
    let section = doc.split("## Example").nth(1).expect("Example section");
    let setting = section
        .split('`')
        .nth(1)
        .expect("setting in backticks")
        .to_owned();
    let blocks: Vec<String> = section
        .split("```text\n")
        .skip(1)
        .map(|b| b.split("\n```").next().expect("closed block").to_owned())
        .collect();
    (setting, blocks[0].clone(), blocks[1].clone())
}

#[test]
fn rule_names_are_the_registry_in_order() {
    let registry: Vec<_> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(registry, RULE_NAMES);
    let mut sorted = registry.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, registry);
    assert_eq!(RULE_NAMES.len(), 38);
}

#[test]
fn every_rule_documents_its_four_sections_and_its_example_holds() {
    for name in RULE_NAMES {
        let doc = rule_doc(name);
        for section in ["## What it does", "## Why", "## Example", "## Options"] {
            assert!(doc.contains(section), "{name}: missing {section}");
        }
        let (json, bad, good) = example(&doc);
        assert!(
            fails(name, &json, &bad),
            "{name}: documented failing example passes:\n{bad}"
        );
        assert!(
            !fails(name, &json, &good),
            "{name}: documented passing example fails:\n{good}"
        );
    }
}

/// `docs/rules.md` is generated from the rules' docs; this test rewrites it and
/// fails when it was out of date, so a stale copy never lands.
#[test]
fn docs_rules_md_is_up_to_date() {
    let mut out = String::from(indoc! {"
        # Commit message rules

        <!-- Generated from crates/hookrc-conventional/src/lint/rules/*.rs by the
             `docs_rules_md_is_up_to_date` test; edit the rule files, not this one. -->

        hookrc's `conventional` check has commitlint's rules, under commitlint's
        names, levels (`0` off, `1` warning, `2` error), conditions (`always`,
        `never`) and values, so a commitlint configuration moves over unchanged:

        ```toml
        [check.conventional]
        rules = { header-max-length = [2, \"always\", 72], scope-enum = [2, \"always\", [\"api\", \"cli\"]] }
        ```

        The defaults are those of `@commitlint/config-conventional`. Lengths count
        UTF-16 code units, as commitlint does. How hookrc reads a message, and where
        that differs from the Conventional Commits specification, is described in
        [conventional-commits.md](conventional-commits.md).

    "});
    for name in RULE_NAMES {
        let doc = rule_doc(name);
        let (summary, rest) = doc.split_once('\n').expect("summary line");
        let summary = summary.replace(&format!("The `{name}` rule: "), "");
        let mut chars = summary.chars();
        let summary: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        let _ = writeln!(out, "## `{name}`\n\n{summary}");
        out.push_str(&rest.replace("\n## ", "\n### "));
        out.push_str("\n\n");
    }
    let out = out.trim_end().to_owned() + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != out {
        std::fs::create_dir_all(path.parent().expect("docs dir")).expect("create docs/");
        std::fs::write(&path, &out).expect("write docs/rules.md");
        panic!("docs/rules.md was out of date and has been regenerated; review and commit it");
    }
}

/// Verdicts commitlint documents or tests, rule by rule: (rule, setting,
/// message, fails).
#[rustfmt::skip]
const VERDICTS: &[(&str, &str, &str, bool)] = &[
    // type-enum / type-case / type-empty (config-conventional).
    ("type-enum", r#"[2, "always", ["feat", "fix"]]"#, "feat: x", false),
    ("type-enum", r#"[2, "always", ["feat", "fix"]]"#, "Feat: x", true),
    ("type-enum", r#"[2, "never", ["chore"]]"#, "chore: x", true),
    ("type-enum", r#"[2, "always", ["feat"]]"#, "Update README", false),
    ("type-case", r#"[2, "always", "lower-case"]"#, "FIX: x", true),
    ("type-case", r#"[2, "always", ["upper-case", "lower-case"]]"#, "FIX: x", false),
    ("type-empty", r#"[2, "never"]"#, ": x", true),
    ("type-empty", r#"[2, "never"]"#, "Update README", true),
    ("type-empty", r#"[2, "always"]"#, "feat: x", true),
    // subject rules.
    ("subject-empty", r#"[2, "never"]"#, "feat: ", true),
    ("subject-empty", r#"[2, "never"]"#, "feat:x", true),
    ("subject-case", r#"[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]"#, "fix: Some message", true),
    ("subject-case", r#"[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]"#, "fix: some Message", false),
    ("subject-case", r#"[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]"#, "fix: SOME MESSAGE", true),
    ("subject-case", r#"[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]"#, "fix: 1st thing", false),
    ("subject-case", r#"[2, "never", ["sentence-case", "start-case", "pascal-case", "upper-case"]]"#, "fix: `Foo` bar", false),
    ("subject-case", r#"[2, "always", "lower-case"]"#, "fix: Ärger", true),
    ("subject-full-stop", r#"[2, "never", "."]"#, "fix: x.", true),
    ("subject-full-stop", r#"[2, "never", "."]"#, "fix: x...", false),
    ("subject-full-stop", r#"[2, "never", "."]"#, "Update README.", true),
    ("subject-full-stop", r#"[2, "always", "."]"#, "fix:", false),
    ("subject-max-length", r#"[2, "always", 3]"#, "fix: abcd", true),
    ("subject-min-length", r#"[2, "always", 3]"#, "fix: ab", true),
    ("subject-exclamation-mark", r#"[2, "never"]"#, "feat(api)!: x", true),
    ("subject-exclamation-mark", r#"[2, "always"]"#, "feat: wow!: x", true),
    // header rules: lengths in UTF-16 code units.
    ("header-max-length", r#"[2, "always", 10]"#, "fix: 12345", false),
    ("header-max-length", r#"[2, "always", 10]"#, "fix: 123456", true),
    ("header-max-length", r#"[2, "always", 10]"#, "fix: 😀😀😀", true),
    ("header-min-length", r#"[2, "always", 10]"#, "fix: x", true),
    ("header-trim", r#"[2, "always"]"#, " fix: x", true),
    ("header-trim", r#"[2, "always"]"#, "fix: x\t", true),
    ("header-trim", r#"[2, "always"]"#, "fix: x", false),
    ("header-full-stop", r#"[2, "never", "."]"#, "fix: x.", true),
    ("header-case", r#"[2, "always", "lower-case"]"#, "Fix: x", true),
    ("header-case", r#"[2, "always", "lower-case"]"#, "1Fix: x", false),
    // scope rules.
    ("scope-enum", r#"[2, "always", ["api", "cli"]]"#, "fix(api/cli): x", false),
    ("scope-enum", r#"[2, "always", ["api", "cli"]]"#, "fix(api, cli): x", false),
    ("scope-enum", r#"[2, "always", ["api", "cli"]]"#, "fix(api;cli): x", true),
    ("scope-enum", r#"[2, "always", ["api/v2"]]"#, "fix(api/v2): x", false),
    ("scope-enum", r#"[2, "never", ["api"]]"#, "fix(api/cli): x", true),
    ("scope-enum", r#"[2, "never", ["api"]]"#, "fix(cli): x", false),
    ("scope-enum", r#"[2, "always", ["api"]]"#, "fix: x", false),
    ("scope-enum", r#"[2, "always", []]"#, "fix(any): x", false),
    ("scope-case", r#"[2, "always", "kebab-case"]"#, "fix(my-scope, other-one): x", false),
    ("scope-case", r#"[2, "always", "kebab-case"]"#, "fix(myScope): x", true),
    ("scope-empty", r#"[2, "never"]"#, "fix(): x", true),
    ("scope-max-length", r#"[2, "always", 3]"#, "fix(abcd): x", true),
    ("scope-min-length", r#"[2, "always", 3]"#, "fix(ab): x", true),
    ("scope-delimiter-style", r#"[2, "always", []]"#, "fix(a, b): x", false),
    ("scope-delimiter-style", r#"[2, "always", []]"#, "fix(a;b): x", true),
    // body and footer rules.
    ("body-leading-blank", r#"[1, "always"]"#, "fix: x\nbody", true),
    ("body-leading-blank", r#"[1, "never"]"#, "fix: x\n\nbody", true),
    ("body-max-line-length", r#"[2, "always", 10]"#, "fix: x\n\nhttps://example.com/a/very/long/url", false),
    ("body-max-line-length", r#"[2, "always", 10]"#, "fix: x\n\nshort\nthis one is long", true),
    ("body-max-length", r#"[2, "always", 5]"#, "fix: x\n\n123456", true),
    ("body-min-length", r#"[2, "always", 5]"#, "fix: x", false),
    ("body-empty", r#"[2, "never"]"#, "fix: x\n\n\n", true),
    ("body-case", r#"[2, "always", "lower-case"]"#, "fix: x\n\nBody", true),
    ("body-full-stop", r#"[2, "never", "."]"#, "fix: x\n\nbody.", true),
    ("footer-leading-blank", r#"[1, "always"]"#, "fix: x\n\nbody\nBREAKING CHANGE: y", true),
    ("footer-leading-blank", r#"[1, "always"]"#, "fix: x\n\nbody\n\nBREAKING CHANGE: y", false),
    ("footer-leading-blank", r#"[1, "always"]"#, "fix: x\nRefs: #1", true),
    ("footer-leading-blank", r#"[1, "always"]"#, "fix: x\n\nRefs: #1", false),
    ("footer-empty", r#"[2, "never"]"#, "fix: x\n\nbody", true),
    ("footer-max-line-length", r#"[2, "always", 10]"#, "fix: x\n\nRefs: 1234567890", true),
    ("footer-max-length", r#"[2, "always", 5]"#, "fix: x\n\nRefs: 1", true),
    ("footer-min-length", r#"[2, "always", 50]"#, "fix: x\n\nRefs: 1", true),
    // whole-message rules.
    ("references-empty", r#"[2, "never"]"#, "fix: x", true),
    ("references-empty", r#"[2, "never"]"#, "fix: x (#12)", false),
    ("references-empty", r#"[2, "never"]"#, "fix: x\n\nbody fixes #12", false),
    ("references-empty", r#"[2, "always"]"#, "fix: x\n\nCloses #12", true),
    ("references-empty", r#"[2, "never"]"#, "fix: crash on start\n\nLog at https://example.com/l/9 closes #81", false),
    ("references-empty", r#"[2, "never"]"#, "feat: tag parser\n\nTracked in #CU-8x2a", false),
    ("references-empty", r#"[2, "never"]"#, "fix: x\n\nFixes #12: the crash", true),
    ("references-empty", r#"[2, "never"]"#, "fix: x\n\nfixes #40, see https://example.com/a/b", true),
    ("signed-off-by", r#"[2, "always", "Signed-off-by:"]"#, "fix: x\n\nSigned-off-by: A\n# comment\n", false),
    ("signed-off-by", r#"[2, "always", "Signed-off-by:"]"#, "fix: x\n\nSigned-off-by: A\nmore", true),
    ("signed-off-by", r#"[2, "always", "Signed-off-by:"]"#, "fix: x\n\nSigned-off-by: A\n(cherry picked from commit 0123456789abcdef)", false),
    ("trailer-exists", r#"[2, "always", "Signed-off-by:"]"#, "fix: x\n\nbody\n\nSigned-off-by: A", false),
    ("trailer-exists", r#"[2, "always", "Signed-off-by:"]"#, "fix: x\nSigned-off-by: A", true),
    ("trailer-exists", r#"[2, "never", "Signed-off-by:"]"#, "fix: x\n\nSigned-off-by: A", true),
    ("breaking-change-exclamation-mark", r#"[2, "always"]"#, "feat: x\n\nBREAKING CHANGE: y", true),
    ("breaking-change-exclamation-mark", r#"[2, "always"]"#, "feat!: x\n\nBREAKING-CHANGE: y", false),
    ("breaking-change-exclamation-mark", r#"[2, "always"]"#, "feat: x", false),
    ("breaking-change-exclamation-mark", r#"[2, "always"]"#, "feat: x\n\n*  BREAKING CHANGE: y", false),
    ("breaking-change-exclamation-mark", r#"[2, "never"]"#, "feat: x", true),
];

#[test]
fn commitlint_documented_verdicts() {
    for &(rule, json, message, want) in VERDICTS {
        assert_eq!(
            fails(rule, json, message),
            want,
            "{rule} {json} on {message:?}"
        );
    }
}

/// `footer-leading-blank` as commitlint reads it since its fix for bodies
/// with comment lines: the raw line before the footer's first line must be
/// blank, whether or not the parser dropped `#` lines from the body.
#[test]
fn footer_leading_blank_looks_before_the_footer_whatever_the_body_holds() {
    for (message, want) in [
        // A comment line inside the body: dropped in `--edit` mode, kept
        // from stdin; neither moves where the footer is looked for.
        (
            "feat(lexer): new tokens\n\nfirst line\n# editor note\nsecond line\n\nBREAKING CHANGE: old tokens go",
            false,
        ),
        ("fix: x\n\none\n# two\n# three\nfour\n\nRefs: #7\n", false),
        ("fix: x\n\n# only a comment\nbody\n\nCloses #3", false),
        // The line before the footer is what counts, comment or not.
        ("fix: x\n\nbody\n# note\nRefs: #7", true),
        ("fix: x\n\nbody\n\n# note\nRefs: #7", true),
        ("fix: x\n\nbody\nBREAKING CHANGE: y", true),
    ] {
        for comment in [None, Some("#")] {
            let mut config = only("footer-leading-blank", r#"[1, "always"]"#);
            config.set_comment_char(comment.map(str::to_owned));
            let failed = lint(message, &config)
                .iter()
                .any(|v| v.rule == "footer-leading-blank");
            assert_eq!(failed, want, "{message:?} with comment char {comment:?}");
        }
    }
}

#[test]
fn conventional_config_on_typical_messages() {
    let config = Config::conventional();
    let rules = |m: &str| {
        lint(m, &config)
            .into_iter()
            .map(|v| v.rule)
            .collect::<Vec<_>>()
    };
    assert!(rules("feat(api): add pagination\n").is_empty());
    assert_eq!(rules("Update README"), ["subject-empty", "type-empty"]);
    assert_eq!(rules("feature: x"), ["type-enum"]);
    assert_eq!(
        rules("fix: Handle it."),
        ["subject-case", "subject-full-stop"]
    );
    assert!(rules("Merge branch 'main' into dev").is_empty());
    assert!(rules("fixup! feat: x").is_empty());
    assert!(rules("").is_empty());
    let mut no_ignores = Config::conventional();
    no_ignores.set_default_ignores(false);
    assert_eq!(lint("fixup! feat: x", &no_ignores).len(), 2);
}

#[test]
fn violations_carry_spans_levels_and_hints() {
    let text = "feat(API): Add thing.\nbody";
    let violations = lint(text, &Config::conventional());
    let subject = violations
        .iter()
        .find(|v| v.rule == "subject-case")
        .expect("subject-case");
    assert_eq!(subject.span.map(|s| &text[s.range()]), Some("Add thing."));
    assert_eq!(subject.level, Level::Error);
    assert_eq!(
        subject.message,
        "subject must not be sentence-case, start-case, pascal-case, upper-case"
    );
    assert!(
        subject
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("sentence-case")),
        "{subject:?}"
    );
    let stop = violations
        .iter()
        .find(|v| v.rule == "subject-full-stop")
        .expect("full stop");
    assert_eq!(stop.span.map(|s| &text[s.range()]), Some("."));
    let blank = violations
        .iter()
        .find(|v| v.rule == "body-leading-blank")
        .expect("leading blank");
    assert_eq!(blank.level, Level::Warning);
    assert_eq!(blank.span.map(|s| &text[s.range()]), Some("body"));
}
