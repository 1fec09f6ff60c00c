//! Go's rule for module versions: a module at major version N ≥ 2 has a path
//! ending in `/vN` (`gopkg.in/x.vN` for gopkg.in), and v0/v1 have no such
//! suffix. A tag that breaks it can never be fetched with `go get`, and once
//! the module proxy has cached the tag it cannot be taken back; so `bump`
//! refuses to cross into v2+ without the path change, and the `go-release`
//! pre-push gate refuses such a tag before it leaves the machine.
//!
//! A module in `sub/dir` is tagged `sub/dir/vX.Y.Z`, and its `go.mod` is
//! `sub/dir/go.mod` in the tagged commit.

use semver::Version;

/// The `module` path of a `go.mod` (quotes and comments handled), if any.
pub(crate) fn module_path(go_mod: &str) -> Option<String> {
    go_mod.lines().find_map(|line| {
        let line = line.split("//").next().unwrap_or_default().trim();
        let rest = line.strip_prefix("module")?;
        if !rest.starts_with([' ', '\t', '"']) {
            return None;
        }
        let path = rest.trim().trim_matches(|c| c == '"' || c == '`');
        (!path.is_empty()).then(|| path.to_owned())
    })
}

/// The major version a module path declares: N for a `/vN` (or gopkg.in
/// `.vN`) suffix, `None` for a path without one (v0 or v1).
pub(crate) fn path_major(path: &str) -> Option<u64> {
    let suffix = if path.starts_with("gopkg.in/") {
        path.rsplit_once(".v")?.1
    } else {
        path.rsplit_once("/v")?.1
    };
    suffix.parse().ok()
}

/// Why `path` cannot carry a version with major `major`, or `None` when it can.
pub(crate) fn mismatch(path: &str, major: u64) -> Option<String> {
    let gopkg = path.starts_with("gopkg.in/");
    match (major, path_major(path)) {
        (0 | 1, Some(n)) if !gopkg => Some(format!(
            "module path `{path}` declares major version {n}, but the version is v{major}"
        )),
        (0 | 1, _) => None,
        (major, Some(n)) if n == major => None,
        (major, Some(n)) => Some(format!(
            "module path `{path}` declares major version {n}, but the version is v{major}"
        )),
        (major, None) => Some(format!(
            "module path `{path}` has no `/v{major}` suffix, which a v{major} version needs"
        )),
    }
}

/// The path a module needs for major `major`: `/vN` replaced or added.
pub(crate) fn path_for(path: &str, major: u64) -> String {
    let base = match path_major(path) {
        Some(n) => path
            .strip_suffix(&format!("/v{n}"))
            .or_else(|| path.strip_suffix(&format!(".v{n}")))
            .unwrap_or(path),
        None => path,
    };
    if major < 2 {
        base.to_owned()
    } else {
        format!("{base}/v{major}")
    }
}

/// The outcome of the `go-release` rule for one pushed tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GoReleaseVerdict {
    /// Not a version tag (`vX.Y.Z` or `dir/vX.Y.Z`): not judged.
    NotAVersion,
    /// The module's path fits the version.
    Accepted {
        /// The module path read from `go.mod`.
        module: String,
    },
    /// The tag would publish a version `go get` cannot fetch.
    Refused {
        /// What is wrong, naming the tag, the file and the path.
        message: String,
        /// The ways out.
        hint: String,
    },
}

/// Judge the tag `tag` (without `refs/tags/`): `read` returns the bytes of a
/// repo-relative file at the tagged commit (`None` when absent).
///
/// # Errors
///
/// Whatever `read` returns when the file cannot be read.
pub(crate) fn verdict(
    tag: &str,
    read: impl FnOnce(&str) -> anyhow::Result<Option<Vec<u8>>>,
) -> anyhow::Result<GoReleaseVerdict> {
    let (dir, version) = match tag.rsplit_once('/') {
        Some((dir, last)) => (dir, last),
        None => ("", tag),
    };
    let Some(version) = version
        .strip_prefix('v')
        .and_then(|v| Version::parse(v).ok())
    else {
        return Ok(GoReleaseVerdict::NotAVersion);
    };
    let file = if dir.is_empty() {
        "go.mod".to_owned()
    } else {
        format!("{dir}/go.mod")
    };
    let Some(bytes) = read(&file)? else {
        return Ok(refused(
            format!(
                "tag `{tag}` names a Go module in `{}`, but the tagged commit has no `{file}`",
                display_dir(dir)
            ),
            format!(
                "tag a module's directory: `<dir>/vX.Y.Z` for the module in `<dir>`, `vX.Y.Z` for the root; delete the tag with `git tag -d {tag}`"
            ),
        ));
    };
    let text = String::from_utf8_lossy(&bytes);
    let Some(module) = module_path(&text) else {
        return Ok(refused(
            format!("tag `{tag}`: `{file}` in the tagged commit has no `module` line"),
            format!("add `module <path>` to `{file}`, or delete the tag with `git tag -d {tag}`"),
        ));
    };
    Ok(match mismatch(&module, version.major) {
        None => GoReleaseVerdict::Accepted { module },
        Some(why) => refused(
            format!(
                "tag `{tag}` cannot be fetched with `go get`: {why} (`{file}` in the tagged commit)"
            ),
            hint(tag, &module, &file, version.major),
        ),
    })
}

