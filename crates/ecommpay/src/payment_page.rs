//! Payment Page URLs: `payment_page_sdk.payment_page.PaymentPage`.

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
    pub const BASE_URL: &'static str = "https://paymentpage.ecommpay.com/payment";

    /// A builder signing with `signature_handler`; an empty `base_url` selects
    /// [`PaymentPage::BASE_URL`]. The base is used verbatim (a `?` is always appended).
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
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The handler that signs the URLs.
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
                    quote_plus_into(&mut url, key);
                    url.push('=');
                    quote_plus_into(&mut url, &python_str(value));
                }
            }
        }
        push_separator(&mut url, &mut first);
        url.push_str("signature=");
        quote_plus_into(&mut url, &signature);
        url
    }
}

fn push_separator(url: &mut String, first: &mut bool) {
    if !*first {
        url.push('&');
    }
    *first = false;
}

/// Python's `str()` of a top-level parameter value.
fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => number_to_string(n),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "None".to_owned(),
        // Structured values go through `write_nested`.
        Value::Object(_) | Value::Array(_) => String::new(),
    }
}

/// Writes `name[key]=value` pairs for a nested value, in insertion order.
fn write_nested(url: &mut String, first: &mut bool, name: &mut String, value: &Value) {
    let text = match value {
        Value::Object(map) => {
            for (key, child) in map {
                let len = name.len();
                name.push('[');
                name.push_str(key);
                name.push(']');
                write_nested(url, first, name, child);
                name.truncate(len);
            }
            return;
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
            return;
        }
        Value::String(s) => s.clone(),
        Value::Number(n) => number_to_string(n),
        Value::Bool(true) => "1".to_owned(),
        Value::Bool(false) => "0".to_owned(),
        Value::Null => String::new(),
    };
    push_separator(url, first);
    quote_plus_into(url, name);
    url.push('=');
    quote_plus_into(url, &text);
}

/// Python's `urllib.parse.quote_plus(s, safe='')` on the UTF-8 bytes of `s`.
pub(crate) fn quote_plus_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let hex = |nibble: u8| {
                    HEX.get(usize::from(nibble))
                        .copied()
                        .map_or('0', char::from)
                };
                out.push('%');
                out.push(hex(b >> 4));
                out.push(hex(b & 0x0f));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn quote_plus(s: &str) -> String {
        let mut out = String::new();
        quote_plus_into(&mut out, s);
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
