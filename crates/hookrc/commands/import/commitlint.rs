//! commitlint's configuration (`.commitlintrc.{json,yaml,yml}`,
//! `commitlint.config.{js,cjs,mjs,ts}`, …, or `package.json`'s
//! `commitlint` key, in commitlint's search order) as `[check.conventional]`:
//! `extends` of `@commitlint/config-conventional` is hookrc's default, each
//! rule moves unchanged (same name, `[level, when, value]`), `ignores`,
//! `defaultIgnores` and `helpUrl` map to their keys. JavaScript (functions,
//! plugins, other presets) is reported as not importable.

use serde_json::Value as Json;
use toml::{Table, Value};

use super::Import;
use super::js_object::{self, JS_EXPRESSION};
use super::value::{list, read, read_yaml};

/// Where commitlint looks for its configuration, in its order.
pub(super) const FILES: &[&str] = &[
    "package.json",
    ".commitlintrc",
    ".commitlintrc.json",
    ".commitlintrc.yaml",
    ".commitlintrc.yml",
    ".commitlintrc.js",
    ".commitlintrc.cjs",
    ".commitlintrc.mjs",
    ".commitlintrc.ts",
    ".commitlintrc.cts",
    "commitlint.config.js",
    "commitlint.config.cjs",
    "commitlint.config.mjs",
    "commitlint.config.ts",
    "commitlint.config.cts",
];

/// The preset hookrc's `conventional` check has built in.
const CONVENTIONAL: &str = "@commitlint/config-conventional";

/// Import the configuration commitlint would use as `conventional` on
/// `hook`; `false` when there is none.
pub(super) fn import(import: &mut Import<'_>, hook: &str) -> anyhow::Result<bool> {
    let Some((file, config)) = find(import)? else {
        return Ok(false);
    };
    import.read(&file);
    let origin = format!("`{file}`");
    let table = conventional(import, &origin, &config);
    import.draft.builtin(hook, "conventional", &origin, table);
    Ok(true)
}

/// The first configuration commitlint would find, with its file name.
fn find(import: &Import<'_>) -> anyhow::Result<Option<(String, Json)>> {
    for file in FILES {
        if !import.root.join(file).is_file() {
            continue;
        }
        let config = match *file {
            "package.json" => {
                let package: Json = read_yaml(import.root, file)?;
                match package.get("commitlint") {
                    Some(config) => config.clone(),
                    None => continue,
                }
            }
            _ if file.ends_with("js") || file.ends_with("ts") => {
                match js_object::exported(&read(import.root, file)?) {
                    Ok(config) => config,
                    Err(why) => anyhow::bail!(
                        "`{file}` is not importable: {why}; hookrc reads only a plain object (write its rules into `[check.conventional]`)"
                    ),
                }
            }
            _ => read_yaml(import.root, file)?,
        };
        let name = if *file == "package.json" {
            "package.json` key `commitlint"
        } else {
            file
        };
        return Ok(Some((name.to_owned(), config)));
    }
    Ok(None)
}

/// `[check.conventional]` for commitlint's `config`.
fn conventional(import: &mut Import<'_>, origin: &str, config: &Json) -> Table {
    let mut table = Table::new();
    let Some(fields) = config.as_object() else {
        import.draft.note(
            origin,
            "the configuration is not an object: config-conventional's rules apply",
        );
        return table;
    };
    for (key, value) in fields {
        match key.as_str() {
            "extends" => extends(import, origin, value),
            "rules" => rules(import, origin, value, &mut table),
            "ignores" => ignores(import, origin, value),
            "defaultIgnores" => {
                if let Some(on) = value.as_bool() {
                    table.insert("default-ignores".into(), Value::from(on));
                }
            }
            "helpUrl" => {
                if let Some(url) = value.as_str() {
                    table.insert("help-url".into(), Value::from(url));
                }
            }
            "plugins" => import.draft.note(
                origin,
                "`plugins` are JavaScript: not importable (nor the rules they add)",
            ),
            "$schema" | "prompt" | "formatter" => {}
            other => import.draft.note(
                origin,
                format!("`{other}` is not imported: hookrc has no equivalent"),
            ),
        }
    }
    let presets = list(fields.get("extends")).unwrap_or_default();
    if !presets.iter().any(|preset| preset == CONVENTIONAL) {
        import.draft.note(origin, format!("`extends` lacks `{CONVENTIONAL}`: the rules of it that hookrc starts from are turned off (`[0]`) unless the configuration sets them"));
        turn_off_defaults(&mut table);
    }
    table
}

