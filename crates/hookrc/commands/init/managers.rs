//! The configurations of other hook managers `hookrc init` points out, so
//! the user can convert them with `hookrc import` instead of starting over.

use std::path::Path;

use crate::commands::import::SOURCES;

/// The managers configured at `root`, as `` name (`file`, …) ``; a
/// `commitlint` key in `package.json` counts for commitlint.
pub(super) fn detect(root: &Path) -> Vec<String> {
    SOURCES
        .iter()
        .filter_map(|(name, files)| {
            let mut present: Vec<String> = files
                .iter()
                .filter(|file| **file != "package.json" && root.join(file).exists())
                .map(|file| format!("`{file}`"))
                .collect();
            if *name == "commitlint" && package_json_has_commitlint(root) {
                present.push("`package.json` (`commitlint` key)".to_owned());
            }
            (!present.is_empty()).then(|| format!("{name} ({})", present.join(", ")))
        })
        .collect()
}

/// Whether `package.json` at `root` has a top-level `commitlint` key.
fn package_json_has_commitlint(root: &Path) -> bool {
    std::fs::read(root.join("package.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .is_some_and(|json| json.get("commitlint").is_some())
}
