//! The keys a settings struct accepts, read from its own `Deserialize`.
//!
//! serde's derive passes the field names to `deserialize_struct`; a
//! deserializer that only records them gives the exact list, so unknown-key
//! errors can suggest the closest key without a hand-kept copy of each list.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::forward_to_deserialize_any;

/// The (kebab-case) keys `T` accepts.
pub(crate) fn keys<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut recorder = Recorder(&[]);
    // The recorder always fails after recording: only the side effect matters.
    let _ = T::deserialize(&mut recorder);
    recorder.0
}

struct Recorder(&'static [&'static str]);

impl<'de> Deserializer<'de> for &mut Recorder {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("recorded"))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_kebab_case_keys() {
        assert_eq!(
            keys::<crate::GoModCheck>(),
            [
                "tidy", "vendor", "files", "exclude", "timeout", "optional", "cache"
            ]
        );
        assert!(keys::<crate::CommandCheck>().contains(&"pass-filenames"));
    }
}
