//! Validated value types of the policy: timeouts, build targets, bounded
//! numbers and environment tables (globs and regexes are in `patterns`).
//!
//! Each type checks itself while it is deserialized, so a bad value is
//! reported at its own span, and serializes back to what the user wrote
//! (or its canonical form), so `config show` round-trips.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::with_help;
use crate::suggest;

/// Deserializes a string through `parse`, raising its error at the value's span.
pub(crate) fn from_str<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct StrVisitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> Visitor<'_> for StrVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            (self.parse)(value).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(StrVisitor { expecting, parse })
}

/// Deserializes a number (integer or float) through `check`.
fn number<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    check: fn(f64) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct NumberVisitor<T> {
        expecting: &'static str,
        check: fn(f64) -> Result<T, String>,
    }
    impl<T> Visitor<'_> for NumberVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
            (self.check)(value).map_err(E::custom)
        }
        #[expect(clippy::cast_precision_loss, reason = "policy numbers are small")]
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
            (self.check)(value as f64).map_err(E::custom)
        }
        #[expect(clippy::cast_precision_loss, reason = "policy numbers are small")]
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
            (self.check)(value as f64).map_err(E::custom)
        }
    }
    deserializer.deserialize_any(NumberVisitor { expecting, check })
}

/// How long a check may run before it is stopped: `"500ms"`, `"30s"`,
/// `"5m"`, `"1h"`, or combined like `"1m30s"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timeout(Duration);

impl Timeout {
    pub(crate) const fn secs(secs: u64) -> Self {
        Timeout(Duration::from_secs(secs))
    }

    /// The duration.
    pub(crate) fn duration(self) -> Duration {
        self.0
    }

    fn parse(text: &str) -> Result<Self, String> {
        let bad = || {
            with_help(
                format!("invalid timeout `{text}`"),
                "write a number with a unit: `500ms`, `30s`, `5m`, `1h` or `1m30s`",
            )
        };
        let too_long = || {
            with_help(
                format!("timeout `{text}` is longer than {MAX_TIMEOUT}, the most a check may run"),
                format!("give at most `{MAX_TIMEOUT}`"),
            )
        };
        let mut total = Duration::ZERO;
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(bad());
        }
        while !rest.is_empty() {
            let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
            if digits == 0 {
                return Err(bad());
            }
            // Digits beyond what a u64 holds are far over the maximum.
            let value: u64 = rest[..digits].parse().map_err(|_| too_long())?;
            rest = &rest[digits..];
            let unit_len = rest
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(rest.len());
            let millis_per_unit = match &rest[..unit_len] {
                "ms" => 1,
                "s" => 1_000,
                "m" => 60_000,
                "h" => 3_600_000,
                _ => return Err(bad()),
            };
            let part = value.checked_mul(millis_per_unit).ok_or_else(too_long)?;
            total = total
                .checked_add(Duration::from_millis(part))
                .filter(|total| *total <= MAX_TIMEOUT.0)
                .ok_or_else(too_long)?;
            rest = &rest[unit_len..];
        }
        if total.is_zero() {
            return Err(with_help(
                format!("timeout `{text}` is zero"),
                "give the check some time, e.g. `30s`",
            ));
        }
        Ok(Timeout(total))
    }
}

/// The longest `timeout` a policy may give: 24 hours.
pub(crate) const MAX_TIMEOUT: Timeout = Timeout::secs(24 * 3600);

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if !millis.is_multiple_of(1000) {
            return write!(f, "{millis}ms");
        }
        let secs = millis / 1000;
        let (hours, minutes, seconds) = (secs / 3600, secs % 3600 / 60, secs % 60);
        for (value, unit) in [(hours, "h"), (minutes, "m"), (seconds, "s")] {
            if value != 0 {
                write!(f, "{value}{unit}")?;
            }
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for Timeout {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeoutVisitor;
        impl Visitor<'_> for TimeoutVisitor {
            type Value = Timeout;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"30s\" or \"5m\"")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Timeout, E> {
                Timeout::parse(value).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Timeout, E> {
                Err(E::custom(with_help(
                    format!("timeout `{value}` has no unit"),
                    format!("write a string with a unit, e.g. `timeout = \"{value}s\"`"),
                )))
            }
        }
        deserializer.deserialize_any(TimeoutVisitor)
    }
}

