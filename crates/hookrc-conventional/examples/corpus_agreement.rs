//! Measures how often hookrc's `conventional` verdicts agree with commitlint's on
//! a corpus folder (`messages.jsonl` + `commitlint-verdicts.jsonl`, one JSON
//! object a line, same order), with the default (config-conventional) rules.
//!
//! Three modes, each compared on valid/invalid and on the set of failing rule
//! names (errors and warnings):
//!
//! - `stdin`: `lint(raw)` against commitlint reading the message on stdin;
//! - `edit`:  `lint(raw)` with `#` as the parser's comment char, against
//!   `commitlint --edit` (what commitlint itself does in a commit-msg hook);
//! - `hook`:  `lint(cleanup(raw, "#"))`, what hookrc's commit-msg hook does,
//!   against `commitlint --edit`.
//!
//! When the folder has `parser-fields.jsonl`, it also checks that hookrc reads
//! the same fields as conventional-commits-parser: for each message, whether
//! type, scope, subject, body, footer and references are present (through the
//! `*-empty` rules, with the default ignores off).
//!
//! Usage: `cargo run -p hookrc-conventional --example corpus_agreement -- DIR [--show N]`

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use hookrc_conventional::cleanup;
use hookrc_conventional::lint::{Config, Level, RuleValue, When, lint};
use serde_json::Value;

struct Verdict {
    valid: bool,
    rules: BTreeSet<String>,
}

fn commitlint_verdict(v: &Value) -> Verdict {
    let names = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let mut rules: BTreeSet<String> = names("errors").into_iter().collect();
    rules.extend(names("warnings"));
    Verdict {
        valid: v.get("valid").and_then(Value::as_bool).unwrap_or(true),
        rules,
    }
}

fn hookrc_verdict(text: &str, config: &Config) -> Verdict {
    let violations = lint(text, config);
    Verdict {
        valid: !violations.iter().any(|v| v.level == Level::Error),
        rules: violations.iter().map(|v| v.rule.to_owned()).collect(),
    }
}

/// The fields present in conventional-commits-parser's output, by rule name.
const FIELD_RULES: [(&str, &str); 6] = [
    ("type", "type-empty"),
    ("scope", "scope-empty"),
    ("subject", "subject-empty"),
    ("body", "body-empty"),
    ("footer", "footer-empty"),
    ("references", "references-empty"),
];

fn field_config() -> Result<Config, String> {
    let mut config = Config::empty();
    config.set_default_ignores(false);
    for (_, rule) in FIELD_RULES {
        config
            .set_rule(rule, Level::Error, When::Never, RuleValue::Absent)
            .map_err(|e| e.to_string())?;
    }
    Ok(config)
}

/// Which fields the parser found, and which hookrc found, as `field` names.
fn field_presence(
    fields: &Value,
    raw: &str,
    config: &Config,
) -> (BTreeSet<&'static str>, BTreeSet<&'static str>) {
    let present = |v: Option<&Value>| match v {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        _ => false,
    };
    let theirs = FIELD_RULES
        .iter()
        .filter(|(f, _)| present(fields.get(*f)))
        .map(|(f, _)| *f)
        .collect();
    let missing: BTreeSet<&str> = lint(raw, config).iter().map(|v| v.rule).collect();
    let ours = FIELD_RULES
        .iter()
        .filter(|(_, r)| !missing.contains(r))
        .map(|(f, _)| *f)
        .collect();
    (theirs, ours)
}

