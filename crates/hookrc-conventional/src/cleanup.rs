//! Message preparation as git does it before storing a commit
//! (`git commit --cleanup=strip`, plus the scissors cut of `git commit -v`).

/// The characters git's `core.commentChar=auto` chooses from, in order.
const AUTO_CANDIDATES: &str = "#;@!$%^&|:";

/// What follows the comment string on git's scissors line.
const SCISSORS_TAIL: &str = " ------------------------ >8 ------------------------";

/// Cleans a commit message the way git does before it stores it:
///
/// - everything from the scissors line (`<comment> ------------------------ >8
///   ------------------------`, written by `git commit -v`) on is cut;
/// - lines that start with `comment` are dropped (pass `core.commentString` /
///   `core.commentChar`, `"#"` by default; an empty string keeps every line);
/// - trailing whitespace is stripped from every line (a `\r` of CRLF included);
/// - leading and trailing blank lines are dropped and runs of blank lines
///   collapse into one;
/// - the result ends with one `\n`, or is empty.
///
/// `comment == "auto"` (git's `core.commentChar=auto`) is resolved from the text:
/// the first of `#;@!$%^&|:` that starts git's scissors line or its "Please enter
/// the commit message" help line; when none does, no line is treated as a comment.
pub fn cleanup(raw: &str, comment: &str) -> String {
    let comment = if comment == "auto" {
        resolve_auto(raw).unwrap_or("")
    } else {
        comment
    };
    let mut out = String::with_capacity(raw.len());
    let mut pending_blank = false;
    for line in raw.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if !comment.is_empty() && is_scissors(content, comment) {
            break;
        }
        if !comment.is_empty() && content.starts_with(comment) {
            continue;
        }
        let kept = content.trim_end_matches([' ', '\t', '\r', '\n']);
        if kept.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(kept);
        out.push('\n');
    }
    out
}

fn is_scissors(line: &str, comment: &str) -> bool {
    line.strip_prefix(comment)
        .is_some_and(|rest| rest == SCISSORS_TAIL)
}

/// The comment character git chose for `core.commentChar=auto`, recognised by
/// the lines git itself wrote with it.
fn resolve_auto(raw: &str) -> Option<&'static str> {
    AUTO_CANDIDATES
        .char_indices()
        .filter_map(|(i, _)| AUTO_CANDIDATES.get(i..=i))
        .find(|c| {
            raw.lines().any(|line| {
                is_scissors(line, c)
                    || line
                        .strip_prefix(*c)
                        .is_some_and(|r| r.starts_with(" Please enter the commit message"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::cleanup;
    use indoc::indoc;

    #[test]
    fn strips_comments_trailing_space_and_collapses_blank_lines() {
        let raw = "\n\nfeat: add x  \n# Please enter the commit message\n\n\n\nbody line\t\n\n# trailing\n\n";
        assert_eq!(cleanup(raw, "#"), "feat: add x\n\nbody line\n");
    }

    #[test]
    fn cuts_at_scissors_and_keeps_what_is_above() {
        let raw = indoc! {"
            fix: y

            # ------------------------ >8 ------------------------
            diff --git a/x b/x
            +added
        "};
        assert_eq!(cleanup(raw, "#"), "fix: y\n");
    }

    #[test]
    fn scissors_needs_the_exact_line() {
        let raw = "fix: y\n\n#  ------------------------ >8 ------------------------\nkept\n";
        assert_eq!(cleanup(raw, "#"), "fix: y\n\nkept\n");
    }

    #[test]
    fn crlf_becomes_lf() {
        assert_eq!(cleanup("feat: a\r\n\r\nbody\r\n", "#"), "feat: a\n\nbody\n");
    }

    #[test]
    fn custom_comment_string_and_empty_comment() {
        assert_eq!(
            cleanup("feat: a\n; note\n#1 kept\n", ";"),
            "feat: a\n#1 kept\n"
        );
        assert_eq!(cleanup("feat: a\n# kept\n", ""), "feat: a\n# kept\n");
        assert_eq!(cleanup("feat: a\n// c\n", "//"), "feat: a\n");
    }

    #[test]
    fn only_comments_gives_empty() {
        assert_eq!(cleanup("# a\n# b\n\n", "#"), "");
        assert_eq!(cleanup("", "#"), "");
    }

    #[test]
    fn auto_resolves_from_git_lines() {
        let raw = "feat: a\n#1 stays\n; Please enter the commit message for your changes.\n; ------------------------ >8 ------------------------\ndiff\n";
        assert_eq!(cleanup(raw, "auto"), "feat: a\n#1 stays\n");
        assert_eq!(cleanup("feat: a\n# b\n", "auto"), "feat: a\n# b\n");
    }

    /// `git stripspace --strip-comments` is git's own cleanup: ours must agree.
    #[test]
    fn agrees_with_git_stripspace() {
        use std::io::Write as _;
        use std::process::{Command, Stdio};
        let inputs = [
            "\n\n  a  \n\n\n#c\n b\t\r\n\r\n",
            "# only\n#\n",
            "feat: x\n\n\n\nbody\n# c\n\n\nRefs: #1",
            "\u{a0}\n x \u{a0}\n",
            "a\r\rb\r\n\t\n",
            " #not a comment\n;comment\n",
        ];
        for (comment, config) in [("#", "core.commentChar=#"), (";", "core.commentChar=;")] {
            for input in inputs {
                let mut child = Command::new("git")
                    .args(["-c", config, "stripspace", "--strip-comments"])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("git runs");
                child
                    .stdin
                    .take()
                    .expect("stdin")
                    .write_all(input.as_bytes())
                    .expect("write");
                let out = child.wait_with_output().expect("git stripspace");
                let git = String::from_utf8(out.stdout).expect("utf-8");
                assert_eq!(cleanup(input, comment), git, "{input:?} with {config}");
            }
        }
    }

    #[test]
    fn does_not_strip_leading_whitespace_or_unicode_spaces() {
        assert_eq!(cleanup("  feat: a\u{a0}\n", "#"), "  feat: a\u{a0}\n");
    }
}
