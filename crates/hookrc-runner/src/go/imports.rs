//! The import paths a Go source file declares, read from its import
//! declarations the way the go command reads them (comments skipped, the
//! single and the parenthesised form, named, dot and blank imports, raw
//! strings), without type checking or build constraints: a file excluded
//! by a build tag still counts, which can only add a package to check.
//! This is what lets `go-vet` and `go-lint` find the packages importing a
//! changed one in milliseconds, where `go list` takes a package load.

/// The import paths of the Go source `source`, in order; empty when the
/// file does not start with a package clause.
pub fn imports(source: &[u8]) -> Vec<String> {
    let mut scanner = Scanner {
        src: source,
        pos: 0,
    };
    let mut found = Vec::new();
    if scanner.word() != Some(b"package".as_slice()) || scanner.word().is_none() {
        return found;
    }
    scanner.skip_semicolons();
    while scanner.word() == Some(b"import".as_slice()) {
        if scanner.peek() == Some(b'(') {
            scanner.pos += 1;
            while scanner.peek().is_some_and(|b| b != b')') {
                match scanner.spec() {
                    Some(path) => found.push(path),
                    None => return found,
                }
                scanner.skip_semicolons();
            }
            scanner.pos += 1;
        } else {
            match scanner.spec() {
                Some(path) => found.push(path),
                None => return found,
            }
        }
        scanner.skip_semicolons();
    }
    found
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// The next byte after white space and comments.
    fn peek(&mut self) -> Option<u8> {
        loop {
            let rest = self.src.get(self.pos..)?;
            match rest {
                [b' ' | b'\t' | b'\r' | b'\n', ..] => self.pos += 1,
                [b'/', b'/', ..] => {
                    let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                    self.pos += end;
                }
                [b'/', b'*', ..] => {
                    let end = rest
                        .windows(2)
                        .skip(2)
                        .position(|w| w == b"*/")
                        .map_or(rest.len(), |at| at + 4);
                    self.pos += end;
                }
                [first, ..] => return Some(*first),
                [] => return None,
            }
        }
    }

    /// An identifier (or `.`/`_`), after white space and comments.
    fn word(&mut self) -> Option<&'a [u8]> {
        let first = self.peek()?;
        if first == b'.' {
            self.pos += 1;
            return Some(b".");
        }
        let start = self.pos;
        let rest = &self.src[start..];
        let len = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
            .unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        self.pos += len;
        Some(&self.src[start..start + len])
    }

    /// One import spec: an optional name, then the path as a string.
    fn spec(&mut self) -> Option<String> {
        if !matches!(self.peek()?, b'"' | b'`') {
            self.word()?;
        }
        let quote = self.peek()?;
        if quote != b'"' && quote != b'`' {
            return None;
        }
        let start = self.pos + 1;
        let len = self.src.get(start..)?.iter().position(|&b| b == quote)?;
        self.pos = start + len + 1;
        String::from_utf8(self.src[start..start + len].to_vec()).ok()
    }

    fn skip_semicolons(&mut self) {
        while self.peek() == Some(b';') {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::imports;

    #[test]
    fn every_form_of_import_is_read() {
        let source = br#"// Package p does things.
/* a block
   comment */
package p // trailing

import "fmt"
import (
	"strings"
	m "example.com/m/sub" // named
	. "example.com/dot"
	_ "embed"
	`raw/path`
)
import x "example.com/x"; import "os"

func main() { import_not_here := "example.com/no" }
"#;
        assert_eq!(
            imports(source),
            [
                "fmt",
                "strings",
                "example.com/m/sub",
                "example.com/dot",
                "embed",
                "raw/path",
                "example.com/x",
                "os"
            ]
        );
    }

    #[test]
    fn no_package_clause_or_no_imports_gives_none() {
        assert!(imports(b"").is_empty());
        assert!(imports(b"not go at all").is_empty());
        assert!(imports(b"package p\n\nfunc F() {}\n").is_empty());
        assert!(imports(b"package p\nimport (\n\t\"unterminated").is_empty());
    }
}
