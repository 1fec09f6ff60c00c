//! Validation of commitlint rule names and options against
//! hookrc-conventional's rule engine, so a bad rule is reported where it is
//! written.

use hookrc_conventional::lint::{Config, RULE_NAMES, RuleConfigError};

use crate::conventional::RuleSetting;
use crate::error::with_help;

/// Checks that `name` is a rule hookrc-conventional knows.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    if RULE_NAMES.contains(&name) {
        return Ok(());
    }
    let help = crate::suggest::did_you_mean(name, RULE_NAMES.iter().copied())
        .unwrap_or_else(|| "the rules are commitlint's; `docs/rules.md` lists them".into());
    Err(with_help(format!("unknown rule `{name}`"), help))
}

/// Checks one rule's level, `when` and value the way the linter will take them.
pub(crate) fn check_setting(rule: &str, setting: &RuleSetting) -> Result<(), String> {
    Config::empty()
        .set_rule(
            rule,
            setting.level(),
            setting.when(),
            setting.value().clone(),
        )
        .map_err(|error| match error {
            RuleConfigError::UnknownCase { rule, case, known } => with_help(
                format!("rule `{rule}` has unknown case `{case}`"),
                crate::suggest::did_you_mean(&case, known.split(", "))
                    .unwrap_or_else(|| format!("the cases are {known}")),
            ),
            other => other.to_string(),
        })
}

/// The rule names hookrc-conventional knows (for the schema).
#[cfg(feature = "schema")]
pub(crate) fn known_names() -> &'static [&'static str] {
    RULE_NAMES
}
