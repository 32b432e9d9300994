//! The client on a reqwest client of your own, with its own retry policy: the README's
//! "Reliability" example.
//!
//! ```sh
//! EPOINT_PUBLIC_KEY=... EPOINT_PRIVATE_KEY=... cargo run -p epoint-az --example own_http_client
//! ```

use std::time::Duration;

use epoint::{Config, EPointClient, ErrorMeta, ReqwestTransport, RetryPolicy};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Your application's client: its pool, proxy and TLS settings are shared. Its
    // timeouts and redirect policy now apply: keep redirects off, so a payment request
    // is never re-sent to another address. (reqwest's default features bring a TLS
    // crypto provider; with only `rustls-no-provider`, as here, install one first.)
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .build()?;
    let config = Config::from_env()?.retry_policy(RetryPolicy::default().max_attempts(2));
    let client = EPointClient::with_transport(
        config,
        ReqwestTransport::from_client(http).with_max_response_body(1024 * 1024),
    )?;

    match client.get_transaction_status("te001").await {
        Ok(status) => println!("te001 is {}", status.body.status),
        Err(e) if e.is_retryable() => {
            println!(
                "try later ({} attempts, wait {:?}): {e}",
                e.attempts(),
                e.retry_after()
            )
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
