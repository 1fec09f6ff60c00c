//! A module's releases: its version tags in semver order, and for each one
//! the entries of the commits since the release before it (a final release
//! counts from the previous final release, so `v1.3.0` lists everything its
//! release candidates did), plus the unreleased commits since the last tag.
//!
//! Tags are ordered by version, not by date or by walking the history, so
//! several tags on one commit and tags made out of order keep their place.

use anyhow::Context as _;
use hookrc_policy::ChangelogSettings;
use semver::Version;

use crate::git::{CommitId, PathFilter, Repo};
use crate::output::HintedError;
use crate::release::entry::Entry;
use crate::release::version::TagScheme;

/// The module a release belongs to: its directory, its tags, and which
/// commits touch it.
#[derive(Debug, Clone)]
pub(crate) struct Module {
    /// Repo-relative directory, `""` for the root.
    pub(crate) dir: String,
    /// Which tags are the module's.
    pub(crate) scheme: TagScheme,
    /// `None`: every commit counts (the root of a repository without
    /// nested Go modules).
    pub(crate) filter: Option<PathFilter>,
}

impl Module {
    /// The module in `dir` (`None`: the root) as of `head`; nested Go
    /// modules under it are left out of its history.
    pub(crate) fn resolve(repo: &Repo, head: CommitId, dir: Option<&str>) -> anyhow::Result<Self> {
        let dir = dir.unwrap_or("").trim_matches('/').to_owned();
        let dir = dir.strip_prefix("./").unwrap_or(&dir).to_owned();
        let modules = repo.go_module_dirs(head)?;
        if !dir.is_empty() && !modules.contains(&dir) {
            let known: Vec<String> = modules
                .iter()
                .map(|m| format!("`{}`", if m.is_empty() { "." } else { m }))
                .collect();
            let known = if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            };
            return Err(HintedError::new(
                format!("`--module {dir}`: there is no `{dir}/go.mod` at `HEAD`"),
                format!("give the directory of a Go module (modules at `HEAD`: {known}); omit `--module` for the root"),
            )
            .into());
        }
        let excluded: Vec<String> = modules
            .into_iter()
            .filter(|m| m != &dir && (dir.is_empty() || m.starts_with(&format!("{dir}/"))))
            .collect();
        let filter = (!dir.is_empty() || !excluded.is_empty()).then(|| PathFilter {
            dir: dir.clone(),
            excluded,
        });
        Ok(Module {
            scheme: TagScheme::for_dir(&dir),
            dir,
            filter,
        })
    }
}

/// A tag of the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ModuleTag {
    /// The tag's name.
    pub(crate) name: String,
    /// The version it names.
    pub(crate) version: Version,
    /// The commit it points to.
    pub(crate) commit: CommitId,
}

/// The module's version tags, lowest version first.
pub(crate) fn module_tags(repo: &Repo, module: &Module) -> anyhow::Result<Vec<ModuleTag>> {
    let mut tags: Vec<ModuleTag> = repo
        .tags()?
        .into_iter()
        .filter_map(|tag| {
            let version = module.scheme.version(&tag.name)?;
            Some(ModuleTag {
                name: tag.name,
                version,
                commit: tag.commit,
            })
        })
        .collect();
    tags.sort_by(|a, b| a.version.cmp(&b.version).then_with(|| a.name.cmp(&b.name)));
    Ok(tags)
}

/// One section of a changelog: a tagged release, or the unreleased commits.
#[derive(Debug, Clone)]
pub(crate) struct Release {
    /// The tag (or the `--tag` name of the unreleased section); `None`:
    /// unreleased.
    pub(crate) tag: Option<String>,
    /// The tag the release is compared with.
    pub(crate) previous: Option<String>,
    /// The commit time of its tip, in seconds since the epoch.
    pub(crate) time: i64,
    /// Oldest first.
    pub(crate) entries: Vec<Entry>,
}

/// The entries of the commits reachable from `tip` and not from `base`,
/// oldest first.
pub(crate) fn entries(
    repo: &Repo,
    module: &Module,
    tip: CommitId,
    base: Option<CommitId>,
    settings: &ChangelogSettings,
) -> anyhow::Result<Vec<Entry>> {
    let hidden: Vec<CommitId> = base.into_iter().collect();
    let commits = repo.history(tip, &hidden, module.filter.as_ref())?;
    Ok(commits
        .iter()
        .rev()
        .filter_map(|commit| Entry::of(commit, settings))
        .collect())
}

/// The tag a release of `tags[index]` is compared with: the previous final
/// release for a final release, the previous tag for a pre-release.
fn base_of(tags: &[ModuleTag], index: usize) -> Option<&ModuleTag> {
    let tag = tags.get(index)?;
    let earlier = tags.get(..index)?;
    if tag.version.pre.is_empty() {
        earlier.iter().rev().find(|t| t.version.pre.is_empty())
    } else {
        earlier.last()
    }
}

/// Every tagged release of the module, newest first.
pub(crate) fn tagged(
    repo: &Repo,
    module: &Module,
    tags: &[ModuleTag],
    settings: &ChangelogSettings,
) -> anyhow::Result<Vec<Release>> {
    let mut releases = Vec::with_capacity(tags.len());
    for (index, tag) in tags.iter().enumerate().rev() {
        let base = base_of(tags, index);
        let entries = entries(repo, module, tag.commit, base.map(|b| b.commit), settings)
            .with_context(|| format!("cannot read the history of `{}`", tag.name))?;
        releases.push(Release {
            tag: Some(tag.name.clone()),
            previous: base.map(|b| b.name.clone()),
            time: repo.commit_time(tag.commit)?,
            entries,
        });
    }
    Ok(releases)
}

/// The commits after the last tag (after the last final release when
/// `next` names a final version), titled `next` when given.
pub(crate) fn unreleased(
    repo: &Repo,
    module: &Module,
    head: CommitId,
    tags: &[ModuleTag],
    next: Option<&str>,
    settings: &ChangelogSettings,
) -> anyhow::Result<Release> {
    let next_is_final = next
        .and_then(|name| module.scheme.version(name))
        .is_some_and(|v| v.pre.is_empty());
    let base = if next_is_final {
        tags.iter().rev().find(|t| t.version.pre.is_empty())
    } else {
        tags.last()
    };
    Ok(Release {
        tag: next.map(str::to_owned),
        previous: base.map(|b| b.name.clone()),
        time: repo.commit_time(head)?,
        entries: entries(repo, module, head, base.map(|b| b.commit), settings)?,
    })
}
