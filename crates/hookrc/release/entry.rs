//! One commit as a changelog entry: its type, scope, description and
//! breaking-change text, and the section the policy puts it in; or nothing,
//! for the commits a changelog leaves out (merges, `fixup!`/`squash!`/
//! `amend!`, release commits (`chore(release): v1.2.0`), messages that
//! are not Conventional Commits, the policy's
//! `ignore` patterns, types no section takes).

use hookrc_conventional::{IgnoreKind, cleanup, default_ignore, parse};
use hookrc_policy::ChangelogSettings;
use serde::Serialize;

use crate::git::HistoryCommit;

/// A commit that lands in a changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Entry {
    /// The full commit id.
    pub(crate) id: String,
    /// The type as written (`feat`).
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The scope, without its parentheses.
    pub(crate) scope: Option<String>,
    /// The header's description.
    pub(crate) description: String,
    /// The breaking change's text (the footer's, else the description),
    /// when the commit announces one.
    pub(crate) breaking: Option<String>,
    /// The title of the section it is listed under.
    pub(crate) section: String,
}

impl Entry {
    /// The entry for `commit`, or `None` when the changelog leaves it out.
    pub(crate) fn of(commit: &HistoryCommit, settings: &ChangelogSettings) -> Option<Entry> {
        if commit.parents > 1 {
            return None;
        }
        let raw = std::str::from_utf8(&commit.message).ok()?;
        let text = cleanup(raw, "");
        // commitlint's default ignores, but for merges: a merge is known by
        // its parents, and the merge pattern, which matches a `Merge …` line
        // anywhere, would drop commits that quote one.
        if matches!(
            default_ignore(&text),
            Some(IgnoreKind::Autosquash | IgnoreKind::Revert | IgnoreKind::Release)
        ) {
            return None;
        }
        let parsed = parse(&text).ok()?;
        if settings.is_ignored(parsed.header.text) {
            return None;
        }
        let section = settings.section_of(parsed.r#type.text)?;
        Some(Entry {
            id: commit.id.to_string(),
            kind: parsed.r#type.text.to_owned(),
            scope: parsed.scope.map(|s| s.text.to_owned()),
            description: parsed.description.text.trim().to_owned(),
            breaking: parsed
                .breaking_description()
                .map(|text| text.trim().to_owned()),
            section: section.to_owned(),
        })
    }

    /// The abbreviated id (`git log --oneline` length).
    pub(crate) fn short_id(&self) -> &str {
        self.id.get(..7).unwrap_or(&self.id)
    }

    /// Whether it is a feature (`feat`, any case).
    pub(crate) fn is_feature(&self) -> bool {
        self.kind.eq_ignore_ascii_case("feat")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(message: &str, parents: usize) -> Option<Entry> {
        let commit = HistoryCommit {
            id: crate::git::CommitId::from_hex(&[b'0'; 40]).unwrap(),
            message: message.as_bytes().to_vec(),
            time: 0,
            parents,
        };
        Entry::of(&commit, &ChangelogSettings::default())
    }

    #[test]
    fn conventional_commits_get_their_section_and_breaking_text() {
        let feat = entry("feat(api)!: drop v1\n\nBREAKING CHANGE: v1 is gone\n", 1).unwrap();
        assert_eq!(feat.section, "Features");
        assert_eq!(feat.scope.as_deref(), Some("api"));
        assert_eq!(feat.breaking.as_deref(), Some("v1 is gone"));
        let bang = entry("fix!: stricter parsing", 1).unwrap();
        assert_eq!(bang.breaking.as_deref(), Some("stricter parsing"));
        assert_eq!(entry("build: bump go", 0).unwrap().section, "Other");
    }

    #[test]
    fn merges_autosquash_and_free_text_are_left_out() {
        assert_eq!(entry("feat: merged", 2), None);
        assert_eq!(entry("fixup! feat: x", 1), None);
        assert_eq!(entry("Update README", 1), None);
        assert_eq!(entry("Merge branch 'x'", 1), None);
        assert_eq!(entry("chore(release): v1.2.0", 1), None);
        let quoting = entry(
            "fix: match merges\n\nGitLab writes\n\nMerge branch 'a'\n",
            1,
        );
        assert_eq!(quoting.unwrap().section, "Bug Fixes");
    }
}
