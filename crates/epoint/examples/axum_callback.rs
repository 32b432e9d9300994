//! A callback endpoint with the `EPointCallback` extractor (feature `axum`): the README's
//! axum example.
//!
//! ```sh
//! EPOINT_PRIVATE_KEY=... cargo run -p epoint-az --features axum --example axum_callback
//! ```

use axum::{Router, routing::post};
use epoint::TransactionStatus;
use epoint::extract::{EPointCallback, EPointCallbackKey};

// Only runs for a correctly signed callback; an unsigned or forged one gets 401.
async fn callback(EPointCallback(data): EPointCallback) -> &'static str {
    if data.status == TransactionStatus::Success {
        println!("order {:?} paid: {:?}", data.order_id, data.amount);
    } else {
        println!(
            "order {:?}: {} ({:?})",
            data.order_id,
            data.status,
            data.code_meaning()
        );
    }
    "OK"
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = EPointCallbackKey::new(std::env::var("EPOINT_PRIVATE_KEY")?);
    let app = Router::new()
        .route("/epoint/callback", post(callback))
        .with_state(key);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, app).await?;
    Ok(())
}
