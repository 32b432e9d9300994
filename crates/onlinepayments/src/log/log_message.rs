//! The messages logged for requests and responses.

use super::body_obfuscator::BodyObfuscator;
use super::header_obfuscator::HeaderObfuscator;

/// True unless the content type is textual (`text/*`, or containing `json` or `xml`).
pub(crate) fn is_binary(content_type: Option<&str>) -> bool {
    match content_type {
        None => false,
        Some(ct) => {
            let ct = ct.to_lowercase();
            !(ct.starts_with("text/") || ct.contains("json") || ct.contains("xml"))
        }
    }
}

#[derive(Debug, Clone)]
struct LogMessage {
    request_id: String,
    headers: String,
    header_list: Vec<(String, String)>,
    body: Option<String>,
    content_type: Option<String>,
    body_obfuscator: BodyObfuscator,
    header_obfuscator: HeaderObfuscator,
}

impl LogMessage {
    fn new(
        request_id: &str,
        body_obfuscator: &BodyObfuscator,
        header_obfuscator: &HeaderObfuscator,
    ) -> Self {
        Self {
            request_id: request_id.to_owned(),
            headers: String::new(),
            header_list: Vec::new(),
            body: None,
            content_type: None,
            body_obfuscator: body_obfuscator.clone(),
            header_obfuscator: header_obfuscator.clone(),
        }
    }

    fn add_header(&mut self, name: &str, value: Option<&str>) {
        if !self.headers.is_empty() {
            self.headers.push_str(", ");
        }
        self.headers.push_str(name);
        self.headers.push_str("=\"");
        match value.filter(|v| v.to_lowercase() != "none") {
            Some(value) => {
                let obfuscated = self.header_obfuscator.obfuscate_header(name, value);
                self.headers.push_str(&obfuscated);
                self.header_list
                    .push((name.to_owned(), format!("\"{obfuscated}\"")));
            }
            None => self.header_list.push((name.to_owned(), "\"\"".to_owned())),
        }
        self.headers.push('"');
    }

    fn set_body(&mut self, body: &str, content_type: Option<&str>) {
        self.content_type = content_type.map(str::to_owned);
        self.body = Some(if is_binary(content_type) {
            "<binary content>".to_owned()
        } else {
            self.body_obfuscator.obfuscate_body(body)
        });
    }

    fn set_binary_body(&mut self, content_type: Option<&str>) {
        self.content_type = content_type.map(str::to_owned);
        self.body = Some("<binary content>".to_owned());
    }
}

macro_rules! common_accessors {
    () => {
        /// The request id (a random UUID shared by a request and its response).
        pub fn request_id(&self) -> &str {
            &self.inner.request_id
        }

        /// The logged headers: `Name="value"` joined by `, `.
        pub fn headers(&self) -> &str {
            &self.inner.headers
        }

        /// The logged headers as `(name, "\"value\"")` pairs.
        pub fn get_header_list(&self) -> &[(String, String)] {
            &self.inner.header_list
        }

        /// The logged (obfuscated) body, if any.
        pub fn body(&self) -> Option<&str> {
            self.inner.body.as_deref()
        }

        /// The content type of the body.
        pub fn content_type(&self) -> Option<&str> {
            self.inner.content_type.as_deref()
        }

        /// Adds a header; its value is obfuscated, and `None` (or the text `none`) is
        /// logged as `""`.
        pub fn add_header(&mut self, name: &str, value: Option<&str>) {
            self.inner.add_header(name, value)
        }

        /// Sets the body (obfuscated, or `<binary content>` for a binary content type).
        pub fn set_body(&mut self, body: &str, content_type: Option<&str>) {
            self.inner.set_body(body, content_type)
        }

        /// Marks the body as binary: it is logged as `<binary content>`.
        pub fn set_binary_body(&mut self, content_type: Option<&str>) {
            self.inner.set_binary_body(content_type)
        }
    };
}

/// `RequestLogMessage`: what is logged for an outgoing request.
///
/// ```text
/// Outgoing request (requestId='<id>'):
///   method:       'POST'
///   uri:          '/v2/M/payments'
///   headers:      Content-Type="application/json", Authorization="********"
///   content-type: 'application/json'
///   body:         '<obfuscated body>'
/// ```
#[doc(alias = "LogMessage")]
#[derive(Debug, Clone)]
pub struct RequestLogMessage {
    inner: LogMessage,
    method: String,
    uri: String,
}

