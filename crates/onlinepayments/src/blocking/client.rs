//! The blocking `Client`.

crate::client::define_client!(
    /// The blocking `Client`; see [`crate::Client`].
    #[doc(alias = "IClient")]
    Client,
    crate::blocking::communicator::Communicator,
    crate::merchant::blocking::MerchantClient
);
