//! What the sandbox holds for client sessions, hosted tokenization and hosted fields
//! sessions and detokenization certificates, and how a hosted page turns a test card into
//! a token.

use serde_json::Value;

use super::Inner;
use super::catalogue::bins::{lookup, luhn};
use super::state::{OpToken, Store, token_for};
use crate::cards::{TestCard, digits_only};
use crate::common::facade::id_from_url;
use crate::common::lock;
use crate::error::SandboxError;

/// A client session (`SessionResponse`): the client API answers requests that carry its id.
#[derive(Debug, Clone)]
pub(super) struct ClientSession {
    /// `clientSessionId`.
    pub(super) id: String,
    /// `customerId`, the first path segment of the client API.
    pub(super) customer_id: String,
    /// The tokens given at creation that exist: the session's accounts on file.
    pub(super) tokens: Vec<String>,
}

/// Which products a hosted page accepts (`paymentProductFilters`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ProductFilter {
    /// Only these, when not empty.
    pub(super) restrict_to: Vec<i64>,
    /// Never these.
    pub(super) exclude: Vec<i64>,
}

impl ProductFilter {
    /// Whether a card of product `id` may be entered.
    pub(super) fn allows(&self, id: i64) -> bool {
        (self.restrict_to.is_empty() || self.restrict_to.contains(&id))
            && !self.exclude.contains(&id)
    }
}

/// Which kind of hosted page a session serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PageKind {
    /// A hosted tokenization page (`/hostedtokenization/{id}`).
    Tokenization,
    /// A hosted fields session (`/hostedfields/{id}`).
    Fields,
}

impl PageKind {
    /// The path prefix of the page, with its slashes.
    pub(super) fn prefix(self) -> &'static str {
        match self {
            PageKind::Tokenization => "/hostedtokenization/",
            PageKind::Fields => "/hostedfields/",
        }
    }
}

/// A hosted tokenization or hosted fields session.
#[derive(Debug, Clone)]
pub(super) struct HostedSession {
    pub(super) kind: PageKind,
    /// `hostedTokenizationId` or `hostedFieldsSessionId`.
    pub(super) id: String,
    /// `locale`, if given.
    pub(super) locale: Option<String>,
    /// The products the page accepts.
    pub(super) filter: ProductFilter,
    /// The token the customer's card became and whether it was new, once submitted.
    pub(super) token: Option<(String, bool)>,
}

/// The sub-store of sessions and certificates.
#[derive(Debug, Default)]
pub(super) struct SessionStore {
    pub(super) clients: Vec<ClientSession>,
    pub(super) hosted: Vec<HostedSession>,
    /// The public keys of the CSRs certificates were issued for, oldest first: card numbers
    /// are encrypted for the latest.
    pub(super) certificates: Vec<rsa::PublicKey>,
}

impl SessionStore {
    /// The client session `id`.
    pub(super) fn client(&self, id: &str) -> Option<&ClientSession> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The hosted session `id` of `kind`.
    pub(super) fn hosted(&self, kind: PageKind, id: &str) -> Option<&HostedSession> {
        self.hosted.iter().find(|h| h.kind == kind && h.id == id)
    }
}

/// The token `id`.
pub(super) fn token<'a>(store: &'a Store, id: &str) -> Option<&'a OpToken> {
    store.tokens.iter().find(|t| t.id == id)
}

/// The tokens of `ids` that exist and those that do not (each unknown one once, in order).
pub(super) fn split_tokens(store: &Store, ids: &[String]) -> (Vec<String>, Vec<String>) {
    let mut valid = Vec::new();
    let mut invalid: Vec<String> = Vec::new();
    for id in ids {
        let list = if token(store, id).is_some() {
            &mut valid
        } else {
            &mut invalid
        };
        if !list.contains(id) {
            list.push(id.clone());
        }
    }
    (valid, invalid)
}

/// Whether a token's `MMYY` expiry date lies before the current month.
pub(super) fn is_expired(t: &OpToken) -> bool {
    let Some(e) = t.expiry_date.as_deref().filter(|e| e.len() == 4) else {
        return false;
    };
    let (Some(month), Some(year)) = (
        e.get(..2).and_then(|m| m.parse::<u32>().ok()),
        e.get(2..).and_then(|y| y.parse::<u32>().ok()),
    ) else {
        return false;
    };
    let now = chrono::Utc::now();
    let current = chrono::Datelike::year(&now).rem_euclid(100).unsigned_abs() * 100
        + chrono::Datelike::month(&now);
    year * 100 + month < current
}

