//! The blocking client (feature `blocking`): the same methods as the async
//! [`crate::NoPaynClient`], without `.await`.
//!
//! The built-in transport runs its own background thread: create and use the client
//! outside of an async runtime.

use std::sync::Arc;
use std::time::Duration;

pub use payments_core::http::blocking::{BlockingTransport, ReqwestBlockingTransport};

use crate::error::Error;
use crate::wire::{Call, Settings};

/// Builds a blocking [`NoPaynClient`] (the shared builder on a [`BlockingTransport`]).
pub type NoPaynClientBuilder = crate::NoPaynClientBuilder<dyn BlockingTransport>;

crate::shell::client_shell! {
    /// Blocking client of the NoPayn order API. Cloning is cheap and shares the connection pool.
    ///
    /// ```no_run
    /// # fn run() -> Result<(), nopayn::Error> {
    /// let client = nopayn::blocking::NoPaynClient::new("your-api-key", "your-project")?;
    /// let order = client.get_order("1c969951-f5f1-4290-ae41-6177961fb3cb")?;
    /// println!("{} is {}", order.id, order.status);
    /// # Ok(()) }
    /// ```
    client: NoPaynClient,
    transport: BlockingTransport,
    default_transport: default_transport,
    new: [],
    async: [],
    await: [],
}

impl NoPaynClient {
    /// Sends a prepared call and parses its answer: the one place this client sends.
    fn run<T>(&self, call: Call<T>) -> Result<T, Error> {
        let (op, request, parse) = call.into_parts();
        let exchange = self.runtime.execute_blocking(&op, request)?;
        crate::wire::read(exchange, parse)
    }

    /// The wait between two fetches of `poll_order`.
    fn pause(delay: Duration) {
        std::thread::sleep(delay);
    }
}

fn default_transport(settings: &Settings) -> Result<Arc<dyn BlockingTransport>, Error> {
    let transport = ReqwestBlockingTransport::new(&settings.transport_config())
        .map_err(crate::builder::transport_build_error)?;
    Ok(Arc::new(transport))
}
