//! `hookrc install [--force] [--shim] [HOOK…]`: make git run hookrc.
//!
//! Each hook (the named ones, else every hook the policy uses) becomes
//! `<hooks dir>/<hook>`, a symlink to the absolute path of the running
//! binary; where no symlink can be made (or with `--shim`) the POSIX shim
//! of `hooks/shim.sh` is written instead. The hooks dir is the one git uses
//! (`core.hooksPath`, else the common dir's `hooks/`, shared by linked
//! worktrees), created if missing.
//!
//! What is already there decides the rest; nothing is ever deleted:
//! - nothing: link;
//! - hookrc's link or shim (to any hookrc binary): kept, or re-pointed to
//!   this binary;
//! - any other hook: moved to `<hook>.hookrc-legacy` and chained (hookrc runs
//!   it first, see `hooks::chain`);
//! - another hook while `<hook>.hookrc-legacy` is taken, or a directory: it
//!   cannot be chained, so install refuses (exit 2, nothing changed) unless
//!   `--force`, which moves it to `<hook>.hookrc-replaced` (first free
//!   `.hookrc-replaced.N`), where it is kept but not run.
//!
//! A bare repository is refused: client hooks run where commits are made.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::cli::InstallArgs;
use crate::exit::ExitStatus;
use crate::git::Repo;
use crate::hooks::chain::legacy_path;
use crate::output::{self, HintedError};
use crate::worktree;

/// Marks a file written by `install` as hookrc's shim.
pub(crate) const SHIM_MARKER: &str = "# hookrc-shim:";

/// The shim template; `@HOOKRC@` and `@HOOK@` are filled in, shell-quoted.
const SHIM: &str = include_str!("../../../hooks/shim.sh");

/// Suffix of a foreign hook `install --force` moved aside without chaining.
pub(crate) const REPLACED_SUFFIX: &str = ".hookrc-replaced";

/// What is at a hook's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Nothing.
    Missing,
    /// hookrc's symlink or shim, running `target`.
    Ours { target: PathBuf },
    /// Anything else; `chainable` unless it is a directory or similar.
    Foreign { chainable: bool },
}

/// What `install` does to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Link,
    Keep,
    Repoint { from: PathBuf },
    Chain,
    Replace { to: PathBuf },
    Blocked { reason: String },
}

/// Classify what is at `path`: hookrc's (a symlink to a binary named like
/// this one or `hookrc`, or a file carrying the shim marker) or not.
pub(crate) fn classify(path: &Path, exe: &Path) -> anyhow::Result<Existing> {
    let meta = match std::fs::symlink_metadata(path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Missing),
        other => other.with_context(|| format!("cannot inspect `{}`", path.display()))?,
    };
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(path)
            .with_context(|| format!("cannot read the link `{}`", path.display()))?;
        let name = target.file_name();
        if name.is_some() && (name == exe.file_name() || name == Some("hookrc".as_ref())) {
            return Ok(Existing::Ours { target });
        }
        return Ok(Existing::Foreign { chainable: true });
    }
    if !meta.is_file() {
        return Ok(Existing::Foreign { chainable: false });
    }
    Ok(match shim_target(path)? {
        Some(target) => Existing::Ours { target },
        None => Existing::Foreign { chainable: true },
    })
}

/// The binary a hookrc shim at `path` runs, or `None` if it is no shim.
fn shim_target(path: &Path) -> anyhow::Result<Option<PathBuf>> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(4096).read_to_end(&mut head))
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let text = String::from_utf8_lossy(&head);
    if !text.lines().any(|line| line.starts_with(SHIM_MARKER)) {
        return Ok(None);
    }
    let target = text
        .lines()
        .find_map(|line| line.strip_prefix("exec '"))
        .and_then(|rest| rest.split_once("' run "))
        .map(|(quoted, _)| PathBuf::from(quoted.replace("'\\''", "'")));
    Ok(Some(target.unwrap_or_default()))
}

