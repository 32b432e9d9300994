//! A NoPayn webhook endpoint on axum.
//!
//! - verifies every webhook through the API (the body only names the order);
//! - is idempotent: an order is fulfilled once, however often its webhook arrives;
//! - answers 200 once handled; 503 when the API could not be reached, so NoPayn
//!   retries (up to 10 times, 2 minutes apart); 400 for a body that is no webhook.
//!
//! ```sh
//! NOPAYN_API_KEY=... NOPAYN_MERCHANT_ID=... cargo run -p nopayn --example webhook_axum
//! ```
//! `NOPAYN_BASE_URL` points the client at another API (a sandbox); `BIND` sets the
//! listening address (default `127.0.0.1:3000`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use nopayn::{Error, NoPaynClient, OrderStatus};

struct App {
    client: NoPaynClient,
    /// Orders already fulfilled. Use your database in production.
    fulfilled: Mutex<HashSet<String>>,
}

async fn webhook(State(app): State<Arc<App>>, body: Bytes) -> StatusCode {
    let verified = match app.client.verify_webhook(&body).await {
        Ok(verified) => verified,
        Err(Error::Webhook(e)) => {
            eprintln!("rejected webhook: {e}");
            return StatusCode::BAD_REQUEST;
        }
        Err(Error::Api(e)) if e.status_code < 500 => {
            // Unknown order or bad credentials: a retry would not help.
            eprintln!("webhook for an order the API refuses: {e}");
            return StatusCode::OK;
        }
        Err(e) => {
            eprintln!("could not verify webhook, asking for a retry: {e}");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
    };
    let order = &verified.order;
    if !verified.is_final {
        println!("order {} is {}; waiting", order.id, order.status);
        return StatusCode::OK;
    }
    if order.status == OrderStatus::Completed {
        let first_time = match app.fulfilled.lock() {
            Ok(mut set) => set.insert(order.id.clone()),
            Err(poisoned) => poisoned.into_inner().insert(order.id.clone()),
        };
        if first_time {
            println!(
                "fulfilling order {} ({:?})",
                order.id, order.merchant_order_id
            );
        } else {
            println!("order {} already fulfilled", order.id);
        }
    } else {
        println!("order {} ended as {}", order.id, order.status);
    }
    StatusCode::OK
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let api_key = std::env::var("NOPAYN_API_KEY").unwrap_or_default();
    let merchant_id = std::env::var("NOPAYN_MERCHANT_ID").unwrap_or_default();
    let mut builder = NoPaynClient::builder(api_key, merchant_id);
    if let Ok(base_url) = std::env::var("NOPAYN_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let app = Arc::new(App {
        client: builder.build()?,
        fulfilled: Mutex::new(HashSet::new()),
    });
    let router = Router::new()
        .route("/webhook", post(webhook))
        .with_state(app);
    let bind = std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    println!("listening on http://{bind}/webhook");
    axum::serve(listener, router).await?;
    Ok(())
}
