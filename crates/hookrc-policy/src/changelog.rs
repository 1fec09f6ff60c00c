//! `[changelog]`: how `hookrc changelog` groups commits and how `hookrc bump`
//! picks the next version (the 0.x rules), plus the settings of the
//! `go-release` pre-push check.
//!
//! Each field's doc comment is its entry in the policy reference.

use serde::{Deserialize, Serialize};

use crate::patterns::Pattern;

/// `[changelog]`: the sections of `hookrc changelog` and the version rules
/// of `hookrc bump`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChangelogSettings {
    /// The sections of each release, in order: a title and the commit types
    /// it gathers (compared case-insensitively). Breaking changes always come
    /// first, in a section of their own.
    sections: Vec<Section>,
    /// The title of the section for conventional commits whose type no
    /// section lists; `""` leaves them out.
    other: String,
    /// Leave out commits whose header matches one of these regexes (merges
    /// and `fixup!`/`squash!`/`amend!` commits are always left out).
    ignore: Vec<Pattern>,
    /// While the major version is 0, what a breaking change bumps: `minor`
    /// (the default: 0.3.1 → 0.4.0) or `major` (0.3.1 → 1.0.0).
    zero_major_breaking: Level,
    /// While the major version is 0, what a new feature bumps: `patch` (the
    /// default: 0.3.1 → 0.3.2) or `minor` (0.3.1 → 0.4.0).
    zero_major_feature: Level,
}

/// One section of a release.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Section {
    /// The heading, e.g. `Features`.
    pub title: String,
    /// The commit types it gathers, e.g. `["feat"]`.
    pub types: Vec<String>,
}

/// A part of a version that a change bumps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Level {
    /// `x.y.Z`
    Patch,
    /// `x.Y.0`
    Minor,
    /// `X.0.0`
    Major,
}

impl Default for ChangelogSettings {
    fn default() -> Self {
        let section = |title: &str, types: &[&str]| Section {
            title: title.to_owned(),
            types: types.iter().map(|t| (*t).to_owned()).collect(),
        };
        ChangelogSettings {
            sections: vec![
                section("Features", &["feat"]),
                section("Bug Fixes", &["fix"]),
                section("Refactor", &["refactor"]),
                section("Documentation", &["docs"]),
                section("Performance", &["perf"]),
                section("Styling", &["style"]),
                section("Testing", &["test"]),
                section("Miscellaneous Tasks", &["chore", "ci"]),
                section("Revert", &["revert"]),
            ],
            other: "Other".to_owned(),
            ignore: Vec::new(),
            zero_major_breaking: Level::Minor,
            zero_major_feature: Level::Patch,
        }
    }
}

impl ChangelogSettings {
    /// The sections, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }
    /// The title for types no section lists; `None` leaves them out.
    pub fn other(&self) -> Option<&str> {
        Some(self.other.as_str()).filter(|title| !title.is_empty())
    }
    /// The title of the section that gathers `kind` (any case), if any.
    pub fn section_of(&self, kind: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|s| s.types.iter().any(|t| t.eq_ignore_ascii_case(kind)))
            .map(|s| s.title.as_str())
            .or_else(|| self.other())
    }
    /// Whether a commit with this header is left out.
    pub fn is_ignored(&self, header: &str) -> bool {
        self.ignore.iter().any(|p| p.regex().is_match(header))
    }
    /// What a breaking change bumps while the major version is 0.
    pub fn zero_major_breaking(&self) -> Level {
        self.zero_major_breaking
    }
    /// What a feature bumps while the major version is 0.
    pub fn zero_major_feature(&self) -> Level {
        self.zero_major_feature
    }
}

/// `[check.go-release]`: on `pre-push`, a pushed tag `vN.x.y` (or
/// `sub/dir/vN.x.y`) must match the `module` line of the `go.mod` at that
/// directory in the tagged commit: `/vN` for N ≥ 2, none for v0 and v1.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GoReleaseCheck {
    /// Tags to let through unchecked: regexes matched against the tag name
    /// (without `refs/tags/`).
    ignore: Vec<Pattern>,
}

impl GoReleaseCheck {
    /// Whether the tag `name` is let through unchecked.
    pub fn is_ignored(&self, name: &str) -> bool {
        self.ignore.iter().any(|p| p.regex().is_match(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_sections_follow_the_conventional_types() {
        let settings = ChangelogSettings::default();
        assert_eq!(settings.section_of("feat"), Some("Features"));
        assert_eq!(settings.section_of("CI"), Some("Miscellaneous Tasks"));
        assert_eq!(settings.section_of("build"), Some("Other"));
        assert_eq!(settings.zero_major_breaking(), Level::Minor);
        assert_eq!(settings.zero_major_feature(), Level::Patch);
    }
}
