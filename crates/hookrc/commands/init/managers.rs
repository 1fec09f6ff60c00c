//! The configurations of other hook managers `hookrc init` points out, so
//! the user can convert them with `hookrc import` instead of starting over.

use std::path::Path;

/// Each manager, with the files (or directories) that configure it, as its
/// documentation names them.
const MANAGERS: &[(&str, &[&str])] = &[
    ("husky", &[".husky"]),
    (
        "pre-commit",
        &[".pre-commit-config.yaml", ".pre-commit-config.yml"],
    ),
    (
        "lefthook",
        &[
            "lefthook.yml",
            "lefthook.yaml",
            "lefthook.toml",
            "lefthook.json",
            ".lefthook.yml",
            ".lefthook.yaml",
            ".lefthook.toml",
            ".lefthook.json",
        ],
    ),
    (
        "commitlint",
        &[
            ".commitlintrc",
            ".commitlintrc.json",
            ".commitlintrc.yaml",
            ".commitlintrc.yml",
            ".commitlintrc.js",
            ".commitlintrc.cjs",
            ".commitlintrc.mjs",
            ".commitlintrc.ts",
            "commitlint.config.js",
            "commitlint.config.cjs",
            "commitlint.config.mjs",
            "commitlint.config.ts",
        ],
    ),
];

/// The managers configured at `root`, as `` name (`file`, …) ``; a
/// `commitlint` key in `package.json` counts for commitlint.
pub(super) fn detect(root: &Path) -> Vec<String> {
    MANAGERS
        .iter()
        .filter_map(|(name, files)| {
            let mut present: Vec<String> = files
                .iter()
                .filter(|file| root.join(file).exists())
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
