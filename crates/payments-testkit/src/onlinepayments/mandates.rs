//! SEPA direct debit mandates: what a `CreateMandateRequest` must hold, the mandate's status
//! rules and its `MandateResponse`.
//!
//! `UNSIGNED` and `TICK_BOX` mandates are `ACTIVE` at once. `SMS` and `AIS` mandates need the
//! customer's signature: they are `CREATED`, with a `REDIRECT` merchant action to the signing
//! page, until the customer signs (`ACTIVE`) or refuses (`REVOKED`). `block` takes an `ACTIVE`
//! mandate to `BLOCKED`, `unblock` a `BLOCKED` one back to `ACTIVE`; `revoke` ends any mandate
//! that is not `REVOKED` or `EXPIRED` (final). A refused change is the platform's `400`.

use serde_json::{Value, json};

use super::Inner;
use super::input::{is_country, is_http_url, missing, one_of, required_str};
use super::render::{Reply, invalid};
use super::state::{Refusal, Store, get, get_str};

/// The signature types; the last two need the customer on the signing page.
const SIGNATURE_TYPES: [&str; 4] = ["UNSIGNED", "TICK_BOX", "SMS", "AIS"];

/// `RevokeMandateRequest.revocationReason` values.
const REVOCATION_REASONS: [&str; 8] = [
    "receivedFinal",
    "userAction",
    "obsolescence",
    "refused",
    "revocationAskedByDebitor",
    "revocationAskedByCreditor",
    "deletionAskedByDebitor",
    "deletionAskedByCreditor",
];

/// `CreateMandateRequest.language` values.
const LANGUAGES: [&str; 9] = ["de", "en", "es", "fr", "it", "nl", "si", "sk", "sv"];

/// The longest `uniqueMandateReference`.
const MAX_REFERENCE: usize = 35;

/// A mandate.
#[derive(Debug, Clone)]
pub(super) struct OpMandate {
    /// `uniqueMandateReference`.
    pub(super) reference: String,
    /// `CREATED`, `ACTIVE`, `BLOCKED`, `REVOKED` or `EXPIRED`.
    pub(super) status: String,
    /// The CreateMandateRequest as received.
    pub(super) request: Value,
    /// `RETURNMAC` of the signing redirect.
    pub(super) returnmac: String,
}

impl OpMandate {
    /// Whether the customer still has to sign it on the signing page.
    pub(super) fn awaits_signature(&self) -> bool {
        self.status == "CREATED"
    }

    /// Where the customer returns after the signing page, if the request gave a URL.
    pub(super) fn return_url(&self) -> Option<String> {
        get_str(&self.request, &["returnUrl"])
    }
}

/// Whether `iban` is an IBAN: a country code, two check digits and up to 30 letters or digits,
/// whose mod-97 check (ISO 13616) gives 1.
pub(super) fn is_iban(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    let shape = (15..=34).contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(2).take(2).all(u8::is_ascii_digit)
        && bytes.iter().all(u8::is_ascii_alphanumeric);
    if !shape {
        return false;
    }
    let rotated = bytes.iter().skip(4).chain(bytes.iter().take(4));
    let remainder = rotated.fold(0_u32, |acc, b| {
        let value = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b.to_ascii_uppercase() - b'A') + 10
        };
        if value >= 10 {
            (acc * 100 + value) % 97
        } else {
            (acc * 10 + value) % 97
        }
    });
    remainder == 1
}

/// The IBAN with all but its first four and last four characters masked.
fn masked_iban(iban: &str) -> String {
    let chars: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 4 || i + 4 >= chars.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// Checks a CreateMandateRequest and stores its mandate (`ACTIVE`, or `CREATED` when it needs a
/// signature).
pub(super) fn create(store: &mut Store, body: &Value) -> Result<OpMandate, Reply> {
    let iban = required_str(body, &["customer", "bankAccountIban", "iban"])?;
    if !is_iban(&iban) {
        return Err(invalid(
            "customer.bankAccountIban.iban",
            "customer.bankAccountIban.iban is not a valid IBAN",
        ));
    }
    required_str(body, &["customerReference"])?;
    if one_of(body, &["recurrenceType"], &["UNIQUE", "RECURRING"])?.is_none() {
        return Err(missing("recurrenceType"));
    }
    let signature = one_of(body, &["signatureType"], &SIGNATURE_TYPES)?;
    one_of(body, &["language"], &LANGUAGES)?;
    if let Some(c) = get_str(body, &["customer", "mandateAddress", "countryCode"])
        && !is_country(&c)
    {
        return Err(invalid(
            "customer.mandateAddress.countryCode",
            "countryCode is not an ISO 3166-1 alpha-2 code",
        ));
    }
    let needs_signature = matches!(signature.as_deref(), Some("SMS" | "AIS"));
    match get_str(body, &["returnUrl"]) {
        Some(url) if !is_http_url(&url) => {
            return Err(invalid("returnUrl", "returnUrl is not an http(s) URL"));
        }
        None if needs_signature => return Err(missing("returnUrl")),
        _ => {}
    }
    let reference = match get(body, &["uniqueMandateReference"]) {
        None | Some(Value::Null) => uuid::Uuid::new_v4().simple().to_string().to_uppercase(),
        Some(Value::String(r)) if !r.is_empty() && r.chars().count() <= MAX_REFERENCE => r.clone(),
        Some(_) => {
            return Err(invalid(
                "uniqueMandateReference",
                "uniqueMandateReference must have 1 to 35 characters",
            ));
        }
    };
    if store.mandates.iter().any(|m| m.reference == reference) {
        return Err(invalid(
            "uniqueMandateReference",
            "a mandate with this uniqueMandateReference exists",
        ));
    }
    let mandate = OpMandate {
        reference,
        status: if needs_signature { "CREATED" } else { "ACTIVE" }.to_owned(),
        request: body.clone(),
        returnmac: uuid::Uuid::new_v4().to_string(),
    };
    store.mandates.push(mandate.clone());
    Ok(mandate)
}

/// The mandate `reference`, for a change.
pub(super) fn mandate_mut<'a>(
    store: &'a mut Store,
    reference: &str,
) -> Result<&'a mut OpMandate, Refusal> {
    store
        .mandates
        .iter_mut()
        .find(|m| m.reference == reference)
        .ok_or(Refusal::NotFound("Mandate"))
}

