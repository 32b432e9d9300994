//! `ServicesClient`: `test_connection`, `get_iin_details` (the BIN table),
//! `get_dcc_rate_inquiry` (fixed sandbox rates) and `surcharge_calculation` (fixed rates per
//! card product). The client API answers the same IIN, surcharge and DCC requests.

use std::sync::Arc;

use axum::extract::State;
use payments_core::Currency;
use serde_json::{Value, json};

use super::JsonBody;
use crate::cards::digits_only;
use crate::onlinepayments::Inner;
use crate::onlinepayments::catalogue::bins::{Bin, lookup};
use crate::onlinepayments::catalogue::{self, Query};
use crate::onlinepayments::customer_input::card_source;
use crate::onlinepayments::input::{is_country, missing, money_at};
use crate::onlinepayments::render::{Reply, invalid, money, not_found, ok};
use crate::onlinepayments::state::now_millis;

/// `GET /v2/{merchantId}/services/testconnection`.
pub(in crate::onlinepayments) async fn test_connection() -> Reply {
    ok(json!({"result": "OK"}))
}

/// `POST /v2/{merchantId}/services/getIINdetails`.
pub(in crate::onlinepayments) async fn get_iin_details(JsonBody(body): JsonBody) -> Reply {
    iin_details(&body)
}

/// `POST /v2/{merchantId}/services/dccrate`.
pub(in crate::onlinepayments) async fn get_dcc_rate_inquiry(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    dcc_rate(&inner, &body)
}

/// `POST /v2/{merchantId}/services/surchargecalculation`.
pub(in crate::onlinepayments) async fn surcharge_calculation(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    surcharge(&inner, &body)
}

/// `GetIINDetailsResponse` of `bin` (6 to 19 digits): the BIN table's issuer, else the
/// scheme; `404` for a number of no known scheme. With a `paymentContext`,
/// `isAllowedInContext` says whether the card's product is offered in it.
pub(in crate::onlinepayments) fn iin_details(body: &Value) -> Reply {
    let bin = match body.get("bin") {
        None | Some(Value::Null) => return missing("bin"),
        Some(Value::String(b)) if b.is_empty() => return missing("bin"),
        Some(Value::String(b)) => b.clone(),
        Some(_) => return invalid("bin", "bin must be a string"),
    };
    if !(6..=19).contains(&bin.len()) || !bin.bytes().all(|b| b.is_ascii_digit()) {
        return invalid("bin", "bin must be 6 to 19 digits");
    }
    let Some(found) = lookup(&bin) else {
        return not_found("IIN");
    };
    let mut v = found.details_json();
    if let Some(context) = body.get("paymentContext").filter(|c| !c.is_null()) {
        match context_query(context) {
            Ok(q) => {
                let allowed = catalogue::product(found.product).is_some_and(|p| p.offered(&q));
                if let Some(m) = v.as_object_mut() {
                    m.insert("isAllowedInContext".into(), json!(allowed));
                }
            }
            Err(r) => return r,
        }
    }
    ok(v)
}

/// The catalogue query of a `PaymentContext` (`countryCode`, `amountOfMoney`, `isRecurring`).
fn context_query(context: &Value) -> Result<Query, Reply> {
    let country = match context.get("countryCode") {
        None | Some(Value::Null) => None,
        Some(Value::String(c)) if is_country(c) => Some(c.clone()),
        Some(_) => {
            return Err(invalid(
                "paymentContext.countryCode",
                "countryCode is not valid",
            ));
        }
    };
    let (amount, currency) = match context.get("amountOfMoney") {
        None | Some(Value::Null) => (None, None),
        Some(_) => {
            let (a, c) = money_at(context, &["amountOfMoney"]).map_err(|_| {
                invalid("paymentContext.amountOfMoney", "amountOfMoney is not valid")
            })?;
            (Some(a), Some(c))
        }
    };
    let recurring = context.get("isRecurring").and_then(Value::as_bool) == Some(true);
    Ok(Query::context(country, currency, amount, recurring))
}

/// The currency cards issued in `country` are billed in, for DCC.
fn home_currency(country: &str) -> Option<&'static str> {
    match country {
        "US" => Some("USD"),
        "GB" => Some("GBP"),
        "CH" => Some("CHF"),
        "JP" => Some("JPY"),
        "AT" | "BE" | "DE" | "ES" | "FI" | "FR" | "IE" | "IT" | "LU" | "NL" | "PT" => Some("EUR"),
        _ => None,
    }
}

/// Units of `currency` per euro: the sandbox's fixed rate table.
fn per_euro(currency: &str) -> Option<f64> {
    match currency {
        "EUR" => Some(1.0),
        "USD" => Some(1.085),
        "GBP" => Some(0.855),
        "CHF" => Some(0.94),
        "JPY" => Some(162.5),
        _ => None,
    }
}

