use std::fmt;

/// A body that could not be read as the expected JSON (Python
/// `MarshallerSyntaxException`): invalid JSON, or a value of the wrong type.
#[derive(Debug)]
pub struct MarshallerSyntaxError {
    message: String,
    source: Option<serde_json::Error>,
}

impl MarshallerSyntaxError {
    /// An error with a message and no parser error behind it.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The parser error, if the error came from the JSON parser.
    pub fn json_error(&self) -> Option<&serde_json::Error> {
        self.source.as_ref()
    }

    /// Whether the body was not valid JSON at all (as opposed to valid JSON with values
    /// of the wrong type).
    pub fn is_syntax(&self) -> bool {
        self.source.as_ref().is_some_and(|e| {
            matches!(
                e.classify(),
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof
            )
        })
    }

    /// The parser error, taken out.
    pub fn into_json_error(self) -> Option<serde_json::Error> {
        self.source
    }
}

impl From<serde_json::Error> for MarshallerSyntaxError {
    fn from(e: serde_json::Error) -> Self {
        Self {
            message: e.to_string(),
            source: Some(e),
        }
    }
}

impl fmt::Display for MarshallerSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MarshallerSyntaxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}
