//! Generates `docs/policy.md`, the policy reference, from the JSON Schema
//! (whose descriptions are the settings' doc comments) and checks the
//! committed file against it.

use std::fmt::Write as _;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::changelog::{ChangelogSettings, GoReleaseCheck};
use crate::command::CommandCheck;
use crate::conventional::ConventionalCheck;
use crate::fields;
use crate::go::{GoFmtCheck, GoLintCheck, GoSettings, GoVetCheck};
use crate::go_push::{GoBenchCheck, GoBuildCheck, GoEnvCheck, GoModCheck, GoTestCheck};

const INTRO: &str = include_str!("reference_intro.md");

/// Renders the whole reference.
fn render() -> String {
    let schema = crate::schema::schema_value();
    let defs = &schema["$defs"];
    let mut out = String::from(INTRO);
    let _ = writeln!(out, "\n## `[hooks]`\n");
    let _ = writeln!(
        out,
        "Each key is a git client hook, each value the ordered list of the checks it \
         runs (built-in names or your `[check.NAME]` names). The hooks hookrc knows, \
         in githooks(5)'s order:\n"
    );
    let hooks: Vec<String> = crate::CLIENT_HOOKS
        .iter()
        .map(|hook| format!("`{hook}`"))
        .collect();
    let _ = writeln!(out, "{}.", hooks.join(", "));
    section::<ConventionalCheck>(&mut out, defs, "[check.conventional]", "ConventionalCheck");
    section::<GoFmtCheck>(&mut out, defs, "[check.go-fmt]", "GoFmtCheck");
    section::<GoVetCheck>(&mut out, defs, "[check.go-vet]", "GoVetCheck");
    section::<GoLintCheck>(&mut out, defs, "[check.go-lint]", "GoLintCheck");
    section::<GoTestCheck>(&mut out, defs, "[check.go-test]", "GoTestCheck");
    section::<GoBenchCheck>(&mut out, defs, "[check.go-bench]", "GoBenchCheck");
    section::<GoBuildCheck>(&mut out, defs, "[check.go-build]", "GoBuildCheck");
    section::<GoModCheck>(&mut out, defs, "[check.go-mod]", "GoModCheck");
    section::<GoEnvCheck>(&mut out, defs, "[check.go-env]", "GoEnvCheck");
    section::<GoReleaseCheck>(&mut out, defs, "[check.go-release]", "GoReleaseCheck");
    section::<CommandCheck>(&mut out, defs, "[check.NAME] (custom)", "CommandCheck");
    section::<GoSettings>(&mut out, defs, "[go]", "GoSettings");
    section::<ChangelogSettings>(&mut out, defs, "[changelog]", "ChangelogSettings");
    out
}

/// One table's section: its description, then one row per key in field order.
fn section<T: DeserializeOwned>(out: &mut String, defs: &Value, title: &str, def: &str) {
    let schema = &defs[def];
    let _ = writeln!(out, "\n## `{title}`\n");
    if let Some(description) = schema["description"].as_str() {
        // "`[check.go-fmt]`: the staged content…" → "The staged content…"
        let text = one_line(description);
        let text = match text.split_once("`: ") {
            Some((head, rest)) if head.starts_with("`[") => capitalize(rest),
            _ => text,
        };
        let _ = writeln!(out, "{text}\n");
    }
    let _ = writeln!(out, "| Key | Type | Default | Meaning |\n|---|---|---|---|");
    for key in fields::keys::<T>() {
        let property = &schema["properties"][*key];
        let required = schema["required"]
            .as_array()
            .is_some_and(|required| required.iter().any(|name| name == key));
        let default = match (&property["default"], required) {
            (_, true) => "required".to_owned(),
            (Value::Null, false) if property["$ref"] == "#/$defs/Env" => "`{}`".to_owned(),
            (Value::Null, false) if property["$ref"] == "#/$defs/Rules" => {
                "config-conventional's".to_owned()
            }
            (Value::Null, false) => "absent".to_owned(),
            (value, false) => format!("`{}`", toml_value(value)),
        };
        let meaning = property["description"]
            .as_str()
            .map(one_line)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{key}` | {} | {default} | {} |",
            type_name(property, defs),
            meaning.replace('|', "\\|")
        );
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A readable type for a property schema.
fn type_name(property: &Value, defs: &Value) -> String {
    if let Some(reference) = property["$ref"].as_str() {
        let name = reference.trim_start_matches("#/$defs/");
        return match name {
            "Globs" => "list of globs".into(),
            "Timeout" => "duration".into(),
            "Percent" => "number, 0–100".into(),
            "RepoPath" => "path in the repository".into(),
            "Fraction" => "number, 0–1".into(),
            "Alpha" => "number, 0.0001–0.5".into(),
            "Regex" => "regex".into(),
            "GoRegex" => "regex (Go syntax)".into(),
            "Env" => "table of strings".into(),
            "Rules" => "table of rules".into(),
            "Count" => "integer, 6–100".into(),
            "Targets" => "list of `GOOS/GOARCH`".into(),
            "GoVersion" => "Go version".into(),
            "LintTool" | "PackageScope" | "BenchAgainst" => defs[name]["oneOf"]
                .as_array()
                .map(|tools| {
                    let names: Vec<String> = tools
                        .iter()
                        .map(|tool| format!("`{}`", toml_value(&tool["const"])))
                        .collect();
                    names.join(" \\| ")
                })
                .unwrap_or_default(),
            other => other.into(),
        };
    }
    if property["items"]["$ref"] == "#/$defs/Regex" {
        return "list of regexes".into();
    }
    if property["additionalProperties"]["$ref"] == "#/$defs/Percent" {
        return "table of globs to percents".into();
    }
    if property["items"]["$ref"] == "#/$defs/Target" {
        return "list of `GOOS/GOARCH`".into();
    }
    if property["type"] == "object" && property["additionalProperties"]["type"] == "string" {
        return "table of strings".into();
    }
    match (
        property["type"].as_str(),
        property["items"]["type"].as_str(),
    ) {
        (Some("array"), Some(item)) => format!("list of {item}s"),
        (Some("boolean"), _) => "bool".into(),
        (Some(kind), _) => kind.into(),
        (None, _) => "value".into(),
    }
}

/// A JSON default written the way TOML writes it.
fn toml_value(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) if map.is_empty() => "{}".into(),
        other => other.to_string(),
    }
}

#[test]
fn committed_policy_reference_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/policy.md");
    let current = render();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != current {
        std::fs::write(&path, &current).unwrap();
        panic!("docs/policy.md was stale and has been regenerated: review and commit it");
    }
}