impl Serialize for Timeout {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Every `GOOS/GOARCH` pair of `go tool dist list` (Go 1.27).
pub(crate) const GO_TARGETS: &[&str] = &[
    "aix/ppc64",
    "android/386",
    "android/amd64",
    "android/arm",
    "android/arm64",
    "darwin/amd64",
    "darwin/arm64",
    "dragonfly/amd64",
    "freebsd/386",
    "freebsd/amd64",
    "freebsd/arm",
    "freebsd/arm64",
    "illumos/amd64",
    "ios/amd64",
    "ios/arm64",
    "js/wasm",
    "linux/386",
    "linux/amd64",
    "linux/arm",
    "linux/arm64",
    "linux/loong64",
    "linux/mips",
    "linux/mips64",
    "linux/mips64le",
    "linux/mipsle",
    "linux/ppc64",
    "linux/ppc64le",
    "linux/riscv64",
    "linux/s390x",
    "netbsd/386",
    "netbsd/amd64",
    "netbsd/arm",
    "netbsd/arm64",
    "openbsd/386",
    "openbsd/amd64",
    "openbsd/arm",
    "openbsd/arm64",
    "openbsd/ppc64",
    "openbsd/riscv64",
    "plan9/386",
    "plan9/amd64",
    "plan9/arm",
    "solaris/amd64",
    "wasip1/wasm",
    "windows/386",
    "windows/amd64",
    "windows/arm64",
];

/// A Go build target, `GOOS/GOARCH` (one of `go tool dist list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target(String);

impl Target {
    pub(crate) fn known(text: &str) -> Self {
        Target(text.to_owned())
    }

    /// `GOOS`, e.g. `linux`.
    pub fn goos(&self) -> &str {
        self.0.split_once('/').map_or("", |(os, _)| os)
    }

    /// `GOARCH`, e.g. `arm64`.
    pub fn goarch(&self) -> &str {
        self.0.split_once('/').map_or("", |(_, arch)| arch)
    }

    /// `GOOS/GOARCH` as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn parse(text: &str) -> Result<Self, String> {
        if GO_TARGETS.contains(&text) {
            return Ok(Target(text.to_owned()));
        }
        let normalized = text.replacen(['-', '_'], "/", 1);
        let help =
            suggest::did_you_mean(&normalized, GO_TARGETS.iter().copied()).unwrap_or_else(|| {
                "write `GOOS/GOARCH` as `go tool dist list` prints it, e.g. `linux/arm64`".into()
            });
        if text.contains('/') {
            Err(with_help(format!("unknown Go target `{text}`"), help))
        } else {
            Err(with_help(
                format!("invalid Go target `{text}`: expected `GOOS/GOARCH`"),
                help,
            ))
        }
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(
            deserializer,
            "a Go target such as \"linux/amd64\"",
            Target::parse,
        )
    }
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// A bounded number: a percentage (`0..=100`) or a fraction (`0..=1`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct Bounded<B>(f64, PhantomData<B>);

/// The bounds of a [`Bounded`] number.
pub(crate) trait Bounds {
    /// Smallest accepted value.
    const MIN: f64;
    /// Largest accepted value.
    const MAX: f64;
    /// What the number is, for messages.
    const WHAT: &'static str;
    /// How to write it right, for messages.
    const HELP: &'static str;
    /// The schema's name for it.
    #[cfg(feature = "schema")]
    const NAME: &'static str;
}

/// `0..=100`, percent of statements.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) enum PercentBounds {}

impl Bounds for PercentBounds {
    const MIN: f64 = 0.0;
    const MAX: f64 = 100.0;
    const WHAT: &'static str = "a percentage";
    const HELP: &'static str = "coverage is a percent of statements, e.g. `85.0`";
    #[cfg(feature = "schema")]
    const NAME: &'static str = "Percent";
}

/// `0..=1`, a fraction such as `0.05` for 5 %.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) enum FractionBounds {}

impl Bounds for FractionBounds {
    const MIN: f64 = 0.0;
    const MAX: f64 = 1.0;
    const WHAT: &'static str = "a fraction";
    const HELP: &'static str = "tolerance is a fraction: `0.05` allows 5 % slower";
    #[cfg(feature = "schema")]
    const NAME: &'static str = "Fraction";
}

/// A percentage, `0..=100`.
pub(crate) type Percent = Bounded<PercentBounds>;
/// A fraction, `0..=1`.
pub(crate) type Fraction = Bounded<FractionBounds>;

impl<B: Bounds> Bounded<B> {
    pub(crate) const fn new(value: f64) -> Self {
        Bounded(value, PhantomData)
    }