/// The mark-up of a DCC rate, in percent.
const MARK_UP: f64 = 3.5;

fn exponent(currency: &str) -> i32 {
    Currency::from_code(currency).map_or(2, |c| i32::from(c.exponent()))
}

/// `CurrencyConversionResponse`: `Allowed` with a proposal in the card's home currency
/// (fixed rates plus a 3.5% mark-up); `InvalidCard` for a card of no known scheme,
/// `NotAvailable` when the issuing country is unknown or bills in the transaction
/// currency, `NoRate` when either currency has no rate.
pub(in crate::onlinepayments) fn dcc_rate(inner: &Inner, body: &Value) -> Reply {
    let (amount, currency) = match money_at(body, &["transaction", "amount"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let number = match card_source(inner, body, "cardSource") {
        Ok(n) => n,
        Err(r) => return r,
    };
    let result = |result: &str, reason: &str| {
        ok(json!({
            "dccSessionId": uuid::Uuid::new_v4().to_string(),
            "result": {"result": result, "resultReason": reason},
        }))
    };
    let Some(bin) = lookup(&number) else {
        return result("InvalidCard", "the card is of no known scheme");
    };
    let Some(target) = home_currency(bin.country) else {
        return result("NotAvailable", "the issuing country of the card is unknown");
    };
    if target == currency {
        return result(
            "NotAvailable",
            "the card is billed in the transaction currency",
        );
    }
    let (Some(from), Some(to)) = (per_euro(&currency), per_euro(target)) else {
        return result("NoRate", "no exchange rate for these currencies");
    };
    let rate = to / from;
    let with_mark_up = rate * (1.0 + MARK_UP / 100.0);
    let major = amount as f64 / 10f64.powi(exponent(&currency));
    let target_amount = (major * with_mark_up * 10f64.powi(exponent(target))).round() as i64;
    let round6 = |x: f64| (x * 1e6).round() / 1e6;
    ok(json!({
        "dccSessionId": uuid::Uuid::new_v4().to_string(),
        "proposal": {
            "baseAmount": money(amount, &currency),
            "disclaimerDisplay": format!("You pay in {target} at a rate set by the sandbox, including a {MARK_UP}% mark-up."),
            "disclaimerReceipt": format!("Currency conversion to {target}: sandbox rate, {MARK_UP}% mark-up."),
            "rate": {
                "exchangeRate": round6(rate),
                "invertedExchangeRate": round6(1.0 / rate),
                "markUpRate": MARK_UP,
                "quotationDateTime": now_millis(),
                "source": "payments-testkit sandbox rates",
            },
            "targetAmount": money(target_amount, target),
        },
        "result": {"result": "Allowed", "resultReason": "dynamic currency conversion may be offered"},
    }))
}

/// The surcharge rate of a card: `(adValoremRate %, specificRate in minor units)`; `None`
/// for a consumer debit card (no surcharge).
fn surcharge_rate(bin: &Bin) -> Option<(f64, i64)> {
    if bin.scheme != "AmericanExpress" && bin.card_type == "Debit" {
        return None;
    }
    Some(match bin.product {
        2 => (2.5, 10),
        3 => (1.5, 0),
        _ => (1.2, 0),
    })
}

/// `CalculateSurchargeResponse`: one surcharge for the card's product, `OK` with the rate
/// applied (half up), or `NO_SURCHARGE` for a consumer debit card.
pub(in crate::onlinepayments) fn surcharge(inner: &Inner, body: &Value) -> Reply {
    let (amount, currency) = match money_at(body, &["amountOfMoney"]) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let number = match card_source(inner, body, "cardSource") {
        Ok(n) => digits_only(&n),
        Err(r) => return r,
    };
    let Some(bin) = lookup(&number) else {
        return invalid(
            "cardSource.card.cardNumber",
            "the card is of no known scheme",
        );
    };
    let mut s = json!({"netAmount": money(amount, &currency), "paymentProductId": bin.product});
    let (result, extra) = match surcharge_rate(&bin) {
        Some((ad_valorem, specific)) => {
            let extra = (amount as f64 * ad_valorem / 100.0).round() as i64 + specific;
            if let Some(m) = s.as_object_mut() {
                m.insert(
                    "surchargeRate".into(),
                    json!({
                        "adValoremRate": ad_valorem,
                        "specificRate": specific,
                        "surchargeProductTypeId": format!("PAYMENT_PRODUCT_{}", bin.product),
                        "surchargeProductTypeVersion": "1",
                    }),
                );
            }
            ("OK", extra)
        }
        None => ("NO_SURCHARGE", 0),
    };
    if let Some(m) = s.as_object_mut() {
        m.insert("result".into(), json!(result));
        m.insert("surchargeAmount".into(), money(extra, &currency));
        m.insert("totalAmount".into(), money(amount + extra, &currency));
    }
    ok(json!({"surcharges": [s]}))
}
