//! Fuzzes everything `hookrc-conventional` does with a message: cleanup, the
//! strict parser, the default ignores and lint with every rule enabled. None of
//! them may panic, and every span they return must slice the text they got.

#![no_main]

use hookrc_conventional::lint::{Config, Level, RULE_NAMES, RuleValue, When, lint};
use hookrc_conventional::{cleanup, default_ignore, parse};
use libfuzzer_sys::fuzz_target;

fn every_rule() -> Config {
    let mut config = Config::empty();
    config.set_default_ignores(false);
    config.set_comment_char(Some("#".to_owned()));
    for name in RULE_NAMES {
        let values = [
            RuleValue::Absent,
            RuleValue::Int(10),
            RuleValue::Text("lower-case".to_owned()),
            RuleValue::List(vec!["kebab-case".to_owned(), "start-case".to_owned()]),
            RuleValue::List(vec!["feat".to_owned(), "/".to_owned()]),
        ];
        for value in values {
            if config.set_rule(name, Level::Error, When::Never, value).is_ok() {
                break;
            }
        }
    }
    config
}

fn check_spans(text: &str, config: &Config) {
    for v in lint(text, config) {
        if let Some(span) = v.span {
            assert!(text.get(span.range()).is_some(), "{} span {span:?} does not slice the text", v.rule);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cleaned = cleanup(&text, "#");
    let _ = cleanup(&text, "auto");
    let _ = default_ignore(&text);
    match parse(&text) {
        Ok(commit) => {
            assert!(text.get(commit.header.span.range()).is_some());
            let again = commit.to_string();
            assert!(parse(&again).is_ok(), "formatting a parsed commit must parse again");
        }
        Err(e) => assert!(text.get(e.span().range()).is_some(), "error span {:?}", e.span()),
    }
    let config = every_rule();
    check_spans(&text, &config);
    check_spans(&cleaned, &config);
    check_spans(&text, &Config::conventional());
});
