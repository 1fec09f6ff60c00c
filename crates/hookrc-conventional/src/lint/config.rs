//! Which rules run, at which level, with which options: commitlint's
//! `[level, when, value]` per rule name.

use super::rules::{RULES, RuleDef, ValueKind};
use super::{Level, RuleValue, When};
use crate::error::RuleConfigError;
use crate::lint::case::{CASE_NAMES, Case};

/// One rule's `[level, when, value]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Setting {
    pub(crate) level: Level,
    pub(crate) when: When,
    pub(crate) value: RuleValue,
}

/// A rule configuration: commitlint's `rules` object, plus the two lint options
/// commitlint has outside it (default ignores, the parser's comment char).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    settings: Vec<Option<Setting>>,
    default_ignores: bool,
    comment_char: Option<String>,
}

impl Config {
    /// No rule enabled; default ignores on.
    pub fn empty() -> Self {
        Self {
            settings: vec![None; RULES.len()],
            default_ignores: true,
            comment_char: None,
        }
    }

    /// `@commitlint/config-conventional` 21: the same rules, levels and values.
    pub fn conventional() -> Self {
        let mut config = Self::empty();
        let types = [
            "build", "chore", "ci", "docs", "feat", "fix", "perf", "refactor", "revert", "style",
            "test",
        ];
        let list =
            |items: &[&str]| RuleValue::List(items.iter().map(|s| (*s).to_owned()).collect());
        let rules = [
            (
                "body-leading-blank",
                Level::Warning,
                When::Always,
                RuleValue::Absent,
            ),
            (
                "body-max-line-length",
                Level::Error,
                When::Always,
                RuleValue::Int(100),
            ),
            (
                "footer-leading-blank",
                Level::Warning,
                When::Always,
                RuleValue::Absent,
            ),
            (
                "footer-max-line-length",
                Level::Error,
                When::Always,
                RuleValue::Int(100),
            ),
            (
                "header-max-length",
                Level::Error,
                When::Always,
                RuleValue::Int(100),
            ),
            ("header-trim", Level::Error, When::Always, RuleValue::Absent),
            (
                "subject-case",
                Level::Error,
                When::Never,
                list(&["sentence-case", "start-case", "pascal-case", "upper-case"]),
            ),
            (
                "subject-empty",
                Level::Error,
                When::Never,
                RuleValue::Absent,
            ),
            (
                "subject-full-stop",
                Level::Error,
                When::Never,
                RuleValue::Text(".".to_owned()),
            ),
            (
                "type-case",
                Level::Error,
                When::Always,
                RuleValue::Text("lower-case".to_owned()),
            ),
            ("type-empty", Level::Error, When::Never, RuleValue::Absent),
            ("type-enum", Level::Error, When::Always, list(&types)),
        ];
        for (name, level, when, value) in rules {
            if let Some(slot) = RULES
                .iter()
                .position(|r| r.name == name)
                .and_then(|i| config.settings.get_mut(i))
            {
                *slot = Some(Setting { level, when, value });
            }
        }
        config
    }

    /// Sets one rule, as commitlint's `"name": [level, when, value]` does.
    ///
    /// # Errors
    ///
    /// An unknown rule name (with the closest known name), or a value of the
    /// wrong kind for the rule (a length rule needs a non-negative number, a
    /// case rule known case names, an enum rule a list, …). A disabled rule
    /// accepts any value.
    pub fn set_rule(
        &mut self,
        name: &str,
        level: Level,
        when: When,
        value: RuleValue,
    ) -> Result<(), RuleConfigError> {
        let index = RULES.iter().position(|r| r.name == name).ok_or_else(|| {
            RuleConfigError::UnknownRule {
                name: name.to_owned(),
                suggestion: closest_rule(name),
            }
        })?;
        let rule = RULES
            .get(index)
            .ok_or_else(|| RuleConfigError::UnknownRule {
                name: name.to_owned(),
                suggestion: None,
            })?;
        if level != Level::Disabled {
            validate(rule, &value)?;
        }
        if let Some(slot) = self.settings.get_mut(index) {
            *slot = Some(Setting { level, when, value });
        }
        Ok(())
    }

    /// The rule's `(level, when, value)` if it was set.
    pub fn rule(&self, name: &str) -> Option<(Level, When, &RuleValue)> {
        let index = RULES.iter().position(|r| r.name == name)?;
        self.settings
            .get(index)?
            .as_ref()
            .map(|s| (s.level, s.when, &s.value))
    }

    /// Every rule that was set, in [`super::RULE_NAMES`] order.
    pub fn rules(&self) -> impl Iterator<Item = (&'static str, Level, When, &RuleValue)> {
        RULES
            .iter()
            .zip(&self.settings)
            .filter_map(|(r, s)| s.as_ref().map(|s| (r.name, s.level, s.when, &s.value)))
    }

    /// Turns commitlint's default ignore patterns on (the default) or off.
    pub fn set_default_ignores(&mut self, on: bool) {
        self.default_ignores = on;
    }

