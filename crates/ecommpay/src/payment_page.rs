//! Payment Page URLs: `payment_page_sdk.payment_page.PaymentPage`.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::payment::Payment;
use crate::signature_handler::{SignatureHandler, number_to_string};

/// Builds signed Payment Page URLs.
///
/// The query holds the payment's parameters in insertion order, encoded like Python's
/// `urllib.parse.urlencode` (each value as Python's `str()`, then `quote_plus`; booleans as
/// `True`/`False`, `null` as `None`), followed by `signature`.
///
/// Objects and lists, which the official SDK would send as their Python `repr` while
/// signing them flattened, are sent in the bracket notation of PHP's `http_build_query`
/// (`customer[name]=Ada`, `items[0]=x`), values rendered as in the signature (`1`/`0`,
/// `null` empty) and empty ones left out, so the gate can rebuild and verify what was
/// signed.
#[derive(Debug, Clone)]
pub struct PaymentPage {
    base_url: String,
    signature_handler: SignatureHandler,
}

impl PaymentPage {
    /// The default Payment Page address.
    #[doc(alias = "__baseUrl")]
    pub const BASE_URL: &'static str = "https://paymentpage.ecommpay.com/payment";

    /// A builder signing with `signature_handler`; an empty `base_url` selects
    /// [`PaymentPage::BASE_URL`]. The base is used verbatim (a `?` is always appended).
    #[doc(alias = "__init__")]
    pub fn new(signature_handler: SignatureHandler, base_url: impl Into<String>) -> Self {
        let base_url = base_url.into();
        let base_url = if base_url.is_empty() {
            Self::BASE_URL.to_owned()
        } else {
            base_url
        };
        Self {
            base_url,
            signature_handler,
        }
    }

    /// The base address in use.
    #[doc(alias = "__baseUrl")]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The handler that signs the URLs.
    #[doc(alias = "__signatureHandler")]
    pub fn signature_handler(&self) -> &SignatureHandler {
        &self.signature_handler
    }

    /// The full signed URL: `base?params&signature=…`.
    pub fn get_url(&self, payment: &Payment) -> String {
        let params = payment.get_params();
        let signature = self.signature_handler.sign(params);
        let mut url = String::with_capacity(self.base_url.len() + 64 * params.len() + 100);
        url.push_str(&self.base_url);
        url.push('?');
        let mut first = true;
        for (key, value) in params {
            match value {
                Value::Object(_) | Value::Array(_) => {
                    let mut name = key.clone();
                    write_nested(&mut url, &mut first, &mut name, value);
                }
                _ => {
                    push_separator(&mut url, &mut first);
                    push_quote_plus(&mut url, key);
                    url.push('=');
                    push_quote_plus(&mut url, &scalar_text(value, true));
                }
            }
        }
        push_separator(&mut url, &mut first);
        url.push_str("signature=");
        push_quote_plus(&mut url, &signature);
        url
    }
}

fn push_separator(url: &mut String, first: &mut bool) {
    if !*first {
        url.push('&');
    }
    *first = false;
}

/// The text of a scalar parameter value, borrowed where it can be: Python's `str()` at the
/// top level (`True`, `False`, `None`), the signature's rendering in nested values (`1`,
/// `0`, empty).
fn scalar_text(value: &Value, top_level: bool) -> Cow<'_, str> {
    match (value, top_level) {
        (Value::String(s), _) => Cow::Borrowed(s.as_str()),
        (Value::Number(n), _) => Cow::Owned(number_to_string(n)),
        (Value::Bool(true), true) => Cow::Borrowed("True"),
        (Value::Bool(false), true) => Cow::Borrowed("False"),
        (Value::Null, true) => Cow::Borrowed("None"),
        (Value::Bool(true), false) => Cow::Borrowed("1"),
        (Value::Bool(false), false) => Cow::Borrowed("0"),
        // Structured values go through `write_nested`.
        (Value::Null | Value::Object(_) | Value::Array(_), _) => Cow::Borrowed(""),
    }
}

