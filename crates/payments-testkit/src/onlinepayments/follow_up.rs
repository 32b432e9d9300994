//! What follows a payment: redirect payments and their completion, pre-authorisation
//! increments and details, subsequent (merchant-initiated) payments and imported card-on-file
//! series.
//!
//! - A redirect payment (`redirectPaymentMethodSpecificInput`, a redirect product of the
//!   catalogue) is `REDIRECTED` until the customer approves it at the third party: PayPal (840)
//!   then waits for the merchant (`PENDING_COMPLETION`), other methods are paid at once.
//!   `complete_payment` finishes a `PENDING_COMPLETION` payment; any other status is the
//!   platform's `500`.
//! - `increment_authorization` raises the amount of a `PENDING_CAPTURE` pre-authorisation.
//! - `add_authorization_details` stores `carRentalData` on a `PENDING_CAPTURE` payment.
//! - `subsequent_payment` charges the card of an earlier card payment that was not rejected
//!   (the credential it stored), as a new payment.
//! - `import_cof_series` records a series started elsewhere as an `ACCOUNT_VERIFIED` payment
//!   of amount 0, whose id subsequent payments then use.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::Inner;
use super::catalogue::product;
use super::input::{card_number, is_currency, is_expiry, missing, money_at, one_of, required_str};
use super::render::{Reply, err, invalid, payment_json};
use super::sessions::token;
use super::state::{OpPayment, Redirect, Refusal, Store, get, get_str, new_payment, payment_mut};
use crate::common::lock;

const REDIRECT_INPUT: &str = "redirectPaymentMethodSpecificInput";
const SUBSEQUENT_INPUT: &str = "subsequentcardPaymentMethodSpecificInput";

/// The redirect product that waits for `complete_payment` after the customer's approval.
const PAYPAL: i64 = 840;

/// `authorizationMode` values.
const AUTHORIZATION_MODES: [&str; 3] = ["FINAL_AUTHORIZATION", "PRE_AUTHORIZATION", "SALE"];

/// `subsequentType` values of a card.
const SUBSEQUENT_TYPES: [&str; 7] = [
    "Recurring",
    "Unscheduled",
    "Installment",
    "NoShow",
    "DelayedCharge",
    "PartialShipment",
    "Resubmission",
];

/// Whether a CreatePaymentRequest pays with a redirect method (and no card).
pub(super) fn is_redirect(body: &Value) -> bool {
    get(body, &[REDIRECT_INPUT]).is_some_and(Value::is_object)
        && get(body, &["cardPaymentMethodSpecificInput"]).is_none()
}

/// Creates a `REDIRECTED` payment of a redirect method of the catalogue.
pub(super) fn new_redirect_payment(
    store: &mut Store,
    body: &Value,
    amount: i64,
    currency: &str,
) -> Result<OpPayment, Reply> {
    let property = format!("{REDIRECT_INPUT}.paymentProductId");
    let id = match get(body, &[REDIRECT_INPUT, "paymentProductId"]) {
        None | Some(Value::Null) => return Err(missing(&property)),
        Some(v) => v
            .as_i64()
            .filter(|id| product(*id).is_some_and(|p| p.method == "redirect"))
            .ok_or_else(|| invalid(&property, "not a redirect payment product"))?,
    };
    let return_url = get_str(body, &[REDIRECT_INPUT, "redirectionData", "returnUrl"]);
    let approval = get(body, &[REDIRECT_INPUT, "requiresApproval"]).and_then(Value::as_bool);
    // A card request without card data: the record's card fields stay empty.
    let mut p = new_payment(store, &json!({}), "", None, amount, currency, None);
    p.status = "REDIRECTED".to_owned();
    p.sale = approval != Some(true);
    p.outcome = crate::cards::CardOutcome::Approved;
    p.redirect = Some(Redirect {
        product: id,
        return_url,
        returnmac: uuid::Uuid::new_v4().to_string(),
    });
    if let Some(stored) = store.payments.iter_mut().find(|x| x.id == p.id) {
        *stored = p.clone();
    }
    Ok(p)
}

/// The status a redirect payment reaches once paid: `CAPTURED` for a sale, `PENDING_CAPTURE`
/// when it `requiresApproval`.
fn paid_status(p: &OpPayment) -> &'static str {
    if p.sale {
        "CAPTURED"
    } else {
        "PENDING_CAPTURE"
    }
}

