//! Percent-encoding of path segments.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Every byte except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value as one URL path segment: the unreserved characters
/// `A-Z a-z 0-9 - . _ ~` stay, every other UTF-8 byte becomes `%XX` (uppercase hex), so
/// the value cannot add segments, a query or a fragment, and the signed path is exactly
/// the path sent. Borrowed when nothing needs encoding.
///
/// ```
/// use payments_core::http::encode_path_segment;
///
/// assert_eq!(encode_path_segment("pay_123-x.y~z"), "pay_123-x.y~z");
/// assert_eq!(encode_path_segment("a b/c?d#e%é"), "a%20b%2Fc%3Fd%23e%25%C3%A9");
/// ```
pub fn encode_path_segment(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, PATH_SEGMENT).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte() {
        for b in 0u8..=127 {
            let s = char::from(b).to_string();
            let encoded = encode_path_segment(&s);
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                assert_eq!(encoded, s);
            } else {
                assert_eq!(encoded, format!("%{b:02X}"));
            }
        }
        assert_eq!(encode_path_segment("€"), "%E2%82%AC");
        assert!(matches!(encode_path_segment("plain"), Cow::Borrowed(_)));
        assert_eq!(encode_path_segment(""), "");
    }
}
