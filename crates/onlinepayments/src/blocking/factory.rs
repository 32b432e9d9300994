//! The blocking `Factory`.

use std::sync::Arc;

use payments_core::http::blocking::{BlockingTransport, ReqwestBlockingTransport};

use crate::communicator_configuration::CommunicatorConfiguration;
use crate::errors::Error;
use crate::factory::connection_error;

crate::factory::define_factory!(
    /// The blocking `Factory`: the usual way to create a blocking
    /// [`Client`](crate::blocking::Client); see [`crate::Factory`].
    ///
    /// ```no_run
    /// use onlinepayments::blocking::Factory;
    ///
    /// # fn run() -> Result<(), onlinepayments::Error> {
    /// let client = Factory::create_client_from_file("payments_sdk.prp", "apiKey", "apiSecret")?;
    /// let merchant_client = client.merchant("merchantId");
    /// # let _ = merchant_client;
    /// # Ok(())
    /// # }
    /// ```
    Factory,
    crate::blocking::communicator::Communicator,
    crate::blocking::client::Client,
    dyn BlockingTransport,
    default_connection
);

/// The blocking reqwest transport with the configuration's settings.
fn default_connection(
    configuration: &CommunicatorConfiguration,
) -> Result<Arc<dyn BlockingTransport>, Error> {
    let transport = ReqwestBlockingTransport::new(&configuration.transport_config())
        .map_err(connection_error)?;
    Ok(Arc::new(transport))
}
