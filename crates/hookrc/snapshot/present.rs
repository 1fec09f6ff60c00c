//! How a snapshot's content reaches a tool, chosen per run: in place when
//! the working tree holds the snapshot for everything the tool reads (the
//! common case, at no cost), else a private checkout: of the needed files
//! into a temporary directory for the index (removed when the run ends,
//! also after Ctrl-C or SIGTERM, which end the run through its cancellation
//! token), or of the whole commit into a persistent checkout slot for a
//! commit (see [`crate::git::Mirror`]). Go's `-overlay`, the third way, is
//! the go-vet check's own (`checks::go::vet`). Whatever the tree, tools see
//! the files at their repo paths, so reports name repo paths.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Snapshot, Source};
use crate::git::{Repo, private_tmp, worktree_holds};

/// What a tool reads of a snapshot.
pub(crate) enum Scope<'a> {
    /// Every file under these repo-relative directories (an empty path:
    /// the whole tree).
    Trees(&'a [PathBuf]),
    /// Exactly the files this predicate keeps (repo-relative paths).
    Files(&'a dyn Fn(&Path) -> bool),
}

/// The tree a tool runs in: the worktree root, or a private checkout.
pub(crate) struct Presented {
    root: PathBuf,
    in_place: bool,
    _temporary: Option<tempfile::TempDir>,
}

impl Presented {
    /// The root of the tree holding the snapshot at its repo paths.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the tool runs in the user's working tree.
    pub(crate) fn in_place(&self) -> bool {
        self.in_place
    }
}

impl Snapshot {
    /// The working tree itself, for a tool that is shown the snapshot
    /// another way (an overlay) or needs nothing of it.
    pub(crate) fn worktree(&self) -> Presented {
        Presented {
            root: self.root.clone(),
            in_place: true,
            _temporary: None,
        }
    }

    /// The tree in which a tool reading `scope` sees the snapshot.
    pub(crate) fn present(&self, scope: &Scope<'_>) -> anyhow::Result<Presented> {
        let in_place = || self.worktree();
        match self.source() {
            Source::WorkTree => Ok(in_place()),
            Source::Index => {
                if self.index_in_place(scope)? {
                    return Ok(in_place());
                }
                self.temporary_checkout(scope)
            }
            Source::Commit(tip) => {
                let dirs = match scope {
                    Scope::Trees(dirs) => *dirs,
                    Scope::Files(_) => &[PathBuf::new()][..],
                };
                if self.worktree_holds_commit(tip, dirs)? {
                    return Ok(in_place());
                }
                Ok(Presented {
                    root: self.mirror(tip)?.dir().to_owned(),
                    in_place: false,
                    _temporary: None,
                })
            }
        }
    }

    /// Whether the working tree holds the commit of `tip` in `dirs`, asked
    /// of git once per set of directories (every pre-push gate of a run
    /// usually asks about the same modules).
    fn worktree_holds_commit(&self, tip: &super::Tip, dirs: &[PathBuf]) -> anyhow::Result<bool> {
        let mut known = self
            .in_place
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, holds)) = known.iter().find(|(asked, _)| asked == dirs) {
            return Ok(*holds);
        }
        let head = Repo::discover_for_hook(&self.root)?.tree_id("HEAD").ok();
        let holds = worktree_holds(&self.root, head.as_deref(), &tip.tree, dirs, self.env())?;
        known.push((dirs.to_vec(), holds));
        Ok(holds)
    }

    /// Whether the working tree holds the index's content for `scope`; for
    /// a set of files, asked once per run.
    fn index_in_place(&self, scope: &Scope<'_>) -> anyhow::Result<bool> {
        let Some(content) = self.content()? else {
            return Ok(true);
        };
        let divergent = match scope {
            Scope::Trees(dirs) => !content.divergences(&self.root, dirs, &|_| true)?.is_empty(),
            Scope::Files(keep) => {
                let kept: Vec<_> = content
                    .files_under(Path::new(""))
                    .into_iter()
                    .filter(|entry| keep(&entry.path))
                    .collect();
                let paths: Vec<PathBuf> = kept.iter().map(|entry| entry.path.clone()).collect();
                let mut known = self
                    .index_in_place
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(in_place) = known.get(&paths) {
                    return Ok(*in_place);
                }
                let mut divergent = false;
                for entry in &kept {
                    if content.diverges(&self.root, entry)? {
                        divergent = true;
                        break;
                    }
                }
                divergent = divergent || self.untracked_beside(content, &kept, keep);
                known.insert(paths, !divergent);
                divergent
            }
        };
        Ok(!divergent)
    }

    /// Whether a directory holding one of the `kept` files also holds, in
    /// the working tree, a file `keep` selects that the index lacks (an
    /// untracked configuration file a tool would read in place but not in
    /// a checkout of what is staged).
    fn untracked_beside(
        &self,
        content: &crate::git::Content,
        kept: &[crate::git::Entry],
        keep: &dyn Fn(&Path) -> bool,
    ) -> bool {
        let mut dirs: Vec<&Path> = kept
            .iter()
            .map(|entry| entry.path.parent().unwrap_or(Path::new("")))
            .collect();
        dirs.sort();
        dirs.dedup();
        for dir in dirs {
            let Ok(listing) = std::fs::read_dir(self.root.join(dir)) else {
                continue;
            };
            for item in listing.flatten() {
                let path = dir.join(item.file_name());
                let is_file = item.file_type().is_ok_and(|t| !t.is_dir());
                if is_file && keep(&path) && content.entry(&path).is_none() {
                    return true;
                }
            }
        }
        false
    }

    /// The scope's files checked out into a private temporary directory.
    fn temporary_checkout(&self, scope: &Scope<'_>) -> anyhow::Result<Presented> {
        let Some(content) = self.content()? else {
            anyhow::bail!("the working tree has nothing to check out");
        };
        let tmp = private_tmp(&self.root)?;
        let dir = tempfile::Builder::new()
            .prefix("staged-")
            .tempdir_in(&tmp)
            .with_context(|| format!("cannot create a private directory in `{}`", tmp.display()))?;
        match scope {
            Scope::Trees(dirs) => content.checkout(dir.path(), &|path| {
                dirs.iter()
                    .any(|d| d.as_os_str().is_empty() || path.starts_with(d))
            })?,
            Scope::Files(keep) => content.checkout(dir.path(), keep)?,
        }
        crate::git::make_private(dir.path())?;
        Ok(Presented {
            root: dir.path().to_owned(),
            in_place: false,
            _temporary: Some(dir),
        })
    }
}
