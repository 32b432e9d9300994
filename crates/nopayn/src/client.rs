//! The async client (Python `NoPaynClient`).

use std::sync::Arc;
use std::time::Duration;

use payments_core::http::Transport;

use crate::error::Error;
use crate::wire::{Call, Settings};

crate::shell::client_shell! {
    /// Async client of the NoPayn order API. Cloning is cheap and shares the connection pool.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), nopayn::Error> {
    /// let client = nopayn::NoPaynClient::new("your-api-key", "your-project")?;
    /// let order = client.get_order("1c969951-f5f1-4290-ae41-6177961fb3cb").await?;
    /// println!("{} is {}", order.id, order.status);
    /// # Ok(()) }
    /// ```
    client: NoPaynClient,
    transport: Transport,
    default_transport: default_transport,
    new: [
        #[cfg(feature = "reqwest")]
        #[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
    ],
    async: [async],
    await: [.await],
}

impl NoPaynClient {
    /// Sends a prepared call and parses its answer: the one place this client sends.
    async fn run<T>(&self, call: Call<T>) -> Result<T, Error> {
        let (op, request, parse) = call.into_parts();
        let exchange = self.runtime.execute(&op, request).await?;
        crate::wire::read(exchange, parse)
    }

    /// The wait between two fetches of `poll_order`.
    async fn pause(delay: Duration) {
        tokio::time::sleep(delay).await;
    }
}

#[cfg(feature = "reqwest")]
fn default_transport(settings: &Settings) -> Result<Arc<dyn Transport>, Error> {
    let transport = payments_core::http::ReqwestTransport::new(&settings.transport_config())
        .map_err(crate::builder::transport_build_error)?;
    Ok(Arc::new(transport))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(_settings: &Settings) -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "no transport: enable the `reqwest` feature or call `.transport(..)`".into(),
    ))
}
