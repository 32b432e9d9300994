//! A webhooks endpoint with the `OnlinePaymentsWebhook` extractor (feature `axum`): the
//! README's axum example. Its tests send a signed, a forged and an unsigned delivery to
//! it on 127.0.0.1.
//!
//! ```sh
//! WEBHOOKS_KEY_ID=... WEBHOOKS_SECRET=... \
//!     cargo run -p onlinepayments --features axum --example axum_webhooks
//! ```

use axum::{Router, routing::post};
use onlinepayments::extract::OnlinePaymentsWebhook;
use onlinepayments::webhooks::{InMemorySecretKeyStore, Webhooks};

// Only runs for a correctly signed event; a missing or wrong signature gets 401.
async fn webhook(OnlinePaymentsWebhook(event): OnlinePaymentsWebhook) -> &'static str {
    let payment = event.payment.as_ref();
    println!(
        "event {:?} ({:?}): payment {:?} is {:?}",
        event.id,
        event.r#type,
        payment.and_then(|p| p.id.as_deref()),
        payment.and_then(|p| p.status.as_deref()),
    );
    "OK"
}

/// The router: `POST /webhooks`, verified with the secrets of `key_store`.
fn app(key_store: InMemorySecretKeyStore) -> Router {
    Router::new()
        .route("/webhooks", post(webhook))
        .with_state(Webhooks::create_helper(key_store))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The "WebhooksKey" and "WebhooksKeySecret" of the Merchant Portal.
    let key_store = InMemorySecretKeyStore::new();
    key_store.store_secret_key(
        std::env::var("WEBHOOKS_KEY_ID")?,
        std::env::var("WEBHOOKS_SECRET")?,
    )?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    axum::serve(listener, app(key_store)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    const BODY: &str = r#"{"apiVersion":"v1","id":"evt-1","type":"payment.captured","payment":{"id":"3066019730_0","status":"CAPTURED"}}"#;

    /// Sends one POST to the example on a loopback port and returns the status code.
    async fn post_status(headers: &[(&str, &str)]) -> u16 {
        let key_store = InMemorySecretKeyStore::new();
        key_store.store_secret_key("key-1", "secret-1").unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app(key_store)).await });
        let exchange = async {
            let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
            let mut request = format!(
                "POST /webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                BODY.len()
            );
            for (name, value) in headers {
                request.push_str(&format!("{name}: {value}\r\n"));
            }
            request.push_str("\r\n");
            request.push_str(BODY);
            stream.write_all(request.as_bytes()).await.unwrap();
            let mut response = Vec::new();
            stream.read_to_end(&mut response).await.unwrap();
            let text = String::from_utf8_lossy(&response).into_owned();
            text.get(9..12).unwrap().parse::<u16>().unwrap()
        };
        let status = tokio::time::timeout(Duration::from_secs(10), exchange)
            .await
            .expect("the example answers within 10 s");
        server.abort();
        status
    }

    fn signature() -> String {
        onlinepayments::payments_core::signing::base64_encode(
            &onlinepayments::payments_core::signing::hmac_sha256(b"secret-1", BODY.as_bytes()),
        )
    }

    #[tokio::test]
    async fn signed_event_is_handled() {
        let signature = signature();
        let status =
            post_status(&[("X-GCS-Signature", &signature), ("X-GCS-KeyId", "key-1")]).await;
        assert_eq!(status, 200);
    }

    #[tokio::test]
    async fn forged_event_gets_401() {
        let forged = onlinepayments::payments_core::signing::base64_encode(
            &onlinepayments::payments_core::signing::hmac_sha256(
                b"not-the-secret",
                BODY.as_bytes(),
            ),
        );
        let status = post_status(&[("X-GCS-Signature", &forged), ("X-GCS-KeyId", "key-1")]).await;
        assert_eq!(status, 401);
    }

    #[tokio::test]
    async fn unsigned_event_gets_401() {
        assert_eq!(post_status(&[("X-GCS-KeyId", "key-1")]).await, 401);
        assert_eq!(post_status(&[]).await, 401);
    }
}
