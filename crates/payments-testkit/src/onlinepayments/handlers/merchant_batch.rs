//! `MerchantBatchClient`: `submit_batch`, `process_batch`, `get_batch_status`,
//! `get_payments_report` (the checks are in [`batches`](crate::onlinepayments::batches)).
//! Processing runs each item through the code of its single call, webhooks included.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::JsonBody;
use super::payment_links::create_link;
use super::payments::create;
use crate::common::lock;
use crate::common::server::Params;
use crate::onlinepayments::Inner;
use crate::onlinepayments::batches::{ItemResult, OpBatch, report_json, status_json, submit};
use crate::onlinepayments::events::{spawn_event, spawn_payout_event};
use crate::onlinepayments::follow_up::subsequent;
use crate::onlinepayments::input::QueryParams;
use crate::onlinepayments::payouts::{self, payout_json};
use crate::onlinepayments::render::{Reply, not_allowed, not_found, ok, payment_json};
use crate::onlinepayments::state::{Store, cancel, capture, refund};

const REFERENCE: &str = "merchantBatchReference";

/// `POST /v2/{merchantId}/merchant-batches` (the SDK sends it gzipped): the batch is
/// `SUBMITTED`; SubmitBatchResponse.
pub(in crate::onlinepayments) async fn submit_batch(
    State(inner): State<Arc<Inner>>,
    JsonBody(body): JsonBody,
) -> Reply {
    let submitted = submit(&mut lock(&inner.store), &body);
    submitted.map_or_else(
        |r| r,
        |(reference, count)| ok(json!({"merchantBatchReference": reference, "totalCount": count})),
    )
}

/// The first `APIError` of an error reply.
fn first_error(reply: &Reply) -> Value {
    reply
        .1
        .as_ref()
        .and_then(|b| b.get("errors"))
        .and_then(|e| e.get(0))
        .cloned()
        .unwrap_or_else(|| json!({"httpStatusCode": reply.0.as_u16()}))
}

/// What a change of an existing payment gave: the payment id, and its webhook or error.
fn changed(inner: &Arc<Inner>, id: &str, result: Result<Value, Reply>) -> ItemResult {
    let error = match result {
        Ok(payment) => {
            spawn_event(inner, payment);
            None
        }
        Err(r) => Some(first_error(&r)),
    };
    let known = lock(&inner.store).payments.iter().any(|p| p.id == id);
    ItemResult {
        payment_id: known.then(|| id.to_owned()),
        error,
    }
}

/// Runs one item of a batch of `operation`.
fn run(inner: &Arc<Inner>, operation: &str, item: &Value) -> ItemResult {
    let id = item
        .get("paymentId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let member = |key: &str| item.get(key).cloned().unwrap_or_else(|| json!({}));
    let locked = |f: &dyn Fn(&mut Store) -> Result<Value, Reply>| f(&mut lock(&inner.store));
    match operation {
        "CreatePayment" => match create(inner, item.clone()) {
            Ok(p) => {
                spawn_event(inner, payment_json(&p));
                ItemResult {
                    payment_id: Some(p.id),
                    ..ItemResult::default()
                }
            }
            Err(r) => ItemResult {
                error: Some(first_error(&r)),
                ..ItemResult::default()
            },
        },
        "CapturePayment" => {
            let body = member("capture");
            let result = locked(&|s| capture(s, id, &body).map(|(_, p)| p).map_err(Reply::from));
            changed(inner, id, result)
        }
        "CancelPayment" => changed(inner, id, locked(&|s| cancel(s, id).map_err(Reply::from))),
        "RefundPayment" => {
            let body = member("refund");
            let result = locked(&|s| refund(s, id, &body).map(|(_, p)| p).map_err(Reply::from));
            changed(inner, id, result)
        }
        "SubsequentPayment" => {
            let body = member("subsequent");
            let created = subsequent(&mut lock(&inner.store), id, &body);
            match created {
                Ok(p) => {
                    spawn_event(inner, payment_json(&p));
                    ItemResult {
                        payment_id: Some(p.id),
                        ..ItemResult::default()
                    }
                }
                Err(r) => changed(inner, id, Err(r)),
            }
        }
        "CreatePayout" => match payouts::create(inner, item) {
            Ok(p) => {
                spawn_payout_event(inner, payout_json(&p));
                ItemResult::default()
            }
            Err(r) => ItemResult {
                error: Some(first_error(&r)),
                ..ItemResult::default()
            },
        },
        _ => {
            let reply = create_link(inner, item);
            ItemResult {
                error: (reply.0 != StatusCode::CREATED).then(|| first_error(&reply)),
                ..ItemResult::default()
            }
        }
    }
}

/// `POST /v2/{merchantId}/merchant-batches/{merchantBatchReference}/process`: runs every item
/// of a `SUBMITTED` batch, in order (`PROCESSING`, then `PROCESSED`); `204`.
pub(in crate::onlinepayments) async fn process_batch(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let reference = params.get(REFERENCE);
    let batch: OpBatch = {
        let mut store = lock(&inner.store);
        let Some(b) = store.batches.iter_mut().find(|b| b.reference == reference) else {
            return not_found("Merchant batch");
        };
        if b.status != "SUBMITTED" {
            return not_allowed(&format!(
                "A batch in status {} cannot be processed",
                b.status
            ));
        }
        b.status = "PROCESSING".to_owned();
        b.clone()
    };
    let results: Vec<ItemResult> = batch
        .items
        .iter()
        .map(|item| run(&inner, batch.operation, item))
        .collect();
    let mut store = lock(&inner.store);
    if let Some(b) = store.batches.iter_mut().find(|b| b.reference == reference) {
        b.results = results;
        b.status = "PROCESSED".to_owned();
    }
    Reply(StatusCode::NO_CONTENT, None)
}

/// `GET /v2/{merchantId}/merchant-batches/{merchantBatchReference}`: GetBatchStatusResponse.
pub(in crate::onlinepayments) async fn get_batch_status(
    State(inner): State<Arc<Inner>>,
    params: Params,
) -> Reply {
    let store = lock(&inner.store);
    store
        .batches
        .iter()
        .find(|b| b.reference == params.get(REFERENCE))
        .map_or_else(|| not_found("Merchant batch"), |b| ok(status_json(b)))
}

/// `GET /v2/{merchantId}/merchant-batches/{merchantBatchReference}/reports/payments`
/// (`cursor`, `limit`): the payment of each processed item; PaymentsReportResponse.
pub(in crate::onlinepayments) async fn get_payments_report(
    State(inner): State<Arc<Inner>>,
    params: Params,
    query: QueryParams,
) -> Reply {
    let store = lock(&inner.store);
    let Some(b) = store
        .batches
        .iter()
        .find(|b| b.reference == params.get(REFERENCE))
    else {
        return not_found("Merchant batch");
    };
    report_json(&store, b, &query).map_or_else(|r| r, ok)
}