/// Without config-conventional, commitlint applies only the rules given:
/// the defaults hookrc starts from are turned off (`[0]`) unless set.
fn turn_off_defaults(table: &mut Table) {
    let Value::Table(rules) = table
        .entry("rules")
        .or_insert_with(|| Value::Table(Table::new()))
    else {
        return;
    };
    for (name, ..) in hookrc_conventional::lint::Config::conventional().rules() {
        rules
            .entry(name)
            .or_insert_with(|| Value::Array(vec![Value::from(0)]));
    }
}

fn extends(import: &mut Import<'_>, origin: &str, value: &Json) {
    let presets = list(Some(value)).unwrap_or_default();
    for preset in presets.iter().filter(|preset| *preset != CONVENTIONAL) {
        import.draft.note(origin, format!("`extends: {preset}` is not imported: copy its rules into `[check.conventional.rules]`"));
    }
}

/// Each rule, unchanged, when hookrc's linter takes it as written.
fn rules(import: &mut Import<'_>, origin: &str, value: &Json, table: &mut Table) {
    let mut rules = Table::new();
    for (name, setting) in value.as_object().into_iter().flatten() {
        let converted = toml_value(setting).filter(|value| rule_loads(name, value));
        match converted {
            Some(value) => {
                rules.insert(name.clone(), value);
            }
            None if is_js(setting) => import.draft.note(
                origin,
                format!("rule `{name}` is a function: not importable"),
            ),
            None => import.draft.note(
                origin,
                format!("rule `{name}` = {setting} is not a rule hookrc's linter takes as written"),
            ),
        }
    }
    if !rules.is_empty() {
        table.insert("rules".into(), Value::Table(rules));
    }
}

fn ignores(import: &mut Import<'_>, origin: &str, value: &Json) {
    let count = value.as_array().map_or(1, Vec::len);
    if count > 0 {
        import.draft.note(origin, format!("`ignores` holds {count} JavaScript function(s): not importable; write regexes in `ignores`"));
    }
}

/// Whether `name = value` loads as a rule of `[check.conventional]`.
fn rule_loads(name: &str, value: &Value) -> bool {
    let mut rules = Table::new();
    rules.insert(name.to_owned(), value.clone());
    let mut check = Table::new();
    check.insert("rules".into(), Value::Table(rules));
    let mut checks = Table::new();
    checks.insert("conventional".into(), Value::Table(check));
    let mut policy = Table::new();
    policy.insert("check".into(), Value::Table(checks));
    toml::to_string(&policy)
        .is_ok_and(|text| hookrc_policy::parse(&text, std::path::Path::new(".hookrc.toml")).is_ok())
}

fn is_js(value: &Json) -> bool {
    match value {
        Json::Object(map) => map.contains_key(JS_EXPRESSION),
        Json::Array(items) => items.iter().any(is_js),
        _ => false,
    }
}

/// A JSON value as TOML (`null` and JavaScript have no TOML form).
fn toml_value(value: &Json) -> Option<Value> {
    Some(match value {
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match n.as_i64() {
            Some(int) => Value::from(int),
            None => Value::from(n.as_f64()?),
        },
        Json::String(s) => Value::from(s.as_str()),
        Json::Array(items) => Value::Array(items.iter().map(toml_value).collect::<Option<_>>()?),
        Json::Object(map) if !map.contains_key(JS_EXPRESSION) => Value::Table(
            map.iter()
                .map(|(key, value)| Some((key.clone(), toml_value(value)?)))
                .collect::<Option<_>>()?,
        ),
        _ => return None,
    })
}
