//! Payouts to a card: what a `CreatePayoutRequest` must hold, the outcome of the card and the
//! `PayoutResponse`.
//!
//! An approved test card is credited at once (`ACCOUNT_CREDITED`, `statusCategory`
//! `REFUNDED`, `statusCode` 8, as on the platform's test environment); any other card is
//! `REJECTED_CREDIT`. A credited payout can still be rejected by the beneficiary's bank (the
//! control API's `decline`).

use serde_json::{Value, json};

use super::Inner;
use super::catalogue::bins::product_of;
use super::customer_input::hosted_token;
use super::input::{card_number, is_expiry, missing, money_at};
use super::render::{Reply, invalid, money};
use super::sessions::{PageKind, token};
use super::state::{Refusal, Store, get, get_str, now_millis};
use crate::cards::{bin, card_outcome, mask_last4};
use crate::common::lock;

const CARD_INPUT: &str = "cardPayoutMethodSpecificInput";

/// A payout.
#[derive(Debug, Clone)]
pub(super) struct OpPayout {
    pub(super) id: String,
    /// `ACCOUNT_CREDITED` or `REJECTED_CREDIT`.
    pub(super) status: String,
    pub(super) amount: i64,
    pub(super) currency: String,
    pub(super) card_number: String,
    pub(super) expiry_date: Option<String>,
    pub(super) reason: Option<String>,
    pub(super) created: String,
}

/// The card of a CreatePayoutRequest: `card`, a `token` or a `hostedFieldsSessionId`.
fn payout_card(inner: &Inner, body: &Value) -> Result<(String, Option<String>), Reply> {
    let input = get(body, &[CARD_INPUT]).filter(|v| v.is_object());
    let Some(input) = input else {
        return Err(missing(&format!("{CARD_INPUT}.card.cardNumber")));
    };
    let expiry = get_str(input, &["card", "expiryDate"]);
    if let Some(e) = expiry.as_deref().filter(|e| !is_expiry(e)) {
        let property = format!("{CARD_INPUT}.card.expiryDate");
        return Err(invalid(&property, &format!("{e} is not an MMYY date")));
    }
    if let Some(number) = get_str(input, &["card", "cardNumber"]) {
        let digits = card_number(&number, &format!("{CARD_INPUT}.card.cardNumber"))?;
        return Ok((digits, expiry));
    }
    let token_id = match get_str(input, &["token"]) {
        Some(t) => t,
        None => match get_str(input, &["hostedFieldsSessionId"]) {
            Some(id) => hosted_token(
                inner,
                PageKind::Fields,
                &id,
                &format!("{CARD_INPUT}.hostedFieldsSessionId"),
            )?,
            None => return Err(missing(&format!("{CARD_INPUT}.card.cardNumber"))),
        },
    };
    let store = lock(&inner.store);
    token(&store, &token_id)
        .map(|t| (t.card_number.clone(), t.expiry_date.clone()))
        .ok_or_else(|| invalid(&format!("{CARD_INPUT}.token"), "Unknown token"))
}

/// Checks a CreatePayoutRequest and stores its payout, credited or rejected by the card.
pub(super) fn create(inner: &Inner, body: &Value) -> Result<OpPayout, Reply> {
    let (amount, currency) = money_at(body, &["amountOfMoney"])?;
    let (number, expiry_date) = payout_card(inner, body)?;
    let mut store = lock(&inner.store);
    let status = if card_outcome(&number).is_approved() {
        "ACCOUNT_CREDITED"
    } else {
        "REJECTED_CREDIT"
    };
    let payout = OpPayout {
        id: format!("{}_0", store.next()),
        status: status.to_owned(),
        amount,
        currency,
        card_number: number,
        expiry_date,
        reason: get_str(body, &[CARD_INPUT, "payoutReason"]),
        created: now_millis(),
    };
    store.payouts.push(payout.clone());
    Ok(payout)
}

/// The beneficiary's bank returns a credited payout: `REJECTED_CREDIT`.
pub(super) fn reject(store: &mut Store, id: &str) -> Result<Value, Refusal> {
    let p = store
        .payouts
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or(Refusal::NotFound("Payout"))?;
    if p.status != "ACCOUNT_CREDITED" {
        return Err(Refusal::NotAllowed(format!(
            "A payout in status {} cannot be rejected",
            p.status
        )));
    }
    p.status = "REJECTED_CREDIT".to_owned();
    Ok(payout_json(p))
}

/// `PayoutResponse` (also the `payoutResult` of a declined payout).
pub(super) fn payout_json(p: &OpPayout) -> Value {
    // The platform's test environment gives 8 / REFUNDED for a credited payout; the code of
    // a rejected credit is the sandbox's own.
    let (code, category) = if p.status == "ACCOUNT_CREDITED" {
        (8, "REFUNDED")
    } else {
        (83, "UNSUCCESSFUL")
    };
    let mut card = json!({"cardNumber": mask_last4(&p.card_number), "bin": bin(&p.card_number)});
    if let (Some(e), Some(m)) = (&p.expiry_date, card.as_object_mut()) {
        m.insert("expiryDate".into(), json!(e));
    }
    let mut output = json!({
        "amountOfMoney": money(p.amount, &p.currency),
        "paymentCreationDate": p.created,
        "payoutCardPaymentMethodSpecificOutput": {
            "card": card,
            "paymentProductId": product_of(&p.card_number),
        },
    });
    if let (Some(r), Some(m)) = (&p.reason, output.as_object_mut()) {
        m.insert("payoutReason".into(), json!(r));
    }
    json!({
        "id": p.id,
        "payoutOutput": output,
        "status": p.status,
        "statusOutput": {"isCancellable": false, "statusCategory": category, "statusCode": code},
    })
}
