//! Query parameters of API calls.

/// One query parameter: name and value, both unencoded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestParam {
    name: String,
    value: String,
}

impl RequestParam {
    /// A parameter.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }

    /// The parameter name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// A set of query parameters (Python `ParamRequest`).
pub trait ParamRequest {
    /// The parameters to send, in order; unset fields are left out and list fields repeat
    /// their name once per element.
    fn to_request_parameters(&self) -> Vec<RequestParam>;
}
