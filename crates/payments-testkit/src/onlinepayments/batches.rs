//! Merchant batches: the checks of a `SubmitBatchRequestBody`, what a batch holds, and its
//! status and payments report.
//!
//! A batch carries one operation type (`header.operationType`, or the one list that is
//! filled) and its items. `submit` checks every item the way the single call would check its
//! request (an error names the item: `createPayments[1].order.amountOfMoney.amount`) and
//! stores the batch as `SUBMITTED`; `process` runs the items (`PROCESSING`, then
//! `PROCESSED`); the payments report lists the payment of each item.

use serde_json::{Value, json};

use super::input::{QueryParams, missing, money_at, required_str};
use super::render::{Reply, invalid, money, references, status_output};
use super::state::{OpPayment, Store, amount_of, get};

/// The operation types: name in `header.operationType`, and the list of the body.
pub(super) const OPERATIONS: [(&str, &str); 7] = [
    ("CreatePayment", "createPayments"),
    ("CapturePayment", "capturePayments"),
    ("CancelPayment", "cancelPayments"),
    ("RefundPayment", "refundPayments"),
    ("SubsequentPayment", "subsequentPayments"),
    ("CreatePaymentLink", "createPaymentLinks"),
    ("CreatePayout", "createPayouts"),
];

/// The most items a report page holds, and the default.
const MAX_LIMIT: usize = 1000;
const DEFAULT_LIMIT: usize = 100;

/// What processing one item gave.
#[derive(Debug, Clone, Default)]
pub(super) struct ItemResult {
    /// The payment the item created or changed.
    pub(super) payment_id: Option<String>,
    /// The platform's error (`APIError`) when the item failed.
    pub(super) error: Option<Value>,
}

/// A submitted batch.
#[derive(Debug, Clone)]
pub(super) struct OpBatch {
    /// `header.merchantBatchReference`.
    pub(super) reference: String,
    /// The operation type (`CreatePayment`, ...).
    pub(super) operation: &'static str,
    /// The items, as submitted.
    pub(super) items: Vec<Value>,
    /// `SUBMITTED`, `PROCESSING` or `PROCESSED`.
    pub(super) status: String,
    /// One result per item once processed.
    pub(super) results: Vec<ItemResult>,
}

/// `reply` with `prefix` in front of every `propertyName` (the item's place in the body).
fn prefixed(mut reply: Reply, prefix: &str) -> Reply {
    let errors = reply
        .1
        .as_mut()
        .and_then(|b| b.get_mut("errors"))
        .and_then(Value::as_array_mut);
    for e in errors.into_iter().flatten() {
        if let Some(m) = e.as_object_mut() {
            let name = m
                .get("propertyName")
                .and_then(Value::as_str)
                .filter(|p| !p.is_empty())
                .map_or_else(|| prefix.to_owned(), |p| format!("{prefix}.{p}"));
            m.insert("propertyName".into(), json!(name));
        }
    }
    reply
}

/// The early checks of one item of operation `operation`.
fn check_item(operation: &str, item: &Value) -> Result<(), Reply> {
    if !item.is_object() {
        return Err(invalid("", "an item must be an object"));
    }
    match operation {
        "CreatePayment" => {
            amount_of(item, &["order", "amountOfMoney"]).map_err(Reply::from)?;
            let sources = [
                &["cardPaymentMethodSpecificInput", "card", "cardNumber"][..],
                &["cardPaymentMethodSpecificInput", "token"],
                &["redirectPaymentMethodSpecificInput", "paymentProductId"],
                &["encryptedCustomerInput"],
                &["hostedTokenizationId"],
                &["hostedFieldsSessionId"],
            ];
            if !sources.iter().any(|path| get(item, path).is_some()) {
                return Err(missing("cardPaymentMethodSpecificInput.card.cardNumber"));
            }
        }
        "CreatePaymentLink" => {
            let path: &[&str] = if get(item, &["paymentLinkOrder", "amount"]).is_some() {
                &["paymentLinkOrder", "amount"]
            } else {
                &["order", "amountOfMoney"]
            };
            amount_of(item, path).map_err(Reply::from)?;
        }
        "CreatePayout" => {
            money_at(item, &["amountOfMoney"])?;
            if get(item, &["cardPayoutMethodSpecificInput"]).is_none() {
                return Err(missing("cardPayoutMethodSpecificInput.card.cardNumber"));
            }
        }
        _ => {
            required_str(item, &["paymentId"])?;
            if operation == "SubsequentPayment" {
                money_at(item, &["subsequent", "order", "amountOfMoney"])?;
            }
        }
    }
    Ok(())
}

