//! The hook files `install` writes and recognises: hookrc's symlink, the
//! POSIX shim (`hooks/shim.sh`), and telling them from anyone else's.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::file_name;

/// Marks a file written by `install` as hookrc's shim.
pub(crate) const SHIM_MARKER: &str = "# hookrc-shim:";

/// The shim template; `@HOOKRC@` and `@HOOK@` are filled in, shell-quoted.
const SHIM: &str = include_str!("../../../../hooks/shim.sh");

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

/// How a hook file was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Made {
    Symlink,
    Shim,
}

/// Create `hook_file` running `exe`: a symlink, or the shim when `shim` is
/// asked for or the symlink cannot be made. Replaces what is there
/// atomically (write beside, then rename).
pub(super) fn make_hook(
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
