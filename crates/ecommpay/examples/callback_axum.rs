//! A callback endpoint with axum: the `EcommpayCallback` extractor verifies each
//! notification, so the handler only runs for genuine ones (others get 401 or 400).
//!
//! Run with `ECOMMPAY_SECRET=... cargo run -p ecommpay --features axum --example callback_axum`,
//! then `POST http://127.0.0.1:3000/ecommpay/callback` with a callback body.

use axum::Router;
use axum::routing::post;
use ecommpay::PaymentStatus;
use ecommpay::extract::{EcommpayCallback, EcommpayCallbackKey};

/// Runs for verified callbacks only; answering 200 tells ECommPay it was handled.
async fn callback(EcommpayCallback(callback): EcommpayCallback) -> &'static str {
    let id = callback.get_payment_id().unwrap_or("<none>");
    match callback.get_payment_status() {
        Some(PaymentStatus::Success) => println!("payment {id} succeeded: fulfil the order"),
        Some(PaymentStatus::Decline) => println!("payment {id} was declined"),
        Some(other) => println!("payment {id} is now {other}"),
        None => println!("callback without payment status"),
    }
    "OK"
}

fn app(secret: &str) -> Router {
    Router::new()
        .route("/ecommpay/callback", post(callback))
        .with_state(EcommpayCallbackKey::new(secret))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("ECOMMPAY_SECRET").unwrap_or_else(|_| "secret".to_owned());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!(
        "listening on http://{}/ecommpay/callback",
        listener.local_addr()?
    );
    axum::serve(listener, app(&secret)).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// The status line of the app's answer to `body`, from a server on 127.0.0.1.
    async fn status_of(body: &str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, super::app("qwerty")).await });
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "POST /ecommpay/callback HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        let read = stream.read_to_string(&mut answer);
        tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .unwrap()
            .unwrap();
        server.abort();
        answer.lines().next().unwrap_or_default().to_owned()
    }

    #[tokio::test]
    async fn answers_genuine_callbacks_only() {
        let good = r#"{"payment": {"id": "test-payment", "status": "success"}, "signature": "UGzKT0NC26f4u0niyJSQPx5q3kFFIndwLXeJVXahfCFwbY+Svg1WoXIxzrIyyjWUSLFhT8wAQ5SfBDRHnwm6Yg=="}"#;
        assert_eq!(status_of(good).await, "HTTP/1.1 200 OK");
        let forged = good.replace("success", "refunded");
        assert_eq!(status_of(&forged).await, "HTTP/1.1 401 Unauthorized");
        assert_eq!(status_of("{}").await, "HTTP/1.1 401 Unauthorized");
        assert_eq!(status_of("not json").await, "HTTP/1.1 400 Bad Request");
    }
}
