//! Card data that reaches the platform other than in clear: `encryptedCustomerInput` (a JWE
//! of the client SDKs, decrypted with the sandbox's key, for one of its client sessions), a
//! token, a hosted tokenization or a hosted fields session. Each is turned into the clear
//! card input the payment and token handlers read.

use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use super::Inner;
use super::catalogue::bins::product_of;
use super::jwe::{Decrypted, JweDecryptor};
use super::render::{Reply, invalid, not_found};
use super::sessions::{PageKind, token};
use super::state::get;
use crate::common::lock;
use crate::onlinepayments::input::missing;

const ENCRYPTED: &str = "encryptedCustomerInput";
const CARD_INPUT: &str = "cardPaymentMethodSpecificInput";

/// The sandbox's client-encryption key (parsed once).
pub(super) fn platform_key() -> Option<&'static JweDecryptor> {
    static KEY: OnceLock<Option<JweDecryptor>> = OnceLock::new();
    KEY.get_or_init(|| JweDecryptor::sandbox().ok()).as_ref()
}

/// What a decrypted `encryptedCustomerInput` carries.
struct Clear {
    product: Option<i64>,
    values: Map<String, Value>,
    tokenize: bool,
    account_on_file: Option<String>,
}

/// Decrypts `compact` and checks that it was made for a client session of this sandbox;
/// every failure is `400` on `encryptedCustomerInput`.
fn decrypt(inner: &Inner, compact: &str) -> Result<Clear, Reply> {
    let key = platform_key().ok_or_else(|| invalid(ENCRYPTED, "no decryption key"))?;
    let decrypted: Decrypted = key
        .decrypt(compact)
        .map_err(|e| invalid(ENCRYPTED, &e.to_string()))?;
    let session = decrypted
        .client_session_id()
        .and_then(|id| lock(&inner.store).sessions.client(id).cloned())
        .ok_or_else(|| {
            invalid(
                ENCRYPTED,
                "the clientSessionId is not a session of this merchant",
            )
        })?;
    let mut values = Map::new();
    for key in ["cardNumber", "expiryDate", "cvv", "cardholderName"] {
        if let Some(v) = decrypted.value(key).filter(|v| !v.is_empty()) {
            values.insert(key.to_owned(), json!(v));
        }
    }
    let account_on_file = decrypted.plaintext.get("accountOnFileId").and_then(|v| {
        v.as_str()
            .map(str::to_owned)
            .or_else(|| v.as_i64().map(|i| i.to_string()))
    });
    if let Some(aof) = &account_on_file
        && !session.tokens.contains(aof)
    {
        return Err(invalid(
            ENCRYPTED,
            "accountOnFileId is not an account on file of the session",
        ));
    }
    let product = decrypted.payment_product_id();
    if let (Some(p), Some(number)) = (product, values.get("cardNumber").and_then(Value::as_str))
        && product_of(number) != p
    {
        return Err(invalid(
            ENCRYPTED,
            "the card number is not of paymentProductId",
        ));
    }
    if values.get("cardNumber").is_none() && account_on_file.is_none() {
        return Err(missing(&format!("{ENCRYPTED}.cardNumber")));
    }
    Ok(Clear {
        product,
        values,
        tokenize: decrypted.plaintext.get("tokenize").and_then(Value::as_bool) == Some(true),
        account_on_file,
    })
}

/// The object member `key` of `body` (created when absent); `400` when it is not an object.
fn object_at<'a>(body: &'a mut Value, key: &str) -> Result<&'a mut Map<String, Value>, Reply> {
    let root = body
        .as_object_mut()
        .ok_or_else(|| invalid("body", "the body is not a JSON object"))?;
    root.entry(key)
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| invalid(key, &format!("{key} is not an object")))
}

/// The token a hosted session of `kind` produced, for `property` of a request.
pub(super) fn hosted_token(
    inner: &Inner,
    kind: PageKind,
    id: &str,
    property: &str,
) -> Result<String, Reply> {
    let store = lock(&inner.store);
    let session = store
        .sessions
        .hosted(kind, id)
        .ok_or_else(|| invalid(property, &format!("{property} is unknown")))?;
    session
        .token
        .as_ref()
        .map(|t| t.0.clone())
        .ok_or_else(|| invalid(property, "the customer has not entered a card yet"))
}

