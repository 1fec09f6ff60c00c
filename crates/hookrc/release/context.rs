//! What `hookrc changelog` and `hookrc bump` both start from: the
//! repository around the current directory, its policy, `HEAD`, the module
//! asked for and that module's version tags.

use anyhow::Context as _;
use hookrc_policy::Policy;

use crate::git::{CommitId, Repo};
use crate::output::HintedError;
use crate::release::history::{self, Module, ModuleTag};
use crate::settings;

/// The repository, policy, `HEAD` and module of a release command.
pub(crate) struct ReleaseContext {
    /// The repository around the current directory.
    pub(crate) repo: Repo,
    /// Its policy (`[changelog]` and the conventional check).
    pub(crate) policy: Policy,
    /// The commit `HEAD` points to.
    pub(crate) head: CommitId,
    /// The module asked for (`--module`, else the root).
    pub(crate) module: Module,
    /// The module's version tags, lowest version first.
    pub(crate) tags: Vec<ModuleTag>,
}

impl ReleaseContext {
    /// Open the repository around the current directory for the module in
    /// `module_dir` (`None`: the root).
    pub(crate) fn open(module_dir: Option<&str>) -> anyhow::Result<Self> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let repo = Repo::discover(&cwd)?;
        let policy = match repo.workdir() {
            Some(root) => settings::load_policy(root, &cwd)?,
            None => hookrc_policy::default_policy(&settings::default_context(&cwd))?,
        };
        let head = repo.head_commit()?.ok_or_else(|| {
            HintedError::new(
                "`HEAD` has no commit yet: there is no history to release",
                "commit first, then run this again",
            )
        })?;
        let module = Module::resolve(&repo, head, module_dir)?;
        let tags = history::module_tags(&repo, &module)?;
        Ok(ReleaseContext {
            repo,
            policy,
            head,
            module,
            tags,
        })
    }

    /// The module's last final (not pre-release) tag.
    pub(crate) fn last_final(&self) -> Option<&ModuleTag> {
        self.tags.iter().rev().find(|t| t.version.pre.is_empty())
    }

    /// The module's `go.mod` path, repo-relative.
    pub(crate) fn go_mod_path(&self) -> String {
        if self.module.dir.is_empty() {
            "go.mod".to_owned()
        } else {
            format!("{}/go.mod", self.module.dir)
        }
    }
}
