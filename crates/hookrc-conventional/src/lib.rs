//! Conventional Commits for hookrc, usable on its own: git-style message
//! [`cleanup()`], the spec 1.0.0 [`parse()`]r with a byte [`Span`] on every part,
//! commitlint's default ignores ([`default_ignore`]) and commitlint's rule
//! engine ([`lint`]).
//!
//! ```
//! use hookrc_conventional::{cleanup, lint, parse};
//!
//! let text = cleanup("feat(api)!: drop v1\n\n# a comment\n", "#");
//! let commit = parse(&text)?;
//! assert_eq!(commit.r#type.text, "feat");
//! assert!(commit.is_breaking());
//! assert!(lint::lint(&text, &lint::Config::conventional()).is_empty());
//! # Ok::<(), hookrc_conventional::ParseError>(())
//! ```

mod classify;
mod cleanup;
mod error;
pub mod lint;
mod message;
mod parse;
mod span;
mod text;

pub use classify::{IgnoreKind, default_ignore};
pub use cleanup::cleanup;
pub use error::{ParseError, ParseErrorKind, RuleConfigError};
pub use message::{Commit, Footer, Part, Separator};
pub use parse::parse;
pub use span::Span;

#[cfg(test)]
mod tests;
