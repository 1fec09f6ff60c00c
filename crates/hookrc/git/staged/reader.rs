//! [`StagedReader`]: the staged list of a hook's repository from its
//! index, refs and object store alone, without opening the repository.
//!
//! Opening a repository with gix also loads every config file into a typed
//! cache, checks ownership and sets up replacement objects; for an idle
//! pre-commit hook that is about a third of its whole run. The reader
//! takes the layout as git does (`GIT_DIR`, a `.git` file, `commondir`,
//! `GIT_INDEX_FILE`) and declines, so that the caller opens the repository
//! after all, whenever something it does not model could change the
//! answer: an object directory or alternates from the environment,
//! replacement refs, or a repository format extension.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use gix::ObjectId;
use gix::bstr::ByteSlice as _;
use gix::objs::Find as _;

use super::StagedFile;
use crate::env;
use crate::git::Content;
use crate::git::index::read_index;
use crate::git::layout::{self, Lookup};

/// Environment variables that point git at objects or refs the reader does
/// not look at.
const DECLINED_ENV: &[&str] = &[
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_REPLACE_REF_BASE",
];

/// The extensions (`extensions.<name>` in the repository's config) the
/// reader handles; any other one makes it decline.
const HANDLED_EXTENSIONS: &[&str] = &["worktreeConfig", "noop"];

/// Above this size `packed-refs` is memory-mapped rather than read (gix's
/// own default for its ref store).
const MMAP_PACKED_REFS_OVER: u64 = 32 * 1024;

/// How many symbolic refs HEAD may go through, as git's `SYMREF_MAXDEPTH`.
const MAX_SYMREF_DEPTH: usize = 5;

/// Where a hook's staged changes are read from.
pub(crate) struct StagedReader {
    git_dir: PathBuf,
    common_dir: PathBuf,
    index: PathBuf,
}

impl StagedReader {
    /// The reader for a hook running at the worktree `root`, or `None` when
    /// the repository needs a full open ([`crate::git::Repo`]) instead.
    pub(crate) fn for_hook(root: &Path) -> anyhow::Result<Option<StagedReader>> {
        Self::load(root, &env::var)
    }

    /// [`StagedReader::for_hook`] with the environment `var` gives.
    pub(super) fn load(root: &Path, var: Lookup<'_>) -> anyhow::Result<Option<StagedReader>> {
        if DECLINED_ENV.iter().any(|name| var(name).is_some()) {
            return Ok(None);
        }
        let git_dir = layout::git_dir(root, var)?;
        let common_dir = layout::common_dir(&git_dir, var)?;
        if !plain_format(&common_dir)? || has_replacements(&common_dir)? {
            return Ok(None);
        }
        let index = match var(env::GIT_INDEX_FILE) {
            Some(file) => std::path::absolute(&file).with_context(|| {
                format!(
                    "cannot resolve GIT_INDEX_FILE `{}`",
                    Path::new(&file).display()
                )
            })?,
            None => git_dir.join("index"),
        };
        Ok(Some(StagedReader {
            git_dir,
            common_dir,
            index,
        }))
    }

    /// What [`crate::git::Repo::staged_files`] returns, read without the
    /// repository open, and the staged content it was read from (the
    /// worktree at `root` is where the repository is opened, should an
    /// object of that content be read): one index read for both.
    pub(crate) fn staged_files(&self, root: &Path) -> anyhow::Result<(Vec<StagedFile>, Content)> {
        let hash = gix::hash::Kind::Sha1;
        let Some(index) = read_index(&self.index, hash)? else {
            return Ok((Vec::new(), self.empty_content(root)));
        };
        let objects = gix::odb::at(self.common_dir.join("objects"), hash).with_context(|| {
            format!(
                "cannot open the object store in `{}`",
                self.common_dir.display()
            )
        })?;
        let head = self.head_tree(&objects, hash)?;
        let files = super::staged_files(&index, head, &objects, hash)?;
        Ok((files, Content::staged_unopened(index, root)))
    }

    /// The staged content, read without the repository open (it is opened
    /// when an object must be read); `root` is the worktree.
    pub(crate) fn staged_content(&self, root: &Path) -> anyhow::Result<Content> {
        match read_index(&self.index, gix::hash::Kind::Sha1)? {
            Some(index) => Ok(Content::staged_unopened(index, root)),
            None => Ok(self.empty_content(root)),
        }
    }

    /// The content of a repository without an index yet.
    fn empty_content(&self, root: &Path) -> Content {
        let state = gix::index::State::new(gix::hash::Kind::Sha1);
        Content::staged_unopened(
            gix::index::File::from_state(state, self.index.clone()),
            root,
        )
    }

