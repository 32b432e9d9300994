//! The smallest webhook endpoint with the `NoPaynWebhook` extractor (feature `axum`): the
//! README's axum example. `webhook_axum.rs` is a complete, idempotent one.
//!
//! ```sh
//! cargo run -p nopayn --features axum --example webhook_extractor
//! ```

use axum::{Router, routing::post};
use nopayn::extract::NoPaynWebhook;
use nopayn::{NoPaynClient, OrderStatus};

// Only runs once the API has confirmed the order; a forged webhook gets 401.
async fn webhook(NoPaynWebhook(verified): NoPaynWebhook) -> &'static str {
    if verified.is_final && verified.order.status == OrderStatus::Completed {
        println!("fulfil order {}", verified.order.id);
    }
    "OK"
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = NoPaynClient::new("your-api-key", "your-project")?;
    let app = Router::new()
        .route("/webhook", post(webhook))
        .with_state(client);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, app).await?;
    Ok(())
}
