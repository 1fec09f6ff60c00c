//! Releases as Markdown: a `## ` heading per release (its tag, linked to the
//! compare view, and the date of its tip), breaking changes first, then one
//! `### ` section per title in the policy's order, one line per commit with
//! its scope in bold and its short id (linked to the commit).
//!
//! The heading's first word is the release's identity (`v1.2.0`,
//! `sub/v1.2.0`, `Unreleased`): `--prepend` recognises the sections a file
//! already has by it.

use std::fmt::Write as _;

use hookrc_policy::ChangelogSettings;

use crate::release::entry::Entry;
use crate::release::forge::Forge;
use crate::release::history::Release;

/// The title of the breaking-changes section.
const BREAKING: &str = "Breaking Changes";

/// The name of the unreleased section.
pub(crate) const UNRELEASED: &str = "Unreleased";

/// The first lines of a new changelog file.
pub(crate) const HEADER: &str = "# Changelog\n";

/// How to render: the sections' order and the links.
pub(crate) struct Style<'a> {
    /// The sections and their order.
    pub(crate) settings: &'a ChangelogSettings,
    /// Where links point; `None`: no links.
    pub(crate) forge: Option<&'a Forge>,
}

/// One release as Markdown, ending with a blank line.
pub(crate) fn release(style: &Style<'_>, release: &Release) -> String {
    let mut out = String::new();
    let name = release.tag.as_deref().unwrap_or(UNRELEASED);
    let to = release.tag.as_deref().unwrap_or("HEAD");
    let link = match (style.forge, &release.previous) {
        (Some(forge), Some(previous)) => Some(forge.compare(previous, to)),
        _ => None,
    };
    let _ = match link {
        Some(link) => write!(out, "## [{name}]({link})"),
        None => write!(out, "## {name}"),
    };
    if release.tag.is_some() {
        let _ = write!(out, " - {}", date(release.time));
    }
    out.push_str("\n\n");
    let breaking: Vec<&Entry> = release
        .entries
        .iter()
        .filter(|e| e.breaking.is_some())
        .collect();
    section(&mut out, style, BREAKING, &breaking, true);
    for title in titles(style.settings) {
        let entries: Vec<&Entry> = release
            .entries
            .iter()
            .filter(|e| e.section == title)
            .collect();
        section(&mut out, style, title, &entries, false);
    }
    if release.entries.is_empty() {
        out.push_str("No changes.\n\n");
    }
    out
}

/// The section titles in order, each once, `other` last.
fn titles(settings: &ChangelogSettings) -> Vec<&str> {
    let mut titles: Vec<&str> = Vec::new();
    let all = settings
        .sections()
        .iter()
        .map(|s| s.title.as_str())
        .chain(settings.other());
    for title in all {
        if !titles.contains(&title) {
            titles.push(title);
        }
    }
    titles
}

fn section(out: &mut String, style: &Style<'_>, title: &str, entries: &[&Entry], breaking: bool) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {title}\n");
    for entry in entries {
        let text = match (&entry.breaking, breaking) {
            (Some(text), true) => text,
            _ => &entry.description,
        };
        out.push_str("- ");
        if let Some(scope) = &entry.scope {
            let _ = write!(out, "**{scope}:** ");
        }
        out.push_str(&one_line(text));
        let _ = match style.forge {
            Some(forge) => writeln!(
                out,
                " ([{}]({}))",
                entry.short_id(),
                forge.commit(&entry.id)
            ),
            None => writeln!(out, " ({})", entry.short_id()),
        };
    }
    out.push('\n');
}

/// A multi-line footer value on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `YYYY-MM-DD` (UTC) of a time in seconds since the epoch.
pub(crate) fn date(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, section: &str, scope: Option<&str>, breaking: Option<&str>) -> Entry {
        Entry {
            id: id.repeat(40 / id.len()),
            kind: "feat".into(),
            scope: scope.map(str::to_owned),
            description: format!("change {id}"),
            breaking: breaking.map(str::to_owned),
            section: section.into(),
        }
    }

    #[test]
    fn dates_are_utc_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_700_000_000), "2023-11-14");
        assert_eq!(date(951_782_400), "2000-02-29");
    }

    #[test]
    fn breaking_changes_come_first_then_sections_in_policy_order() {
        let settings = ChangelogSettings::default();
        let forge = Forge::from_remote("https://github.com/o/r.git");
        let style = Style {
            settings: &settings,
            forge: forge.as_ref(),
        };
        let release = Release {
            tag: Some("v1.1.0".into()),
            previous: Some("v1.0.0".into()),
            time: 1_700_000_000,
            entries: vec![
                entry("b", "Bug Fixes", None, None),
                entry("a", "Features", Some("api"), Some("the old\n  API is gone")),
            ],
        };
        insta::assert_snapshot!(super::release(&style, &release), @r"
        ## [v1.1.0](https://github.com/o/r/compare/v1.0.0...v1.1.0) - 2023-11-14

        ### Breaking Changes

        - **api:** the old API is gone ([aaaaaaa](https://github.com/o/r/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))

        ### Features

        - **api:** change a ([aaaaaaa](https://github.com/o/r/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))

        ### Bug Fixes

        - change b ([bbbbbbb](https://github.com/o/r/commit/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))
        ");
    }
}
