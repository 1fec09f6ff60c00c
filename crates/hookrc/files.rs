//! File system steps several modules share: writing a file hookrc owns or
//! fixes (always whole or not at all, a sibling temporary file renamed over
//! it, so a crash or Ctrl-C never leaves a half-written file behind),
//! creating a file the user did not have, and listing a directory that may
//! be absent.

use std::path::Path;

use anyhow::Context as _;

/// Replace the content of `path` with `content` atomically; an existing
/// file keeps its permissions, a new one gets the temporary file's
/// (owner-only).
pub(crate) fn replace(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    std::io::Write::write_all(&mut temp, content)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    if let Ok(meta) = std::fs::metadata(path) {
        fs_err::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.persist(path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

/// Create `path` holding `content`, never over an existing file: that one
/// is left as it is, and the error says so, with `hint` (exit 2).
pub(crate) fn create_new(path: &Path, content: &[u8], hint: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let file = fs_err::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(crate::output::HintedError::new(
                format!("`{}` already exists; it was left as it is", path.display()),
                hint,
            )
            .into());
        }
        other => other?,
    };
    file.write_all(content)
        .with_context(|| format!("cannot write `{}`", path.display()))
}

/// The entries of the directory `dir`, or `None` when it does not exist.
pub(crate) fn read_dir_if_present(dir: &Path) -> anyhow::Result<Option<std::fs::ReadDir>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(Some(entries)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot list `{}`", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    use super::replace;

    #[test]
    fn a_file_is_replaced_whole_and_keeps_its_mode() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.go");
        fs_err::write(&path, "old").expect("write");
        fs_err::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        replace(&path, b"new").expect("replace");
        assert_eq!(fs_err::read_to_string(&path).expect("read"), "new");
        let mode = fs_err::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o755);
        let fresh = dir.path().join("new.json");
        replace(&fresh, b"{}").expect("create");
        assert_eq!(fs_err::read_to_string(&fresh).expect("read"), "{}");
        assert_eq!(
            std::fs::read_dir(dir.path()).expect("list").count(),
            2,
            "no temp left"
        );
    }
}