/// The shim for `hook` running `exe`.
pub(crate) fn shim_text(exe: &Path, hook: &str) -> String {
    SHIM.replace("@HOOKRC@", &shell_quote(&exe.to_string_lossy()))
        .replace("@HOOK@", &shell_quote(hook))
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn plan_one(hook_file: &Path, exe: &Path, force: bool) -> anyhow::Result<Step> {
    Ok(match classify(hook_file, exe)? {
        Existing::Missing => Step::Link,
        Existing::Ours { target } if target == exe => Step::Keep,
        Existing::Ours { target } => Step::Repoint { from: target },
        Existing::Foreign { chainable } => {
            let legacy = legacy_path(hook_file);
            let legacy_taken = std::fs::symlink_metadata(&legacy).is_ok();
            if chainable && !legacy_taken {
                Step::Chain
            } else if force {
                Step::Replace {
                    to: free_replaced_path(hook_file),
                }
            } else if legacy_taken {
                Step::Blocked {
                    reason: format!("`{}` already holds an earlier hook", file_name(&legacy)),
                }
            } else {
                Step::Blocked {
                    reason: "it is not a file".to_owned(),
                }
            }
        }
    })
}

fn free_replaced_path(hook_file: &Path) -> PathBuf {
    let name = file_name(hook_file);
    let mut candidate = hook_file.with_file_name(format!("{name}{REPLACED_SUFFIX}"));
    let mut n = 0_u32;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        candidate = hook_file.with_file_name(format!("{name}{REPLACED_SUFFIX}.{n}"));
    }
    candidate
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// How a hook file was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Symlink,
    Shim,
}

/// Create `hook_file` running `exe`: a symlink, or the shim when `shim` is
/// asked for or the symlink cannot be made. Replaces what is there
/// atomically (write beside, then rename).
fn make_hook(
    hook_file: &Path,
    exe: &Path,
    hook: &str,
    shim: bool,
) -> anyhow::Result<(Made, Option<String>)> {
    let temp = hook_file.with_file_name(format!(".{}.hookrc-new", file_name(hook_file)));
    let _ = std::fs::remove_file(&temp);
    let mut why_shim = None;
    let made = if shim {
        Made::Shim
    } else {
        match symlink(exe, &temp) {
            Ok(()) => Made::Symlink,
            Err(err) => {
                why_shim = Some(err.to_string());
                Made::Shim
            }
        }
    };
    if made == Made::Shim {
        write_executable(&temp, &shim_text(exe, hook))?;
    }
    std::fs::rename(&temp, hook_file)
        .with_context(|| format!("cannot create `{}`", hook_file.display()))?;
    Ok((made, why_shim))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &Path, _link: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "symlinks are not supported here",
    ))
}

fn write_executable(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make `{}` executable", path.display()))?;
    }
    Ok(())
}

/// What `install` is asked to do, resolved.
#[derive(Debug)]
pub(crate) struct Request<'a> {
    /// The hooks dir git uses.
    pub(crate) hooks_dir: &'a Path,
    /// The binary hooks run (absolute).
    pub(crate) exe: &'a Path,
    /// The hooks to install.
    pub(crate) hooks: &'a [String],
    /// Move aside hooks that cannot be chained instead of refusing.
    pub(crate) force: bool,
    /// Write the shim even where a symlink could be made.
    pub(crate) shim: bool,
    /// Paths under this directory (the worktree root) are shown relative.
    pub(crate) base: &'a Path,
}