    /// The number.
    pub(crate) fn value(self) -> f64 {
        self.0
    }

    fn check(value: f64) -> Result<Self, String> {
        if (B::MIN..=B::MAX).contains(&value) {
            Ok(Bounded::new(value))
        } else {
            Err(with_help(
                format!(
                    "`{value}` is out of range: expected {} from {} to {}",
                    B::WHAT,
                    B::MIN,
                    B::MAX
                ),
                B::HELP,
            ))
        }
    }
}

impl<'de, B: Bounds> Deserialize<'de> for Bounded<B> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        number(deserializer, B::WHAT, Bounded::check)
    }
}

impl<B> Serialize for Bounded<B> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

/// Extra environment variables for a tool: names to values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Env(BTreeMap<String, String>);

impl Env {
    /// The variables, sorted by name.
    pub fn vars(&self) -> &BTreeMap<String, String> {
        &self.0
    }

    /// True when no variable is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An environment variable name: not empty, no `=` and no NUL.
struct EnvName(String);

impl<'de> Deserialize<'de> for EnvName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        from_str(deserializer, "an environment variable name", |name| {
            if name.is_empty() || name.contains(['=', '\0']) {
                Err(with_help(
                    format!("invalid environment variable name `{name}`"),
                    "a name is not empty and has no `=` or NUL, e.g. `GOFLAGS`",
                ))
            } else {
                Ok(EnvName(name.to_owned()))
            }
        })
    }
}

impl<'de> Deserialize<'de> for Env {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EnvVisitor;
        impl<'de> Visitor<'de> for EnvVisitor {
            type Value = Env;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of environment variables, e.g. { GOFLAGS = \"-mod=mod\" }")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Env, A::Error> {
                let mut vars = BTreeMap::new();
                while let Some(EnvName(name)) = map.next_key()? {
                    let value: String = map.next_value()?;
                    if value.contains('\0') {
                        return Err(de::Error::custom(format!(
                            "the value of `{name}` contains a NUL byte"
                        )));
                    }
                    vars.insert(name, value);
                }
                Ok(Env(vars))
            }
        }
        deserializer.deserialize_map(EnvVisitor)
    }
}

