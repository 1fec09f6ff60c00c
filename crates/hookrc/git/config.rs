//! Config values hookrc needs from git: the comment string of commit
//! messages (`core.commentChar` / `core.commentString`, `auto` included).

use gix::bstr::ByteSlice as _;

use super::Repo;

/// The characters git tries, in order, for `core.commentChar=auto`
/// (`comment_line_str` candidates in git's `builtin/commit.c`).
const AUTO_CANDIDATES: &str = "#;@!$%^&|:";

/// The configured comment string.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Comment {
    Fixed(String),
    Auto,
}

impl Repo {
    /// The string that starts comment lines of commit messages:
    /// `core.commentString`, else `core.commentChar` (git treats them as one
    /// setting; the last one set wins), else `#`. For `auto` this is `#`;
    /// use [`Repo::comment_string_for`] when the message is at hand.
    pub(crate) fn comment_string(&self) -> String {
        match self.comment() {
            Comment::Fixed(text) => text,
            Comment::Auto => "#".to_owned(),
        }
    }

    /// Like [`Repo::comment_string`], but resolves `auto` for `message` (a
    /// message file as a commit-msg hook sees it) the way git chose it:
    /// the prefix of git's scissors line (`git commit -v`), else the
    /// candidate starting the last non-blank line (git appends its comment
    /// block), else git's own rule: the first candidate no line starts with.
    pub(crate) fn comment_string_for(&self, message: &str) -> String {
        match self.comment() {
            Comment::Fixed(text) => text,
            Comment::Auto => resolve_auto(message),
        }
    }

    fn comment(&self) -> Comment {
        let config = self.repo.config_snapshot();
        let section = config.plumbing().sections_by_name("core");
        let mut value = None;
        for section in section.into_iter().flatten() {
            for name in ["commentChar", "commentString"] {
                if let Some(v) = section.value(name) {
                    // Both keys set the same variable; later sections win,
                    // and within a section the order of keys is unknown to
                    // us, so commentString (the newer name) is preferred.
                    value = Some(v.to_str_lossy().into_owned());
                }
            }
        }
        match value {
            Some(v) if v.eq_ignore_ascii_case("auto") => Comment::Auto,
            Some(v) if !v.is_empty() => Comment::Fixed(v),
            _ => Comment::Fixed("#".to_owned()),
        }
    }
}

fn resolve_auto(message: &str) -> String {
    let starts = |c: char| move |line: &&str| line.starts_with(c);
    let scissors = message.lines().find_map(|line| {
        let (prefix, rest) = line.split_at_checked(1)?;
        (rest == " ------------------------ >8 ------------------------"
            && AUTO_CANDIDATES.contains(prefix))
        .then(|| prefix.to_owned())
    });
    if let Some(prefix) = scissors {
        return prefix;
    }
    if let Some(last) = message.lines().rev().find(|line| !line.trim().is_empty())
        && let Some(c) = AUTO_CANDIDATES.chars().find(|c| last.starts_with(*c))
    {
        return c.to_string();
    }
    AUTO_CANDIDATES
        .chars()
        .find(|c| !message.lines().any(|line| starts(*c)(&line)))
        .map_or_else(|| "#".to_owned(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use hookrc_testkit::TestRepo;

    use super::resolve_auto;
    use crate::git::Repo;

    fn comment(settings: &[(&str, &str)]) -> (String, String) {
        let repo = TestRepo::new();
        for (key, value) in settings {
            repo.git(["config", "--add", key, value]);
        }
        let git = Repo::open_isolated(repo.root(), None);
        (
            git.comment_string(),
            git.comment_string_for("feat: x\n; note\n"),
        )
    }

    #[test]
    fn comment_string_follows_core_comment_char_and_string() {
        assert_eq!(comment(&[]), ("#".into(), "#".into()));
        assert_eq!(
            comment(&[("core.commentChar", ";")]),
            (";".into(), ";".into())
        );
        assert_eq!(
            comment(&[("core.commentString", "//")]),
            ("//".into(), "//".into())
        );
        assert_eq!(
            comment(&[("core.commentChar", ";"), ("core.commentString", "%%")]),
            ("%%".into(), "%%".into())
        );
        assert_eq!(
            comment(&[("core.commentChar", "auto")]),
            ("#".into(), ";".into())
        );
    }

    #[test]
    fn auto_resolves_like_git_chose_it() {
        let template = "feat: x\n\n# Please enter the commit message.\n# Lines starting with '#' are ignored.\n";
        assert_eq!(resolve_auto(template), "#");
        let hash_in_body = "feat: x\n\n# a markdown heading\n; Please enter the commit message.\n";
        assert_eq!(resolve_auto(hash_in_body), ";");
        let verbose =
            "feat: x\n; ------------------------ >8 ------------------------\ndiff --git a/x b/x\n";
        assert_eq!(resolve_auto(verbose), ";");
        assert_eq!(resolve_auto("feat: x\n# not a comment\n"), "#");
        assert_eq!(resolve_auto("feat: x\nbody\n"), "#");
    }
}