impl Request<'_> {
    /// `path` as notes show it: relative to the worktree root when inside.
    pub(crate) fn shown(&self, path: &Path) -> String {
        path.strip_prefix(self.base)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Install every hook of `request`; returns one note per hook saying what
/// was done. Refuses (an error, nothing changed) when a hook is blocked.
pub(crate) fn install(request: &Request<'_>) -> anyhow::Result<Vec<String>> {
    let mut steps = Vec::with_capacity(request.hooks.len());
    for hook in request.hooks {
        let file = request.hooks_dir.join(hook);
        steps.push((hook, plan_one(&file, request.exe, request.force)?, file));
    }
    let blocked: Vec<String> = steps
        .iter()
        .filter_map(|(_, step, file)| match step {
            Step::Blocked { reason } => Some(format!(
                "`{}` is not hookrc's and cannot be chained: {reason}",
                request.shown(file)
            )),
            _ => None,
        })
        .collect();
    if !blocked.is_empty() {
        return Err(HintedError::new(
            format!("{}; nothing was installed", blocked.join("; ")),
            "merge that hook into its `*.hookrc-legacy` (hookrc runs that one first) and remove it, or rerun with `--force` to move it aside to `*.hookrc-replaced`, where it is kept but not run",
        )
        .into());
    }
    std::fs::create_dir_all(request.hooks_dir).with_context(|| {
        format!(
            "cannot create the hooks directory `{}`",
            request.hooks_dir.display()
        )
    })?;
    let mut notes = Vec::new();
    for (hook, step, file) in steps {
        apply(request, hook, &step, &file, &mut notes)?;
    }
    Ok(notes)
}

fn apply(
    request: &Request<'_>,
    hook: &str,
    step: &Step,
    file: &Path,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let shown = request.shown(file);
    let exe = request.exe.display();
    match step {
        Step::Keep => {
            notes.push(format!("`{shown}` already runs hookrc"));
            return Ok(());
        }
        Step::Chain => {
            let legacy = legacy_path(file);
            rename(file, &legacy)?;
            notes.push(format!(
                "moved the existing `{shown}` to `{}`; hookrc runs it first",
                file_name(&legacy)
            ));
        }
        Step::Replace { to } => {
            rename(file, to)?;
            notes.push(format!(
                "moved the existing `{shown}` to `{}`; it is kept but not run",
                file_name(to)
            ));
        }
        Step::Link | Step::Repoint { .. } | Step::Blocked { .. } => {}
    }
    let (made, why_shim) = make_hook(file, request.exe, hook, request.shim)?;
    notes.push(match (made, step) {
        (Made::Symlink, Step::Repoint { from }) => {
            format!("re-linked `{shown}` → `{exe}` (was `{}`)", from.display())
        }
        (Made::Symlink, _) => format!("linked `{shown}` → `{exe}`"),
        (Made::Shim, _) => match why_shim {
            Some(err) => {
                format!("wrote the shim `{shown}` running `{exe}` (no symlink possible: {err})")
            }
            None => format!("wrote the shim `{shown}` running `{exe}`"),
        },
    });
    Ok(())
}

fn rename(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot move `{}` to `{}`", from.display(), to.display()))
}

/// Link hookrc as the repository's hooks (see the module docs).
pub(crate) fn run(args: &InstallArgs) -> anyhow::Result<ExitStatus> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let repo = Repo::discover(&cwd)?;
    let Some(root) = repo.workdir() else {
        return Err(HintedError::new(
            format!(
                "`{}` is a bare repository, where no commit is made, so no client hook runs",
                repo.git_dir().display()
            ),
            "run `hookrc install` in a clone with a worktree",
        )
        .into());
    };
    let hooks = if args.hooks.is_empty() {
        let policy = worktree::load_policy(root, &cwd)?;
        policy.hooks().map(str::to_owned).collect()
    } else {
        args.hooks.clone()
    };
    if hooks.is_empty() {
        output::note("the policy gives no hook any check; nothing to install")?;
        return Ok(ExitStatus::Success);
    }
    let hooks_dir = repo.hooks_dir()?;
    let exe = current_exe()?;
    let request = Request {
        hooks_dir: &hooks_dir,
        exe: &exe,
        hooks: &hooks,
        force: args.force,
        shim: args.shim,
        base: root,
    };
    for note in install(&request)? {
        output::note(&note)?;
    }
    Ok(ExitStatus::Success)
}

/// The running binary, as an absolute path (what the hooks link to).
pub(crate) fn current_exe() -> anyhow::Result<PathBuf> {
    let exe =
        std::env::current_exe().context("cannot find the path of the running hookrc binary")?;
    std::path::absolute(&exe).with_context(|| format!("cannot make `{}` absolute", exe.display()))
}