/// The customer enters `card_number` on the hosted page `id_or_url` (a hosted tokenization
/// or hosted fields session id, or its page URL): the card becomes a token (expiry `12/30`),
/// which the session then reports. Returns the token id.
///
/// # Errors
/// [`SandboxError::NotFound`] for an unknown session, [`SandboxError::InvalidState`] when
/// it already has a token, [`SandboxError::Rejected`] for a number that is neither a test
/// card nor passes the Luhn check, has no known scheme or is a product the session does not
/// accept.
pub(super) fn tokenize(
    inner: &Inner,
    id_or_url: &str,
    card_number: &str,
) -> Result<String, SandboxError> {
    let kind = [PageKind::Fields, PageKind::Tokenization]
        .into_iter()
        .find(|k| id_or_url.contains(k.prefix()));
    let id = kind.map_or(id_or_url, |k| id_from_url(id_or_url, k.prefix()));
    let mut store = lock(&inner.store);
    let position = store
        .sessions
        .hosted
        .iter()
        .position(|h| h.id == id && kind.is_none_or(|k| h.kind == k))
        .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
    let session = store
        .sessions
        .hosted
        .get(position)
        .cloned()
        .ok_or_else(|| SandboxError::NotFound(id.to_owned()))?;
    if session.token.is_some() {
        return Err(SandboxError::InvalidState(format!(
            "session {id} already has a token"
        )));
    }
    let digits = digits_only(card_number);
    let valid = TestCard::from_number(&digits).is_some() || (digits.len() >= 12 && luhn(&digits));
    let product = lookup(&digits)
        .filter(|_| valid)
        .ok_or_else(|| SandboxError::Rejected("the card number is not valid".to_owned()))?
        .product;
    if !session.filter.allows(product) {
        return Err(SandboxError::Rejected(format!(
            "payment product {product} is not accepted here"
        )));
    }
    let token = token_for(&mut store, &digits, None, Some("1230".to_owned()));
    if let Some(h) = store.sessions.hosted.get_mut(position) {
        h.token = Some(token.clone());
    }
    Ok(token.0)
}

/// `paymentProductFilters` of a hosted tokenization (`{restrictTo: {products}, exclude:
/// {products}}`) or hosted fields session (`{restrictTo: [..], exclude: [..]}`).
pub(super) fn product_filter(filters: Option<&Value>) -> ProductFilter {
    let ids = |v: Option<&Value>| -> Vec<i64> {
        let list = match v {
            Some(Value::Object(m)) => m.get("products"),
            other => other,
        };
        list.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default()
    };
    ProductFilter {
        restrict_to: ids(filters.and_then(|f| f.get("restrictTo"))),
        exclude: ids(filters.and_then(|f| f.get("exclude"))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn filters() {
        let f = product_filter(Some(&json!({"restrictTo": {"products": [1, 3]}})));
        assert!(f.allows(1) && !f.allows(2));
        let f = product_filter(Some(&json!({"exclude": [2]})));
        assert!(f.allows(1) && !f.allows(2));
        assert_eq!(product_filter(None), ProductFilter::default());
    }

    #[test]
    fn expiry() {
        let token = |e: &str| OpToken {
            id: "t".into(),
            card_number: "4111111111111111".into(),
            cardholder_name: None,
            expiry_date: Some(e.into()),
        };
        assert!(is_expired(&token("0120")));
        assert!(!is_expired(&token("1299")));
        assert!(!is_expired(&token("bad")));
    }

    #[test]
    fn unknown_tokens_are_listed_once() {
        let mut store = Store::default();
        let (known, _) = token_for(&mut store, "4111111111111111", None, None);
        let ids: Vec<String> = [known.as_str(), "x", "x", "y"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let (valid, invalid) = split_tokens(&store, &ids);
        assert_eq!(valid, [known]);
        assert_eq!(invalid, ["x", "y"]);
    }
}
