//! `[check.conventional]`: Conventional Commits on the commit message, with
//! commitlint's rules in commitlint's own form.
//!
//! Each field's doc comment is its entry in the policy reference.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::error::with_help;
use crate::values::Pattern;

/// `[check.conventional]`: every commit message must be a Conventional Commit.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConventionalCheck {
    /// The allowed types (shorthand for `rules.type-enum = [2, "always", [...]]`).
    /// Absent: config-conventional's `build`, `chore`, `ci`, `docs`, `feat`,
    /// `fix`, `perf`, `refactor`, `revert`, `style`, `test`.
    #[serde(skip_serializing_if = "Option::is_none")]
    types: Option<Vec<String>>,
    /// The allowed scopes (shorthand for `rules.scope-enum = [2, "always", [...]]`).
    /// Absent: any scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    scopes: Option<Vec<String>>,
    /// commitlint rules in commitlint's form, `name = [level, when, value]`:
    /// level `0` (off), `1` (warning) or `2` (error); when `"always"` or
    /// `"never"`; the value as the rule takes it, e.g.
    /// `header-max-length = [2, "always", 72]`. They override the
    /// config-conventional defaults rule by rule.
    rules: Rules,
    /// Messages matching any of these regexes are not checked, e.g. `["^WIP "]`.
    ignores: Vec<Pattern>,
    /// Let git's own merge and revert messages and `fixup!`, `squash!` and
    /// `amend!` commits through (commitlint's default ignores).
    default_ignores: bool,
    /// A URL shown under every failure, e.g. your contributing guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    help_url: Option<String>,
}

impl Default for ConventionalCheck {
    fn default() -> Self {
        ConventionalCheck {
            types: None,
            scopes: None,
            rules: Rules::default(),
            ignores: Vec::new(),
            default_ignores: true,
            help_url: None,
        }
    }
}

impl ConventionalCheck {
    /// The allowed types, if the policy restricts them with `types`.
    pub fn types(&self) -> Option<&[String]> {
        self.types.as_deref()
    }
    /// The allowed scopes, if the policy restricts them with `scopes`.
    pub fn scopes(&self) -> Option<&[String]> {
        self.scopes.as_deref()
    }
    /// The rules the policy sets, by name.
    pub fn rules(&self) -> &BTreeMap<String, RuleSetting> {
        &self.rules.0
    }
    /// The ignore patterns.
    pub fn ignores(&self) -> &[Pattern] {
        &self.ignores
    }
    /// Whether commitlint's default ignores apply.
    pub fn default_ignores(&self) -> bool {
        self.default_ignores
    }
    /// The help URL, if any.
    pub fn help_url(&self) -> Option<&str> {
        self.help_url.as_deref()
    }
    /// True when `message` matches one of the `ignores` patterns.
    pub fn is_ignored(&self, message: &str) -> bool {
        self.ignores
            .iter()
            .any(|pattern| pattern.regex().is_match(message))
    }
}

/// The rules of `[check.conventional]`, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Rules(BTreeMap<String, RuleSetting>);

/// A rule's severity, commitlint's `0`, `1`, `2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// `0`: the rule is off.
    Disabled,
    /// `1`: reported, does not fail the check.
    Warning,
    /// `2`: fails the check.
    Error,
}

/// Whether the rule's condition must hold (`always`) or must not (`never`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleWhen {
    /// `"always"`.
    Always,
    /// `"never"`.
    Never,
}

/// A rule's value, as commitlint takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleValue {
    /// No value given.
    Absent,
    /// A number, e.g. a maximum length.
    Int(i64),
    /// A string, e.g. a case name or a full stop.
    Text(String),
    /// A list of strings, e.g. allowed types or cases.
    List(Vec<String>),
}

/// One rule's setting: `[level, when, value]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    level: RuleLevel,
    when: RuleWhen,
    value: RuleValue,
}

impl RuleSetting {
    /// The severity.
    pub fn level(&self) -> RuleLevel {
        self.level
    }
    /// `always` or `never`.
    pub fn when(&self) -> RuleWhen {
        self.when
    }
    /// The value.
    pub fn value(&self) -> &RuleValue {
        &self.value
    }
}