#[cfg(all(test, unix))]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{Existing, Request, classify, install, shim_text};
    use crate::commands::uninstall::uninstall;

    struct Fixture {
        _tmp: tempfile::TempDir,
        root: PathBuf,
        hooks_dir: PathBuf,
        exe: PathBuf,
    }

    fn fixture() -> Fixture {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().to_owned();
        Fixture {
            hooks_dir: root.join(".git/hooks"),
            exe: root.join("bin/hookrc"),
            root,
            _tmp: tmp,
        }
    }

    impl Fixture {
        fn request<'a>(&'a self, hooks: &'a [String], force: bool, shim: bool) -> Request<'a> {
            Request {
                hooks_dir: &self.hooks_dir,
                exe: &self.exe,
                hooks,
                force,
                shim,
                base: &self.root,
            }
        }

        fn install(&self, hooks: &[&str], force: bool) -> anyhow::Result<Vec<String>> {
            let hooks: Vec<String> = hooks.iter().map(|h| (*h).to_owned()).collect();
            install(&self.request(&hooks, force, false))
        }

        fn uninstall(&self, hooks: &[&str]) -> Vec<String> {
            let hooks: Vec<String> = hooks.iter().map(|h| (*h).to_owned()).collect();
            uninstall(&self.request(&hooks, false, false)).expect("uninstall")
        }

        fn hook(&self, name: &str) -> PathBuf {
            self.hooks_dir.join(name)
        }

        fn listing(&self) -> Vec<(String, String)> {
            let mut out: Vec<(String, String)> = std::fs::read_dir(&self.hooks_dir)
                .expect("list hooks")
                .map(|e| {
                    let path = e.expect("entry").path();
                    let what = match std::fs::read_link(&path) {
                        Ok(target) => format!("-> {}", target.display()),
                        Err(_) if path.is_dir() => "dir".to_owned(),
                        Err(_) => std::fs::read_to_string(&path).expect("read"),
                    };
                    (super::file_name(&path), what)
                })
                .collect();
            out.sort();
            out
        }

        fn write_foreign(&self, name: &str, text: &str) {
            std::fs::create_dir_all(&self.hooks_dir).expect("mkdir");
            std::fs::write(self.hook(name), text).expect("write");
        }
    }

    #[test]
    fn fresh_install_links_and_a_second_run_changes_nothing() {
        let f = fixture();
        let notes = f
            .install(&["pre-commit", "commit-msg"], false)
            .expect("install");
        let exe = f.exe.display();
        assert_eq!(
            notes,
            [
                format!("linked `.git/hooks/pre-commit` → `{exe}`"),
                format!("linked `.git/hooks/commit-msg` → `{exe}`"),
            ]
        );
        assert_eq!(
            std::fs::read_link(f.hook("pre-commit")).expect("link"),
            f.exe
        );
        let listing = f.listing();
        let again = f
            .install(&["pre-commit", "commit-msg"], false)
            .expect("install");
        assert_eq!(
            again,
            [
                "`.git/hooks/pre-commit` already runs hookrc",
                "`.git/hooks/commit-msg` already runs hookrc"
            ]
        );
        assert_eq!(listing, f.listing());
    }

    #[test]
    fn a_link_to_another_hookrc_binary_is_repointed() {
        let f = fixture();
        std::fs::create_dir_all(&f.hooks_dir).expect("mkdir");
        std::os::unix::fs::symlink("/old/place/hookrc", f.hook("pre-push")).expect("symlink");
        assert_eq!(
            classify(&f.hook("pre-push"), &f.exe).expect("classify"),
            Existing::Ours {
                target: "/old/place/hookrc".into()
            }
        );
        let notes = f.install(&["pre-push"], false).expect("install");
        assert_eq!(
            notes,
            [format!(
                "re-linked `.git/hooks/pre-push` → `{}` (was `/old/place/hookrc`)",
                f.exe.display()
            )]
        );
    }

    #[test]
    fn a_foreign_hook_is_chained_and_uninstall_puts_it_back() {
        let f = fixture();
        f.write_foreign("pre-commit", "#!/bin/sh\necho mine\n");
        let notes = f.install(&["pre-commit"], false).expect("install");
        assert_eq!(
            notes[0],
            "moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-legacy`; hookrc runs it first"
        );
        assert_eq!(
            f.listing(),
            [
                ("pre-commit".to_owned(), format!("-> {}", f.exe.display())),
                (
                    "pre-commit.hookrc-legacy".to_owned(),
                    "#!/bin/sh\necho mine\n".to_owned()
                ),
            ]
        );
        let notes = f.uninstall(&["pre-commit", "commit-msg"]);
        assert_eq!(
            notes,
            [
                "removed `.git/hooks/pre-commit`; put back the earlier hook from `pre-commit.hookrc-legacy`"
            ]
        );
        assert_eq!(
            f.listing(),
            [("pre-commit".to_owned(), "#!/bin/sh\necho mine\n".to_owned())]
        );
        assert_eq!(
            f.uninstall(&["pre-commit"]),
            ["no hookrc hook in `.git/hooks`; nothing to do"]
        );
    }

    #[test]
    fn a_hook_that_cannot_be_chained_is_refused_unless_forced() {
        let f = fixture();
        f.write_foreign("pre-commit", "new foreign\n");
        f.write_foreign("pre-commit.hookrc-legacy", "earlier\n");
        std::fs::create_dir_all(f.hook("pre-push")).expect("a directory");
        let before = f.listing();
        let err = f
            .install(&["commit-msg", "pre-commit", "pre-push"], false)
            .expect_err("blocked");
        assert_eq!(
            err.to_string(),
            "`.git/hooks/pre-commit` is not hookrc's and cannot be chained: `pre-commit.hookrc-legacy` already holds an earlier hook; `.git/hooks/pre-push` is not hookrc's and cannot be chained: it is not a file; nothing was installed"
        );
        assert_eq!(before, f.listing(), "nothing changed, not even commit-msg");

        let notes = f
            .install(&["pre-commit", "pre-push"], true)
            .expect("forced");
        assert_eq!(
            notes[0],
            "moved the existing `.git/hooks/pre-commit` to `pre-commit.hookrc-replaced`; it is kept but not run"
        );
        assert_eq!(
            notes[2],
            "moved the existing `.git/hooks/pre-push` to `pre-push.hookrc-replaced`; it is kept but not run"
        );
        let notes = f.uninstall(&["pre-commit"]);
        assert_eq!(
            notes,
            [
                "removed `.git/hooks/pre-commit`; put back the earlier hook from `pre-commit.hookrc-legacy`",
                "`.git/hooks/pre-commit.hookrc-replaced` (moved aside by `install --force`) is still there",
            ]
        );
        assert_eq!(
            std::fs::read_to_string(f.hook("pre-commit.hookrc-replaced")).expect("kept"),
            "new foreign\n"
        );
    }

    #[test]
    fn the_shim_runs_the_binary_and_is_recognised_as_hookrc() {
        let f = fixture();
        let hooks = vec!["pre-commit".to_owned()];
        let notes = install(&f.request(&hooks, false, true)).expect("install");
        assert_eq!(
            notes,
            [format!(
                "wrote the shim `.git/hooks/pre-commit` running `{}`",
                f.exe.display()
            )]
        );
        let text = std::fs::read_to_string(f.hook("pre-commit")).expect("shim");
        assert!(text.starts_with("#!/bin/sh\n"));
        assert!(text.contains(&format!(
            "exec '{}' run 'pre-commit' \"$@\"\n",
            f.exe.display()
        )));
        assert_eq!(
            classify(&f.hook("pre-commit"), &f.exe).expect("classify"),
            Existing::Ours {
                target: f.exe.clone()
            }
        );
        let odd = Path::new("/opt/it's here/hookrc");
        let quoted = shim_text(odd, "pre-push");
        assert!(quoted.contains("exec '/opt/it'\\''s here/hookrc' run 'pre-push' \"$@\""));
        std::fs::write(f.hook("pre-push"), &quoted).expect("write");
        assert_eq!(
            classify(&f.hook("pre-push"), &f.exe).expect("classify"),
            Existing::Ours {
                target: odd.to_owned()
            }
        );
        assert_eq!(
            f.uninstall(&["pre-commit"]),
            ["removed `.git/hooks/pre-commit`"]
        );
    }
}
