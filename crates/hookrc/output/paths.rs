//! Paths in hints as the user would type them: relative to the directory
//! they ran git (or `hookrc run`) from, not to the worktree root where git
//! runs hooks. Locations (`--> path:line`) stay repo-relative, as in every
//! format; only commands to type are rewritten.

use std::path::{Component, Path, PathBuf};

use crate::env;

/// Where the user stands, relative to the worktree `root`: git's
/// `GIT_PREFIX` when git started us, else the current directory; empty at
/// the root or when it cannot be told (outside the worktree).
pub(crate) fn user_prefix(root: &Path) -> PathBuf {
    if let Some(prefix) = env::var(env::GIT_PREFIX) {
        return PathBuf::from(prefix);
    }
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.strip_prefix(root).ok().map(Path::to_path_buf))
        .unwrap_or_default()
}

/// The repo-relative `path` as seen from the repo-relative directory
/// `prefix`: `tz.go` from `internal/`, `../cmd/main.go` from `internal/`.
pub(crate) fn from_prefix(prefix: &Path, path: &Path) -> String {
    let prefix: Vec<Component<'_>> = prefix.components().collect();
    let path: Vec<Component<'_>> = path.components().collect();
    let common = prefix.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let mut shown = PathBuf::new();
    for _ in common..prefix.len() {
        shown.push("..");
    }
    for component in &path[common..] {
        shown.push(component);
    }
    if shown.as_os_str().is_empty() {
        ".".to_owned()
    } else {
        shown.display().to_string()
    }
}

/// The repo-relative `path` as the user at `root` would type it.
pub(crate) fn for_user(root: &Path, path: &Path) -> String {
    from_prefix(&user_prefix(root), path)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::from_prefix;

    #[test]
    fn paths_are_shown_from_where_the_user_stands() {
        let cases = [
            ("", "internal/tz.go", "internal/tz.go"),
            ("internal/", "internal/tz.go", "tz.go"),
            ("internal", "cmd/main.go", "../cmd/main.go"),
            ("a/b/", "a/c/d.go", "../c/d.go"),
            ("a/b", ".git/COMMIT_EDITMSG", "../../.git/COMMIT_EDITMSG"),
            ("a", "a", "."),
        ];
        for (prefix, path, shown) in cases {
            assert_eq!(from_prefix(Path::new(prefix), Path::new(path)), shown);
        }
    }
}
