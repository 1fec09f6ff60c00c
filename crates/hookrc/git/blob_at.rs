//! Reading the content of a commit without a checkout: one file's bytes at
//! a commit (`git show REV:path`), and the directories that hold a `go.mod`
//! (each one a Go module with its own release tags).

use anyhow::Context as _;
use gix::ObjectId;
use gix::bstr::ByteSlice as _;

use super::Repo;

impl Repo {
    /// The bytes of `path` (repo-relative, `/`-separated) at `commit` (a
    /// commit, or an annotated tag, which is peeled: what a pre-push hook
    /// gets for a pushed tag), or `None` when the commit has no file there.
    pub(crate) fn file_at(&self, commit: ObjectId, path: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let tree = self
            .repo
            .find_object(commit)
            .and_then(gix::Object::peel_to_commit)
            .and_then(|c| c.tree())
            .with_context(|| format!("cannot read the tree of commit {commit}"))?;
        let entry = tree
            .lookup_entry_by_path(path)
            .with_context(|| format!("cannot look up `{path}` in commit {commit}"))?;
        let Some(entry) = entry.filter(|e| e.mode().is_blob()) else {
            return Ok(None);
        };
        let blob = self
            .repo
            .find_blob(entry.object_id())
            .with_context(|| format!("cannot read `{path}` at commit {commit}"))?;
        Ok(Some(blob.data.clone()))
    }

    /// The directories (repo-relative, `""` for the root) that hold a
    /// `go.mod` at `commit`, sorted; `vendor/` and `testdata/` are left out,
    /// as the go command leaves them out of modules.
    pub(crate) fn go_module_dirs(&self, commit: ObjectId) -> anyhow::Result<Vec<String>> {
        let tree = self
            .repo
            .find_commit(commit)
            .and_then(|c| c.tree_id())
            .with_context(|| format!("cannot read the tree of commit {commit}"))?;
        let mut found = Vec::new();
        self.collect_go_modules(tree.detach(), "", &mut found)?;
        found.sort();
        Ok(found)
    }

    fn collect_go_modules(
        &self,
        tree: ObjectId,
        dir: &str,
        found: &mut Vec<String>,
    ) -> anyhow::Result<()> {
        let tree = self
            .repo
            .find_tree(tree)
            .with_context(|| format!("cannot read tree {tree}"))?;
        let decoded = tree.decode().context("cannot decode a tree")?;
        for entry in &decoded.entries {
            let name = entry.filename.to_str_lossy();
            if entry.mode.is_blob() && name == "go.mod" {
                found.push(dir.to_owned());
            } else if entry.mode.is_tree() && name != "vendor" && name != "testdata" {
                let path = if dir.is_empty() {
                    name.into_owned()
                } else {
                    format!("{dir}/{name}")
                };
                self.collect_go_modules(entry.oid.to_owned(), &path, found)?;
            }
        }
        Ok(())
    }
}
