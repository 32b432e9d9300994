//! How the generated domain types read JSON: in place, field by field.
//!
//! Each generated type implements [`Fields`]: a `match` from JSON key to field number and
//! one that reads a field's value into `self`. [`object`] reads a whole object into
//! `T::default()`, and a nested object is read straight into its parent's field, so no
//! struct is built on the stack and then moved up the tree (the derived visitors move
//! every nested struct once per level).
//!
//! The rules are the official SDK's `from_dictionary`: objects only (an array is an
//! error, though serde's derived visitors would read it by position), unknown keys
//! skipped, `null` is an unset field, and for a key that appears twice the last value
//! counts, as with Python's `json.loads`.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::serde_helpers;

/// A generated domain type, read from a JSON object.
pub(crate) trait Fields: Default {
    /// The field number of a JSON key; `None` for a key the type does not have.
    fn field(key: &str) -> Option<u16>;

    /// Reads the next value of `map` into the field numbered `field`.
    fn read<'de, A: MapAccess<'de>>(&mut self, field: u16, map: &mut A) -> Result<(), A::Error>;
}

/// Reads a JSON object into `T::default()`.
pub(crate) fn object<'de, D: Deserializer<'de>, T: Fields>(deserializer: D) -> Result<T, D::Error> {
    let mut out = T::default();
    deserializer.deserialize_map(Fill(&mut out))?;
    Ok(out)
}

/// A nested object, `null` (unset) or absent, read into its parent's field.
pub(crate) fn nested<'de, A: MapAccess<'de>, T: Fields>(
    map: &mut A,
    place: &mut Option<T>,
) -> Result<(), A::Error> {
    map.next_value_seed(Nested(place))
}

/// A plain value (string, number, boolean or list of those): `null` reads as unset.
pub(crate) fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    place: &mut Option<T>,
) -> Result<(), A::Error> {
    *place = map.next_value()?;
    Ok(())
}

/// A list whose `null` elements are dropped.
pub(crate) fn list<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    place: &mut Option<Vec<T>>,
) -> Result<(), A::Error> {
    *place = map.next_value::<List<T>>()?.0;
    Ok(())
}

/// A date-time string ([`super::parse_datetime`]).
pub(crate) fn datetime<'de, A: MapAccess<'de>>(
    map: &mut A,
    place: &mut Option<DateTime<FixedOffset>>,
) -> Result<(), A::Error> {
    *place = map.next_value::<Dated<DateTime<FixedOffset>>>()?.0;
    Ok(())
}

/// A date string ([`super::parse_date`]).
pub(crate) fn date<'de, A: MapAccess<'de>>(
    map: &mut A,
    place: &mut Option<NaiveDate>,
) -> Result<(), A::Error> {
    *place = map.next_value::<Dated<NaiveDate>>()?.0;
    Ok(())
}

/// Fills the object it is given from a JSON object.
struct Fill<'a, T>(&'a mut T);

impl<'de, T: Fields> Visitor<'de> for Fill<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key_seed(Key::<T>(PhantomData))? {
            match key {
                Some(field) => self.0.read(field, &mut map)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A key, read as its field number without being copied.
struct Key<T>(PhantomData<T>);

impl<'de, T: Fields> DeserializeSeed<'de> for Key<T> {
    type Value = Option<u16>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T: Fields> Visitor<'de> for Key<T> {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(T::field(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(std::str::from_utf8(key).ok().and_then(T::field))
    }
}

/// A nested object read into `Some(T::default())`, which replaces what the field held.
struct Nested<'a, T>(&'a mut Option<T>);

impl<'de, T: Fields> DeserializeSeed<'de> for Nested<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: Fields> Visitor<'de> for Nested<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.0 = None;
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let place = self.0.insert(T::default());
        deserializer.deserialize_map(Fill(place))
    }
}

/// `Option<Vec<T>>` through [`serde_helpers::list`].
struct List<T>(Option<Vec<T>>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_helpers::list::deserialize(deserializer).map(List)
    }
}

/// An optional date or date-time through [`serde_helpers`].
struct Dated<T>(Option<T>);

impl<'de> Deserialize<'de> for Dated<DateTime<FixedOffset>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_helpers::datetime::deserialize(deserializer).map(Dated)
    }
}

impl<'de> Deserialize<'de> for Dated<NaiveDate> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_helpers::date::deserialize(deserializer).map(Dated)
    }
}
