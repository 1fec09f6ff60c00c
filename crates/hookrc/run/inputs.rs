//! What a hook run judges, from what git handed over: the snapshots (see
//! [`crate::snapshot`] for the table of sources) with their file lists.
//!
//! pre-push input as git gives it: the remote's name and URL as arguments,
//! `<local ref> <local sha> <remote ref> <remote sha>` lines on stdin. Each
//! pushed tip is judged on its own commit; tips with the same tree once,
//! under all their names. A deleted ref (local sha all zeros) has nothing
//! to check; a new branch (remote sha all zeros) is compared with the
//! remote's default branch as this clone knows it; when nothing the remote
//! has is known here, the whole tip counts as changed.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hookrc_policy::{PushedRef, parse_push_input};

use crate::env;
use crate::git::{Content, FileKind, Repo, StagedReader, StagedStatus};
use crate::output::HintedError;
use crate::settings::{FileSelection, RunSettings};
use crate::snapshot::{Snapshot, Source, Tip, short_name};

/// The hooks whose content is the index.
const STAGED_HOOKS: &[&str] = &["pre-commit", "pre-merge-commit"];

/// The snapshots the run at the worktree `root` judges, in order.
pub(crate) fn snapshots(
    settings: &RunSettings,
    root: &Path,
    cwd: &Path,
    stdin: Option<&[u8]>,
) -> anyhow::Result<Vec<Snapshot>> {
    let hook = settings.hook.as_str();
    let snapshot = |source, files, changed| {
        Snapshot::new(source, root.to_owned(), files, changed, env::process_env())
    };
    let one = match (&settings.files, hook) {
        (FileSelection::Hook, "pre-push") => match stdin {
            Some(input) if !input.iter().all(u8::is_ascii_whitespace) => {
                return pushed(settings, root, input);
            }
            _ => {
                let (source, changed) = upstream_push(root)?;
                snapshot(source, None, Some(changed))
            }
        },
        (FileSelection::Hook, hook) if STAGED_HOOKS.contains(&hook) => {
            let (files, changed, content) = staged(root, cwd)?;
            let snapshot = snapshot(Source::Index, Some(files), Some(changed));
            match content {
                Some(content) => snapshot.with_content(content),
                None => snapshot,
            }
        }
        (FileSelection::Hook, _) => snapshot(Source::WorkTree, None, None),
        (FileSelection::All, "pre-push") => {
            // Every file of `HEAD`'s tree, as `--all-files` says.
            let head = snapshot(head(root)?, None, None);
            let files = head.files_under(Path::new(""))?;
            snapshot(head.source().clone(), Some(files), None)
        }
        (FileSelection::All, _) => {
            let files = Repo::discover_for_hook(cwd)?.tracked_files()?;
            snapshot(Source::Index, Some(files), None)
        }
        (FileSelection::Given(files), _) => {
            snapshot(Source::WorkTree, Some(relative(files, root, cwd)), None)
        }
        (FileSelection::GivenStaged(files), _) => {
            snapshot(Source::Index, Some(relative(files, root, cwd)), None)
        }
        (FileSelection::Range { from, to }, _) => {
            let repo = Repo::discover_for_hook(cwd)?;
            let context = || format!("cannot list the files changed between `{from}` and `{to}`");
            let files = repo.changed_files(from, to).with_context(context)?;
            let changed = repo.changed_paths(from, to).with_context(context)?;
            let mut tip = tip(&repo, to, vec![to.clone()])?;
            tip.base = Some(repo.commit_id(from)?);
            snapshot(Source::Commit(tip), Some(files), Some(changed))
        }
    };
    Ok(vec![one])
}

/// `files` (relative to `cwd`) relative to the worktree `root`.
fn relative(files: &[PathBuf], root: &Path, cwd: &Path) -> Vec<PathBuf> {
    files
        .iter()
        .map(|f| relative_to_root(f, root, cwd))
        .collect()
}

/// What `git push` would send from here, for `hookrc run pre-push` without
/// git's input: `HEAD`, changed since `@{upstream}`.
///
/// # Errors
///
/// No upstream: a usage error (exit 2) that says how to choose instead.
fn upstream_push(root: &Path) -> anyhow::Result<(Source, Vec<PathBuf>)> {
    let repo = Repo::discover_for_hook(root)?;
    if repo.commit_id("@{upstream}").is_err() {
        return Err(HintedError::new(
            "`hookrc run pre-push` without git's input judges what `git push` would send (`@{upstream}..HEAD`), but the current branch has no upstream",
            "set one (`git branch --set-upstream-to origin/main`), or choose: `--all-files` (every module at HEAD) or `--from-ref <base> --to-ref HEAD`",
        )
        .into());
    }
    let changed = repo
        .changed_paths("@{upstream}", "HEAD")
        .context("cannot list the files changed since `@{upstream}`")?;
    let name = repo.head_name().unwrap_or_else(|| "HEAD".to_owned());
    let mut tip = tip(&repo, "HEAD", vec![name])?;
    tip.base = Some(repo.commit_id("@{upstream}")?);
    Ok((Source::Commit(tip), changed))
}