    /// Whether the default ignore patterns apply.
    pub const fn default_ignores(&self) -> bool {
        self.default_ignores
    }

    /// Makes lint skip lines that start with `comment`, as commitlint's parser
    /// does with `parserOpts.commentChar` (which `commitlint --edit` sets to `#`).
    /// Unneeded for text already passed through [`crate::cleanup()`].
    pub fn set_comment_char(&mut self, comment: Option<String>) {
        self.comment_char = comment.filter(|c| !c.is_empty());
    }

    /// The comment string lint skips lines by, if any.
    pub fn comment_char(&self) -> Option<&str> {
        self.comment_char.as_deref()
    }

    pub(crate) fn enabled(&self) -> impl Iterator<Item = (&'static RuleDef, &Setting)> {
        RULES.iter().zip(&self.settings).filter_map(|(r, s)| {
            s.as_ref()
                .filter(|s| s.level != Level::Disabled)
                .map(|s| (r, s))
        })
    }
}

impl Default for Config {
    /// [`Config::conventional`].
    fn default() -> Self {
        Self::conventional()
    }
}

fn validate(rule: &RuleDef, value: &RuleValue) -> Result<(), RuleConfigError> {
    let invalid = |expected| {
        Err(RuleConfigError::InvalidValue {
            rule: rule.name,
            expected,
        })
    };
    match (rule.value, value) {
        (ValueKind::None | ValueKind::Text | ValueKind::List, RuleValue::Absent)
        | (ValueKind::Text, RuleValue::Text(_))
        | (ValueKind::List, RuleValue::List(_)) => Ok(()),
        (ValueKind::Length, RuleValue::Int(n)) if *n >= 0 => Ok(()),
        (ValueKind::Cases, RuleValue::Text(name)) => check_case(rule, name),
        (ValueKind::Cases, RuleValue::List(names)) if !names.is_empty() => {
            names.iter().try_for_each(|n| check_case(rule, n))
        }
        (ValueKind::None, _) => invalid("no value: `[level, \"always\" | \"never\"]`"),
        (ValueKind::Length, _) => invalid("a non-negative number of characters"),
        (ValueKind::Text, _) => invalid("a string"),
        (ValueKind::List, _) => invalid("a list of strings"),
        (ValueKind::Cases, _) => invalid("a case name or a non-empty list of case names"),
    }
}

fn check_case(rule: &RuleDef, name: &str) -> Result<(), RuleConfigError> {
    Case::from_name(name)
        .map(|_| ())
        .ok_or_else(|| RuleConfigError::UnknownCase {
            rule: rule.name,
            case: name.to_owned(),
            known: CASE_NAMES,
        })
}

/// The known rule name closest to `name` (edit distance at most a third of it).
fn closest_rule(name: &str) -> Option<&'static str> {
    RULES
        .iter()
        .map(|r| (edit_distance(name, r.name), r.name))
        .filter(|&(d, _)| d <= name.len().max(3) / 3)
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (prev + usize::from(ca != *cb)).min(above + 1).min(left + 1);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::Config;
    use crate::error::RuleConfigError;
    use crate::lint::{Level, RuleValue, When};

    #[test]
    fn set_rule_validates_names_and_values() {
        let mut c = Config::empty();
        assert!(
            c.set_rule(
                "header-max-length",
                Level::Error,
                When::Always,
                RuleValue::Int(72)
            )
            .is_ok()
        );
        assert_eq!(
            c.rule("header-max-length"),
            Some((Level::Error, When::Always, &RuleValue::Int(72)))
        );
        let err = c
            .set_rule(
                "header-max-lenght",
                Level::Error,
                When::Always,
                RuleValue::Int(1),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown rule `header-max-lenght`, did you mean `header-max-length`?"
        );
        let err = c
            .set_rule(
                "type-case",
                Level::Error,
                When::Always,
                RuleValue::Text("lower".into()),
            )
            .unwrap_err();
        assert!(matches!(err, RuleConfigError::UnknownCase { .. }), "{err}");
        let err = c
            .set_rule(
                "header-max-length",
                Level::Error,
                When::Always,
                RuleValue::Int(-1),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "rule `header-max-length` expects a non-negative number of characters"
        );
        assert!(
            c.set_rule(
                "scope-enum",
                Level::Error,
                When::Always,
                RuleValue::Text("api".into())
            )
            .is_err()
        );
        assert!(
            c.set_rule("header-trim", Level::Error, When::Always, RuleValue::Int(1))
                .is_err()
        );
        assert!(
            c.set_rule(
                "header-trim",
                Level::Disabled,
                When::Always,
                RuleValue::Int(1)
            )
            .is_ok()
        );
    }

    #[test]
    fn conventional_has_config_conventionals_rules() {
        let names: Vec<_> = Config::conventional().rules().map(|r| r.0).collect();
        assert_eq!(names.len(), 12, "{names:?}");
    }
}