impl Serialize for Rules {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Serialize for RuleSetting {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let absent = self.value == RuleValue::Absent;
        let mut seq = serializer.serialize_seq(Some(if absent { 2 } else { 3 }))?;
        seq.serialize_element(&match self.level {
            RuleLevel::Disabled => 0,
            RuleLevel::Warning => 1,
            RuleLevel::Error => 2,
        })?;
        seq.serialize_element(match self.when {
            RuleWhen::Always => "always",
            RuleWhen::Never => "never",
        })?;
        match &self.value {
            RuleValue::Absent => {}
            RuleValue::Int(number) => seq.serialize_element(number)?,
            RuleValue::Text(text) => seq.serialize_element(text)?,
            RuleValue::List(list) => seq.serialize_element(list)?,
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Rules {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RulesVisitor)
    }
}

struct RulesVisitor;

impl<'de> Visitor<'de> for RulesVisitor {
    type Value = Rules;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of commitlint rules, e.g. { header-max-length = [2, \"always\", 72] }")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rules, A::Error> {
        let mut rules = BTreeMap::new();
        while let Some(RuleName(name)) = map.next_key()? {
            let setting = map.next_value_seed(SettingSeed { rule: &name })?;
            rules.insert(name, setting);
        }
        Ok(Rules(rules))
    }
}

/// A rule name, checked while it is deserialized so the error points at the key.
struct RuleName(String);

impl<'de> Deserialize<'de> for RuleName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        crate::rules::check_name(&name).map_err(de::Error::custom)?;
        Ok(RuleName(name))
    }
}

/// Deserializes `[level, when, value]` for the rule it knows the name of.
struct SettingSeed<'a> {
    rule: &'a str,
}

impl<'de> DeserializeSeed<'de> for SettingSeed<'_> {
    type Value = RuleSetting;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RuleSetting, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SettingSeed<'_> {
    type Value = RuleSetting;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`[level, when, value]` for rule `{}`", self.rule)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RuleSetting, A::Error> {
        let rule = self.rule;
        let level = match seq.next_element::<i64>()? {
            Some(0) => RuleLevel::Disabled,
            Some(1) => RuleLevel::Warning,
            Some(2) => RuleLevel::Error,
            other => {
                let found = other.map_or_else(|| "nothing".to_owned(), |n| format!("`{n}`"));
                return Err(de::Error::custom(with_help(
                    format!("rule `{rule}` has level {found}"),
                    "the level is `0` (off), `1` (warning) or `2` (error), e.g. `[2, \"always\", 72]`",
                )));
            }
        };
        let when = match seq.next_element::<String>()?.as_deref() {
            None | Some("always") => RuleWhen::Always,
            Some("never") => RuleWhen::Never,
            Some(other) => {
                return Err(de::Error::custom(with_help(
                    format!("rule `{rule}` has `{other}` where `always` or `never` belongs"),
                    crate::suggest::did_you_mean(other, ["always", "never"])
                        .unwrap_or_else(|| "write `always` or `never`".into()),
                )));
            }
        };
        let value = seq
            .next_element::<ValueRepr>()?
            .map_or(RuleValue::Absent, ValueRepr::into_value);
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(format!(
                "rule `{rule}` has more than `[level, when, value]`"
            )));
        }
        let setting = RuleSetting { level, when, value };
        crate::rules::check_setting(rule, &setting).map_err(de::Error::custom)?;
        Ok(setting)
    }
}

/// The accepted shapes of a rule value.
#[derive(Deserialize)]
#[serde(untagged, expecting = "a number, a string or a list of strings")]
enum ValueRepr {
    Int(i64),
    Text(String),
    List(Vec<String>),
}

impl ValueRepr {
    fn into_value(self) -> RuleValue {
        match self {
            ValueRepr::Int(number) => RuleValue::Int(number),
            ValueRepr::Text(text) => RuleValue::Text(text),
            ValueRepr::List(list) => RuleValue::List(list),
        }
    }
}