/// What happens to a `REDIRECTED` payment at the third party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ThirdParty {
    /// The customer approves: paid, or `PENDING_COMPLETION` for PayPal.
    Approve,
    /// The customer cancels (or never comes back): `CANCELLED`.
    Cancel,
    /// The third party refuses: `REJECTED`.
    Refuse,
}

/// Applies the third party's answer to the `REDIRECTED` payment `id`.
pub(super) fn third_party_result(
    store: &mut Store,
    id: &str,
    result: ThirdParty,
) -> Result<Value, Refusal> {
    let p = payment_mut(store, id)?;
    let Some(product) = p.redirect.as_ref().map(|r| r.product) else {
        return Err(Refusal::NotAllowed("not a redirect payment".to_owned()));
    };
    super::state::require(p, "REDIRECTED", "approved or cancelled at the third party")?;
    p.status = match (result, product) {
        (ThirdParty::Cancel, _) => "CANCELLED",
        (ThirdParty::Refuse, _) => {
            p.outcome = crate::cards::CardOutcome::Declined;
            "REJECTED"
        }
        (ThirdParty::Approve, PAYPAL) => "PENDING_COMPLETION",
        (ThirdParty::Approve, _) => paid_status(p),
    }
    .to_owned();
    Ok(payment_json(p))
}

/// `complete_payment`: checks the CompletePaymentRequest, then completes a
/// `PENDING_COMPLETION` payment (`500` in any other status, as on the platform).
pub(super) fn complete(store: &mut Store, id: &str, body: &Value) -> Result<Value, Reply> {
    let p = payment_mut(store, id).map_err(Reply::from)?;
    if get(body, &["order"]).is_none_or(Value::is_null) {
        return Err(missing("order"));
    }
    let (amount, currency) = money_at(body, &["order", "amountOfMoney"])?;
    if currency != p.currency {
        let property = "order.amountOfMoney.currencyCode";
        return Err(invalid(property, "the currency is not the payment's"));
    }
    if amount > p.amount {
        let property = "order.amountOfMoney.amount";
        return Err(invalid(property, "the amount exceeds the payment's"));
    }
    if let Some(number) = get_str(
        body,
        &["cardPaymentMethodSpecificInput", "card", "cardNumber"],
    ) {
        card_number(&number, "cardPaymentMethodSpecificInput.card.cardNumber")?;
    }
    if p.status != "PENDING_COMPLETION" {
        return Err(err(
            StatusCode::INTERNAL_SERVER_ERROR,
            "9999",
            "UNKNOWN_SERVER_ERROR",
            &format!(
                "A payment in status {} cannot be completed: only PENDING_COMPLETION can",
                p.status
            ),
        ));
    }
    p.amount = amount;
    p.status = paid_status(p).to_owned();
    Ok(payment_json(p))
}

/// `increment_authorization`: adds `amount` (in the payment's currency) to a
/// `PENDING_CAPTURE` pre-authorisation.
pub(super) fn increment(
    store: &mut Store,
    id: &str,
    amount: i64,
    currency: &str,
) -> Result<Value, Refusal> {
    let p = payment_mut(store, id)?;
    super::state::require(p, "PENDING_CAPTURE", "incremented")?;
    if !p.pre_authorization {
        return Err(Refusal::NotAllowed(
            "Only a PRE_AUTHORIZATION can be incremented".to_owned(),
        ));
    }
    if currency != p.currency {
        let property = "amountOfMoney.currencyCode";
        return Err(Refusal::invalid(
            property,
            "the currency is not the payment's",
        ));
    }
    p.amount += amount;
    Ok(payment_json(p))
}

/// `add_authorization_details`: stores `carRentalData` on a `PENDING_CAPTURE` payment.
pub(super) fn add_details(store: &mut Store, id: &str, body: &Value) -> Result<Value, Reply> {
    let p = payment_mut(store, id).map_err(Reply::from)?;
    let Some(details) = get(body, &["carRentalData"]).filter(|d| d.is_object()) else {
        return Err(missing("carRentalData"));
    };
    super::state::require(p, "PENDING_CAPTURE", "given authorization details")
        .map_err(Reply::from)?;
    p.authorization_details = Some(details.clone());
    Ok(payment_json(p))
}

