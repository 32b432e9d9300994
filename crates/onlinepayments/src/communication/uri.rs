//! URL building: the API endpoint, percent-encoded path values and query strings.

use std::fmt::Write as _;

use crate::communication::RequestParam;
use crate::errors::Error;

/// Python's `urllib.parse.quote(value)` with its default `safe="/"`: keeps
/// `A-Z a-z 0-9 _ . - ~ /` and percent-encodes every other UTF-8 byte with uppercase hex
/// (a space becomes `%20`).
///
/// ```
/// use onlinepayments::communication::quote;
///
/// assert_eq!(quote("a b+c/ü"), "a%20b%2Bc/%C3%BC");
/// ```
pub fn quote(value: &str) -> String {
    encode(value, |b| b == b'/')
}

/// Percent-encodes one path value (a merchant id, payment id, …): everything except the
/// unreserved characters `A-Z a-z 0-9 _ . - ~` is encoded, so the value stays one path
/// segment and the signed path is exactly the path sent. The bytes of
/// [`payments_core::http::encode_path_segment`], which every provider crate uses.
///
/// ```
/// use onlinepayments::communication::encode_path_value;
///
/// assert_eq!(encode_path_value("id/1?x#y ü~"), "id%2F1%3Fx%23y%20%C3%BC~");
/// ```
pub fn encode_path_value(value: &str) -> String {
    payments_core::http::encode_path_segment(value).into_owned()
}

fn encode(value: &str, extra_safe: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'~') || extra_safe(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The query string of a parameter list: `quote(name)=quote(value)` joined by `&`
/// (without the leading `?`; empty for no parameters).
pub fn query_string(params: &[RequestParam]) -> String {
    params
        .iter()
        .map(|p| format!("{}={}", quote(p.name()), quote(p.value())))
        .collect::<Vec<_>>()
        .join("&")
}

/// A validated API endpoint: `http` or `https`, a host and optional port, and nothing
/// else (no path, not even `/`, no user info, query or fragment).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiEndpoint {
    scheme: String,
    netloc: String,
}

impl ApiEndpoint {
    /// Parses and validates an endpoint such as `https://payment.preprod.online-payments.com`.
    ///
    /// The messages follow the official SDK: `apiEndpoint should not contain a path`,
    /// `apiEndpoint should not contain user info, query or fragment`, and
    /// `invalid api_endpoint: …` for a scheme other than http(s) or a missing host.
    pub fn parse(endpoint: &str) -> Result<Self, Error> {
        let invalid = || Error::configuration(format!("invalid api_endpoint: {endpoint}"));
        let (scheme, rest) = endpoint.split_once("://").ok_or_else(invalid)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(invalid());
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (netloc, tail) = rest.split_at(end);
        if netloc.is_empty() {
            return Err(invalid());
        }
        if tail.starts_with('/') {
            return Err(Error::configuration(
                "apiEndpoint should not contain a path",
            ));
        }
        let (query, fragment) = match tail.split_once('#') {
            Some((q, f)) => (q, f),
            None => (tail, ""),
        };
        if netloc.contains('@') || query.len() > 1 || !fragment.is_empty() {
            return Err(Error::configuration(
                "apiEndpoint should not contain user info, query or fragment",
            ));
        }
        validate_host_port(netloc).map_err(|()| invalid())?;
        Ok(Self {
            scheme,
            netloc: netloc.to_owned(),
        })
    }

    /// Builds an endpoint from properties-file parts; `port` `None` (or `-1` in the file)
    /// leaves the scheme's default port.
    pub fn from_parts(scheme: &str, host: &str, port: Option<u16>) -> Result<Self, Error> {
        let uri = match port {
            Some(p) => format!("{scheme}://{host}:{p}"),
            None => format!("{scheme}://{host}"),
        };
        Self::parse(&uri).map_err(|_| Error::configuration("Unable to construct endpoint URI"))
    }

