//! Config values hookrc needs from git: the comment string of commit
//! messages (`core.commentChar` / `core.commentString`, `auto` included).
//!
//! That is all a commit-msg hook needs from the repository, so
//! [`HookConfig`] reads git's config files directly, in git's order, rather
//! than opening the repository: the open (refs, object database, ownership
//! checks, typed config cache) cost a commit-msg hook about 0.4 ms, more
//! than everything else it does after the process starts.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use gix::bstr::ByteSlice as _;
use gix::config::file::{Metadata, includes, init};
use gix::config::{File, Source};

use super::layout::{self, Lookup};
use crate::env;

/// The characters git tries, in order, for `core.commentChar=auto`
/// (`comment_line_str` candidates in git's `builtin/commit.c`).
const AUTO_CANDIDATES: &str = "#;@!$%^&|:";

/// The configuration git applies to a hook's repository.
pub(crate) struct HookConfig {
    /// The config files, in git's order, `GIT_CONFIG_COUNT` values last.
    files: File,
    /// The `GIT_CONFIG_COUNT` values, then the `git -c key=value` pairs
    /// (`GIT_CONFIG_PARAMETERS`): they override the files, in this order.
    overrides: Vec<(String, String)>,
}

/// The configured comment string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Comment {
    Fixed(String),
    Auto,
}

impl HookConfig {
    /// What git applies in a hook running at the worktree `root` (git runs
    /// hooks there): the system and global files, the repository's
    /// `config` (and `config.worktree` when `extensions.worktreeConfig` is
    /// on), with `include` and `includeIf` followed, then the values of
    /// `GIT_CONFIG_COUNT` and of `git -c` (`GIT_CONFIG_PARAMETERS`).
    pub(crate) fn for_hook(root: &Path) -> anyhow::Result<HookConfig> {
        Self::load(root, &env::var)
    }

    /// [`HookConfig::for_hook`] with the environment `var` gives.
    fn load(root: &Path, var: Lookup<'_>) -> anyhow::Result<HookConfig> {
        let git_dir = layout::git_dir(root, var)?;
        let common_dir = layout::common_dir(&git_dir, var)?;
        let home = var(env::HOME).map(PathBuf::from);
        let branch = head_branch(&git_dir);
        let options = init::Options {
            includes: includes::Options {
                // git skips an include file that does not exist.
                err_on_missing_config_path: false,
                ..includes::Options::follow(
                    gix::config::path::interpolate::Context {
                        git_install_dir: None,
                        home_dir: home.as_deref(),
                        home_for_user: Some(gix::config::path::interpolate::home_for_user),
                    },
                    includes::conditional::Context {
                        git_dir: Some(&git_dir),
                        branch_name: branch.as_ref().map(AsRef::as_ref),
                    },
                )
            },
            ..init::Options::default()
        };
        let mut lookup = |name: &str| var(name);
        let mut metas: Vec<Metadata> = [Source::System, Source::Git, Source::User]
            .into_iter()
            .filter_map(|source| {
                Some(Metadata::from(source).at(source.storage_location(&mut lookup)?))
            })
            .collect();
        metas.push(Metadata::from(Source::Local).at(common_dir.join("config")));
        let mut files = load(metas, options)?;
        if files.boolean("extensions.worktreeConfig").ok().flatten() == Some(true) {
            let worktree = Metadata::from(Source::Worktree).at(git_dir.join("config.worktree"));
            files
                .append(load(vec![worktree], options)?)
                .context(CANNOT_READ)?;
        }
        let mut overrides = pairs(git_config_env::ConfigEnv::with_env(LookupEnv(var)).iter());
        let parameters = var("GIT_CONFIG_PARAMETERS").unwrap_or_default();
        let parameters = parameters.to_string_lossy();
        overrides.extend(parameter_pairs(git_config_env::ConfigParametersIter::new(
            &parameters,
        )));
        Ok(HookConfig { files, overrides })
    }

    /// The string that starts comment lines of commit messages:
    /// `core.commentString`, else `core.commentChar` (git treats them as one
    /// setting; the last one set wins), else `#`. `auto` is resolved for
    /// `message` (a message file as a commit-msg hook sees it) the way git
    /// chose it: the prefix of git's scissors line (`git commit -v`), else
    /// the candidate starting the last non-blank line (git appends its
    /// comment block), else git's own rule: the first candidate no line
    /// starts with.
    pub(crate) fn comment_string_for(&self, message: &str) -> String {
        match self.comment() {
            Comment::Fixed(text) => text,
            Comment::Auto => resolve_auto(message),
        }
    }

