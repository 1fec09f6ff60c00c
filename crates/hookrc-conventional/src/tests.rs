//! Whole-pipeline tests: every message under `fixtures/commits/` rendered
//! through cleanup, parse, the default ignores and lint (one snapshot each),
//! and the property that a formatted commit parses back to the same parts.

use std::fmt::Write as _;

use proptest::prelude::*;

use crate::lint::{Config, Level, lint};
use crate::{Commit, cleanup, default_ignore, parse};

/// Line and column (1-based, in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn render(raw: &str) -> String {
    let text = cleanup(raw, "#");
    let mut out = format!("--- cleanup(\"#\") ---\n{text}--- parse ---\n");
    match parse(&text) {
        Ok(c) => {
            let _ = writeln!(
                out,
                "type: {:?}\nscope: {:?}\nbreaking: {}",
                c.r#type.text,
                c.scope.map(|s| s.text),
                c.is_breaking()
            );
            let _ = writeln!(
                out,
                "description: {:?}\nbody: {:?}",
                c.description.text,
                c.body.map(|b| b.text)
            );
            for f in &c.footers {
                let _ = writeln!(
                    out,
                    "footer: {:?} {:?} {:?}",
                    f.token.text, f.separator, f.value.text
                );
            }
        }
        Err(e) => {
            let (line, col) = position(&text, e.span().start);
            let _ = writeln!(
                out,
                "error at {line}:{col} {:?}: {e}",
                &text[e.span().range()]
            );
        }
    }
    let _ = writeln!(
        out,
        "--- default_ignore ---\n{:?}\n--- lint (config-conventional) ---",
        default_ignore(&text)
    );
    for v in lint(&text, &Config::conventional()) {
        let level = if v.level == Level::Error {
            "error"
        } else {
            "warning"
        };
        let at = v.span.map_or_else(String::new, |s| {
            let (line, col) = position(&text, s.start);
            format!(" at {line}:{col} {:?}", &text[s.range()])
        });
        let _ = writeln!(
            out,
            "{level}[{}]{at}: {}\n  hint: {}",
            v.rule,
            v.message,
            v.hint.unwrap_or_default()
        );
    }
    out
}

#[test]
fn fixture_messages() {
    insta::glob!("../../../fixtures/commits", "**/*.txt", |path| {
        let raw = std::fs::read_to_string(path).expect("fixture");
        let rendered = render(&raw);
        let valid = !lint(&cleanup(&raw, "#"), &Config::conventional())
            .iter()
            .any(|v| v.level == Level::Error)
            && !cleanup(&raw, "#").is_empty();
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str());
        assert_eq!(
            valid,
            folder == Some("valid"),
            "{} is in the wrong folder:\n{rendered}",
            path.display()
        );
        insta::assert_snapshot!(rendered);
    });
}

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}"
}

fn sentence() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9 ,.()!é]{0,40}[a-zA-Z0-9.!é)]"
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..4).prop_map(|lines| lines.join("\n"))
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("BREAKING CHANGE".to_owned()),
        Just("BREAKING-CHANGE".to_owned()),
        "[A-Z][a-z]{1,6}(-[a-z]{1,6}){0,2}",
    ]
}

fn footer() -> impl Strategy<Value = (String, bool, String)> {
    (
        token(),
        any::<bool>(),
        prop::collection::vec(sentence(), 1..3),
    )
        .prop_map(|(t, hash, lines)| {
            let continuation: Vec<String> =
                lines.iter().skip(1).map(|l| format!("  {l}")).collect();
            let value = std::iter::once(lines[0].clone())
                .chain(continuation)
                .collect::<Vec<_>>()
                .join("\n");
            (t, hash, value)
        })
}

fn message() -> impl Strategy<Value = String> {
    (
        word(),
        prop::option::of(word()),
        any::<bool>(),
        sentence(),
        prop::collection::vec(paragraph(), 0..3),
        prop::collection::vec(footer(), 0..4),
    )
        .prop_map(|(ty, scope, bang, description, body, footers)| {
            let mut m = ty;
            if let Some(s) = scope {
                let _ = write!(m, "({s})");
            }
            let _ = write!(m, "{}: {description}", if bang { "!" } else { "" });
            if !body.is_empty() {
                let _ = write!(m, "\n\n{}", body.join("\n\n"));
            }
            for (i, (t, hash, v)) in footers.iter().enumerate() {
                let sep = if *hash { " #" } else { ": " };
                let _ = write!(m, "{}{t}{sep}{v}", if i == 0 { "\n\n" } else { "\n" });
            }
            m
        })
}

fn parts(c: &Commit<'_>) -> Vec<String> {
    let mut p = vec![
        c.r#type.text.to_owned(),
        format!("{:?}", c.scope.map(|s| s.text)),
        c.is_breaking().to_string(),
        c.description.text.to_owned(),
        format!("{:?}", c.body.map(|b| b.text)),
    ];
    p.extend(
        c.footers
            .iter()
            .map(|f| format!("{}{}{}", f.token.text, f.separator.as_str(), f.value.text)),
    );
    p
}

proptest! {
    #[test]
    fn formatting_a_parsed_message_parses_to_the_same_parts(text in message()) {
        let first = parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        prop_assert_eq!(first.to_string(), text.clone());
        let again = first.to_string();
        let second = parse(&again).map_err(|e| TestCaseError::fail(format!("{again:?}: {e}")))?;
        prop_assert_eq!(parts(&first), parts(&second));
    }

    #[test]
    fn nothing_panics_and_spans_slice_the_text(text in "\\PC{0,200}|[\\s\\S]{0,60}") {
        let cleaned = cleanup(&text, "#");
        if let Err(e) = parse(&text) {
            prop_assert!(text.get(e.span().range()).is_some());
        }
        for v in lint(&text, &Config::conventional()).into_iter().chain(lint(&cleaned, &Config::conventional())) {
            if let Some(s) = v.span {
                prop_assert!(text.get(s.range()).is_some() || cleaned.get(s.range()).is_some());
            }
        }
    }
}
