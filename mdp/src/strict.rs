//! A first pass over an MDP file that serde's typed parse cannot make: the file must be one
//! JSON object, and no object anywhere in it may give a key twice (JSON allows it and
//! serde keeps the last value, so a typo would change the MDP without a word).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::{mdp_error, MdpError};

/// What the first pass learnt of a well-formed file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    /// Whether the top-level object has the key `P` (a Gymnasium transition table).
    pub gymnasium: bool,
    /// Whether the top-level object has the key `name`.
    pub named: bool,
}

/// Checks that `text` is one JSON object without repeated keys.
///
/// # Errors
/// An [`MdpError`] at the object whose key is repeated (`start: "s0" given twice (line 3,
/// column 20)`), or for the file as a whole when it is not a JSON object or not JSON.
pub(crate) fn outline(text: &str) -> Result<Outline, MdpError> {
    match text.trim_start().chars().next() {
        Some('{') => {}
        Some(c) => {
            return Err(mdp_error!(
                "",
                "mdp-error-not-an-object",
                "not a valid MDP file: it must be one JSON object {{…}}, and this one \
                 starts with '{first}'",
                first = c,
            ))
        }
        None => {
            return Err(mdp_error!(
                "",
                "mdp-error-empty-file",
                "not a valid MDP file: the file is empty"
            ))
        }
    }
    let repeated = RefCell::new(None);
    let mut reader = serde_json::Deserializer::from_str(text);
    let top = Walk {
        path: String::new(),
        repeated: &repeated,
    };
    let result = top.deserialize(&mut reader).and_then(|o| {
        reader.end()?;
        Ok(o)
    });
    result.map_err(|e| match repeated.take() {
        Some((path, key)) => mdp_error!(
            path,
            "mdp-error-key-twice",
            "\"{key}\" given twice (line {line}, column {column})",
            key = key,
            line = e.line(),
            column = e.column(),
        ),
        None => mdp_error!(
            "",
            "mdp-error-not-mdp-file",
            "not a valid MDP file: {problem}",
            problem = e,
        ),
    })
}

/// Visits any JSON value at `path`, recording the first repeated key.
struct Walk<'a> {
    path: String,
    repeated: &'a RefCell<Option<(String, String)>>,
}

impl Walk<'_> {
    fn child(&self, segment: &str) -> Walk<'_> {
        let path = if self.path.is_empty() {
            segment.to_string()
        } else if segment.starts_with('[') {
            format!("{}{segment}", self.path)
        } else {
            format!("{}.{segment}", self.path)
        };
        Walk {
            path,
            repeated: self.repeated,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = Outline;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Outline, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = Outline;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Outline, E> {
        Ok(Outline::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Outline, E> {
        Ok(Outline::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Outline, E> {
        Ok(Outline::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Outline, E> {
        Ok(Outline::default())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Outline, E> {
        Ok(Outline::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Outline, E> {
        Ok(Outline::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outline, A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(self.child(&format!("[{i}]")))?
            .is_some()
        {
            i += 1;
        }
        Ok(Outline::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outline, A::Error> {
        let mut seen = BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let child = self.child(&key);
            if !seen.insert(key.clone()) {
                *self.repeated.borrow_mut() = Some((self.path.clone(), key));
                return Err(de::Error::custom("a key is given twice"));
            }
            map.next_value_seed(child)?;
        }
        let top = self.path.is_empty();
        Ok(Outline {
            gymnasium: top && seen.contains("P"),
            named: top && seen.contains("name"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_is_named_with_its_place() {
        let e = outline("{\"start\": {\"s0\": 0.5, \"s0\": 1.0}}").unwrap_err();
        assert_eq!(e.path, "start");
        assert!(e.message.starts_with("\"s0\" given twice (line 1"), "{e}");
        let e = outline("{\"a\": [{\"b\": {\"c\": 1, \"c\": 2}}]}").unwrap_err();
        assert_eq!(e.path, "a[0].b");
        let e = outline("{\"name\": \"x\", \"name\": \"y\"}").unwrap_err();
        assert_eq!(
            (
                e.path.as_str(),
                e.to_string().contains("\"name\" given twice")
            ),
            ("", true)
        );
    }

    #[test]
    fn only_an_object_is_a_file() {
        for text in ["[\"name\", []]", "3", "\"x\"", "", "   "] {
            assert!(outline(text).is_err(), "{text:?}");
        }
        assert!(outline("{} trailing").is_err());
        assert!(outline("{\"a\": 1,}").is_err());
    }

    #[test]
    fn the_outline_tells_a_gymnasium_table() {
        assert!(outline("{\"P\": {}}").unwrap().gymnasium);
        assert!(
            !outline("{\"states\": [], \"x\": {\"P\": 1}}")
                .unwrap()
                .gymnasium
        );
    }
}