fn refused(message: String, hint: String) -> GoReleaseVerdict {
    GoReleaseVerdict::Refused { message, hint }
}

fn display_dir(dir: &str) -> &str {
    if dir.is_empty() { "." } else { dir }
}

/// The two ways out: change the module path, or do not tag this major.
pub(crate) fn hint(tag: &str, module: &str, file: &str, major: u64) -> String {
    format!(
        "either change the `module` line of `{file}` to `{}` (and the imports that name it), commit, and tag again; or tag a version whose major matches the path; delete this tag with `git tag -d {tag}`",
        path_for(module, major)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_module_lines() {
        assert_eq!(
            module_path("// c\nmodule \"example.com/a/v2\" // x\n\ngo 1.22\n").as_deref(),
            Some("example.com/a/v2")
        );
        assert_eq!(module_path("modulex foo\n"), None);
        assert_eq!(module_path("go 1.22\n"), None);
    }

    #[test]
    fn major_suffix_rules() {
        assert_eq!(mismatch("example.com/a", 1), None);
        assert_eq!(mismatch("example.com/a/v2", 2), None);
        assert!(mismatch("example.com/a", 2).is_some());
        assert!(mismatch("example.com/a/v2", 3).is_some());
        assert!(mismatch("example.com/a/v2", 1).is_some());
        assert_eq!(mismatch("gopkg.in/yaml.v3", 3), None);
        assert_eq!(mismatch("gopkg.in/yaml.v1", 1), None);
        assert_eq!(path_for("example.com/a", 2), "example.com/a/v2");
        assert_eq!(path_for("example.com/a/v2", 3), "example.com/a/v3");
    }

    /// The rule on real tags: each tag peeled to its commit, `go.mod` read
    /// at that commit (not from the working tree).
    #[test]
    fn judges_real_tags_by_the_go_mod_of_their_commit() {
        let repo = hookrc_testkit::TestRepo::new();
        repo.write("go.mod", "module example.com/app\n\ngo 1.22\n");
        repo.write("lib/go.mod", "module example.com/app/lib/v2\n");
        repo.commit_all("feat: start");
        repo.git(["tag", "-a", "-m", "v1", "v1.0.0"]);
        repo.git(["tag", "v2.0.0"]);
        repo.git(["tag", "lib/v2.1.0"]);
        repo.git(["tag", "lib/v3.0.0"]);
        repo.git(["tag", "nothere/v1.0.0"]);
        repo.git(["tag", "release-7"]);
        repo.write("go.mod", "module example.com/app/v2\n");
        repo.commit_all("feat!: v2 path");
        repo.git(["tag", "v2.0.1"]);
        let git = crate::git::Repo::open_isolated(repo.root(), None);
        // What pre-push gets on stdin: the tag's object (for an annotated
        // tag, the tag object, not the commit).
        let judge = |name: &str| {
            let object = repo.git(["rev-parse", name]);
            let id = crate::git::CommitId::from_hex(object.trim().as_bytes()).unwrap();
            verdict(name, |path| git.file_at(id, path)).unwrap()
        };
        let accepted = |module: &str| GoReleaseVerdict::Accepted {
            module: module.to_owned(),
        };
        assert_eq!(judge("v1.0.0"), accepted("example.com/app"));
        assert_eq!(judge("lib/v2.1.0"), accepted("example.com/app/lib/v2"));
        assert_eq!(judge("v2.0.1"), accepted("example.com/app/v2"));
        assert_eq!(judge("release-7"), GoReleaseVerdict::NotAVersion);
        let GoReleaseVerdict::Refused { message, hint } = judge("v2.0.0") else {
            panic!("v2.0.0 must be refused")
        };
        assert_eq!(
            message,
            "tag `v2.0.0` cannot be fetched with `go get`: module path `example.com/app` has no `/v2` suffix, which a v2 version needs (`go.mod` in the tagged commit)"
        );
        assert!(hint.contains("`example.com/app/v2`"), "{hint}");
        assert!(matches!(
            judge("lib/v3.0.0"),
            GoReleaseVerdict::Refused { .. }
        ));
        let GoReleaseVerdict::Refused { message, .. } = judge("nothere/v1.0.0") else {
            panic!("a tag without a module must be refused")
        };
        assert!(message.contains("has no `nothere/go.mod`"), "{message}");
    }
}