/// HEAD as the source of a run that judges commits without git's input.
fn head(root: &Path) -> anyhow::Result<Source> {
    let repo = Repo::discover_for_hook(root)?;
    Ok(Source::Commit(tip(&repo, "HEAD", vec!["HEAD".to_owned()])?))
}

/// The commit `rev` names, with its tree, under the names `refs`.
fn tip(repo: &Repo, rev: &str, refs: Vec<String>) -> anyhow::Result<Tip> {
    Ok(Tip {
        commit: repo.commit_id(rev)?,
        tree: repo.tree_id(rev)?,
        refs,
        base: None,
    })
}

/// The staged files that are files (a submodule's commit id is not, and a
/// deletion leaves nothing to check), every staged path, and the staged
/// content they were read from when [`StagedReader`] read it; the
/// repository is opened only when the reader cannot do without it.
fn staged(root: &Path, cwd: &Path) -> anyhow::Result<StagedLists> {
    let (staged, content) = match StagedReader::for_hook(root)? {
        Some(reader) => reader
            .staged_files(root)
            .map(|(files, content)| (files, Some(content))),
        None => Repo::discover_for_hook(cwd)?
            .staged_files()
            .map(|files| (files, None)),
    }
    .context("cannot list the staged files")?;
    let changed = staged.iter().map(|file| file.path.clone()).collect();
    let files = staged
        .into_iter()
        .filter(|file| file.kind != FileKind::Submodule && file.status != StagedStatus::Deleted)
        .map(|file| file.path)
        .collect();
    Ok((files, changed, content))
}

/// What [`staged`] returns: the files, the changed paths, the content.
type StagedLists = (Vec<PathBuf>, Vec<PathBuf>, Option<Content>);

/// One snapshot per distinct tree among the pushed tips, in push order.
fn pushed(settings: &RunSettings, root: &Path, stdin: &[u8]) -> anyhow::Result<Vec<Snapshot>> {
    let refs = parse_push_input(stdin)?;
    let remote = settings
        .args
        .first()
        .map(|r| r.to_string_lossy().into_owned())
        .unwrap_or_default();
    let repo = Repo::discover_for_hook(root)?;
    let mut tips: Vec<(Tip, Option<Vec<PathBuf>>)> = Vec::new();
    for pushed in refs.iter().filter(|r| !r.is_deletion()) {
        let name = pushed.local_ref.clone();
        let base = base_of(&repo, &remote, pushed);
        let changed = match &base {
            Some(base) => repo.changed_paths(base, &pushed.local_sha).ok(),
            None => None,
        };
        let base = base.and_then(|base| repo.commit_id(&base).ok());
        let tree = repo
            .tree_id(&pushed.local_sha)
            .with_context(|| format!("cannot read the pushed commit of `{}`", short_name(&name)))?;
        match tips.iter_mut().find(|(tip, _)| tip.tree == tree) {
            Some((tip, files)) => {
                tip.refs.push(name);
                *files = merge(files.take(), changed);
            }
            None => tips.push((
                Tip {
                    commit: pushed.local_sha.clone(),
                    tree,
                    refs: vec![name],
                    base,
                },
                changed,
            )),
        }
    }
    Ok(tips
        .into_iter()
        .map(|(tip, changed)| {
            Snapshot::new(
                Source::Commit(tip),
                root.to_owned(),
                None,
                changed,
                env::process_env(),
            )
        })
        .collect())
}

/// The union of two changed-path lists; `None` (everything) wins.
fn merge(a: Option<Vec<PathBuf>>, b: Option<Vec<PathBuf>>) -> Option<Vec<PathBuf>> {
    let (mut a, b) = (a?, b?);
    a.extend(b);
    a.sort();
    a.dedup();
    Some(a)
}

/// A `--files` argument, relative to `cwd`, as a path relative to `root`
/// (kept as given when it is outside the worktree).
fn relative_to_root(file: &Path, root: &Path, cwd: &Path) -> PathBuf {
    if cwd == root {
        return file.to_owned();
    }
    let absolute = cwd.join(file);
    absolute
        .strip_prefix(root)
        .map_or_else(|_| absolute.clone(), Path::to_path_buf)
}

/// What to compare a pushed ref with: what the remote has for it, or for a
/// new branch the remote's default branch as this clone tracks it.
fn base_of(repo: &Repo, remote: &str, pushed: &PushedRef) -> Option<String> {
    if !pushed.is_new() {
        return Some(pushed.remote_sha.clone());
    }
    if remote.is_empty() || remote.contains('/') || remote.contains(':') {
        return None;
    }
    ["HEAD", "main", "master"]
        .iter()
        .map(|branch| format!("refs/remotes/{remote}/{branch}"))
        .find(|candidate| repo.changed_files(candidate, &pushed.local_sha).is_ok())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::relative_to_root;

    #[test]
    fn given_files_become_repo_relative() {
        let root = Path::new("/r");
        assert_eq!(
            relative_to_root(Path::new("-x y"), root, root),
            Path::new("-x y")
        );
        assert_eq!(
            relative_to_root(Path::new("b.sh"), root, Path::new("/r/a")),
            Path::new("a/b.sh")
        );
        assert_eq!(
            relative_to_root(Path::new("b.sh"), root, Path::new("/elsewhere")),
            Path::new("/elsewhere/b.sh")
        );
    }
}
