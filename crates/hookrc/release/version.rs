//! Versions and their tags: which tags belong to a module (`vX.Y.Z` at the
//! root, `sub/dir/vX.Y.Z` for the Go module in `sub/dir`), and the next
//! version for a level, with the 0.x rules and pre-release counters.

use hookrc_policy::{ChangelogSettings, Level};
use semver::{Prerelease, Version};

/// The tags of one module: those named `<prefix>vX.Y.Z`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagScheme {
    /// `""` at the root, else the module's directory and a `/`.
    prefix: String,
}

impl TagScheme {
    /// The scheme of the module in `dir` (repo-relative, `""` for the root).
    pub(crate) fn for_dir(dir: &str) -> Self {
        let dir = dir.trim_matches('/');
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        TagScheme { prefix }
    }

    /// The version a tag names, if it is one of this module's: the root also
    /// takes a version without the `v` (`1.2.0`), as many projects tag.
    pub(crate) fn version(&self, tag: &str) -> Option<Version> {
        let rest = tag.strip_prefix(&self.prefix)?;
        let bare = match rest.strip_prefix('v') {
            Some(bare) => bare,
            None if self.prefix.is_empty() => rest,
            None => return None,
        };
        Version::parse(bare).ok().filter(|v| v.build.is_empty())
    }

    /// The tag name for `version`.
    pub(crate) fn tag(&self, version: &Version) -> String {
        format!("{}v{version}", self.prefix)
    }
}

/// What a change set asks for, from the commits it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Changes {
    /// At least one breaking change.
    pub(crate) breaking: bool,
    /// At least one `feat`.
    pub(crate) feature: bool,
}

/// The level `changes` bump `current` by: breaking → major, feature →
/// minor, anything else → patch; while the major is 0, the policy's 0.x
/// rules apply instead (by default breaking → minor, feature → patch).
pub(crate) fn level(current: &Version, changes: Changes, settings: &ChangelogSettings) -> Level {
    let zero = current.major == 0;
    match changes {
        Changes { breaking: true, .. } if zero => settings.zero_major_breaking(),
        Changes { breaking: true, .. } => Level::Major,
        Changes { feature: true, .. } if zero => settings.zero_major_feature(),
        Changes { feature: true, .. } => Level::Minor,
        Changes { .. } => Level::Patch,
    }
}

/// `current` bumped by `level` (pre-release and build dropped).
pub(crate) fn bumped(current: &Version, level: Level) -> Version {
    match level {
        Level::Major => Version::new(current.major + 1, 0, 0),
        Level::Minor => Version::new(current.major, current.minor + 1, 0),
        Level::Patch => Version::new(current.major, current.minor, current.patch + 1),
    }
}

/// `target` as the next pre-release `<id>.<n>`: one more than the highest
/// `<id>.<n>` of `target` among `existing`, else `<id>.1`.
pub(crate) fn pre_release(
    target: &Version,
    id: &str,
    existing: &[Version],
) -> Result<Version, String> {
    let counter = |v: &Version| -> Option<u64> {
        let same = v.major == target.major && v.minor == target.minor && v.patch == target.patch;
        let (name, n) = v.pre.as_str().rsplit_once('.')?;
        (same && name == id).then(|| n.parse().ok()).flatten()
    };
    let next = existing.iter().filter_map(counter).max().unwrap_or(0) + 1;
    let mut version = target.clone();
    version.pre = Prerelease::new(&format!("{id}.{next}")).map_err(|err| {
        format!(
            "`{id}` is not a pre-release identifier ({err}); use letters, digits and `-`, e.g. `rc`"
        )
    })?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn tags_belong_to_their_module() {
        let root = TagScheme::for_dir("");
        let sub = TagScheme::for_dir("sub/dir");
        assert_eq!(root.version("v1.2.0"), Some(v("1.2.0")));
        assert_eq!(root.version("1.2.0-rc.1"), Some(v("1.2.0-rc.1")));
        assert_eq!(root.version("sub/dir/v1.2.0"), None);
        assert_eq!(sub.version("sub/dir/v1.2.0"), Some(v("1.2.0")));
        assert_eq!(sub.version("sub/dir/1.2.0"), None);
        assert_eq!(sub.version("sub/v1.2.0"), None);
        assert_eq!(root.version("release-3"), None);
        assert_eq!(sub.tag(&v("2.0.0")), "sub/dir/v2.0.0");
    }

    #[test]
    fn levels_follow_the_zero_major_rules() {
        let settings = ChangelogSettings::default();
        let breaking = Changes {
            breaking: true,
            feature: true,
        };
        let feature = Changes {
            breaking: false,
            feature: true,
        };
        let fix = Changes {
            breaking: false,
            feature: false,
        };
        assert_eq!(level(&v("0.3.1"), breaking, &settings), Level::Minor);
        assert_eq!(level(&v("0.3.1"), feature, &settings), Level::Patch);
        assert_eq!(level(&v("1.3.1"), breaking, &settings), Level::Major);
        assert_eq!(level(&v("1.3.1"), feature, &settings), Level::Minor);
        assert_eq!(level(&v("1.3.1"), fix, &settings), Level::Patch);
        assert_eq!(bumped(&v("1.3.0-rc.2"), Level::Patch), v("1.3.1"));
    }

    #[test]
    fn pre_release_counters_increment() {
        let existing = [v("1.3.0-rc.1"), v("1.3.0-rc.2"), v("1.2.0-rc.7")];
        let target = v("1.3.0");
        assert_eq!(pre_release(&target, "rc", &existing), Ok(v("1.3.0-rc.3")));
        assert_eq!(
            pre_release(&target, "beta", &existing),
            Ok(v("1.3.0-beta.1"))
        );
        assert!(pre_release(&target, "r c", &existing).is_err());
    }
}