/// `subsequent_payment`: a new payment on the card of payment `id`, in the
/// `authorizationMode` of the request (`SALE` by default).
pub(super) fn subsequent(store: &mut Store, id: &str, body: &Value) -> Result<OpPayment, Reply> {
    let initial = store
        .payments
        .iter()
        .find(|p| p.id == id)
        .cloned()
        .ok_or(Refusal::NotFound("Payment"))
        .map_err(Reply::from)?;
    let (amount, currency) = money_at(body, &["order", "amountOfMoney"])?;
    let mode = one_of(
        body,
        &[SUBSEQUENT_INPUT, "authorizationMode"],
        &AUTHORIZATION_MODES,
    )?;
    one_of(
        body,
        &[SUBSEQUENT_INPUT, "subsequentType"],
        &SUBSEQUENT_TYPES,
    )?;
    if let Some(n) = get(body, &[SUBSEQUENT_INPUT, "paymentNumber"])
        && n.as_i64().is_none_or(|n| n <= 0)
    {
        let property = format!("{SUBSEQUENT_INPUT}.paymentNumber");
        return Err(invalid(
            &property,
            "paymentNumber must be a positive integer",
        ));
    }
    if initial.redirect.is_some() || initial.status == "REJECTED" {
        return Err(Refusal::NotAllowed(format!(
            "A subsequent payment needs the card of an approved card payment; {id} is {}",
            initial.status
        ))
        .into());
    }
    let request = json!({
        "cardPaymentMethodSpecificInput": {"authorizationMode": mode, "token": initial.token},
        "order": body.get("order"),
    });
    Ok(new_payment(
        store,
        &request,
        &initial.card_number,
        initial.expiry_date.clone(),
        amount,
        &currency,
        None,
    ))
}

/// The card of an ImportCofSeriesRequest: `card`, `tokenId` or `networkTokenData`.
fn series_card(inner: &Inner, body: &Value) -> Result<(String, Option<String>), Reply> {
    let expiry = get_str(body, &["card", "expiryDate"]);
    if let Some(e) = expiry.as_deref().filter(|e| !is_expiry(e)) {
        return Err(invalid(
            "card.expiryDate",
            &format!("{e} is not an MMYY date"),
        ));
    }
    if let Some(number) = get_str(body, &["card", "cardNumber"]) {
        return Ok((card_number(&number, "card.cardNumber")?, expiry));
    }
    if let Some(id) = get_str(body, &["tokenId"]) {
        let store = lock(&inner.store);
        return token(&store, &id)
            .map(|t| (t.card_number.clone(), t.expiry_date.clone()))
            .ok_or_else(|| invalid("tokenId", "Unknown token"));
    }
    if let Some(number) = get_str(body, &["networkTokenData", "networkToken"]) {
        let expiry = get_str(body, &["networkTokenData", "tokenExpiryDate"]);
        return Ok((
            card_number(&number, "networkTokenData.networkToken")?,
            expiry,
        ));
    }
    Err(missing("card.cardNumber"))
}

/// `import_cof_series`: checks the request and records the series as an `ACCOUNT_VERIFIED`
/// payment of amount 0; returns its id.
pub(super) fn import_cof_series(inner: &Inner, body: &Value) -> Result<String, Reply> {
    required_str(body, &["schemeReferenceData"])?;
    let currency = required_str(body, &["currencyCode"])?;
    if !is_currency(&currency) {
        return Err(invalid(
            "currencyCode",
            "currencyCode is not an ISO 4217 code",
        ));
    }
    if let Some(v) = get(body, &["paymentProductId"])
        && v.as_i64()
            .and_then(product)
            .is_none_or(|p| p.method != "card")
    {
        return Err(invalid("paymentProductId", "not a card payment product"));
    }
    if let Some(v) = get(body, &["transactionLinkIdentifier"])
        && v.as_str().is_none_or(str::is_empty)
    {
        return Err(invalid(
            "transactionLinkIdentifier",
            "transactionLinkIdentifier must be a non-empty string",
        ));
    }
    let (number, expiry) = series_card(inner, body)?;
    let mut store = lock(&inner.store);
    let request = json!({
        "cardPaymentMethodSpecificInput": {"authorizationMode": "FINAL_AUTHORIZATION", "token": body.get("tokenId")},
    });
    let p = new_payment(&mut store, &request, &number, expiry, 0, &currency, None);
    let stored = payment_mut(&mut store, &p.id).map_err(Reply::from)?;
    stored.status = "ACCOUNT_VERIFIED".to_owned();
    Ok(p.id)
}