/// For `skip_serializing_if`: a key whose default is `true` is shown only
/// when turned off.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
pub(crate) fn is_true(value: &bool) -> bool {
    *value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_parse_and_print_canonically() {
        for (text, millis, shown) in [
            ("30s", 30_000, "30s"),
            ("5m", 300_000, "5m"),
            ("1m30s", 90_000, "1m30s"),
            ("90s", 90_000, "1m30s"),
            ("2h", 7_200_000, "2h"),
            ("1500ms", 1_500, "1500ms"),
        ] {
            let timeout = Timeout::parse(text).unwrap();
            assert_eq!(timeout.duration(), Duration::from_millis(millis), "{text}");
            assert_eq!(timeout.to_string(), shown);
        }
        for bad in ["", "30", "s", "5 minutes", "1x", "0s", "-1s"] {
            assert!(Timeout::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn timeouts_are_bounded_not_clamped() {
        assert_eq!(Timeout::parse("24h").unwrap(), MAX_TIMEOUT);
        assert_eq!(Timeout::parse("23h59m60s").unwrap(), MAX_TIMEOUT);
        for long in [
            "18446744073709551615h",
            "18446744073709551615ms",
            "99999999999999999999999s",
            "24h1ms",
            "1441m",
            "12h12h1s",
        ] {
            let error = Timeout::parse(long).unwrap_err();
            assert!(
                error.starts_with(&format!("timeout `{long}` is longer than 24h")),
                "{long}: {error}"
            );
        }
    }

    #[test]
    fn targets_split_and_suggest() {
        let target = Target::parse("linux/arm64").unwrap();
        assert_eq!((target.goos(), target.goarch()), ("linux", "arm64"));
        let error = Target::parse("linux-amd64").unwrap_err();
        assert!(error.contains("did you mean `linux/amd64`?"), "{error}");
        assert!(
            Target::parse("linux/amd46")
                .unwrap_err()
                .contains("linux/amd64")
        );
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(Percent::check(0.0).is_ok() && Percent::check(100.0).is_ok());
        assert!(Percent::check(100.1).is_err() && Percent::check(-0.1).is_err());
        assert!(Fraction::check(1.0).is_ok() && Fraction::check(5.0).is_err());
    }
}

/// A path the policy names for hookrc to write: relative to the worktree
/// root, inside it (no `..` that climbs out, no absolute path, no `~`), and
/// not in the git dir.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct RepoPath(std::path::PathBuf);

impl RepoPath {
    /// A path known to be valid.
    pub(crate) fn new(path: &str) -> Self {
        Self(std::path::PathBuf::from(path))
    }

    /// The repo-relative path.
    pub(crate) fn as_path(&self) -> &std::path::Path {
        &self.0
    }

    fn parse(text: &str) -> Result<Self, String> {
        use std::path::Component;
        let path = std::path::Path::new(text);
        let help =
            "name a file inside the repository, relative to its root, e.g. `bench/baseline.json`";
        if text.is_empty() || text.starts_with('~') || path.is_absolute() {
            return Err(with_help(
                format!("`{text}` is not a path relative to the repository root"),
                help,
            ));
        }
        let mut depth = 0_usize;
        for component in path.components() {
            match component {
                Component::Normal(name) if depth == 0 && name == ".git" => {
                    return Err(with_help(format!("`{text}` lies in the git dir"), help));
                }
                Component::Normal(_) => depth += 1,
                Component::ParentDir if depth == 0 => {
                    return Err(with_help(
                        format!("`{text}` climbs out of the repository"),
                        help,
                    ));
                }
                Component::ParentDir => depth -= 1,
                _ => {}
            }
        }
        if depth == 0 {
            return Err(with_help(format!("`{text}` names no file"), help));
        }
        Ok(Self(path.to_path_buf()))
    }
}

impl<'de> Deserialize<'de> for RepoPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RepoPath::parse(&text).map_err(de::Error::custom)
    }
}

impl Serialize for RepoPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string_lossy())
    }
}

#[cfg(test)]
mod repo_path_tests {
    use super::RepoPath;

    #[test]
    fn only_paths_inside_the_worktree_are_accepted() {
        for good in [
            "bench/baseline.json",
            "a/../b.json",
            "./x.json",
            ".gitkeep/x",
        ] {
            assert!(RepoPath::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "/etc/x",
            "~/x.json",
            "../x.json",
            "a/../../x",
            ".git/hooks/pre-commit",
            "a/..",
            ".",
        ] {
            assert!(RepoPath::parse(bad).is_err(), "{bad}");
        }
    }
}
