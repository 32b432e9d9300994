//! A callback endpoint with axum: verifies each notification and answers 200 only for
//! genuine ones.
//!
//! Run with `ECOMMPAY_SECRET=... cargo run -p ecommpay --example callback_axum`, then
//! `POST http://127.0.0.1:3000/ecommpay/callback` with a callback body.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use ecommpay::{Error, Gate, PaymentStatus};

async fn callback(State(gate): State<Arc<Gate>>, body: String) -> (StatusCode, &'static str) {
    match gate.handle_callback(&body) {
        Ok(callback) => {
            let id = callback.get_payment_id().unwrap_or("<none>");
            match callback.get_payment_status() {
                Some(PaymentStatus::Success) => {
                    println!("payment {id} succeeded: fulfil the order")
                }
                Some(PaymentStatus::Decline) => println!("payment {id} was declined"),
                Some(other) => println!("payment {id} is now {other}"),
                None => println!("callback without payment status"),
            }
            (StatusCode::OK, "OK")
        }
        Err(Error::Decoding { .. }) => (StatusCode::BAD_REQUEST, "invalid JSON"),
        Err(e) => {
            eprintln!("rejected callback: {e}");
            (StatusCode::BAD_REQUEST, "invalid signature")
        }
    }
}

fn app(gate: Gate) -> Router {
    Router::new()
        .route("/ecommpay/callback", post(callback))
        .with_state(Arc::new(gate))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("ECOMMPAY_SECRET").unwrap_or_else(|_| "secret".to_owned());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!(
        "listening on http://{}/ecommpay/callback",
        listener.local_addr()?
    );
    axum::serve(listener, app(Gate::new(secret))).await
}