impl RequestLogMessage {
    /// A message without headers or body.
    pub fn new(
        request_id: &str,
        method: &str,
        uri: &str,
        body_obfuscator: &BodyObfuscator,
        header_obfuscator: &HeaderObfuscator,
    ) -> Self {
        Self {
            inner: LogMessage::new(request_id, body_obfuscator, header_obfuscator),
            method: method.to_owned(),
            uri: uri.to_owned(),
        }
    }

    common_accessors!();

    /// The HTTP method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// Path and query of the request.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The message text.
    pub fn get_message(&self) -> String {
        let mut s = format!(
            "Outgoing request (requestId='{}'):\n  method:       '{}'\n  uri:          '{}'\n  headers:      {}",
            self.inner.request_id, self.method, self.uri, self.inner.headers
        );
        if let Some(body) = &self.inner.body {
            s.push_str(&format!(
                "\n  content-type: '{}'\n  body:         '{}'",
                self.inner.content_type.as_deref().unwrap_or(""),
                body
            ));
        }
        s
    }
}

/// `ResponseLogMessage`: what is logged for an incoming response.
///
/// ```text
/// Incoming response (requestId='<id>', 12 ms):
///   status_code:  201
///   headers:      Content-Type="application/json"
///   content-type: application/json
///   body:         <obfuscated body>
/// ```
#[doc(alias = "LogMessage")]
#[derive(Debug, Clone)]
pub struct ResponseLogMessage {
    inner: LogMessage,
    status_code: u16,
    duration: Option<u64>,
}

impl ResponseLogMessage {
    /// A message without headers or body; `duration` in milliseconds.
    pub fn new(
        request_id: &str,
        status_code: u16,
        duration: Option<u64>,
        body_obfuscator: &BodyObfuscator,
        header_obfuscator: &HeaderObfuscator,
    ) -> Self {
        Self {
            inner: LogMessage::new(request_id, body_obfuscator, header_obfuscator),
            status_code,
            duration,
        }
    }

    common_accessors!();

    /// The status code.
    pub fn get_status_code(&self) -> u16 {
        self.status_code
    }

    /// The duration in milliseconds, if known.
    pub fn get_duration(&self) -> Option<u64> {
        self.duration
    }

    /// The message text.
    pub fn get_message(&self) -> String {
        let head = match self.duration {
            Some(ms) => format!(
                "Incoming response (requestId='{}', {} ms):",
                self.inner.request_id, ms
            ),
            None => format!("Incoming response (requestId='{}'):", self.inner.request_id),
        };
        format!(
            "{head}\n  status_code:  {}\n  headers:      {}\n  content-type: {}\n  body:         {}",
            self.status_code,
            self.inner.headers,
            self.inner.content_type.as_deref().unwrap_or(""),
            self.inner.body.as_deref().unwrap_or("")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let b = BodyObfuscator::default();
        let h = HeaderObfuscator::default();
        let mut m = RequestLogMessage::new("id1", "GET", "/v2/M/x?a=b", &b, &h);
        m.add_header("Authorization", Some("GCS v1HMAC:k:s"));
        m.add_header("X-None", Some("None"));
        m.add_header("X-Missing", None);
        assert_eq!(
            m.get_message(),
            "Outgoing request (requestId='id1'):\n  method:       'GET'\n  uri:          '/v2/M/x?a=b'\n  headers:      Authorization=\"********\", X-None=\"\", X-Missing=\"\""
        );
        m.set_body(r#"{"cvv": "123"}"#, Some("application/json"));
        assert!(m.get_message().ends_with(
            "\n  content-type: 'application/json'\n  body:         '{\"cvv\": \"***\"}'"
        ));

        let mut r = ResponseLogMessage::new("id1", 200, Some(7), &b, &h);
        r.add_header("Content-Type", Some("application/pdf"));
        r.set_body("%PDF", Some("application/pdf"));
        assert_eq!(
            r.get_message(),
            "Incoming response (requestId='id1', 7 ms):\n  status_code:  200\n  headers:      Content-Type=\"application/pdf\"\n  content-type: application/pdf\n  body:         <binary content>"
        );
        let r = ResponseLogMessage::new("id2", 204, None, &b, &h);
        assert_eq!(
            r.get_message(),
            "Incoming response (requestId='id2'):\n  status_code:  204\n  headers:      \n  content-type: \n  body:         "
        );
    }
}