/// Checks a SubmitBatchRequestBody and stores its batch; returns the reference and the item
/// count.
pub(super) fn submit(store: &mut Store, body: &Value) -> Result<(String, usize), Reply> {
    let reference = required_str(body, &["header", "merchantBatchReference"])?;
    if store.batches.iter().any(|b| b.reference == reference) {
        let property = "header.merchantBatchReference";
        return Err(invalid(
            property,
            "a batch with this reference was submitted",
        ));
    }
    let filled: Vec<(&'static str, &'static str)> = OPERATIONS
        .into_iter()
        .filter(|(_, list)| body.get(*list).is_some_and(|v| !v.is_null()))
        .collect();
    let operation = match get(body, &["header", "operationType"]) {
        None | Some(Value::Null) => match filled.as_slice() {
            [only] => *only,
            [] => return Err(missing("createPayments")),
            _ => return Err(missing("header.operationType")),
        },
        Some(v) => OPERATIONS
            .into_iter()
            .find(|(name, _)| v.as_str() == Some(name))
            .ok_or_else(|| {
                let names: Vec<&str> = OPERATIONS.iter().map(|o| o.0).collect();
                let message = format!("operationType must be one of {}", names.join(", "));
                invalid("header.operationType", &message)
            })?,
    };
    let (name, list) = operation;
    if let Some((_, other)) = filled.iter().find(|(_, l)| *l != list) {
        return Err(invalid(other, &format!("a {name} batch has no {other}")));
    }
    let items = match body.get(list) {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        Some(Value::Array(_)) | None | Some(Value::Null) => return Err(missing(list)),
        Some(_) => return Err(invalid(list, &format!("{list} must be a list"))),
    };
    match get(body, &["header", "itemCount"]) {
        None | Some(Value::Null) => {}
        Some(v) if v.as_u64() == u64::try_from(items.len()).ok() => {}
        Some(_) => {
            let message = format!("itemCount is not the number of {list} ({})", items.len());
            return Err(invalid("header.itemCount", &message));
        }
    }
    for (i, item) in items.iter().enumerate() {
        check_item(name, item).map_err(|r| prefixed(r, &format!("{list}[{i}]")))?;
    }
    let count = items.len();
    store.batches.push(OpBatch {
        reference: reference.clone(),
        operation: name,
        items,
        status: "SUBMITTED".to_owned(),
        results: Vec::new(),
    });
    Ok((reference, count))
}

/// `GetBatchStatusResponse`.
pub(super) fn status_json(b: &OpBatch) -> Value {
    json!({
        "itemCount": b.items.len(),
        "merchantBatchReference": b.reference,
        "operationType": b.operation,
        "status": b.status,
    })
}

/// A `PaymentSummary` of `p` (or of the failed item when `p` is unknown), with the item's error.
fn summary(p: Option<&OpPayment>, id: Option<&str>, error: Option<&Value>) -> Value {
    let mut v = match p {
        Some(p) => {
            let mut status = status_output(p);
            if let Some(m) = status.as_object_mut() {
                for flag in ["isAuthorized", "isCancellable", "isRefundable"] {
                    m.remove(flag);
                }
            }
            let mut output = json!({
                "amountOfMoney": money(p.amount, &p.currency),
                "references": references(p),
                "transactionDate": p.created,
            });
            if let (None, Some(m)) = (&p.redirect, output.as_object_mut()) {
                let mut card =
                    json!({"card": {"cardNumber": crate::cards::mask_last4(&p.card_number)}});
                if let (Some(t), Some(c)) = (&p.token, card.as_object_mut()) {
                    c.insert("token".into(), json!(t));
                }
                m.insert("cardPaymentMethodSpecificOutput".into(), card);
            }
            json!({"id": p.id, "status": p.status, "statusOutput": status, "paymentOutput": output})
        }
        None => json!({"statusOutput": {}}),
    };
    if let (Some(id), None, Some(m)) = (id, p, v.as_object_mut()) {
        m.insert("id".into(), json!(id));
    }
    if let Some(e) = error
        && let Some(s) = v.get_mut("statusOutput").and_then(Value::as_object_mut)
    {
        s.insert("errors".into(), json!([e]));
    }
    v
}

/// `PaymentsReportResponse` of a batch: one `PaymentSummary` per processed item that concerns
/// a payment, from `cursor` (an item offset) for `limit` items.
pub(super) fn report_json(store: &Store, b: &OpBatch, q: &QueryParams) -> Result<Value, Reply> {
    let start = match q.get("cursor") {
        None | Some("") => 0,
        Some(c) => c
            .parse::<usize>()
            .ok()
            .ok_or_else(|| invalid("cursor", "cursor is not one of this report's cursors"))?,
    };
    let limit = match q.amount("limit")? {
        None => DEFAULT_LIMIT,
        Some(l) => usize::try_from(l)
            .ok()
            .filter(|l| (1..=MAX_LIMIT).contains(l))
            .ok_or_else(|| invalid("limit", "limit must be between 1 and 1000"))?,
    };
    // Payout and payment link batches concern no payment.
    let payments = !matches!(b.operation, "CreatePayout" | "CreatePaymentLink");
    let entries: Vec<Value> = b
        .results
        .iter()
        .zip(&b.items)
        .filter(|_| payments)
        .map(|(r, item)| {
            let id = r
                .payment_id
                .as_deref()
                .or_else(|| item.get("paymentId").and_then(Value::as_str));
            let p = id.and_then(|id| store.payments.iter().find(|p| p.id == id));
            summary(p, id, r.error.as_ref())
        })
        .collect();
    let page: Vec<Value> = entries.iter().skip(start).take(limit).cloned().collect();
    let next = start.saturating_add(page.len());
    let mut pagination = json!({"hasMore": next < entries.len()});
    if let (true, Some(m)) = (next < entries.len(), pagination.as_object_mut()) {
        m.insert("nextCursor".into(), json!(next.to_string()));
    }
    Ok(json!({"payments": page, "pagination": pagination}))
}
