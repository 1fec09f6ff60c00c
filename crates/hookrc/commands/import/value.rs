//! Reading the old tools' files (YAML and JSON) as one value type, and the
//! small accessors every format uses.

use std::path::Path;

use anyhow::Context as _;
use serde_json::Value as Json;

/// `file` (relative to `root`) parsed as YAML (JSON is YAML too).
pub(super) fn read_yaml(root: &Path, file: &str) -> anyhow::Result<Json> {
    let content = read(root, file)?;
    if content.trim().is_empty() {
        return Ok(Json::Null);
    }
    serde_norway::from_str(&content).with_context(|| format!("`{file}` is not valid YAML"))
}

/// `file` (relative to `root`) as text.
pub(super) fn read(root: &Path, file: &str) -> anyhow::Result<String> {
    fs_err::read_to_string(root.join(file)).with_context(|| format!("cannot read `{file}`"))
}

/// A string value.
pub(super) fn text(value: Option<&Json>) -> Option<&str> {
    value.and_then(Json::as_str)
}

/// A list of strings, or one string as a list of one (as the old tools
/// accept both); `None` when absent or of another shape.
pub(super) fn list(value: Option<&Json>) -> Option<Vec<String>> {
    match value? {
        Json::String(one) => Some(vec![one.clone()]),
        Json::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}