fn read_jsonl(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

struct Tally {
    name: &'static str,
    verdict_agree: usize,
    rules_agree: usize,
    diffs: Vec<String>,
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .ok_or("usage: corpus_agreement DIR [--show N]")?;
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let dir = Path::new(dir);
    let messages = read_jsonl(&dir.join("messages.jsonl"))?;
    let verdicts = read_jsonl(&dir.join("commitlint-verdicts.jsonl"))?;
    if messages.len() != verdicts.len() {
        return Err("messages.jsonl and commitlint-verdicts.jsonl differ in length".into());
    }
    let plain = Config::conventional();
    let mut edit = Config::conventional();
    edit.set_comment_char(Some("#".to_owned()));
    let mut tallies =
        [("stdin", &plain), ("edit", &edit), ("hook", &plain)].map(|(name, _)| Tally {
            name,
            verdict_agree: 0,
            rules_agree: 0,
            diffs: Vec::new(),
        });
    for (m, v) in messages.iter().zip(&verdicts) {
        let raw = m.get("message").and_then(Value::as_str).unwrap_or_default();
        let id = m.get("id").and_then(Value::as_str).unwrap_or_default();
        let theirs_stdin = commitlint_verdict(v);
        let theirs_edit = commitlint_verdict(v.get("edit").unwrap_or(&Value::Null));
        let cleaned = cleanup(raw, "#");
        let ours = [
            hookrc_verdict(raw, &plain),
            hookrc_verdict(raw, &edit),
            hookrc_verdict(&cleaned, &plain),
        ];
        let theirs = [&theirs_stdin, &theirs_edit, &theirs_edit];
        for ((tally, ours), theirs) in tallies.iter_mut().zip(&ours).zip(theirs) {
            tally.verdict_agree += usize::from(ours.valid == theirs.valid);
            if ours.valid == theirs.valid && ours.rules == theirs.rules {
                tally.rules_agree += 1;
            } else {
                let mut d = String::new();
                let _ = write!(
                    d,
                    "{id}\n  commitlint: {:?} {:?}\n  hookrc:     {:?} {:?}\n  message: {:?}",
                    theirs.valid,
                    theirs.rules,
                    ours.valid,
                    ours.rules,
                    raw.chars().take(300).collect::<String>()
                );
                tally.diffs.push(d);
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let n = messages.len();
    report_fields(dir, &messages, show, &mut out)?;
    for t in &tallies {
        let as_f64 = |k: usize| f64::from(u32::try_from(k).unwrap_or(u32::MAX));
        let pct = |k: usize| 100.0 * as_f64(k) / as_f64(n.max(1));
        writeln!(
            out,
            "{:5}: verdict agrees {}/{n} ({:.2}%), verdict and rule set agree {}/{n} ({:.2}%)",
            t.name,
            t.verdict_agree,
            pct(t.verdict_agree),
            t.rules_agree,
            pct(t.rules_agree)
        )
        .map_err(|e| e.to_string())?;
    }
    let start = std::time::Instant::now();
    let rounds = 10;
    for _ in 0..rounds {
        for m in &messages {
            let raw = m.get("message").and_then(Value::as_str).unwrap_or_default();
            std::hint::black_box(lint(&cleanup(raw, "#"), &plain));
        }
    }
    let per = start.elapsed() / u32::try_from(rounds * n.max(1)).unwrap_or(u32::MAX);
    writeln!(
        out,
        "speed: cleanup + lint takes {per:?} a message on average"
    )
    .map_err(|e| e.to_string())?;
    for t in &tallies {
        for d in t.diffs.iter().take(show) {
            writeln!(out, "[{}] {d}", t.name).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Compares the fields hookrc reads with `parser-fields.jsonl`, when present.
fn report_fields(
    dir: &Path,
    messages: &[Value],
    show: usize,
    out: &mut impl std::io::Write,
) -> Result<(), String> {
    let fields_path = dir.join("parser-fields.jsonl");
    if fields_path.exists() {
        let fields = read_jsonl(&fields_path)?;
        let config = field_config()?;
        let mut agree = 0;
        let mut diffs = Vec::new();
        for (m, f) in messages.iter().zip(&fields) {
            let raw = m.get("message").and_then(Value::as_str).unwrap_or_default();
            let (theirs, ours) = field_presence(f, raw, &config);
            if theirs == ours {
                agree += 1;
            } else {
                diffs.push(format!(
                    "{}: parser {theirs:?}, hookrc {ours:?}",
                    m.get("id").and_then(Value::as_str).unwrap_or_default()
                ));
            }
        }
        writeln!(
            out,
            "fields: presence of type, scope, subject, body, footer, references agrees {agree}/{}",
            fields.len()
        )
        .map_err(|e| e.to_string())?;
        for d in diffs.iter().take(show) {
            writeln!(out, "[fields] {d}").map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
