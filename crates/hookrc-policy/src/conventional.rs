//! `[check.conventional]`: Conventional Commits on the commit message, with
//! commitlint's rules in commitlint's own form.
//!
//! Each field's doc comment is its entry in the policy reference.

use std::collections::BTreeMap;
use std::fmt;

use hookrc_conventional::lint::{self, Level, RuleValue, When};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::error::with_help;
use crate::patterns::Pattern;

/// `[check.conventional]`: every commit message must be a Conventional Commit.
#[derive(Debug, Clone, Deserialize)]
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
    /// config-conventional defaults rule by rule; `hookrc config show`
    /// prints the rules that result.
    rules: Rules,
    /// Messages matching any of these regexes are not checked, e.g. `["^WIP "]`.
    ignores: Vec<Pattern>,
    /// Let git's own merge and revert messages and `fixup!`, `squash!` and
    /// `amend!` commits through (commitlint's default ignores).
    default_ignores: bool,
    /// A URL shown under every failure, e.g. your contributing guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    help_url: Option<String>,
    /// The linter configuration all of the above makes (built at load).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    config: lint::Config,
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
            config: lint::Config::conventional(),
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
    /// The commitlint configuration to lint with: config-conventional's
    /// rules, then `types`, `scopes` and `rules` on top, and `default-ignores`.
    pub fn lint_config(&self) -> &lint::Config {
        &self.config
    }

    /// Builds [`ConventionalCheck::lint_config`] from the settings (after deserializing).
    pub(crate) fn build_config(&mut self) -> Result<(), lint::RuleConfigError> {
        let mut config = lint::Config::conventional();
        let shorthands = [("type-enum", &self.types), ("scope-enum", &self.scopes)];
        for (rule, list) in shorthands {
            if let Some(list) = list {
                config.set_rule(
                    rule,
                    Level::Error,
                    When::Always,
                    RuleValue::List(list.clone()),
                )?;
            }
        }
        for (name, setting) in &self.rules.0 {
            config.set_rule(name, setting.level, setting.when, setting.value.clone())?;
        }
        config.set_default_ignores(self.default_ignores);
        self.config = config;
        Ok(())
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

/// One rule's setting: `[level, when, value]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    level: Level,
    when: When,
    value: RuleValue,
}

impl RuleSetting {
    /// The severity.
    pub fn level(&self) -> Level {
        self.level
    }
    /// `always` or `never`.
    pub fn when(&self) -> When {
        self.when
    }
    /// The value.
    pub fn value(&self) -> &RuleValue {
        &self.value
    }
}

/// Two checks are equal when they lint alike: the same effective rules
/// (however they were written: `types` or `rules.type-enum`), ignores and
/// help URL.
impl PartialEq for ConventionalCheck {
    fn eq(&self, other: &Self) -> bool {
        self.config == other.config
            && self.ignores == other.ignores
            && self.help_url == other.help_url
    }
}

/// The effective settings (what `config show` prints): every rule that
/// runs, config-conventional's defaults and `types`/`scopes` folded into
/// `rules`.
impl Serialize for ConventionalCheck {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut table = serializer.serialize_struct("ConventionalCheck", 4)?;
        table.serialize_field("ignores", &self.ignores)?;
        table.serialize_field("default-ignores", &self.config.default_ignores())?;
        match &self.help_url {
            Some(url) => table.serialize_field("help-url", url)?,
            None => table.skip_field("help-url")?,
        }
        table.serialize_field("rules", &EffectiveRules(&self.config))?;
        table.end()
    }
}

/// The rules a [`lint::Config`] runs, in rule-name order.
struct EffectiveRules<'a>(&'a lint::Config);

impl Serialize for EffectiveRules<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.rules().map(|(name, level, when, value)| {
            let setting = RuleSetting {
                level,
                when,
                value: value.clone(),
            };
            (name, setting)
        }))
    }
}

impl Serialize for RuleSetting {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let absent = self.value == RuleValue::Absent;
        let mut seq = serializer.serialize_seq(Some(if absent { 2 } else { 3 }))?;
        seq.serialize_element(&self.level.as_number())?;
        seq.serialize_element(self.when.as_str())?;
        match &self.value {
            RuleValue::Int(number) => seq.serialize_element(number)?,
            RuleValue::Text(text) => seq.serialize_element(text)?,
            RuleValue::List(list) => seq.serialize_element(list)?,
            _ => {}
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
        let number = seq.next_element::<i64>()?;
        let Some(level) = number.and_then(Level::from_number) else {
            let found = number.map_or_else(|| "nothing".to_owned(), |n| format!("`{n}`"));
            return Err(de::Error::custom(with_help(
                format!("rule `{rule}` has level {found}"),
                "the level is `0` (off), `1` (warning) or `2` (error), e.g. `[2, \"always\", 72]`",
            )));
        };
        let name = seq.next_element::<String>()?;
        let when = match name.as_deref().map(|name| (name, When::from_name(name))) {
            None => When::Always,
            Some((_, Some(when))) => when,
            Some((other, None)) => {
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