    fn comment(&self) -> Comment {
        let mut value = None;
        for section in self.files.sections_by_name("core").into_iter().flatten() {
            for name in ["commentChar", "commentString"] {
                if let Some(v) = section.value(name) {
                    // Both keys set the same variable; later sections win,
                    // and within a section commentString (the newer name)
                    // is preferred.
                    value = Some(v.to_str_lossy().into_owned());
                }
            }
        }
        for (key, v) in &self.overrides {
            if key.eq_ignore_ascii_case("core.commentChar")
                || key.eq_ignore_ascii_case("core.commentString")
            {
                value = Some(v.clone());
            }
        }
        match value {
            Some(v) if v.eq_ignore_ascii_case("auto") => Comment::Auto,
            Some(v) if !v.is_empty() => Comment::Fixed(v),
            _ => Comment::Fixed("#".to_owned()),
        }
    }
}

const CANNOT_READ: &str = "cannot read git's configuration";

/// The config files `metas` name, in order; missing ones are skipped.
fn load(metas: Vec<Metadata>, options: init::Options<'_>) -> anyhow::Result<File> {
    let mut buf = Vec::with_capacity(512);
    let file = File::from_paths_metadata_buf(&mut metas.into_iter(), &mut buf, false, options)
        .context(CANNOT_READ)?;
    Ok(file.unwrap_or_default())
}

/// The branch HEAD names, for `includeIf "onbranch:…"`; `None` when HEAD is
/// detached or unreadable (such conditions then do not match).
fn head_branch(git_dir: &Path) -> Option<gix::refs::FullName> {
    let head = std::fs::read(git_dir.join("HEAD")).ok()?;
    let name = head.strip_prefix(b"ref: ")?.trim_end();
    gix::refs::FullName::try_from(name.as_bstr()).ok()
}

/// The `git -c key=value` pairs from the parsed `GIT_CONFIG_PARAMETERS`; a
/// key without a value is a boolean `true`, as for `git -c key`.
pub(super) fn parameter_pairs(
    params: git_config_env::ConfigParametersIter<'_>,
) -> Vec<(String, String)> {
    params
        .map(|(key, value)| {
            let value = value.map_or_else(|| "true".to_owned(), Cow::into_owned);
            (key.into_owned(), value)
        })
        .collect()
}

/// The `key=value` pairs of `GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_<n>` and
/// `GIT_CONFIG_VALUE_<n>`.
fn pairs<'a>(values: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)>) -> Vec<(String, String)> {
    values
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// A [`Lookup`] as git-config-env's environment.
struct LookupEnv<'a>(Lookup<'a>);

impl git_config_env::Env for LookupEnv<'_> {
    fn var(&self, key: &str) -> Result<Cow<'_, str>, std::env::VarError> {
        let value = (self.0)(key).ok_or(std::env::VarError::NotPresent)?;
        value
            .into_string()
            .map(Cow::Owned)
            .map_err(std::env::VarError::NotUnicode)
    }
}

