//! Validation of commitlint rule names and options against hookrc-conventional.

use crate::conventional::RuleSetting;

/// Checks that `name` looks like a commitlint rule name.
pub(crate) fn check_name(name: &str) -> Result<(), String> {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        Ok(())
    } else {
        Err(format!("invalid rule name `{name}`"))
    }
}

/// Checks one rule's setting.
#[expect(
    clippy::unnecessary_wraps,
    reason = "hookrc-conventional's `set_rule` validates here once it lands"
)]
pub(crate) fn check_setting(_rule: &str, _setting: &RuleSetting) -> Result<(), String> {
    Ok(())
}

/// The rule names hookrc-conventional knows, when it publishes them.
#[cfg(feature = "schema")]
pub(crate) fn known_names() -> Option<&'static [&'static str]> {
    None
}