/// A CreatePaymentRequest with its card input in clear: `encryptedCustomerInput` becomes
/// `cardPaymentMethodSpecificInput.card` (or `.token` for an account on file), `.paymentProductId`
/// and `.tokenize`; `hostedTokenizationId` and `hostedFieldsSessionId` become `.token`.
pub(super) fn resolve_payment(inner: &Inner, mut body: Value) -> Result<Value, Reply> {
    let sources = [
        ("hostedTokenizationId", PageKind::Tokenization),
        ("hostedFieldsSessionId", PageKind::Fields),
    ];
    for (property, kind) in sources {
        if let Some(id) = body.get(property).and_then(Value::as_str) {
            let t = hosted_token(inner, kind, id, property)?;
            object_at(&mut body, CARD_INPUT)?.insert("token".into(), json!(t));
        }
    }
    let Some(compact) = body.get(ENCRYPTED).cloned() else {
        return Ok(body);
    };
    let compact = compact
        .as_str()
        .ok_or_else(|| invalid(ENCRYPTED, "encryptedCustomerInput is not a string"))?;
    if get(&body, &[CARD_INPUT, "card"]).is_some() {
        return Err(invalid(
            &format!("{CARD_INPUT}.card"),
            "the card is given both in clear and in encryptedCustomerInput",
        ));
    }
    let clear = decrypt(inner, compact)?;
    let input = object_at(&mut body, CARD_INPUT)?;
    if let Some(p) = clear.product {
        input.entry("paymentProductId").or_insert(json!(p));
    }
    match clear.account_on_file {
        Some(aof) => {
            input.insert("token".into(), json!(aof));
        }
        None => {
            input.insert("card".into(), Value::Object(clear.values));
        }
    }
    if clear.tokenize {
        input.insert("tokenize".into(), json!(true));
    }
    Ok(body)
}

/// A CreateTokenRequest with its card in clear: `encryptedCustomerInput` becomes
/// `card.data.card` and `paymentProductId`.
pub(super) fn resolve_token(inner: &Inner, mut body: Value) -> Result<Value, Reply> {
    let Some(compact) = body.get(ENCRYPTED).cloned() else {
        return Ok(body);
    };
    let compact = compact
        .as_str()
        .ok_or_else(|| invalid(ENCRYPTED, "encryptedCustomerInput is not a string"))?;
    if get(&body, &["card", "data", "card"]).is_some() {
        return Err(invalid(
            "card.data.card",
            "the card is given both in clear and in encryptedCustomerInput",
        ));
    }
    let clear = decrypt(inner, compact)?;
    if clear.values.get("cardNumber").is_none() {
        return Err(missing(&format!("{ENCRYPTED}.cardNumber")));
    }
    let mut card = clear.values;
    card.remove("cvv");
    let root = body
        .as_object_mut()
        .ok_or_else(|| invalid("body", "the body is not a JSON object"))?;
    if let Some(p) = clear.product {
        root.entry("paymentProductId").or_insert(json!(p));
    }
    root.insert("card".into(), json!({"data": {"card": card}}));
    Ok(body)
}

/// The card number of a `cardSource` (`card.cardNumber`, `token`, `encryptedCustomerInput` or
/// `hostedTokenizationId`) at `property` of `body`.
pub(super) fn card_source(inner: &Inner, body: &Value, property: &str) -> Result<String, Reply> {
    let Some(source) = body
        .get(property)
        .filter(|s| s.as_object().is_some_and(|m| !m.is_empty()))
    else {
        return Err(missing(property));
    };
    if let Some(number) = get(source, &["card", "cardNumber"]).and_then(Value::as_str) {
        return Ok(number.to_owned());
    }
    let token_number = |id: &str| {
        token(&lock(&inner.store), id)
            .map(|t| t.card_number.clone())
            .ok_or_else(|| not_found("Token"))
    };
    if let Some(id) = source.get("token").and_then(Value::as_str) {
        return token_number(id);
    }
    if let Some(id) = source.get("hostedTokenizationId").and_then(Value::as_str) {
        let t = hosted_token(
            inner,
            PageKind::Tokenization,
            id,
            &format!("{property}.hostedTokenizationId"),
        )?;
        return token_number(&t);
    }
    if let Some(compact) = source.get(ENCRYPTED).and_then(Value::as_str) {
        let clear = decrypt(inner, compact)?;
        if let Some(aof) = clear.account_on_file {
            return token_number(&aof);
        }
        if let Some(number) = clear.values.get("cardNumber").and_then(Value::as_str) {
            return Ok(number.to_owned());
        }
    }
    Err(missing(&format!("{property}.card.cardNumber")))
}
