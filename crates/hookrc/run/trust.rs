//! Which policies may run the repository's own commands when git starts
//! hookrc: only one the user trusted. A policy that arrived with a clone,
//! a pull or a checkout could name any program; until the user has looked
//! at it and said `hookrc trust` (or `hookrc install`, run in the
//! repository by the user), a hook git starts refuses to run the checks
//! that execute something the policy chose: custom commands, go-test and
//! go-bench (they run the repository's tests), and any Go check once
//! `[go] go`, `[go] env` or a linter's `path`/`env` points elsewhere. The
//! built-in checks of the embedded default policy always run.
//!
//! Trust is recorded by the policy file's content hash in the repository's
//! private area (`<git common dir>/hookrc/trusted`), which a clone never
//! carries: a changed policy is a new hash and asks again. `hookrc run`,
//! typed by a person or a CI job, is the user's own request and runs the
//! policy as it is.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use hookrc_policy::{Check, POLICY_FILE, Policy};

use crate::git::{blob_id, private_area, private_area_path};

/// The file, in the private area, listing the trusted policy hashes.
const TRUSTED: &str = "trusted";

/// Whether `check` under `policy` runs something the policy chose.
pub(crate) fn runs_policy_code(policy: &Policy, check: &Check) -> bool {
    let go = policy.go();
    let go_redirected = go.go().is_some() || !go.env().is_empty();
    match check {
        Check::Command(_) | Check::GoTest(_) | Check::GoBench(_) => true,
        Check::GoLint(lint) => go_redirected || lint.path().is_some() || !lint.env().is_empty(),
        Check::GoFmt(_)
        | Check::GoVet(_)
        | Check::GoBuild(_)
        | Check::GoMod(_)
        | Check::GoEnv(_) => go_redirected,
        _ => false,
    }
}

/// The policy file at the worktree `root` and its content hash, `None`
/// when there is none (the embedded default applies).
pub(crate) fn policy_hash(root: &Path) -> anyhow::Result<Option<(PathBuf, String)>> {
    match hookrc_policy::read(root)? {
        Some(text) => Ok(Some((root.join(POLICY_FILE), blob_id(text.as_bytes())?))),
        None => Ok(None),
    }
}

/// Whether the policy with `hash` is trusted in the repository at `root`.
pub(crate) fn is_trusted(root: &Path, hash: &str) -> anyhow::Result<bool> {
    let file = private_area_path(root)?.join(TRUSTED);
    match fs_err::read_to_string(&file) {
        Ok(text) => Ok(text.lines().any(|line| line.trim() == hash)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err.into()),
    }
}

/// Record the policy with `hash` as trusted in the repository at `root`.
pub(crate) fn trust(root: &Path, hash: &str) -> anyhow::Result<()> {
    if is_trusted(root, hash)? {
        return Ok(());
    }
    let file = private_area(root)?.join(TRUSTED);
    let mut text = match fs_err::read_to_string(&file) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err.into()),
    };
    text.push_str(hash);
    text.push('\n');
    crate::files::replace(&file, text.as_bytes())
}

/// Forget every trusted policy of the repository at `root`.
pub(crate) fn revoke(root: &Path) -> anyhow::Result<()> {
    let file = private_area_path(root)?.join(TRUSTED);
    match std::fs::remove_file(&file) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("cannot remove `{}`", file.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use hookrc_testkit::TestRepo;

    use super::{is_trusted, policy_hash, revoke, trust};

    #[test]
    fn a_policy_is_trusted_by_its_content_until_revoked() {
        let repo = TestRepo::new();
        assert_eq!(policy_hash(repo.root()).expect("read"), None);
        repo.write(".hookrc.toml", "[hooks]\n");
        let (_, hash) = policy_hash(repo.root()).expect("read").expect("a policy");
        assert_eq!(hash, repo.git(["hash-object", ".hookrc.toml"]).trim());
        assert!(!is_trusted(repo.root(), &hash).expect("read"));
        trust(repo.root(), &hash).expect("trust");
        trust(repo.root(), &hash).expect("again");
        assert!(is_trusted(repo.root(), &hash).expect("read"));
        repo.write(".hookrc.toml", "[hooks]\npre-commit = []\n");
        let (_, changed) = policy_hash(repo.root()).expect("read").expect("a policy");
        assert!(!is_trusted(repo.root(), &changed).expect("read"));
        revoke(repo.root()).expect("revoke");
        assert!(!is_trusted(repo.root(), &hash).expect("read"));
    }
}