/// A status change of mandate `reference`: allowed from `from` (any but `REVOKED` and
/// `EXPIRED` when `None`) to `to`; `action` names it in the refusal.
pub(super) fn change(
    store: &mut Store,
    reference: &str,
    from: Option<&str>,
    to: &str,
    action: &str,
) -> Result<OpMandate, Refusal> {
    let m = mandate_mut(store, reference)?;
    let allowed = match from {
        Some(from) => m.status == from,
        None => !matches!(m.status.as_str(), "REVOKED" | "EXPIRED"),
    };
    if !allowed {
        return Err(Refusal::NotAllowed(format!(
            "A mandate in status {} cannot be {action}",
            m.status
        )));
    }
    m.status = to.to_owned();
    Ok(m.clone())
}

/// Revokes mandate `reference` with an optional `revocationReason`. An unknown mandate is `400`
/// here, as on the platform (not `404`).
pub(super) fn revoke(store: &mut Store, reference: &str, body: &Value) -> Result<OpMandate, Reply> {
    one_of(body, &["revocationReason"], &REVOCATION_REASONS)?;
    match change(store, reference, None, "REVOKED", "revoked") {
        Err(Refusal::NotFound(_)) => Err(invalid(
            "uniqueMandateReference",
            "no mandate has this uniqueMandateReference",
        )),
        other => other.map_err(Reply::from),
    }
}

/// The mandate's `MandateResponse`: the customer as given, the alias (the masked IBAN when
/// none was given) and the status.
pub(super) fn mandate_json(m: &OpMandate) -> Value {
    let iban = get_str(&m.request, &["customer", "bankAccountIban", "iban"]).unwrap_or_default();
    let alias = get_str(&m.request, &["alias"]).unwrap_or_else(|| masked_iban(&iban));
    let mut v = json!({
        "alias": alias,
        "customer": get(&m.request, &["customer"]).cloned().unwrap_or_else(|| json!({})),
        "status": m.status,
        "uniqueMandateReference": m.reference,
    });
    if let Some(obj) = v.as_object_mut() {
        for key in ["customerReference", "recurrenceType"] {
            if let Some(x) = m.request.get(key) {
                obj.insert(key.into(), x.clone());
            }
        }
    }
    v
}

/// The page where the customer signs mandate `reference`.
pub(super) fn signing_url(inner: &Inner, reference: &str) -> String {
    format!(
        "{}/mandatesigning/{}",
        inner.core.base_url,
        payments_core::http::encode_path_segment(reference)
    )
}

/// `CreateMandateResponse`: the mandate, and the signing redirect while it awaits a signature.
pub(super) fn created_json(inner: &Inner, m: &OpMandate) -> Value {
    let mut v = json!({"mandate": mandate_json(m)});
    if let (true, Some(obj)) = (m.awaits_signature(), v.as_object_mut()) {
        obj.insert(
            "merchantAction".into(),
            json!({
                "actionType": "REDIRECT",
                "redirectData": {"RETURNMAC": m.returnmac, "redirectURL": signing_url(inner, &m.reference)},
            }),
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans() {
        assert!(is_iban("BE45000253450589"));
        assert!(is_iban("NL91ABNA0417164300"));
        assert!(is_iban("DE89 3704 0044 0532 0130 00"));
        assert!(!is_iban("INVALID"));
        assert!(!is_iban("BE45000253450588"));
        assert!(!is_iban("be45000253450589"));
        assert_eq!(masked_iban("BE45000253450589"), "BE45********0589");
    }
}
