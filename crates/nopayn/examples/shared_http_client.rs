//! The client on a reqwest client of your own, with its own retry policy: the README's
//! "Reliability" example.
//!
//! ```sh
//! cargo run -p nopayn --example shared_http_client
//! ```

use std::time::Duration;

use nopayn::{ErrorMeta, NoPaynClient, ReqwestTransport, RetryPolicy};

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
    let client = NoPaynClient::builder("your-api-key", "your-project")
        .transport(ReqwestTransport::from_client(http).with_max_response_body(1024 * 1024))
        .retry_policy(RetryPolicy::default().max_attempts(2))
        .build()?;

    match client
        .get_order("1c969951-f5f1-4290-ae41-6177961fb3cb")
        .await
    {
        Ok(order) => println!("order {} is {}", order.id, order.status),
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