fn resolve_auto(message: &str) -> String {
    let starts = |c: char| move |line: &&str| line.starts_with(c);
    let scissors = message.lines().find_map(|line| {
        let (prefix, rest) = line.split_at_checked(1)?;
        (rest == " ------------------------ >8 ------------------------"
            && AUTO_CANDIDATES.contains(prefix))
        .then(|| prefix.to_owned())
    });
    if let Some(prefix) = scissors {
        return prefix;
    }
    if let Some(last) = message.lines().rev().find(|line| !line.trim().is_empty())
        && let Some(c) = AUTO_CANDIDATES.chars().find(|c| last.starts_with(*c))
    {
        return c.to_string();
    }
    AUTO_CANDIDATES
        .chars()
        .find(|c| !message.lines().any(|line| starts(*c)(&line)))
        .map_or_else(|| "#".to_owned(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::ffi::OsString;
    use std::path::Path;

    use hookrc_testkit::TestRepo;

    use super::{HookConfig, resolve_auto};

    /// The comment string in `dir`, in the test repository's hermetic
    /// environment plus `extra` variables, for a message without and with a
    /// `;` line (which tells `auto` apart from `#`).
    fn comment_in(repo: &TestRepo, dir: &Path, extra: &[(&str, &str)]) -> (String, String) {
        let mut env: BTreeMap<OsString, OsString> = repo.env();
        for (name, value) in extra {
            env.insert(name.into(), value.into());
        }
        let lookup = |name: &str| env.get(&OsString::from(name)).cloned();
        let config = HookConfig::load(dir, &lookup).expect("config");
        (
            config.comment_string_for("feat: x\n"),
            config.comment_string_for("feat: x\n; note\n"),
        )
    }

    fn comment(settings: &[(&str, &str)]) -> (String, String) {
        let repo = TestRepo::new();
        for (key, value) in settings {
            repo.git(["config", "--add", key, value]);
        }
        comment_in(&repo, repo.root(), &[])
    }

    fn fixed(text: &str) -> (String, String) {
        (text.to_owned(), text.to_owned())
    }

    #[test]
    fn comment_string_follows_core_comment_char_and_string() {
        assert_eq!(comment(&[]), fixed("#"));
        assert_eq!(comment(&[("core.commentChar", ";")]), fixed(";"));
        assert_eq!(comment(&[("core.commentString", "//")]), fixed("//"));
        assert_eq!(
            comment(&[("core.commentChar", ";"), ("core.commentString", "%%")]),
            fixed("%%")
        );
        assert_eq!(
            comment(&[("core.commentChar", "auto")]),
            ("#".into(), ";".into())
        );
    }

    #[test]
    fn global_files_and_includes_are_read_and_the_repository_wins() {
        let repo = TestRepo::new();
        let home = repo.tmp_root().join("home");
        fs_err::write(home.join(".gitconfig"), "[core]\n\tcommentChar = @\n").unwrap();
        assert_eq!(comment_in(&repo, repo.root(), &[]), fixed("@"));

        // A relative include is relative to the file that includes it; a
        // missing one is skipped, as git skips it.
        fs_err::write(home.join("extra.inc"), "[core]\n\tcommentChar = !\n").unwrap();
        repo.git(["config", "include.path", "../home/missing.inc"]);
        let include = home.join("extra.inc");
        repo.git([
            "config",
            "--add",
            "include.path",
            &include.to_string_lossy(),
        ]);
        assert_eq!(comment_in(&repo, repo.root(), &[]), fixed("!"));

        let condition = format!("includeIf.gitdir:{}/.path", repo.root().display());
        fs_err::write(home.join("cond.inc"), "[core]\n\tcommentChar = %\n").unwrap();
        repo.git([
            "config",
            &condition,
            &home.join("cond.inc").to_string_lossy(),
        ]);
        assert_eq!(comment_in(&repo, repo.root(), &[]), fixed("%"));
        fs_err::write(home.join("other.inc"), "[core]\n\tcommentChar = ~\n").unwrap();
        let other = home.join("other.inc");
        repo.git([
            "config",
            "includeIf.gitdir:/elsewhere/.path",
            &other.to_string_lossy(),
        ]);
        assert_eq!(comment_in(&repo, repo.root(), &[]), fixed("%"));
    }

    #[test]
    fn environment_values_override_files_and_git_dash_c_overrides_both() {
        let repo = TestRepo::new();
        repo.git(["config", "core.commentChar", ";"]);
        // The test kit's own GIT_CONFIG_COUNT holds 8 pairs; a 9th is ours.
        let count = [
            ("GIT_CONFIG_COUNT", "9"),
            ("GIT_CONFIG_KEY_8", "core.commentChar"),
            ("GIT_CONFIG_VALUE_8", "$"),
        ];
        assert_eq!(comment_in(&repo, repo.root(), &count), fixed("$"));
        let mut both = count.to_vec();
        both.push(("GIT_CONFIG_PARAMETERS", "'core.commentchar'='&'"));
        assert_eq!(comment_in(&repo, repo.root(), &both), fixed("&"));
    }

    #[test]
    fn a_linked_worktree_reads_the_common_config_and_its_own() {
        let repo = TestRepo::new();
        repo.write("a.txt", "a\n");
        repo.commit_all("chore: initial");
        repo.git(["config", "core.commentChar", ";"]);
        let linked = repo.add_worktree("linked");
        assert_eq!(comment_in(&repo, &linked, &[]), fixed(";"));

        repo.git(["config", "extensions.worktreeConfig", "true"]);
        repo.git_in(&linked, ["config", "--worktree", "core.commentChar", "|"]);
        assert_eq!(comment_in(&repo, &linked, &[]), fixed("|"));
        assert_eq!(comment_in(&repo, repo.root(), &[]), fixed(";"));

        // GIT_DIR names the worktree's git dir; GIT_COMMON_DIR wins over
        // its `commondir` file.
        let git_dir = repo.path(".git/worktrees/linked");
        let other = repo.tmp_root().join("other-common");
        fs_err::create_dir_all(&other).unwrap();
        fs_err::write(other.join("config"), "[core]\n\tcommentChar = ^\n").unwrap();
        let git_dir = git_dir.to_str().expect("utf-8");
        assert_eq!(
            comment_in(&repo, repo.root(), &[("GIT_DIR", git_dir)]),
            fixed("|")
        );
        let named = [
            ("GIT_DIR", git_dir),
            ("GIT_COMMON_DIR", other.to_str().expect("utf-8")),
        ];
        assert_eq!(comment_in(&repo, repo.root(), &named), fixed("^"));
    }

    #[test]
    fn auto_resolves_like_git_chose_it() {
        let template = "feat: x\n\n# Please enter the commit message.\n# Lines starting with '#' are ignored.\n";
        assert_eq!(resolve_auto(template), "#");
        let hash_in_body = "feat: x\n\n# a markdown heading\n; Please enter the commit message.\n";
        assert_eq!(resolve_auto(hash_in_body), ";");
        let verbose =
            "feat: x\n; ------------------------ >8 ------------------------\ndiff --git a/x b/x\n";
        assert_eq!(resolve_auto(verbose), ";");
        assert_eq!(resolve_auto("feat: x\n# not a comment\n"), "#");
        assert_eq!(resolve_auto("feat: x\nbody\n"), "#");
    }
}
