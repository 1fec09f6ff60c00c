//! The hook that was in place before `hookrc install` (a "legacy" hook).
//!
//! `install` never overwrites a hook that is not hookrc's: it moves it to
//! `<hook>.hookrc-legacy` beside the link (git ignores that name) and hookrc
//! runs it first, with the same arguments and stdin, as git would have; its
//! failure is the hook's failure. `uninstall` moves it back.

use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use anyhow::Context as _;

/// The suffix of a hook moved aside by `hookrc install` and chained.
pub(crate) const LEGACY_SUFFIX: &str = ".hookrc-legacy";

/// Where `install` keeps the earlier hook of `hook_file` (the path git runs,
/// e.g. `.git/hooks/pre-commit`): `.git/hooks/pre-commit.hookrc-legacy`.
pub(crate) fn legacy_path(hook_file: &Path) -> PathBuf {
    let mut name = hook_file
        .file_name()
        .map(OsStr::to_owned)
        .unwrap_or_default();
    name.push(LEGACY_SUFFIX);
    hook_file.with_file_name(name)
}

/// Whether `hook_file` has a legacy hook that git would run (it exists and
/// is executable).
pub(crate) fn has_legacy(hook_file: &Path) -> bool {
    is_executable(&legacy_path(hook_file))
}

/// Run the legacy hook of `hook_file`, if there is one that git would run,
/// with `args` and `stdin` (inherited when `None`: the hooks git gives no
/// input), inheriting the environment, the current directory, stdout and
/// stderr. `None` when there is none; otherwise its exit status.
pub(crate) fn run_legacy(
    hook_file: &Path,
    args: &[OsString],
    stdin: Option<&[u8]>,
) -> anyhow::Result<Option<ExitStatus>> {
    let legacy = legacy_path(hook_file);
    if !is_executable(&legacy) {
        return Ok(None);
    }
    let mut child = Command::new(&legacy)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::inherit()
        })
        .spawn()
        .with_context(|| format!("cannot run the chained hook `{}`", legacy.display()))?;
    if let (Some(mut pipe), Some(stdin)) = (child.stdin.take(), stdin) {
        match pipe.write_all(stdin) {
            // A hook that does not read its stdin may exit before we finish.
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.with_context(|| {
                format!(
                    "cannot pass stdin to the chained hook `{}`",
                    legacy.display()
                )
            })?,
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for the chained hook `{}`", legacy.display()))?;
    Ok(Some(status))
}

/// Whether git would run `path` as a hook: a file (or a link to one) with an
/// executable bit.
#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// Whether git would run `path` as a hook.
#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;
    use std::path::Path;

    use super::{legacy_path, run_legacy};

    fn write_script(path: &Path, body: &str, mode: u32) {
        std::fs::write(path, format!("#!/bin/sh\n{body}")).expect("write the hook");
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn legacy_path_is_beside_the_hook() {
        assert_eq!(
            legacy_path(Path::new(".git/hooks/pre-push")),
            Path::new(".git/hooks/pre-push.hookrc-legacy")
        );
    }

    #[test]
    fn runs_the_legacy_hook_with_args_and_stdin_and_reports_its_status() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hook = dir.path().join("pre-push");
        let out = dir.path().join("seen");
        assert!(
            run_legacy(&hook, &[], Some(b""))
                .expect("no legacy")
                .is_none()
        );
        write_script(
            &legacy_path(&hook),
            &format!("{{ echo \"$@\"; cat; }} > '{}'\nexit 3\n", out.display()),
            0o755,
        );
        let status = run_legacy(
            &hook,
            &["origin".into(), "url".into()],
            Some(b"refs/heads/main 1 refs/heads/main 2\n"),
        )
        .expect("run")
        .expect("ran");
        assert_eq!(status.code(), Some(3));
        assert_eq!(
            std::fs::read_to_string(&out).expect("output"),
            "origin url\nrefs/heads/main 1 refs/heads/main 2\n"
        );
    }

    #[test]
    fn a_legacy_hook_git_would_not_run_is_not_run() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hook = dir.path().join("pre-commit");
        write_script(&legacy_path(&hook), "exit 1\n", 0o644);
        assert!(
            run_legacy(&hook, &[], Some(b""))
                .expect("not run")
                .is_none()
        );
    }

    #[test]
    fn a_hook_that_ignores_stdin_does_not_fail_the_chain() {
        let dir = tempfile::tempdir().expect("temp dir");
        let hook = dir.path().join("pre-push");
        write_script(&legacy_path(&hook), "exit 0\n", 0o755);
        let big = vec![b'x'; 1 << 20];
        let status = run_legacy(&hook, &[], Some(&big))
            .expect("run")
            .expect("ran");
        assert!(status.success());
    }
}
