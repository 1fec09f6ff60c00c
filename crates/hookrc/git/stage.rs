//! Re-staging fixed content: the new blobs are written with gix, then one
//! `git update-index -z --index-info` sets every entry at once, so git
//! itself takes the index lock, invalidates the cache-tree and writes the
//! index (or the temporary index of `git commit -a`, by `GIT_INDEX_FILE`)
//! atomically. It is never cancelled half-way: a killed `update-index`
//! would leave `index.lock` behind; but a run cancelled before it starts
//! (the last moment a Ctrl-C can still keep the index as it was) stages
//! nothing.
//!
//! `git commit <paths>` gives the hook a temporary index
//! (`next-index-<pid>.lock`) for the commit and has already written the
//! real index, still locked as `index.lock`, which it puts in place after
//! the commit. Both are updated, so the commit and the index agree.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use hookrc_runner::{Cancel, Job};

use super::Repo;

/// A file whose staged content is to be replaced.
#[derive(Debug, Clone)]
pub(crate) struct Restage {
    /// Repo-relative path.
    pub(crate) path: PathBuf,
    /// Its index mode (`0o100644` or `0o100755`).
    pub(crate) mode: u32,
    /// The new content.
    pub(crate) content: Vec<u8>,
}

impl Repo {
    /// Replace the staged content of every file in `files` in one atomic
    /// index write, running `git` in `root` with `env`; nothing is staged
    /// when `cancel` is cancelled before the write starts.
    pub(crate) fn restage(
        &self,
        files: &[Restage],
        root: &Path,
        env: &BTreeMap<OsString, OsString>,
        cancel: &Cancel,
    ) -> anyhow::Result<()> {
        if files.is_empty() {
            return Ok(());
        }
        let mut records = Vec::new();
        for file in files {
            let id = self.repo.write_blob(&file.content).with_context(|| {
                format!(
                    "cannot write the fixed content of `{}`",
                    file.path.display()
                )
            })?;
            records.extend_from_slice(format!("{:o} {id}\t", file.mode).as_bytes());
            records.extend_from_slice(file.path.as_os_str().as_encoded_bytes());
            records.push(0);
        }
        if cancel.is_cancelled() {
            bail!("interrupted before the fixes were staged: nothing was staged");
        }
        update_index(root, env.clone(), &records)?;
        if let Some(real) = self.pending_real_index() {
            let mut env = env.clone();
            env.insert("GIT_INDEX_FILE".into(), real.into());
            update_index(root, env, &records)?;
        }
        Ok(())
    }

    /// The real index `git commit <paths>` has written and still holds
    /// locked, when the hook runs on such a commit's temporary index.
    fn pending_real_index(&self) -> Option<PathBuf> {
        let index = self.repo.index_path();
        let name = index.file_name()?.to_string_lossy();
        if !name.starts_with("next-index-") {
            return None;
        }
        let real = self.repo.git_dir().join("index.lock");
        real.is_file().then_some(real)
    }
}

/// `git update-index -z --index-info` with `records` in `root` under `env`.
fn update_index(
    root: &Path,
    env: BTreeMap<OsString, OsString>,
    records: &[u8],
) -> anyhow::Result<()> {
    let job = Job::new(["git", "update-index", "-z", "--index-info"], root)
        .with_env(env)
        .with_stdin(records.to_vec());
    let done = hookrc_runner::run(&job, &Cancel::new())
        .context("cannot run `git update-index` to stage the fixes")?;
    if !done.success() {
        bail!(
            "`git update-index` could not stage the fixes ({:?}): {}",
            done.status(),
            String::from_utf8_lossy(done.stderr()).trim()
        );
    }
    Ok(())
}