    /// HEAD's tree, `None` when HEAD is unborn.
    fn head_tree(
        &self,
        objects: &gix::odb::Handle,
        hash: gix::hash::Kind,
    ) -> anyhow::Result<Option<ObjectId>> {
        let refs = if self.git_dir == self.common_dir {
            gix::refs::file::Store::at(self.git_dir.clone(), hash)
        } else {
            gix::refs::file::Store::for_linked_worktree(
                self.git_dir.clone(),
                self.common_dir.clone(),
                hash,
            )
        };
        let mut reference: gix::refs::Reference =
            refs.find_loose("HEAD").context("cannot read HEAD")?.into();
        // Symbolic refs are followed by hand: peeling would read the commit
        // once to see that it is no tag, and then we would read it again.
        let mut id = None;
        for _ in 0..MAX_SYMREF_DEPTH {
            match &reference.target {
                gix::refs::Target::Object(target) => {
                    id = Some(target.to_owned());
                    break;
                }
                gix::refs::Target::Symbolic(name) => {
                    let Some(next) = refs
                        .try_find(name.as_ref())
                        .with_context(|| format!("cannot read `{name}`"))?
                    else {
                        return Ok(None);
                    };
                    reference = next;
                }
            }
        }
        let mut id = id.context("HEAD is a cycle of symbolic refs")?;
        let mut buf = Vec::new();
        let tree = loop {
            let data = objects
                .try_find(&id, &mut buf)
                .with_context(|| format!("cannot read {id}, which HEAD names"))?
                .with_context(|| format!("{id}, which HEAD names, is missing"))?;
            match data.kind {
                gix::objs::Kind::Commit => {
                    break gix::objs::CommitRefIter::from_bytes(data.data, hash)
                        .tree_id()
                        .with_context(|| format!("cannot read the tree of the commit {id}"))?;
                }
                gix::objs::Kind::Tag => {
                    id = gix::objs::TagRefIter::from_bytes(data.data, hash)
                        .target_id()
                        .with_context(|| format!("cannot read the target of the tag {id}"))?;
                }
                kind => bail!("HEAD names {id}, a {kind}, not a commit"),
            }
        };
        Ok(Some(tree))
    }
}

/// Whether the repository's config names no extension but the handled ones
/// (so it is SHA-1, with refs in files). git reads the format from this file
/// alone, includes not followed; a file that does not mention `extensions`
/// at all is plain without being parsed.
fn plain_format(common_dir: &Path) -> anyhow::Result<bool> {
    let path = common_dir.join("config");
    let bytes = fs_err::read(&path)?;
    if !bytes.to_ascii_lowercase().contains_str("extensions") {
        return Ok(true);
    }
    let config = gix::config::File::from_bytes_no_includes(
        &bytes,
        gix::config::file::Metadata::from(gix::config::Source::Local).at(&path),
        gix::config::file::init::Options::default(),
    )
    .with_context(|| format!("cannot read `{}`", path.display()))?;
    let extensions = config.sections_by_name("extensions").into_iter().flatten();
    for section in extensions {
        for name in section.value_names() {
            let name: &str = name.as_ref();
            let handled = HANDLED_EXTENSIONS
                .iter()
                .any(|known| name.eq_ignore_ascii_case(known));
            let sha1 = name.eq_ignore_ascii_case("objectFormat")
                && section
                    .value(name)
                    .is_some_and(|v| v.eq_ignore_ascii_case(b"sha1"));
            if !handled && !sha1 {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Whether replacement refs exist (`refs/replace/`, loose or packed; git
/// leaves the directory behind, empty, when it deletes the last one). The
/// packed ones are found by a binary search of `packed-refs`, which is
/// memory-mapped when large: a repository with many tags pays no full read.
fn has_replacements(common_dir: &Path) -> anyhow::Result<bool> {
    match std::fs::read_dir(common_dir.join("refs/replace")) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Ok(true);
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).context("cannot read `refs/replace`"),
    }
    let path = common_dir.join("packed-refs");
    if !path.exists() {
        return Ok(false);
    }
    let packed =
        gix::refs::packed::Buffer::open(path, MMAP_PACKED_REFS_OVER, gix::hash::Kind::Sha1)
            .context("cannot read `packed-refs`")?;
    let mut replacements = packed
        .iter_prefixed("refs/replace/".into())
        .context("cannot read `packed-refs`")?;
    Ok(replacements.next().is_some())
}
