//! The JSON Schema of `.hookrc.toml` (feature `schema`), for editors.
//!
//! The settings structs derive their schemas (doc comments become
//! descriptions, defaults come from their `Default`); the validated value
//! types and the document's two maps (`[hooks]`, `[check.*]`) describe
//! themselves here.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use crate::changelog::{ChangelogSettings, GoReleaseCheck};
use crate::command::CommandCheck;
use crate::conventional::{ConventionalCheck, RuleSetting, Rules};
use crate::go::{GoFmtCheck, GoLintCheck, GoSettings, GoVetCheck};
use crate::go_push::{GoBenchCheck, GoBuildCheck, GoEnvCheck, GoModCheck, GoTestCheck};
use crate::hooks::CLIENT_HOOKS;
use crate::patterns::{Globs, GoRegex, Pattern};
use crate::values::{Bounded, Bounds, Env, GO_TARGETS, Target, Timeout};

/// The JSON Schema (draft 2020-12) of `.hookrc.toml`, pretty-printed, for
/// `hookrc config schema` and `docs/hookrc.schema.json`.
pub fn json_schema() -> String {
    let mut text = serde_json::to_string_pretty(&schema_value()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value (also the source of `docs/policy.md`).
pub(crate) fn schema_value() -> Value {
    let schema = SchemaGenerator::default().into_root_schema_for::<Document>();
    let mut value = schema.to_value();
    drop_nulls(&mut value);
    if let Some(root) = value.as_object_mut() {
        root.remove("required");
    }
    value
}

/// TOML has no null: an absent key is how a policy says "none", so the
/// `anyOf: [X, {"type": "null"}]` schemars gives `Option<X>` becomes `X`.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(object) => {
            let unwrapped = object.get_mut("anyOf").and_then(|any_of| match any_of {
                Value::Array(options)
                    if options.len() == 2 && options[1] == json!({ "type": "null" }) =>
                {
                    Some(options.swap_remove(0))
                }
                _ => None,
            });
            if let Some(Value::Object(inner)) = unwrapped {
                object.remove("anyOf");
                object.extend(inner);
            }
            if let Some(Value::Array(types)) = object.get_mut("type") {
                types.retain(|kind| kind != "null");
                if let [single] = types.as_slice() {
                    let single = single.clone();
                    object.insert("type".into(), single);
                }
            }
            object.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

/// `.hookrc.toml`: each hook lists its checks; each check is configured
/// under `[check.NAME]`; shared Go settings live under `[go]`.
#[derive(JsonSchema)]
#[schemars(title = "hookrc policy (.hookrc.toml)", deny_unknown_fields)]
#[expect(dead_code, reason = "only its schema is used")]
struct Document {
    /// Each git hook's checks, in order of report.
    hooks: Option<Hooks>,
    /// The checks' settings: a built-in name (`conventional`, `go-fmt`, …)
    /// takes that check's settings; any other name is a custom command check.
    check: Option<Checks>,
    /// Settings shared by every `go-*` check.
    go: Option<GoSettings>,
    /// How `hookrc changelog` groups commits and `hookrc bump` picks versions.
    changelog: Option<ChangelogSettings>,
}

struct Hooks;

impl JsonSchema for Hooks {
    fn schema_name() -> Cow<'static, str> {
        "Hooks".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let list = json!({
            "type": "array",
            "items": { "type": "string" },
            "uniqueItems": true,
        });
        let properties: Map<String, Value> = CLIENT_HOOKS
            .iter()
            .map(|hook| ((*hook).to_owned(), list.clone()))
            .collect();
        json_schema!({
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

struct Checks;

impl JsonSchema for Checks {
    fn schema_name() -> Cow<'static, str> {
        "Checks".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let properties = json!({
            "conventional": generator.subschema_for::<ConventionalCheck>(),
            "go-fmt": generator.subschema_for::<GoFmtCheck>(),
            "go-vet": generator.subschema_for::<GoVetCheck>(),
            "go-lint": generator.subschema_for::<GoLintCheck>(),
            "go-test": generator.subschema_for::<GoTestCheck>(),
            "go-bench": generator.subschema_for::<GoBenchCheck>(),
            "go-build": generator.subschema_for::<GoBuildCheck>(),
            "go-mod": generator.subschema_for::<GoModCheck>(),
            "go-env": generator.subschema_for::<GoEnvCheck>(),
            "go-release": generator.subschema_for::<GoReleaseCheck>(),
        });
        json_schema!({
            "type": "object",
            "properties": properties,
            "propertyNames": { "pattern": "^[A-Za-z0-9_.-]+$" },
            "additionalProperties": generator.subschema_for::<CommandCheck>(),
        })
    }
}

impl JsonSchema for Rules {
    fn schema_name() -> Cow<'static, str> {
        "Rules".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "enum": crate::rules::known_names() },
            "additionalProperties": generator.subschema_for::<RuleSetting>(),
        })
    }
}

impl JsonSchema for RuleSetting {
    fn schema_name() -> Cow<'static, str> {
        "RuleSetting".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "commitlint's `[level, when, value]`: level 0 (off), 1 (warning) or 2 (error); when \"always\" or \"never\"; the value as the rule takes it.",
            "type": "array",
            "minItems": 1,
            "maxItems": 3,
            "prefixItems": [
                { "enum": [0, 1, 2] },
                { "enum": ["always", "never"] },
                { "anyOf": [
                    { "type": "integer" },
                    { "type": "string" },
                    { "type": "array", "items": { "type": "string" } },
                ] },
            ],
            "items": false,
        })
    }
}

impl JsonSchema for Globs {
    fn schema_name() -> Cow<'static, str> {
        "Globs".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Globs (globset syntax) matched against repo-relative paths; `*` also matches `/`.",
            "type": "array",
            "items": { "type": "string" },
        })
    }
}

impl JsonSchema for Pattern {
    fn schema_name() -> Cow<'static, str> {
        "Regex".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "regex" })
    }
}

impl JsonSchema for GoRegex {
    fn schema_name() -> Cow<'static, str> {
        "GoRegex".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "regex" })
    }
}

impl JsonSchema for Timeout {
    fn schema_name() -> Cow<'static, str> {
        "Timeout".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration: `500ms`, `30s`, `5m`, `1h` or combined like `1m30s`.",
            "type": "string",
            "pattern": "^([0-9]+(ms|s|m|h))+$",
        })
    }
}

impl JsonSchema for Target {
    fn schema_name() -> Cow<'static, str> {
        "Target".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "description": "`GOOS/GOARCH`, as `go tool dist list` prints it.", "enum": GO_TARGETS })
    }
}

impl<B: Bounds> JsonSchema for Bounded<B> {
    fn schema_name() -> Cow<'static, str> {
        B::NAME.into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": B::MIN, "maximum": B::MAX })
    }
}

impl JsonSchema for Env {
    fn schema_name() -> Cow<'static, str> {
        "Env".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "pattern": "^[^=\u{0}]+$" },
            "additionalProperties": { "type": "string" },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn committed_schema_is_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/hookrc.schema.json");
        let current = super::json_schema();
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != current {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &current).unwrap();
            panic!(
                "docs/hookrc.schema.json was stale and has been regenerated: review and commit it"
            );
        }
    }
}
