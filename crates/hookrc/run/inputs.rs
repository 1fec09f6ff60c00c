//! pre-push input as git gives it: the remote's name and URL as arguments,
//! `<local ref> <local sha> <remote ref> <remote sha>` lines on stdin, and
//! from them the files the pushed commits touch. A deleted ref (local sha all
//! zeros) has nothing to check; a new branch (remote sha all zeros) is
//! compared with the remote's default branch as this clone knows it; when
//! nothing the remote has is known here, every tracked file counts.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use crate::git::Repo;

/// One line of pre-push's stdin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PushedRef {
    /// The local ref pushed (`refs/heads/topic`, or `(delete)`).
    pub(crate) local_ref: String,
    /// Its commit; all zeros for a deletion.
    pub(crate) local_sha: String,
    /// The ref on the remote.
    pub(crate) remote_ref: String,
    /// What the remote has there; all zeros for a new ref.
    pub(crate) remote_sha: String,
}

impl PushedRef {
    /// Whether the push deletes the remote ref.
    pub(crate) fn is_deletion(&self) -> bool {
        is_zero(&self.local_sha)
    }

    /// Whether the remote does not have the ref yet.
    pub(crate) fn is_new(&self) -> bool {
        is_zero(&self.remote_sha)
    }
}

fn is_zero(sha: &str) -> bool {
    sha.bytes().all(|b| b == b'0')
}

/// Parses pre-push's stdin.
///
/// # Errors
///
/// A line that is not four fields with hex object ids, quoted with its number.
pub(crate) fn parse(stdin: &[u8]) -> anyhow::Result<Vec<PushedRef>> {
    let text = std::str::from_utf8(stdin).context("pre-push input is not UTF-8")?;
    let mut refs = Vec::new();
    for (number, line) in (1..).zip(text.lines()) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(' ').collect();
        let hex = |s: &str| s.len() >= 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
        let [local_ref, local_sha, remote_ref, remote_sha] = fields[..] else {
            bail!(
                "pre-push input line {number} is not `<local ref> <local sha> <remote ref> <remote sha>`: `{line}`"
            );
        };
        if !hex(local_sha) || !hex(remote_sha) {
            bail!("pre-push input line {number} has no object ids where git puts them: `{line}`");
        }
        refs.push(PushedRef {
            local_ref: local_ref.to_owned(),
            local_sha: local_sha.to_owned(),
            remote_ref: remote_ref.to_owned(),
            remote_sha: remote_sha.to_owned(),
        });
    }
    Ok(refs)
}

/// The files touched by the commits pushed (repo-relative, sorted), for
/// the remote named by git's first hook argument.
///
/// # Errors
///
/// Unreadable input or repository.
pub(crate) fn pushed_files(
    cwd: &Path,
    hook_args: &[OsString],
    stdin: &[u8],
) -> anyhow::Result<Vec<PathBuf>> {
    let refs = parse(stdin)?;
    let remote = hook_args
        .first()
        .map(|r| r.to_string_lossy().into_owned())
        .unwrap_or_default();
    let repo = Repo::discover_for_hook(cwd)?;
    let mut files = BTreeSet::new();
    for pushed in refs.iter().filter(|r| !r.is_deletion()) {
        match base_of(&repo, &remote, pushed) {
            Some(base) => {
                if let Ok(changed) = repo.changed_files(&base, &pushed.local_sha) {
                    files.extend(changed);
                    continue;
                }
                files.extend(repo.tracked_files()?);
            }
            None => files.extend(repo.tracked_files()?),
        }
    }
    Ok(files.into_iter().collect())
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
    use super::parse;

    const A: &str = "1111111111111111111111111111111111111111";
    const Z: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn lines_become_refs_new_and_deleted_ones_recognised() {
        let input =
            format!("refs/heads/topic {A} refs/heads/topic {Z}\n(delete) {Z} refs/heads/old {A}\n");
        let refs = parse(input.as_bytes()).expect("parsed");
        assert_eq!(refs.len(), 2);
        assert!(refs[0].is_new() && !refs[0].is_deletion());
        assert_eq!(refs[0].remote_ref, "refs/heads/topic");
        assert!(refs[1].is_deletion() && !refs[1].is_new());
        assert_eq!(parse(b"").expect("empty"), vec![]);
    }

    #[test]
    fn malformed_lines_are_named() {
        let error = parse(b"refs/heads/x abc refs/heads/x def\n").expect_err("bad ids");
        assert!(error.to_string().contains("line 1"), "{error}");
        let error = parse(format!("\nrefs/heads/x {A}\n").as_bytes()).expect_err("fields");
        assert!(error.to_string().contains("line 2"), "{error}");
    }
}
