//! Lists of words the Go tools take one by one (build tags, `GOPROXY`
//! entries, private module prefixes): each item is checked where it is
//! written, so a comma-joined value is caught with a caret under it.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

use crate::error::with_help;

/// A list of words checked one by one with `check`, each error at its own span.
fn checked_words<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
    check: fn(&str) -> Result<(), String>,
) -> Result<Vec<String>, D::Error> {
    struct Word(String);
    struct Seq {
        expecting: &'static str,
        check: fn(&str) -> Result<(), String>,
    }
    struct WordSeed<'a>(&'a Seq);
    impl<'de> de::DeserializeSeed<'de> for WordSeed<'_> {
        type Value = Word;
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Word, D::Error> {
            deserializer.deserialize_str(self)
        }
    }
    impl Visitor<'_> for WordSeed<'_> {
        type Value = Word;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0.expecting)
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Word, E> {
            (self.0.check)(value).map_err(E::custom)?;
            Ok(Word(value.to_owned()))
        }
    }
    impl<'de> Visitor<'de> for Seq {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}", self.expecting)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut words = Vec::new();
            while let Some(Word(word)) = seq.next_element_seed(WordSeed(&self))? {
                words.push(word);
            }
            Ok(words)
        }
    }
    deserializer.deserialize_seq(Seq { expecting, check })
}

/// `[go] tags`: Go build tags (letters, digits, `_` and `.`).
pub(crate) fn build_tags<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    checked_words(deserializer, "build tags", |tag| {
        if !tag.is_empty()
            && tag
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            return Ok(());
        }
        Err(with_help(
            format!("invalid build tag `{tag}`"),
            "a tag is a word of letters, digits, `_` and `.`; list each tag separately, e.g. `[\"integration\", \"netgo\"]`",
        ))
    })
}

/// `allowed-proxies`: `GOPROXY` entries, one per item.
pub(crate) fn proxies<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    checked_words(deserializer, "GOPROXY entries", |proxy| {
        if !proxy.is_empty() && !proxy.contains([',', '|', ' ']) {
            return Ok(());
        }
        Err(with_help(
            format!("invalid GOPROXY entry `{proxy}`"),
            "list each proxy URL (or `direct`, `off`) as its own item, e.g. `[\"https://proxy.golang.org\", \"direct\"]`",
        ))
    })
}

/// `private`: module path prefixes (or `GOPRIVATE` glob patterns).
pub(crate) fn module_prefixes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    checked_words(deserializer, "module path prefixes", |prefix| {
        if !prefix.is_empty() && !prefix.contains([',', ' ']) {
            return Ok(());
        }
        Err(with_help(
            format!("invalid module path prefix `{prefix}`"),
            "list each prefix as its own item, e.g. `[\"git.example.com/team\"]`",
        ))
    })
}
