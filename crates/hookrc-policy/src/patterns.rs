//! Globs and regexes from the policy: validated at load, each error at its
//! own span; globs compile their matcher on first use.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::values::from_str;

/// A list of globs (globset syntax), matched against repo-relative paths.
///
/// `*` also matches `/`, so `*.sh` matches `scripts/release.sh`. Each glob
/// is parsed (validated) at load; the matcher, which compiles a regex, is
/// built on first use, so a hook never pays for the globs of checks it does
/// not run.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    globs: Vec<globset::Glob>,
    set: OnceLock<Option<globset::GlobSet>>,
}

impl Globs {
    /// The patterns as written in the policy.
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.globs.iter().map(globset::Glob::glob)
    }

    /// True when the list is empty (which [`Globs::matches_or_empty`] treats as "every path").
    pub fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }

    /// True when any pattern matches `path` (false for an empty list).
    ///
    /// A list too large for the regex engine's size limit (megabytes of
    /// patterns) cannot be built; it then matches every path, so a check
    /// runs on too many files rather than silently on too few.
    pub fn matches(&self, path: &Path) -> bool {
        let set = self.set.get_or_init(|| {
            let mut builder = globset::GlobSetBuilder::new();
            for glob in &self.globs {
                builder.add(glob.clone());
            }
            builder.build().ok()
        });
        set.as_ref().is_none_or(|set| set.is_match(path))
    }

    /// True when the list is empty or any pattern matches `path`.
    pub fn matches_or_empty(&self, path: &Path) -> bool {
        self.is_empty() || self.matches(path)
    }
}

impl PartialEq for Globs {
    fn eq(&self, other: &Self) -> bool {
        self.patterns().eq(other.patterns())
    }
}

/// One validated glob, the element of [`Globs`] while deserializing.
struct Glob(globset::Glob);

impl<'de> Deserialize<'de> for Glob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(deserializer, "a glob such as \"*.sh\"", |text| {
            globset::GlobBuilder::new(text)
                .build()
                .map(Glob)
                .map_err(|error| format!("invalid glob `{text}`: {}", error.kind()))
        })
    }
}

impl<'de> Deserialize<'de> for Globs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let globs = Vec::<Glob>::deserialize(deserializer)?;
        Ok(Globs {
            globs: globs.into_iter().map(|Glob(glob)| glob).collect(),
            set: OnceLock::new(),
        })
    }
}

impl Serialize for Globs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.patterns())
    }
}

/// A regular expression the Go tools apply (RE2 syntax, e.g. `go test
/// -bench`): checked at load, never compiled by hookrc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct GoRegex(String);

impl GoRegex {
    pub(crate) fn any() -> Self {
        GoRegex(".".to_owned())
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for GoRegex {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(deserializer, "a regular expression", |text| {
            regex_syntax::Parser::new()
                .parse(text)
                .map(|_| GoRegex(text.to_owned()))
                .map_err(|error| {
                    let detail = error.to_string();
                    let last = detail.lines().last().unwrap_or_default().trim();
                    let reason = last.strip_prefix("error: ").unwrap_or(last);
                    format!("invalid regex `{text}`: {reason}")
                })
        })
    }
}

/// A regular expression (Rust `regex` syntax), compiled when the policy loads.
#[derive(Debug, Clone)]
pub struct Pattern(regex::Regex);

impl Pattern {
    /// The compiled expression.
    pub fn regex(&self) -> &regex::Regex {
        &self.0
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        regex::Regex::new(text)
            .map(Pattern)
            .map_err(|error| match error {
                regex::Error::Syntax(detail) => {
                    let last = detail.lines().last().unwrap_or_default().trim();
                    let reason = last.strip_prefix("error: ").unwrap_or(last);
                    format!("invalid regex `{text}`: {reason}")
                }
                other => format!("invalid regex `{text}`: {other}"),
            })
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(deserializer, "a regular expression", Pattern::parse)
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regex_errors_are_one_line() {
        let error = Pattern::parse("(unclosed").unwrap_err();
        assert_eq!(error, "invalid regex `(unclosed`: unclosed group");
    }

    #[test]
    fn globs_match_nested_paths_and_compare_by_pattern() {
        let globs: Globs = toml::from_str::<std::collections::BTreeMap<String, Globs>>(
            "g = [\"*.sh\", \"docs/**\"]",
        )
        .unwrap()
        .remove("g")
        .unwrap();
        assert!(
            globs.matches(Path::new("scripts/a.sh")) && globs.matches(Path::new("docs/x/y.md"))
        );
        assert!(!globs.matches(Path::new("a.go")) && !Globs::default().matches(Path::new("a.go")));
        assert!(Globs::default().matches_or_empty(Path::new("a.go")));
        assert_eq!(globs.clone(), globs);
        assert_ne!(globs, Globs::default());
    }
}
