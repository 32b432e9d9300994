//! The blocking `Communicator`.

use payments_core::http::blocking::BlockingTransport;

crate::communicator::communicator_shell!(
    /// The blocking `Communicator`: sends requests to the Online Payments platform over a
    /// [`BlockingTransport`]; see [`crate::Communicator`].
    #[doc(alias = "ICommunicator")]
    Communicator,
    dyn BlockingTransport,
    execute_blocking,
    [] [] []
);
