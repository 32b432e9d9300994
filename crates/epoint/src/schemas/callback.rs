//! Callback bodies: the signed form EPoint posts and its decoded content.

use payments_core::Decimal;
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

use crate::error::CallbackError;
use crate::schemas::enums::{TransactionStatus, code_meaning};
use crate::schemas::response::fields::opt_code;

/// The raw callback form (`CallbackDataSchema`): `data=<base64 JSON>&signature=<base64>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "CallbackDataSchema")]
pub struct CallbackData {
    /// Base64 of the JSON content.
    pub data: String,
    /// `base64(sha1(private_key + data + private_key))`.
    pub signature: String,
}

impl CallbackData {
    /// A callback from its two fields.
    pub fn new(data: impl Into<String>, signature: impl Into<String>) -> Self {
        Self {
            data: data.into(),
            signature: signature.into(),
        }
    }

    /// Parses a form body like Python's `dict(parse_qsl(body.decode()))`: pairs split on
    /// `&`, `+` read as a space, `%XX` decoded as UTF-8 (invalid sequences become U+FFFD),
    /// pairs without `=` or with an empty value skipped, the last of repeated keys kept.
    pub fn parse(body: &[u8]) -> Result<Self, CallbackError> {
        let text = std::str::from_utf8(body).map_err(CallbackError::NotUtf8)?;
        let mut data = None;
        let mut signature = None;
        for (name, value) in parse_qsl(text) {
            match name.as_str() {
                "data" => data = Some(value),
                "signature" => signature = Some(value),
                _ => {}
            }
        }
        Ok(Self {
            data: data.ok_or(CallbackError::MissingField("data"))?,
            signature: signature.ok_or(CallbackError::MissingField("signature"))?,
        })
    }
}

/// Python's `urllib.parse.parse_qsl(text)` with its defaults.
pub fn parse_qsl(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            if value.is_empty() {
                return None;
            }
            Some((unquote_plus(name), unquote_plus(value)))
        })
        .collect()
}

/// Python's `unquote(text.replace('+', ' '))` with `errors='replace'`: `%XX` decoded,
/// a `%` not followed by two hex digits kept, invalid UTF-8 replaced by U+FFFD.
fn unquote_plus(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// A verified, decoded callback (`DecodedCallbackDataSchema`). Like
/// [`crate::TransactionStatusResponse`], it repeats the fields the official schema
/// inherits from `BaseWithCodeSchema`, as flat public fields.
///
/// Which fields are present depends on the operation: `pay` has no `card_id`,
/// `save_card` has no `order_id`, `transaction`, `amount` or `other_attr`, the
/// card-saving operations have no `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[doc(alias = "DecodedCallbackDataSchema")]
pub struct DecodedCallbackData {
    /// Result.
    pub status: TransactionStatus,
    /// Message about the payment.
    #[serde(default)]
    pub message: Option<String>,
    /// EPoint's transaction id.
    #[serde(default)]
    pub transaction: Option<String>,
    /// The bank's transaction id.
    #[serde(default)]
    pub bank_transaction: Option<String>,
    /// The bank's answer.
    #[serde(default)]
    pub bank_response: Option<String>,
    /// `001` card registration, `100` payment.
    #[serde(default)]
    pub operation_code: Option<String>,
    /// Retrieval reference number (successful operations).
    #[serde(default)]
    pub rrn: Option<String>,
    /// Masked card number (`123456******1234`).
    #[serde(default)]
    pub card_mask: Option<String>,
    /// Cardholder name.
    #[serde(default)]
    pub card_name: Option<String>,
    /// Amount.
    #[serde(default, with = "crate::decimal::opt_amount")]
    pub amount: Option<Decimal>,
    /// The bank's response code as sent (`000`); see [`Self::code_meaning`].
    #[serde(default, deserialize_with = "opt_code")]
    pub code: Option<String>,
    /// Your order id.
    #[serde(default)]
    pub order_id: Option<String>,
    /// The saved card's id.
    #[serde(default)]
    pub card_id: Option<String>,
    /// The other user's share of a split payment.
    #[serde(default, with = "crate::decimal::opt_amount")]
    pub split_amount: Option<Decimal>,
    /// The `other_attr` you sent, as text.
    #[serde(default)]
    pub other_attr: Option<String>,
}

impl DecodedCallbackData {
    /// The English meaning of [`Self::code`], when the code is known.
    pub fn code_meaning(&self) -> Option<&'static str> {
        self.code.as_deref().and_then(code_meaning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_qsl_like_python() {
        let pairs = parse_qsl("a=1&&b&c=&d=x+y%20z&e=%zz%4&f=%C3%A9%C3&=v&g=1=2");
        let want: Vec<(String, String)> = [
            ("a", "1"),
            ("d", "x y z"),
            ("e", "%zz%4"),
            ("f", "é\u{fffd}"),
            ("", "v"),
            ("g", "1=2"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        assert_eq!(pairs, want);
        assert_eq!(unquote_plus("%2B+%2b"), "+ +");
    }

    /// The hand-written decoder this crate used before `percent-encoding`, kept as the
    /// reference the new one must match byte for byte.
    fn reference_unquote_plus(text: &str) -> String {
        let text = text.replace('+', " ");
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let hex = |j: usize| bytes.get(j).and_then(|h| (*h as char).to_digit(16));
            if let (b'%', Some(hi), Some(lo)) = (b, hex(i + 1), hex(i + 2)) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            } else {
                out.push(b);
                i += 1;
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }

    proptest::proptest! {
        #[test]
        fn unquote_matches_the_reference(text in "[%+=&a-fA-F0-9zé\\x00-\\x7f]{0,24}") {
            proptest::prop_assert_eq!(unquote_plus(&text), reference_unquote_plus(&text));
        }
    }

    #[test]
    fn form_fields() {
        let cb = CallbackData::parse(b"signature=a%2Bb&data=x&data=y&other=1").unwrap();
        assert_eq!(cb, CallbackData::new("y", "a+b"));
        assert!(matches!(
            CallbackData::parse(b"data=&signature=s"),
            Err(CallbackError::MissingField("data"))
        ));
        assert!(matches!(
            CallbackData::parse(b"data=d"),
            Err(CallbackError::MissingField("signature"))
        ));
        assert!(matches!(
            CallbackData::parse(&[0xff]),
            Err(CallbackError::NotUtf8(_))
        ));
        assert!(matches!(CallbackData::parse(b"dat%61=d&signature=s"), Ok(ref c) if c.data == "d"));
    }
}
