//! insta filters that make transcripts independent of temp paths, the
//! binary's location and timing.

use std::path::Path;

/// Filters that replace each path (and its canonical form) with its name,
/// e.g. `(repo_root, "[REPO]")`, `(hookrc, "[HOOKRC]")`. Longest paths come
/// first, so a path inside another one is replaced by its own name.
pub fn path_filters(paths: &[(&Path, &str)]) -> Vec<(String, String)> {
    let mut paths: Vec<(String, &str)> = paths
        .iter()
        .flat_map(|(path, name)| {
            let canonical = path.canonicalize().ok();
            std::iter::once((path.display().to_string(), *name))
                .chain(canonical.map(|c| (c.display().to_string(), *name)))
        })
        .collect();
    paths.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    paths.dedup();
    paths
        .into_iter()
        .map(|(path, name)| (regex::escape(&path), name.to_owned()))
        .collect()
}

/// A filter that replaces durations such as `12ms`, `1.5s`, `850µs` or
/// `0.01s` with `[TIME]`.
pub fn duration_filter() -> (String, String) {
    (
        r"\b\d+(\.\d+)?(ns|µs|us|ms|s)\b".to_owned(),
        "[TIME]".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(filters: &[(String, String)], text: &str) -> String {
        filters
            .iter()
            .fold(text.to_owned(), |acc, (pattern, replacement)| {
                regex::Regex::new(pattern)
                    .expect("filter is a valid regex")
                    .replace_all(&acc, replacement.as_str())
                    .into_owned()
            })
    }

    #[test]
    fn replaces_paths_longest_first_and_durations() {
        let mut filters = path_filters(&[
            (Path::new("/tmp/x.1"), "[TMP]"),
            (Path::new("/tmp/x.1/repo"), "[REPO]"),
            (Path::new("/tmp/x.1/repo/bin/hookrc"), "[HOOKRC]"),
        ]);
        filters.push(duration_filter());
        let text = "ran /tmp/x.1/repo/bin/hookrc in /tmp/x.1/repo/a, /tmp/x.1/wt (12ms, 1.5s)";
        assert_eq!(
            apply(&filters, text),
            "ran [HOOKRC] in [REPO]/a, [TMP]/wt ([TIME], [TIME])"
        );
    }
}
