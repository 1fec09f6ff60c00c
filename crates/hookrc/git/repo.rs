//! Opening a repository: plain discovery for the CLI, and discovery as git
//! set it up for a hook (`GIT_DIR`, `GIT_WORK_TREE`, `GIT_INDEX_FILE`, and
//! `git -c` values from `GIT_CONFIG_PARAMETERS`, which gix ignores).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use gix::bstr::BString;

use crate::output::HintedError;

/// An opened repository.
pub(crate) struct Repo {
    pub(super) repo: gix::Repository,
}

impl Repo {
    /// Find the repository containing `cwd` (an absolute path) by searching
    /// upwards, honouring `GIT_CEILING_DIRECTORIES` and
    /// `GIT_DISCOVERY_ACROSS_FILESYSTEM` but not `GIT_DIR` (CLI use).
    pub(crate) fn discover(cwd: &Path) -> anyhow::Result<Repo> {
        let options = gix::discover::upwards::Options::default().apply_environment();
        let repo = gix::ThreadSafeRepository::discover_opts(
            cwd,
            options,
            gix::sec::trust::Mapping::default(),
        )
        .map_err(|err| not_a_repository(cwd, err))?;
        Ok(Repo {
            repo: repo.to_thread_local(),
        })
    }

    /// Open the repository as git set it up for a hook running in `cwd`:
    /// `GIT_DIR`, `GIT_WORK_TREE` and `GIT_INDEX_FILE` (the temporary index of
    /// `git commit -a` / `git commit <paths>`) are honoured, and so are the
    /// `git -c key=value` pairs git passes in `GIT_CONFIG_PARAMETERS`.
    pub(crate) fn discover_for_hook(cwd: &Path) -> anyhow::Result<Repo> {
        // gix reads GIT_DIR & co. itself; GIT_CONFIG_PARAMETERS it does not, so
        // git-config-env reads that one and we pass the pairs on as
        // command-line overrides, as git would apply them.
        let params = git_config_env::ConfigParameters::new();
        let overrides = config_parameters(params.iter());
        let open = gix::open::Options::default().cli_overrides(overrides);
        let trust_map = gix::sec::trust::Mapping {
            full: open.clone(),
            reduced: open,
        };
        let options = gix::discover::upwards::Options::default();
        let repo = gix::ThreadSafeRepository::discover_with_environment_overrides_opts(
            cwd, options, trust_map,
        )
        .map_err(|err| not_a_repository(cwd, err))?;
        Ok(Repo {
            repo: repo.to_thread_local(),
        })
    }

    /// The worktree root; `None` for a bare repository.
    pub(crate) fn workdir(&self) -> Option<&Path> {
        self.repo.workdir()
    }

    /// The git dir (`.git`, or `.git/worktrees/<id>` in a linked worktree).
    pub(crate) fn git_dir(&self) -> &Path {
        self.repo.git_dir()
    }

    /// The common dir shared by all worktrees, with `..` resolved.
    pub(crate) fn common_dir(&self) -> anyhow::Result<PathBuf> {
        let common = self.repo.common_dir();
        gix::path::realpath(common)
            .with_context(|| format!("cannot resolve the git common dir `{}`", common.display()))
    }
}

#[cfg(test)]
impl Repo {
    /// Discover the repository at or above `dir` reading only its own config
    /// (no system or global config, no environment: unit tests run in the
    /// developer's environment); `index_file` plays `GIT_INDEX_FILE`.
    pub(crate) fn open_isolated(dir: &Path, index_file: Option<&Path>) -> Repo {
        let mut open = gix::open::Options::isolated();
        if let Some(index) = index_file {
            open = open.config_overrides([format!("gitoxide.core.indexFile={}", index.display())]);
        }
        let trust_map = gix::sec::trust::Mapping {
            full: open.clone(),
            reduced: open,
        };
        let repo = gix::ThreadSafeRepository::discover_opts(
            dir,
            gix::discover::upwards::Options::default(),
            trust_map,
        )
        .expect("open the test repository");
        Repo {
            repo: repo.to_thread_local(),
        }
    }
}

/// `key=value` overrides from the parsed `GIT_CONFIG_PARAMETERS`.
fn config_parameters(params: git_config_env::ConfigParametersIter<'_>) -> Vec<BString> {
    super::config::parameter_pairs(params)
        .into_iter()
        .map(|(key, value)| format!("{key}={value}").into())
        .collect()
}

fn not_a_repository(cwd: &Path, err: gix::Error) -> anyhow::Error {
    let message = format!("`{}` is not inside a git repository", cwd.display());
    let hint = "run hookrc inside a git repository (create one with `git init`)";
    // Not finding one is the common case and gix's chain adds nothing to it;
    // any other failure (unreadable, corrupt, unsafe) keeps its causes.
    if err
        .to_string()
        .starts_with("Could not find a git repository")
    {
        HintedError::new(message, hint).into()
    } else {
        anyhow::Error::new(err).context(format!(
            "cannot open the git repository at or above `{}`",
            cwd.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use git_config_env::ConfigParametersIter;
    use hookrc_testkit::TestRepo;

    use super::config_parameters;

    #[test]
    fn git_dash_c_values_reach_the_repository_config() {
        // What `git -c core.commentChar=';' -c hookrc.flag commit` exports.
        let params = "'core.commentChar'=';' 'hookrc.flag'";
        let overrides = config_parameters(ConfigParametersIter::new(params));
        assert_eq!(overrides, ["core.commentChar=;", "hookrc.flag=true"]);

        let repo = TestRepo::new();
        repo.git(["config", "core.commentChar", "%"]);
        let open = gix::open::Options::isolated().cli_overrides(overrides);
        let opened = gix::open_opts(repo.root(), open).expect("open");
        let config = opened.config_snapshot();
        assert_eq!(
            config.string("core.commentChar").expect("set").to_string(),
            ";"
        );
        assert_eq!(config.boolean("hookrc.flag"), Some(true));
    }
}
