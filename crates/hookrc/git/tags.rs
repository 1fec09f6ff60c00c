//! Tags and names for releases: every tag with the commit it points to
//! (annotated and nested tags peeled), creating an annotated tag (never
//! pushed), the names refs go by (for "did you mean"), and a remote's URL.

use anyhow::Context as _;
use gix::ObjectId;
use gix::refs::transaction::PreviousValue;

use super::Repo;

/// A tag and the commit it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// The name without `refs/tags/` (`v1.2.0`, `sub/dir/v1.2.0`).
    pub(crate) name: String,
    /// The commit the tag peels to.
    pub(crate) commit: ObjectId,
}

impl Repo {
    /// Every tag that peels to a commit (tags of trees or blobs are left out),
    /// in no particular order.
    pub(crate) fn tags(&self) -> anyhow::Result<Vec<Tag>> {
        let platform = self.repo.references().context("cannot read the tags")?;
        let mut tags = Vec::new();
        for reference in platform.tags().context("cannot read the tags")? {
            let Ok(mut reference) = reference else {
                continue;
            };
            let name = reference.name().shorten().to_string();
            let Ok(id) = reference.peel_to_id() else {
                continue;
            };
            let is_commit = self
                .repo
                .find_header(id)
                .is_ok_and(|header| header.kind() == gix::object::Kind::Commit);
            if is_commit {
                tags.push(Tag {
                    name,
                    commit: id.detach(),
                });
            }
        }
        Ok(tags)
    }

    /// Create the annotated tag `name` on `commit` with `message`, tagged by
    /// the configured committer; an existing tag of that name is an error.
    pub(crate) fn create_tag(
        &self,
        name: &str,
        commit: ObjectId,
        message: &str,
    ) -> anyhow::Result<()> {
        let tagger = self
            .repo
            .committer()
            .context("no committer identity: set `user.name` and `user.email`")?
            .context("cannot read the committer identity")?;
        self.repo
            .tag(
                name,
                commit,
                gix::object::Kind::Commit,
                Some(tagger),
                message,
                PreviousValue::MustNotExist,
            )
            .with_context(|| format!("cannot create the tag `{name}`"))?;
        Ok(())
    }

    /// The short names of every branch, remote-tracking branch and tag, and
    /// `HEAD`: the candidates for "did you mean".
    pub(crate) fn ref_names(&self) -> Vec<String> {
        let mut names = vec!["HEAD".to_owned()];
        if let Ok(platform) = self.repo.references()
            && let Ok(all) = platform.all()
        {
            names.extend(all.flatten().map(|r| r.name().shorten().to_string()));
        }
        names
    }

    /// The URL of the remote `name` (`remote.<name>.url`), as configured.
    pub(crate) fn remote_url(&self, name: &str) -> Option<String> {
        self.repo
            .config_snapshot()
            .string(format!("remote.{name}.url").as_str())
            .map(|url| url.to_string())
    }

    /// The commit `HEAD` points to; `None` on an unborn branch.
    pub(crate) fn head_commit(&self) -> anyhow::Result<Option<ObjectId>> {
        let head = self.repo.head_id();
        match head {
            Ok(id) => Ok(Some(id.detach())),
            Err(_) if self.repo.head()?.is_unborn() => Ok(None),
            Err(err) => Err(anyhow::Error::new(err).context("cannot read `HEAD`")),
        }
    }
}
