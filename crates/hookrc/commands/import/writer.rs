//! Renders a [`Draft`] as a readable `.hookrc.toml`: a header naming the
//! sources, `[hooks]` in githooks(5) order, one `[check.NAME]` per check
//! under a comment saying where it came from, and what was not imported as
//! comments at the end.

use std::fmt::Write as _;

use hookrc_policy::CLIENT_HOOKS;
use toml::Value;

use super::draft::{Draft, DraftCheck};

/// The policy text for `draft`, imported from `sources`.
pub(super) fn render(draft: &Draft, sources: &[String]) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# hookrc policy written by `hookrc import` from {}.",
        sources.join(", ")
    );
    text.push_str(
        "# Review it, then run `hookrc install`. Reference: docs/policy.md in hookrc's repository.\n\n[hooks]\n",
    );
    for hook in CLIENT_HOOKS {
        if let Some((_, names)) = draft.hooks().iter().find(|(known, _)| known == hook) {
            let _ = writeln!(text, "{hook} = {}", Value::from(names.clone()));
        }
    }
    for check in draft.checks() {
        render_check(&mut text, check);
    }
    if !draft.notes().is_empty() {
        text.push_str("\n# Not imported (see `hookrc import`'s report):\n");
        for note in draft.notes() {
            let _ = writeln!(text, "# - {}: {}", note.source, note.why.replace('\n', " "));
        }
    }
    text
}

/// The keys a reader looks for first, in this order; the others follow by name.
const KEY_ORDER: &[&str] = &[
    "tool",
    "run",
    "shell",
    "files",
    "exclude",
    "pass-filenames",
    "always-run",
];

fn render_check(text: &mut String, check: &DraftCheck) {
    let _ = write!(
        text,
        "\n# from {}\n[check.{}]\n",
        check.origin.replace('\n', " "),
        check.name
    );
    let mut tables = Vec::new();
    let mut keys: Vec<(&String, &Value)> = check.table.iter().collect();
    keys.sort_by_key(|(key, _)| {
        KEY_ORDER
            .iter()
            .position(|k| k == key)
            .unwrap_or(KEY_ORDER.len())
    });
    for (key, value) in keys {
        match value {
            Value::Table(table) => tables.push((key, table)),
            other => {
                let _ = writeln!(text, "{key} = {}", inline(other));
            }
        }
    }
    for (key, table) in tables {
        let _ = writeln!(text, "\n[check.{}.{key}]", check.name);
        for (name, value) in table {
            let _ = writeln!(text, "{} = {}", quoted_key(name), inline(value));
        }
    }
}

/// `value` on one line (`toml`'s inline form).
fn inline(value: &Value) -> String {
    match value {
        Value::Table(table) => {
            let entries: Vec<String> = table
                .iter()
                .map(|(key, value)| format!("{} = {}", quoted_key(key), inline(value)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
        other => other.to_string(),
    }
}

/// A bare key when TOML allows one, else a quoted one.
fn quoted_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare {
        key.to_owned()
    } else {
        Value::String(key.to_owned()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::Table;

    #[test]
    fn renders_hooks_in_order_with_origins_and_notes() {
        let mut draft = Draft::default();
        let mut rules = Table::new();
        rules.insert(
            "header-max-length".into(),
            Value::Array(vec![2.into(), "always".into(), 100.into()]),
        );
        let mut conventional = Table::new();
        conventional.insert("rules".into(), Value::Table(rules));
        draft.builtin(
            "commit-msg",
            "conventional",
            "`.commitlintrc.json`",
            conventional,
        );
        draft.builtin("pre-commit", "go-fmt", "`a.yaml`: `go-fmt`", Table::new());
        draft.note("`a.yaml`: `x`", "no equivalent");
        let text = render(&draft, &["`a.yaml`".into()]);
        insta::assert_snapshot!(text, @r#"
        # hookrc policy written by `hookrc import` from `a.yaml`.
        # Review it, then run `hookrc install`. Reference: docs/policy.md in hookrc's repository.

        [hooks]
        pre-commit = ["go-fmt"]
        commit-msg = ["conventional"]

        # from `.commitlintrc.json`
        [check.conventional]

        [check.conventional.rules]
        header-max-length = [2, "always", 100]

        # from `a.yaml`: `go-fmt`
        [check.go-fmt]

        # Not imported (see `hookrc import`'s report):
        # - `a.yaml`: `x`: no equivalent
        "#);
        hookrc_policy::parse(&text, std::path::Path::new(".hookrc.toml")).unwrap();
    }
}
