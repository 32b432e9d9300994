//! What the errors show of a response body: masked as the communicator logger masks
//! it, then by `payments_core::redact`, and bounded.
//!
//! A body first goes through the logger's default [`BodyObfuscator`] (card number, IBAN
//! and account numbers but their last 4 characters, expiry date but its last 2, CVV,
//! cardholder and personal names, addresses, phone numbers and e-mail addresses starred,
//! keys and encrypted payloads as 8 stars), then through [`payments_core::redact`]
//! (tokens, secrets, card-like digit runs anywhere, the expiry starred whole). At most
//! [`ERROR_BODY_CHARS`] characters are shown.

use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::log::BodyObfuscator;

/// Characters of a response body an error's `Display` and `Debug` show at most.
pub const ERROR_BODY_CHARS: usize = 1000;

/// Bytes of a body masked at most: far more than is shown, so a value cut here is never
/// part of the text.
const SCAN_BYTES: usize = 256 * 1024;

fn obfuscator() -> &'static BodyObfuscator {
    static OBFUSCATOR: OnceLock<BodyObfuscator> = OnceLock::new();
    OBFUSCATOR.get_or_init(BodyObfuscator::default)
}

/// The first [`SCAN_BYTES`] of a body, without the partial word or number at the cut.
fn head(body: &str) -> (&str, bool) {
    if body.len() <= SCAN_BYTES {
        return (body, false);
    }
    let mut end = SCAN_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = body.get(..end).unwrap_or_default();
    (
        head.trim_end_matches(|c: char| c.is_alphanumeric() || matches!(c, ' ' | '-')),
        true,
    )
}

/// The body as error text shows it; see the module docs. Ends with `…` when cut.
pub(crate) fn masked_body(body: &str) -> String {
    let (head, cut) = head(body);
    let obfuscated = obfuscator().obfuscate_body(head);
    let masked = payments_core::redact::snippet(obfuscated.as_bytes(), ERROR_BODY_CHARS + 1);
    match masked.char_indices().nth(ERROR_BODY_CHARS) {
        Some((end, _)) => format!("{}…", masked.get(..end).unwrap_or_default()),
        None if cut => format!("{masked}…"),
        None => masked,
    }
}

/// Shows a masked body in `Debug` as a quoted string.
pub(crate) struct MaskedBody<'a>(pub(crate) &'a str);

impl fmt::Debug for MaskedBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&masked_body(self.0), f)
    }
}

/// Shows a parsed response (or part of one) in `Debug` as its masked JSON text, so the
/// card data a declined payment carries never prints.
pub(crate) struct MaskedJson<'a, T: ?Sized>(pub(crate) &'a T);

impl<T: Serialize + ?Sized> fmt::Debug for MaskedJson<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_string(self.0) {
            Ok(json) => f.write_str(&masked_body(&json)),
            Err(_) => f.write_str("<unprintable>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD_BODY: &str = r#"{"errorId":"E","errors":[{"id":"DECLINED","message":"declined 4111 1111 1111 1111"}],"paymentResult":{"payment":{"paymentOutput":{"cardPaymentMethodSpecificOutput":{"card":{"cardNumber":"4111111111111111","cardholderName":"Wile E. Coyote","expiryDate":"1230","cvv":"123"}},"sepaDirectDebitPaymentMethodSpecificOutput":{"iban":"BE45000253450589"}},"token":"tok_0123456789abcdef"}}}"#;

    #[test]
    fn card_data_never_shows() {
        let text = masked_body(CARD_BODY);
        for secret in [
            "4111111111111111",
            "4111 1111 1111 1111",
            "Coyote",
            "\"1230\"",
            "\"123\"",
            "BE45000253450589",
            "tok_0123456789abcdef",
        ] {
            assert!(!text.contains(secret), "{secret}: {text}");
        }
        assert!(text.contains("************1111"), "{text}");
        assert!(text.contains("0589\""), "{text}");
        assert!(text.contains("\"errorId\":\"E\""), "{text}");
    }

    #[test]
    fn bounded() {
        let long = format!("{{\"message\":\"{}\"}}", "x".repeat(5000));
        let text = masked_body(&long);
        assert_eq!(text.chars().count(), ERROR_BODY_CHARS + 1);
        assert!(text.ends_with('…'));
        let short = r#"{"errorId":"E"}"#;
        assert_eq!(masked_body(short), short);
        // a card number at the cut of a huge body is dropped, not shown in part
        let huge = format!("{}{}", " ".repeat(SCAN_BYTES - 8), "4111111111111111");
        let (head, cut) = head(&huge);
        assert!(cut && !head.contains("4111"));
        assert!(masked_body(&huge).ends_with('…'));
        let multibyte = "é".repeat(SCAN_BYTES);
        assert!(head_is_char_boundary(&multibyte));
    }

    fn head_is_char_boundary(body: &str) -> bool {
        let (head, _) = head(body);
        body.starts_with(head)
    }

    #[test]
    fn parsed_responses_print_masked() {
        let value: serde_json::Value = serde_json::from_str(CARD_BODY).unwrap();
        let text = format!("{:?}", MaskedJson(&value));
        assert!(
            !text.contains("4111111111111111") && !text.contains("Coyote"),
            "{text}"
        );
        assert_eq!(
            format!("{:?}", MaskedBody(r#"{"cvv":"123"}"#)),
            r#""{\"cvv\":\"***\"}""#
        );
    }
}
