//! `save_card`, `pay_and_save_card`, `split_pay_and_save_card`: a hosted page that registers a
//! card (active once the page payment succeeds).

use std::sync::Arc;

use axum::extract::State;
use serde_json::json;

use super::check_payment;
use crate::common::lock;
use crate::epoint::Inner;
use crate::epoint::auth::Payload;
use crate::epoint::render::{Answer, ok, page_url};
use crate::epoint::state::{EpointCard, insert, new_transaction};

/// `/api/1/card-registration`.
pub(in crate::epoint) async fn save_card(State(inner): State<Arc<Inner>>, p: Payload) -> Answer {
    register(&inner, &p, "save_card")
}

/// `/api/1/card-registration-with-pay`.
pub(in crate::epoint) async fn pay_and_save_card(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    check_payment(&p, false, true)?;
    register(&inner, &p, "pay_and_save_card")
}

/// `/api/1/split-card-registration-with-pay`.
pub(in crate::epoint) async fn split_pay_and_save_card(
    State(inner): State<Arc<Inner>>,
    p: Payload,
) -> Answer {
    check_payment(&p, true, false)?;
    register(&inner, &p, "split_pay_and_save_card")
}

fn register(inner: &Inner, p: &Payload, kind: &str) -> Answer {
    let card_id = {
        let mut store = lock(&inner.store);
        let card_id = store.next_id("ce");
        store.cards.push(EpointCard {
            card_id: card_id.clone(),
            card_mask: None,
            active: false,
            number: String::new(),
        });
        card_id
    };
    let id = insert(inner, new_transaction(kind, p), Some(card_id.clone()));
    let url = page_url(&inner.core.base_url, &id);
    ok(&json!({"status": "success", "transaction": id, "redirect_url": url, "card_id": card_id}))
}
