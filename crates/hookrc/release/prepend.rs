//! `--prepend FILE`: new release sections go on top of what the file holds,
//! below its own header, and everything there is kept, byte for byte. A
//! section is new when no `## ` heading of the file names the same release
//! (`## [v1.2.0](…)`, `## 1.2.0 - …` and `## [1.2.0]` all name `v1.2.0`),
//! so running it twice changes nothing. The file's `Unreleased` section is
//! the one exception: it is replaced, never stacked, once anything is added.

use crate::release::markdown::{HEADER, UNRELEASED};

/// `existing` (the file's text, empty when it does not exist) with the
/// `sections` it lacks on top; each section is `(release name, Markdown)`.
pub(crate) fn prepend(existing: &str, sections: &[(String, String)]) -> String {
    let (preamble, blocks) = split(existing);
    let known: Vec<String> = blocks.iter().filter_map(|b| identity(b)).collect();
    let fresh: Vec<&(String, String)> = sections
        .iter()
        .filter(|(name, _)| {
            let name = normalize(name);
            name == normalize(UNRELEASED) || !known.contains(&name)
        })
        .collect();
    let unchanged_unreleased =
        fresh.len() == 1 && blocks.iter().any(|b| b.trim_end() == fresh[0].1.trim_end());
    if fresh.is_empty() || unchanged_unreleased {
        return existing.to_owned();
    }
    let mut out = if preamble.trim().is_empty() {
        format!("{HEADER}\n")
    } else {
        let mut preamble = preamble.trim_end().to_owned();
        preamble.push_str("\n\n");
        preamble
    };
    for (_, text) in fresh {
        out.push_str(text.trim_end());
        out.push_str("\n\n");
    }
    for block in blocks {
        if identity(block).as_deref() != Some(&normalize(UNRELEASED)) {
            out.push_str(block.trim_end());
            out.push_str("\n\n");
        }
    }
    let mut out = out.trim_end().to_owned();
    out.push('\n');
    out
}

/// The text before the first `## ` heading, and each `## ` block.
fn split(text: &str) -> (&str, Vec<&str>) {
    let mut starts: Vec<usize> = Vec::new();
    let mut offset = 0;
    let mut fenced = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with("## ") {
            starts.push(offset);
        }
        offset += line.len();
    }
    let Some(&first) = starts.first() else {
        return (text, Vec::new());
    };
    let mut blocks = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        blocks.push(text.get(start..end).unwrap_or_default());
    }
    (text.get(..first).unwrap_or_default(), blocks)
}

/// The release a `## ` block names, normalized.
fn identity(block: &str) -> Option<String> {
    let heading = block.lines().next()?.strip_prefix("## ")?.trim_start();
    let heading = heading.strip_prefix('[').unwrap_or(heading);
    let word = heading
        .split(|c: char| c.is_whitespace() || c == ']' || c == '(')
        .next()?;
    Some(normalize(word))
}

/// Case folded, and `v` dropped before the version (`sub/v1.2.0` →
/// `sub/1.2.0`), so headings written by other tools match.
fn normalize(name: &str) -> String {
    let name = name.to_lowercase();
    let (dir, last) = name
        .rsplit_once('/')
        .map_or(("", name.as_str()), |(d, l)| (d, l));
    let last = match last.strip_prefix('v') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => last,
    };
    if dir.is_empty() {
        last.to_owned()
    } else {
        format!("{dir}/{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(name: &str, body: &str) -> (String, String) {
        (name.to_owned(), format!("## {name}\n\n{body}\n"))
    }

    #[test]
    fn keeps_the_file_and_adds_only_missing_sections() {
        let file = "# Changelog\n\nHand-written intro.\n\n## [1.0.0] - 2020-01-01\n\nold notes\n";
        let new = [section("v1.1.0", "- new"), section("v1.0.0", "- again")];
        let once = prepend(file, &new);
        assert_eq!(
            once,
            "# Changelog\n\nHand-written intro.\n\n## v1.1.0\n\n- new\n\n## [1.0.0] - 2020-01-01\n\nold notes\n"
        );
        assert_eq!(prepend(&once, &new), once);
    }

    #[test]
    fn replaces_the_unreleased_section_instead_of_stacking_it() {
        let first = prepend("", &[section("Unreleased", "- a")]);
        assert_eq!(first, "# Changelog\n\n## Unreleased\n\n- a\n");
        assert_eq!(prepend(&first, &[section("Unreleased", "- a")]), first);
        let second = prepend(&first, &[section("Unreleased", "- a\n- b")]);
        assert_eq!(second, "# Changelog\n\n## Unreleased\n\n- a\n- b\n");
        let released = prepend(&second, &[section("v1.0.0", "- a\n- b")]);
        assert_eq!(released, "# Changelog\n\n## v1.0.0\n\n- a\n- b\n");
    }
}
