//! What git writes on pre-push's stdin: one `<local ref> <local sha>
//! <remote ref> <remote sha>` line per ref pushed (githooks(5)). The parser
//! is pure, so the binary's hook and the fuzz target share it.

use std::str::Utf8Error;

/// One line of pre-push's stdin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushedRef {
    /// The local ref pushed (`refs/heads/topic`, or `(delete)`).
    pub local_ref: String,
    /// Its commit; all zeros for a deletion.
    pub local_sha: String,
    /// The ref on the remote.
    pub remote_ref: String,
    /// What the remote has there; all zeros for a new ref.
    pub remote_sha: String,
}

impl PushedRef {
    /// Whether the push deletes the remote ref.
    pub fn is_deletion(&self) -> bool {
        is_zero(&self.local_sha)
    }

    /// Whether the remote does not have the ref yet.
    pub fn is_new(&self) -> bool {
        is_zero(&self.remote_sha)
    }
}

fn is_zero(sha: &str) -> bool {
    sha.bytes().all(|b| b == b'0')
}

/// Why pre-push's stdin could not be parsed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PushInputError {
    /// The input is not UTF-8.
    #[error("pre-push input is not UTF-8")]
    NotUtf8(#[source] Utf8Error),
    /// A line is not four space-separated fields.
    #[error(
        "pre-push input line {number} is not `<local ref> <local sha> <remote ref> <remote sha>`: `{line}`"
    )]
    Fields {
        /// 1-based line number.
        number: usize,
        /// The line as given.
        line: String,
    },
    /// A line's second or fourth field is not a hex object id.
    #[error("pre-push input line {number} has no object ids where git puts them: `{line}`")]
    ObjectIds {
        /// 1-based line number.
        number: usize,
        /// The line as given.
        line: String,
    },
}

/// Parses pre-push's stdin; blank lines are skipped.
///
/// # Errors
///
/// A line that is not four fields with hex object ids, quoted with its
/// number, or input that is not UTF-8.
pub fn parse_push_input(stdin: &[u8]) -> Result<Vec<PushedRef>, PushInputError> {
    let text = std::str::from_utf8(stdin).map_err(PushInputError::NotUtf8)?;
    let mut refs = Vec::new();
    for (number, line) in (1..).zip(text.lines()) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(' ').collect();
        let hex = |s: &str| s.len() >= 40 && s.bytes().all(|b| b.is_ascii_hexdigit());
        let [local_ref, local_sha, remote_ref, remote_sha] = fields[..] else {
            return Err(PushInputError::Fields {
                number,
                line: line.to_owned(),
            });
        };
        if !hex(local_sha) || !hex(remote_sha) {
            return Err(PushInputError::ObjectIds {
                number,
                line: line.to_owned(),
            });
        }
        refs.push(PushedRef {
            local_ref: local_ref.to_owned(),
            local_sha: local_sha.to_owned(),
            remote_ref: remote_ref.to_owned(),
            remote_sha: remote_sha.to_owned(),
        });
    }
    Ok(refs)
}

#[cfg(test)]
mod tests {
    use super::{PushInputError, parse_push_input};

    const A: &str = "1111111111111111111111111111111111111111";
    const Z: &str = "0000000000000000000000000000000000000000";

    #[test]
    fn lines_become_refs_new_and_deleted_ones_recognised() {
        let input =
            format!("refs/heads/topic {A} refs/heads/topic {Z}\n(delete) {Z} refs/heads/old {A}\n");
        let refs = parse_push_input(input.as_bytes()).expect("parsed");
        assert_eq!(refs.len(), 2);
        assert!(refs[0].is_new() && !refs[0].is_deletion());
        assert_eq!(refs[0].remote_ref, "refs/heads/topic");
        assert!(refs[1].is_deletion() && !refs[1].is_new());
        assert_eq!(parse_push_input(b"").expect("empty"), vec![]);
    }

    #[test]
    fn malformed_lines_are_named() {
        let error = parse_push_input(b"refs/heads/x abc refs/heads/x def\n").expect_err("bad ids");
        assert!(error.to_string().contains("line 1"), "{error}");
        let error =
            parse_push_input(format!("\nrefs/heads/x {A}\n").as_bytes()).expect_err("fields");
        assert!(error.to_string().contains("line 2"), "{error}");
        let error = parse_push_input(b"\xff").expect_err("not utf-8");
        assert!(matches!(error, PushInputError::NotUtf8(_)), "{error}");
    }
}
