//! [`Fields`]: where a request writes its fields, either into a map (the public
//! [`payload`](crate::handlers::payload)) or straight into the JSON text that is signed.

use payments_core::Decimal;
use payments_core::pyfmt::{JsonStyle, write_json, write_json_object, write_json_string};
use serde_json::{Map, Value};

use crate::decimal::{python_str, write_python_str};
use crate::env::Config;

/// Python's `json.dumps(payload)`: separators `", "` and `": "`, non-ASCII as `\uXXXX`.
const STYLE: JsonStyle = JsonStyle::Compact { ensure_ascii: true };

/// Request fields in the official declaration order, written into a map or as JSON.
///
/// Public only as the argument of a sealed trait's hidden method: it cannot be named or
/// built outside the crate.
pub struct Fields<'a> {
    sink: Sink<'a>,
}

enum Sink<'a> {
    Map(&'a mut Map<String, Value>),
    /// The JSON object being written, after its `{`; `empty` until the first field.
    Json {
        out: &'a mut String,
        empty: bool,
    },
}

impl<'a> Fields<'a> {
    /// Fields inserted into `out`.
    pub(crate) fn map(out: &'a mut Map<String, Value>) -> Self {
        Self {
            sink: Sink::Map(out),
        }
    }

    /// Fields appended to `out` as the members of one JSON object, `{` written now and
    /// `}` by [`finish`](Self::finish).
    pub(crate) fn json(out: &'a mut String) -> Self {
        out.push('{');
        Self {
            sink: Sink::Json { out, empty: true },
        }
    }

    /// Closes the JSON object (nothing to do for a map).
    pub(crate) fn finish(self) {
        if let Sink::Json { out, .. } = self.sink {
            out.push('}');
        }
    }

    /// Writes `key` and returns the JSON text to write its value into, or `None` for a
    /// map (the caller inserts the value).
    fn json_key(&mut self, key: &str) -> Option<&mut String> {
        match &mut self.sink {
            Sink::Map(_) => None,
            Sink::Json { out, empty } => {
                if !*empty {
                    out.push_str(", ");
                }
                *empty = false;
                write_json_string(out, key, true);
                out.push_str(": ");
                Some(out)
            }
        }
    }

    fn insert(&mut self, key: &str, value: impl FnOnce() -> Value) -> &mut Self {
        if let Sink::Map(map) = &mut self.sink {
            map.insert(key.to_owned(), value());
        }
        self
    }

    pub(crate) fn value(&mut self, key: &str, value: &Value) -> &mut Self {
        match self.json_key(key) {
            Some(out) => {
                write_json(out, value, STYLE);
                self
            }
            None => self.insert(key, || value.clone()),
        }
    }

    pub(crate) fn str(&mut self, key: &str, value: &str) -> &mut Self {
        self.opt_str(key, Some(value))
    }

    pub(crate) fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match self.json_key(key) {
            Some(out) => {
                match value {
                    Some(v) => write_json_string(out, v, true),
                    None => out.push_str("null"),
                }
                self
            }
            None => self.insert(key, || {
                value.map_or(Value::Null, |v| Value::String(v.to_owned()))
            }),
        }
    }

    pub(crate) fn amount(&mut self, key: &str, value: &Decimal) -> &mut Self {
        self.opt_amount(key, Some(value))
    }

    pub(crate) fn opt_amount(&mut self, key: &str, value: Option<&Decimal>) -> &mut Self {
        match self.json_key(key) {
            Some(out) => {
                match value {
                    // `str(Decimal)` is digits, `.`, `-`, `E` and `+`: nothing to escape.
                    Some(v) => {
                        out.push('"');
                        write_python_str(out, v);
                        out.push('"');
                    }
                    None => out.push_str("null"),
                }
                self
            }
            None => self.insert(key, || {
                value.map_or(Value::Null, |v| Value::String(python_str(v)))
            }),
        }
    }

    pub(crate) fn opt_map(&mut self, key: &str, value: Option<&Map<String, Value>>) -> &mut Self {
        match self.json_key(key) {
            Some(out) => {
                match value {
                    Some(m) => write_json_object(out, m, STYLE),
                    None => out.push_str("null"),
                }
                self
            }
            None => self.insert(key, || {
                value.map_or(Value::Null, |m| Value::Object(m.clone()))
            }),
        }
    }

    /// `success_redirect_url` and `error_redirect_url`, falling back to the config.
    pub(crate) fn redirects(
        &mut self,
        success: Option<&str>,
        error: Option<&str>,
        config: &Config,
    ) -> &mut Self {
        self.opt_str(
            "success_redirect_url",
            success.or(config.success_redirect_url.as_deref()),
        )
        .opt_str(
            "error_redirect_url",
            error.or(config.failed_redirect_url.as_deref()),
        )
    }
}
