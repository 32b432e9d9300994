//! A NoPayn webhook endpoint on axum, with the `NoPaynWebhook` extractor (feature `axum`).
//!
//! - the extractor verifies every webhook through the API (the body only names the
//!   order): the handler only runs for an order the API confirms; a body that is no
//!   webhook gets 400, an order the API does not confirm 401, and 503 when the API
//!   cannot be reached, so NoPayn sends the webhook again later;
//! - the handler is idempotent: an order is fulfilled once, however often its webhook
//!   arrives, and it answers 200 once handled.
//!
//! ```sh
//! NOPAYN_API_KEY=... NOPAYN_MERCHANT_ID=... cargo run -p nopayn --features axum --example webhook_axum
//! ```
//! `NOPAYN_BASE_URL` points the client at another API (a sandbox); `BIND` sets the
//! listening address (default `127.0.0.1:3000`). `tests/axum_extractor.rs` runs this
//! router on loopback.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use nopayn::extract::NoPaynWebhook;
use nopayn::{NoPaynClient, OrderStatus};

/// The router state: the client the extractor verifies with, and the orders fulfilled.
#[derive(Clone)]
pub struct AppState {
    client: NoPaynClient,
    /// Orders already fulfilled. Use your database in production.
    fulfilled: Arc<Mutex<HashSet<String>>>,
}

impl AppState {
    /// A state with nothing fulfilled yet.
    pub fn new(client: NoPaynClient) -> Self {
        AppState {
            client,
            fulfilled: Arc::default(),
        }
    }

    /// Marks an order fulfilled; false when it already was.
    fn fulfil_once(&self, order_id: &str) -> bool {
        match self.fulfilled.lock() {
            Ok(mut set) => set.insert(order_id.to_owned()),
            Err(poisoned) => poisoned.into_inner().insert(order_id.to_owned()),
        }
    }

    /// The orders fulfilled so far.
    pub fn fulfilled(&self) -> Vec<String> {
        let set = match self.fulfilled.lock() {
            Ok(set) => set,
            Err(poisoned) => poisoned.into_inner(),
        };
        set.iter().cloned().collect()
    }
}

impl FromRef<AppState> for NoPaynClient {
    fn from_ref(state: &AppState) -> Self {
        state.client.clone()
    }
}

/// `POST /webhook`.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/webhook", post(webhook))
        .with_state(state)
}

/// Only reached for a webhook whose order the API confirmed.
async fn webhook(
    State(state): State<AppState>,
    NoPaynWebhook(verified): NoPaynWebhook,
) -> StatusCode {
    let order = &verified.order;
    if !verified.is_final {
        println!("order {} is {}; waiting", order.id, order.status);
    } else if order.status != OrderStatus::Completed {
        println!("order {} ended as {}", order.id, order.status);
    } else if state.fulfil_once(&order.id) {
        println!(
            "fulfilling order {} ({:?})",
            order.id, order.merchant_order_id
        );
    } else {
        println!("order {} already fulfilled", order.id);
    }
    StatusCode::OK
}

#[allow(dead_code)] // The tests use `app` and run no `main`.
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("NOPAYN_API_KEY").unwrap_or_default();
    let merchant_id = std::env::var("NOPAYN_MERCHANT_ID").unwrap_or_default();
    let mut builder = NoPaynClient::builder(api_key, merchant_id);
    if let Ok(base_url) = std::env::var("NOPAYN_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let router = app(AppState::new(builder.build()?));
    let bind = std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    println!("listening on http://{bind}/webhook");
    axum::serve(listener, router).await?;
    Ok(())
}
