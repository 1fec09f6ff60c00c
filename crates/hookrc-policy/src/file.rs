//! Reading the policy file's bytes safely: only a regular file, or a symlink
//! to one inside the worktree, of at most [`MAX_POLICY_BYTES`], and UTF-8.
//!
//! The kind is checked on the path before it is opened (so a FIFO is never
//! opened and cannot block) and again on the opened file (so a file swapped
//! in between is caught); the read stops one byte past the limit whatever
//! the file claims its size is.

use std::fs::{File, Metadata};
use std::io::Read as _;
use std::os::unix::fs::FileTypeExt as _;
use std::path::{Path, PathBuf};

use crate::error::{self, PolicyError};

/// The largest policy file hookrc reads, in bytes (1 MiB: room for tens of
/// thousands of checks).
pub const MAX_POLICY_BYTES: u64 = 1024 * 1024;

/// The text of the policy file `name` in `worktree_root`, `None` when there
/// is no such file (neither a file nor a symlink).
///
/// # Errors
///
/// [`PolicyError::Refused`] when it is not a regular file, is a dangling
/// symlink or one leading outside the worktree, or is larger than
/// [`MAX_POLICY_BYTES`]; [`PolicyError::Invalid`] at the first byte that is
/// not UTF-8; [`PolicyError::Read`] when reading fails.
pub(crate) fn read(worktree_root: &Path, name: &str) -> Result<Option<String>, PolicyError> {
    let path = worktree_root.join(name);
    let read_error = |source| PolicyError::Read {
        path: path.clone(),
        source,
    };
    let refused = |reason: String| PolicyError::Refused {
        path: path.clone(),
        reason,
    };
    let link = match std::fs::symlink_metadata(&path) {
        Ok(metadata) => metadata,
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(read_error(source)),
    };
    let target = if link.file_type().is_symlink() {
        let target = resolve_link(&path, worktree_root).map_err(refused)?;
        let metadata = std::fs::metadata(&target).map_err(read_error)?;
        check_kind(&metadata).map_err(|kind| refused(format!("it links to {kind}")))?;
        target
    } else {
        check_kind(&link).map_err(|kind| refused(format!("it is {kind}")))?;
        path.clone()
    };
    let file = File::open(&target).map_err(read_error)?;
    let opened = file.metadata().map_err(read_error)?;
    check_kind(&opened).map_err(|kind| refused(format!("it is {kind}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_POLICY_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_POLICY_BYTES {
        return Err(refused(format!(
            "it is larger than {MAX_POLICY_BYTES} bytes, the most a policy may hold"
        )));
    }
    utf8(bytes, &path).map(Some)
}

/// Where the symlink at `path` leads, when that is an existing path inside
/// `worktree_root`; else why it is refused.
fn resolve_link(path: &Path, worktree_root: &Path) -> Result<PathBuf, String> {
    let written = std::fs::read_link(path)
        .map_or_else(|_| "?".to_owned(), |target| target.display().to_string());
    let target = std::fs::canonicalize(path).map_err(|_| {
        format!("it is a symlink to `{written}`, which does not exist (a dangling symlink is not a policy)")
    })?;
    let base = if worktree_root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        worktree_root
    };
    let inside = std::fs::canonicalize(base).is_ok_and(|root| target.starts_with(root));
    if inside {
        Ok(target)
    } else {
        Err(format!(
            "it is a symlink to `{written}`, outside the repository (a policy symlink must lead to a file in the worktree)"
        ))
    }
}

/// `Ok` for a regular file, else what it is instead (`a FIFO`, …).
fn check_kind(metadata: &Metadata) -> Result<(), &'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        Ok(())
    } else if kind.is_dir() {
        Err("a directory, not a regular file")
    } else if kind.is_fifo() {
        Err("a FIFO, not a regular file")
    } else if kind.is_char_device() || kind.is_block_device() {
        Err("a device, not a regular file")
    } else if kind.is_socket() {
        Err("a socket, not a regular file")
    } else {
        Err("not a regular file")
    }
}

/// The bytes as text, or an error at the line and column of the first byte
/// that is not UTF-8.
fn utf8(bytes: Vec<u8>, path: &Path) -> Result<String, PolicyError> {
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let bad = bytes.get(at).copied().unwrap_or_default();
        let text = String::from_utf8_lossy(bytes);
        error::invalid(
            &text,
            path,
            at..at + 1,
            format!("invalid UTF-8 (byte 0x{bad:02x})"),
            Some("a policy is UTF-8 text, comments included; save the file as UTF-8".into()),
        )
    })
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;
    use std::path::Path;

    use super::{MAX_POLICY_BYTES, read};
    use crate::PolicyError;

    const NAME: &str = ".hookrc.toml";

    fn refused(root: &Path) -> String {
        match read(root, NAME) {
            Err(error @ PolicyError::Refused { .. }) => error.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_file_is_none_and_a_regular_one_is_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(read(dir.path(), NAME).expect("none"), None);
        std::fs::write(dir.path().join(NAME), "[hooks]\n").expect("write");
        assert_eq!(
            read(dir.path(), NAME).expect("read").as_deref(),
            Some("[hooks]\n")
        );
    }

    #[test]
    fn a_fifo_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join(NAME);
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        assert!(refused(dir.path()).contains("a FIFO"));
    }

    #[test]
    fn device_and_outside_symlinks_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        for target in ["/dev/zero", "/dev/urandom", "/etc/hostname"] {
            let link = dir.path().join(NAME);
            let _ = std::fs::remove_file(&link);
            symlink(target, &link).expect("symlink");
            let message = refused(dir.path());
            assert!(message.contains("outside the repository"), "{message}");
            assert!(message.contains(target), "{message}");
        }
    }

    #[test]
    fn a_dangling_symlink_is_an_error_not_the_default() {
        let dir = tempfile::tempdir().expect("tempdir");
        symlink("policy/missing.toml", dir.path().join(NAME)).expect("symlink");
        let message = refused(dir.path());
        assert!(message.contains("does not exist"), "{message}");
    }

    #[test]
    fn a_symlink_to_a_file_inside_is_followed_and_a_directory_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("conf")).expect("mkdir");
        std::fs::write(dir.path().join("conf/policy.toml"), "[go]\n").expect("write");
        symlink("conf/policy.toml", dir.path().join(NAME)).expect("symlink");
        assert_eq!(
            read(dir.path(), NAME).expect("read").as_deref(),
            Some("[go]\n")
        );
        std::fs::remove_file(dir.path().join(NAME)).expect("rm");
        symlink("conf", dir.path().join(NAME)).expect("symlink");
        assert!(refused(dir.path()).contains("links to a directory"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let size = usize::try_from(MAX_POLICY_BYTES).expect("fits") + 1;
        std::fs::write(dir.path().join(NAME), "#".repeat(size)).expect("write");
        assert!(refused(dir.path()).contains("larger than 1048576 bytes"));
        std::fs::write(dir.path().join(NAME), "#".repeat(size - 1)).expect("write");
        assert!(read(dir.path(), NAME).is_ok());
    }

    #[test]
    fn invalid_utf8_is_located_even_in_a_comment() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(NAME), b"[hooks]\n# caf\xe9 \xff\n").expect("write");
        let Err(PolicyError::Invalid(invalid)) = read(dir.path(), NAME) else {
            panic!("expected a located error");
        };
        assert_eq!((invalid.line(), invalid.column()), (2, 6));
        assert_eq!(invalid.message(), "invalid UTF-8 (byte 0xe9)");
    }
}
