//! git's trailer block, as `git interpret-trailers --parse` finds it: the last
//! paragraph (never the title) when all its lines are `Token: value` trailers,
//! or when it holds a git-generated one (`Signed-off-by: `, `(cherry picked
//! from commit `) and trailers make at least a quarter of it.

/// The git-generated prefixes that make a paragraph a trailer block on their own.
const GIT_PREFIXES: [&str; 2] = ["Signed-off-by: ", "(cherry picked from commit "];

/// The trailers of `raw`, normalised to `Token: value` as `--parse` prints them.
pub(crate) fn trailers(raw: &str) -> Vec<String> {
    let lines: Vec<&str> = raw
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .take_while(|l| !is_divider(l))
        .filter(|l| !l.starts_with('#'))
        .collect();
    let Some(title_end) = lines.iter().position(|l| is_blank(l)) else {
        return Vec::new();
    };
    let end = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(0, |i| i + 1);
    let Some(block_start) = lines
        .get(..end)
        .and_then(|ls| ls.iter().rposition(|l| is_blank(l)))
    else {
        return Vec::new();
    };
    if block_start < title_end {
        return Vec::new();
    }
    let block = lines.get(block_start + 1..end).unwrap_or_default();
    let (mut trailer_lines, mut other_lines, mut continuation, mut recognised) =
        (0usize, 0usize, 0usize, false);
    for line in block.iter().rev() {
        if GIT_PREFIXES.iter().any(|p| line.starts_with(p)) {
            trailer_lines += 1;
            continuation = 0;
            recognised = true;
        } else if separator(line).is_some() {
            trailer_lines += 1;
            continuation = 0;
        } else if line.starts_with([' ', '\t']) {
            continuation += 1;
        } else {
            other_lines += 1 + continuation;
            continuation = 0;
        }
    }
    other_lines += continuation;
    let is_block =
        (trailer_lines > 0 && other_lines == 0) || (recognised && trailer_lines * 3 >= other_lines);
    if !is_block {
        return Vec::new();
    }
    block
        .iter()
        .filter_map(|line| {
            let pos = separator(line)?;
            let token = line.get(..pos)?.trim_end();
            let value = line.get(pos + 1..)?.trim();
            Some(format!("{token}: {value}"))
        })
        .collect()
}

/// git's `find_separator` with `:`: a token of alphanumerics and `-`, optional
/// spaces, then `:`. The position of the `:`.
fn separator(line: &str) -> Option<usize> {
    let mut spaces = false;
    for (i, b) in line.bytes().enumerate() {
        if b == b':' {
            return (i >= 1).then_some(i);
        }
        if !spaces && (b.is_ascii_alphanumeric() || b == b'-') {
            continue;
        }
        if i > 0 && (b == b' ' || b == b'\t') {
            spaces = true;
            continue;
        }
        return None;
    }
    None
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b.is_ascii_whitespace())
}

/// A `---` line: where `git format-patch` output starts.
fn is_divider(line: &str) -> bool {
    line.strip_prefix("---")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::trailers;

    #[test]
    fn finds_the_trailer_block() {
        assert_eq!(
            trailers("feat: a\n\nbody\n\nSigned-off-by: A <a@b>\nRefs: #1\n"),
            ["Signed-off-by: A <a@b>", "Refs: #1"]
        );
        assert!(trailers("feat: a\nSigned-off-by: A <a@b>\n").is_empty());
        assert!(trailers("feat: a\n\nsome text\nRefs: #1\n").is_empty());
        assert_eq!(trailers("feat: a\n\nx\ny\nz\nSigned-off-by: A\n").len(), 1);
        assert!(trailers("Signed-off-by: A\n").is_empty());
    }
}
