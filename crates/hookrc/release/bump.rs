//! The next version of a module: the level its commits since the last final
//! release ask for (or the one forced), from the last final version, with
//! an incrementing pre-release counter when asked for one.

use hookrc_policy::{ChangelogSettings, Level};
use semver::Version;

use crate::release::entry::Entry;
use crate::release::history::ModuleTag;
use crate::release::version::{self, Changes, TagScheme};

/// What the user asked of `hookrc bump`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Request {
    /// `--major`, `--minor` or `--patch`.
    pub(crate) force: Option<Level>,
    /// `--pre ID`.
    pub(crate) pre: Option<String>,
    /// `--keep-major`: a breaking change bumps the minor version instead.
    pub(crate) keep_major: bool,
}

/// The next version and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// The last final release's tag, if any.
    pub(crate) from: Option<String>,
    /// The next version.
    pub(crate) next: Version,
    /// Its tag name (`v1.4.0`, `sub/dir/v1.4.0`).
    pub(crate) tag: String,
    /// The part of the version that was bumped.
    pub(crate) level: Level,
    /// The commits counted, in words: `1 breaking change, 2 features, 3 other commits`.
    pub(crate) counted: String,
}

/// Why there is no next version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoRelease {
    /// No commit that a changelog would list since `since`.
    Empty {
        /// The tag the range starts at.
        since: Option<String>,
    },
    /// The pre-release identifier is not valid semver.
    BadPre(String),
}

/// The plan for `request`: `since_final` are the entries since the last
/// final release, `since_latest` those since the latest tag of any kind
/// (a new pre-release needs some); `tags` are the module's, lowest first.
pub(crate) fn plan(
    since_final: &[Entry],
    since_latest: &[Entry],
    tags: &[ModuleTag],
    scheme: &TagScheme,
    request: &Request,
    settings: &ChangelogSettings,
) -> Result<Plan, NoRelease> {
    let last_final = tags.iter().rev().find(|t| t.version.pre.is_empty());
    let latest = tags.last();
    if since_final.is_empty() {
        return Err(NoRelease::Empty {
            since: last_final.map(|t| t.name.clone()),
        });
    }
    if request.pre.is_some() && since_latest.is_empty() {
        return Err(NoRelease::Empty {
            since: latest.map(|t| t.name.clone()),
        });
    }
    let current = last_final.map_or_else(|| Version::new(0, 0, 0), |t| t.version.clone());
    let changes = Changes {
        breaking: since_final.iter().any(|e| e.breaking.is_some()),
        feature: since_final.iter().any(Entry::is_feature),
    };
    let mut level = request
        .force
        .unwrap_or_else(|| version::level(&current, changes, settings));
    if request.keep_major && level == Level::Major {
        level = Level::Minor;
    }
    let mut next = version::bumped(&current, level);
    if let Some(id) = &request.pre {
        let existing: Vec<Version> = tags.iter().map(|t| t.version.clone()).collect();
        next = version::pre_release(&next, id, &existing).map_err(NoRelease::BadPre)?;
    }
    Ok(Plan {
        from: last_final.map(|t| t.name.clone()),
        tag: scheme.tag(&next),
        next,
        level,
        counted: counted(since_final),
    })
}

/// `1 breaking change, 2 features, 3 other commits`.
fn counted(entries: &[Entry]) -> String {
    let breaking = entries.iter().filter(|e| e.breaking.is_some()).count();
    let features = entries.iter().filter(|e| e.is_feature()).count();
    let other = entries.len() - entries.iter().filter(|e| e.is_feature()).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    if breaking > 0 {
        parts.push(plural(breaking, "breaking change", "breaking changes"));
    }
    if features > 0 {
        parts.push(plural(features, "feature", "features"));
    }
    if other > 0 {
        parts.push(plural(other, "other commit", "other commits"));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: &str, breaking: bool) -> Entry {
        Entry {
            id: "0".repeat(40),
            kind: kind.into(),
            scope: None,
            description: "x".into(),
            breaking: breaking.then(|| "x".to_owned()),
            section: "S".into(),
        }
    }

    fn tag(name: &str) -> ModuleTag {
        ModuleTag {
            name: name.into(),
            version: TagScheme::for_dir("").version(name).unwrap(),
            commit: crate::git::CommitId::from_hex(&[b'0'; 40]).unwrap(),
        }
    }

    fn next(entries: &[Entry], tags: &[&str], request: &Request) -> Result<String, NoRelease> {
        let tags: Vec<ModuleTag> = tags.iter().map(|t| tag(t)).collect();
        let settings = ChangelogSettings::default();
        let scheme = TagScheme::for_dir("");
        plan(entries, entries, &tags, &scheme, request, &settings).map(|p| p.tag)
    }

    #[test]
    fn zero_major_and_one_major_rules() {
        let none = Request::default();
        let feat = [entry("feat", false)];
        let breaking = [entry("fix", true)];
        assert_eq!(next(&feat, &["v0.3.1"], &none), Ok("v0.3.2".into()));
        assert_eq!(next(&breaking, &["v0.3.1"], &none), Ok("v0.4.0".into()));
        assert_eq!(next(&feat, &["v1.3.1"], &none), Ok("v1.4.0".into()));
        assert_eq!(next(&breaking, &["v1.3.1"], &none), Ok("v2.0.0".into()));
        let keep = Request {
            keep_major: true,
            ..Request::default()
        };
        assert_eq!(next(&breaking, &["v1.3.1"], &keep), Ok("v1.4.0".into()));
        assert_eq!(next(&feat, &[], &none), Ok("v0.0.1".into()));
    }

    #[test]
    fn pre_releases_count_up_then_release() {
        let feat = [entry("feat", false)];
        let rc = Request {
            pre: Some("rc".into()),
            ..Request::default()
        };
        let tags = ["v1.2.0", "v1.3.0-rc.1"];
        assert_eq!(next(&feat, &tags, &rc), Ok("v1.3.0-rc.2".into()));
        assert_eq!(next(&feat, &tags, &Request::default()), Ok("v1.3.0".into()));
        assert_eq!(
            next(&[], &tags, &Request::default()),
            Err(NoRelease::Empty {
                since: Some("v1.2.0".into())
            })
        );
    }
}