    /// `http` or `https` (lowercase).
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Host and optional `:port`, as given.
    pub fn netloc(&self) -> &str {
        &self.netloc
    }

    /// `scheme://netloc`.
    pub fn as_url(&self) -> String {
        format!("{}://{}", self.scheme, self.netloc)
    }
}

impl std::fmt::Display for ApiEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.netloc)
    }
}

impl std::str::FromStr for ApiEndpoint {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::parse(s)
    }
}

fn validate_host_port(netloc: &str) -> Result<(), ()> {
    let (host, port) = if let Some(rest) = netloc.strip_prefix('[') {
        let (_, after) = rest.split_once(']').ok_or(())?;
        ("[]", after.strip_prefix(':'))
    } else {
        match netloc.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (netloc, None),
        }
    };
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(());
    }
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        let n: u32 = port.parse().map_err(|_| ())?;
        if !(1..=65535).contains(&n) || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_validation() {
        let e = ApiEndpoint::parse("HTTPS://Payment.Example.com:8443").unwrap();
        assert_eq!(e.as_url(), "https://Payment.Example.com:8443");
        assert!(ApiEndpoint::parse("https://h?").is_ok());
        for (bad, msg) in [
            ("https://h/", "apiEndpoint should not contain a path"),
            ("https://h/v2", "apiEndpoint should not contain a path"),
            (
                "https://u@h",
                "apiEndpoint should not contain user info, query or fragment",
            ),
            (
                "https://h?a=1",
                "apiEndpoint should not contain user info, query or fragment",
            ),
            (
                "https://h#f",
                "apiEndpoint should not contain user info, query or fragment",
            ),
            ("ftp://h", "invalid api_endpoint: ftp://h"),
            ("https://", "invalid api_endpoint: https://"),
            ("h", "invalid api_endpoint: h"),
            ("https://h:0", "invalid api_endpoint: https://h:0"),
            ("https://h:x", "invalid api_endpoint: https://h:x"),
        ] {
            assert_eq!(
                ApiEndpoint::parse(bad).unwrap_err().to_string(),
                msg,
                "{bad}"
            );
        }
        assert!(ApiEndpoint::parse("http://[::1]:8080").is_ok());
        assert_eq!(
            ApiEndpoint::from_parts("https", "h", Some(443))
                .unwrap()
                .as_url(),
            "https://h:443"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("a%20b"), "a%2520b");
        assert_eq!(quote("*'()!"), "%2A%27%28%29%21");
        assert_eq!(encode_path_value("a/b c?ü"), "a%2Fb%20c%3F%C3%BC");
        assert_eq!(encode_path_value("abc-_.~09"), "abc-_.~09");
        let q = query_string(&[
            RequestParam::new("hide", "a b"),
            RequestParam::new("hide", "c"),
        ]);
        assert_eq!(q, "hide=a%20b&hide=c");
    }

    /// The shared encoder gives the bytes of this crate's own (the `quote` encoder with
    /// nothing extra kept), which the official path quoting agreed with for plain ids.
    #[test]
    fn path_values_on_the_shared_encoder() {
        let mut tricky: Vec<String> = [
            "",
            "plain-id_1.2~3",
            "a/b",
            "a?b#c",
            "100%",
            "%2F",
            "~tilde~",
            "space here",
            "tab\tnew\nline",
            "ü",
            "€",
            "日本",
            "😀",
            "a+b=c&d;e,f:g@h",
            "{merchantId}",
            "'\"<>[]|^`\\",
            "\u{0}\u{7f}",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        tricky.extend((0u8..=127).map(|b| char::from(b).to_string()));
        tricky.push((0u8..=127).map(char::from).collect());
        for value in &tricky {
            let own = encode(value, |_| false);
            assert_eq!(
                payments_core::http::encode_path_segment(value),
                own,
                "{value:?}"
            );
            assert_eq!(encode_path_value(value), own, "{value:?}");
        }
    }
}