/// Writes `name[key]=value` pairs for a nested value, in insertion order.
fn write_nested(url: &mut String, first: &mut bool, name: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let len = name.len();
                name.push('[');
                name.push_str(key);
                name.push(']');
                write_nested(url, first, name, child);
                name.truncate(len);
            }
        }
        Value::Array(list) => {
            for (index, child) in list.iter().enumerate() {
                let len = name.len();
                name.push('[');
                name.push_str(&index.to_string());
                name.push(']');
                write_nested(url, first, name, child);
                name.truncate(len);
            }
        }
        scalar => {
            push_separator(url, first);
            push_quote_plus(url, name);
            url.push('=');
            push_quote_plus(url, &scalar_text(scalar, false));
        }
    }
}

/// The bytes Python's `urllib.parse.quote_plus(s, safe='')` escapes: all but ASCII letters,
/// digits and `_ . - ~` (the space, escaped here as `%20`, becomes `+` in
/// [`push_quote_plus`]).
const QUOTE_PLUS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~');

/// Appends Python's `urllib.parse.quote_plus(s, safe='')` of the UTF-8 bytes of `s`.
pub(crate) fn push_quote_plus(out: &mut String, s: &str) {
    out.reserve(s.len());
    for chunk in utf8_percent_encode(s, QUOTE_PLUS) {
        // A chunk is a run of unescaped bytes or one escape. `%` is always escaped, so a
        // chunk starting with it is an escape: pushed byte by byte, which is cheaper than
        // copying a three-byte slice on this hot path.
        match chunk.as_bytes() {
            b"%20" => out.push('+'),
            [b'%', high, low] => {
                out.push('%');
                out.push(char::from(*high));
                out.push(char::from(*low));
            }
            _ => out.push_str(chunk),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quote_plus(s: &str) -> String {
        let mut out = String::new();
        push_quote_plus(&mut out, s);
        out
    }

    #[test]
    fn quote_plus_matches_python() {
        assert_eq!(
            quote_plus("a b+c/d?e=f&g~h_i.j-k"),
            "a+b%2Bc%2Fd%3Fe%3Df%26g~h_i.j-k"
        );
        assert_eq!(
            quote_plus("Оплата ☕"),
            "%D0%9E%D0%BF%D0%BB%D0%B0%D1%82%D0%B0+%E2%98%95"
        );
        assert_eq!(quote_plus("{\"id\": 24}"), "%7B%22id%22%3A+24%7D");
        assert_eq!(quote_plus("\u{0}\n%"), "%00%0A%25");
        assert_eq!(quote_plus("  a  "), "++a++");
        assert_eq!(quote_plus(""), "");
        // Every ASCII byte as Python 3.12 escapes it.
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(
            quote_plus(&ascii),
            "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F\
             +%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40\
             ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F"
        );
    }

    #[test]
    fn scalars_render_like_python_str() {
        let page = PaymentPage::new(SignatureHandler::new("k"), "http://x/pay");
        let p = Payment::new(7, "")
            .set("t", true)
            .set("f", false)
            .set("n", Value::Null)
            .set("fl", 1e20)
            .set("i", -3);
        let url = page.get_url(&p);
        assert!(url.starts_with(
            "http://x/pay?project_id=7&interface_type=%7B%22id%22%3A+24%7D&t=True&f=False&n=None&fl=1e%2B20&i=-3&signature="
        ));
    }

    #[test]
    fn nested_values_use_bracket_notation() {
        let page = PaymentPage::new(SignatureHandler::new("k"), "");
        let p = Payment::new("1", "")
            .set(
                "c",
                json!({"name": "Ada L", "flags": [true, null], "empty": {}, "none": []}),
            )
            .set("e", json!([]));
        let url = page.get_url(&p);
        let query = url
            .strip_prefix("https://paymentpage.ecommpay.com/payment?")
            .unwrap();
        let (params, _sig) = query.rsplit_once("&signature=").unwrap();
        assert_eq!(
            params,
            "project_id=1&interface_type=%7B%22id%22%3A+24%7D&c%5Bname%5D=Ada+L&c%5Bflags%5D%5B0%5D=1&c%5Bflags%5D%5B1%5D="
        );
    }
}
