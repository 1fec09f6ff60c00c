//! Which packages of a module import a set of packages: what `go-vet` and
//! `go-lint` add to the changed packages (`scope = "dependents"`), so an
//! incompatible change is judged where it breaks. The go command answers
//! (`go list`), through the same `-overlay` the check uses, so the imports
//! are those of the content being judged.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Cancel;
use crate::go::GoError;
use crate::go::target::Target;
use crate::go::toolchain::Toolchain;

/// One package as `go list -json` describes it (the fields used).
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Listed {
    import_path: String,
    dir: PathBuf,
    #[serde(default)]
    imports: Vec<String>,
    #[serde(default)]
    test_imports: Vec<String>,
    #[serde(default)]
    x_test_imports: Vec<String>,
}

/// The package directories (relative to the target's run directory) of the
/// module in `target` that import, in their code or tests, a package whose
/// directory is in `changed` (relative to the run directory too); `module`
/// is the module path, which names packages that no longer exist. The
/// changed packages themselves are not listed.
///
/// # Errors
///
/// [`GoError::Exec`] when `go` cannot be started, [`GoError::Interrupted`]
/// when `cancel` fires, [`GoError::Io`] when its output is not what
/// `go list -json` prints.
pub fn importers(
    toolchain: &Toolchain,
    target: &Target,
    module: &str,
    changed: &[PathBuf],
    overlay: Option<&Path>,
    cancel: &Cancel,
) -> Result<Vec<PathBuf>, GoError> {
    let run_dir = target.run_dir();
    let mut args: Vec<OsString> = vec![
        "list".into(),
        "-e".into(),
        "-json=ImportPath,Dir,Imports,TestImports,XTestImports".into(),
    ];
    if !target.tags().is_empty() {
        args.push(format!("-tags={}", target.tags().join(",")).into());
    }
    if let Some(overlay) = overlay {
        let mut flag = OsString::from("-overlay=");
        flag.push(overlay);
        args.push(flag);
    }
    args.push("./...".into());
    let mut job = toolchain.go_job(args, &run_dir);
    if target.gopath_mode() {
        job = job.with_env_var("GO111MODULE", "off");
    }
    let done = target.run_tool(job, "go list", cancel)?;
    let listed = parse(done.stdout()).map_err(|source| GoError::Io {
        path: run_dir.clone(),
        source,
    })?;
    let by_dir: BTreeMap<PathBuf, &Listed> = listed
        .iter()
        .filter_map(|p| Some((p.dir.strip_prefix(&run_dir).ok()?.to_path_buf(), p)))
        .collect();
    let changed_paths: BTreeSet<String> = changed
        .iter()
        .map(|dir| match by_dir.get(dir) {
            Some(package) => package.import_path.clone(),
            None => import_path(module, dir),
        })
        .collect();
    Ok(by_dir
        .into_iter()
        .filter(|(dir, package)| {
            !changed.contains(dir)
                && package
                    .imports
                    .iter()
                    .chain(&package.test_imports)
                    .chain(&package.x_test_imports)
                    .any(|import| changed_paths.contains(import))
        })
        .map(|(dir, _)| dir)
        .collect())
}

/// The concatenated JSON objects `go list -json` prints.
fn parse(stdout: &[u8]) -> std::io::Result<Vec<Listed>> {
    serde_json::Deserializer::from_slice(stdout)
        .into_iter::<Listed>()
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::other)
}

/// The import path of the package in `dir` of the module `module`.
fn import_path(module: &str, dir: &Path) -> String {
    if dir.as_os_str().is_empty() {
        return module.to_owned();
    }
    format!("{module}/{}", dir.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{import_path, parse};

    #[test]
    fn the_json_stream_is_read_and_paths_are_named() {
        let out = br#"{"ImportPath":"m/a","Dir":"/r/a","Imports":["m/b","fmt"]}
{"ImportPath":"m/b","Dir":"/r/b"}"#;
        let listed = parse(out).expect("parsed");
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].imports, ["m/b", "fmt"]);
        assert_eq!(listed[1].dir, PathBuf::from("/r/b"));
        assert_eq!(import_path("m", Path::new("")), "m");
        assert_eq!(import_path("m", Path::new("x/y")), "m/x/y");
    }
}
