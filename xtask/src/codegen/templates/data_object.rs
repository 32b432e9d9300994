use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::json::MarshallerSyntaxError;

/// What every data class of the API implements (Python `DataObject`).
///
/// The JSON form is the serde form of the struct: its fields under their JSON keys, in
/// the official SDK's order, unset fields left out.
pub trait DataObject:
    Serialize + DeserializeOwned + Default + Clone + PartialEq + std::fmt::Debug
{
    /// The object as a JSON value (Python `to_dictionary()`).
    fn to_dictionary(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Reads an object from a JSON value (Python `from_dictionary()`): unknown keys are
    /// ignored, `null` reads as an unset field; values of the wrong type give an error.
    fn from_dictionary(value: serde_json::Value) -> Result<Self, MarshallerSyntaxError> {
        Ok(serde_json::from_value(value)?)
    }
}
