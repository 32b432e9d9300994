//! The error type of the sandbox API.

/// What can go wrong when starting or driving a sandbox from Rust.
///
/// HTTP clients of a sandbox never see this type: they get the provider's own error shape.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The loopback listener could not be bound.
    #[error("could not bind a loopback port: {0}")]
    Bind(#[from] std::io::Error),
    /// No order, payment, transaction or notification has this id.
    #[error("unknown payment or order: {0}")]
    NotFound(String),
    /// The payment is not in a state that allows the action (already paid, expired, ...).
    #[error("invalid state: {0}")]
    InvalidState(String),
    /// The hosted page refused the request (bad signature, missing parameter, ...).
    #[error("rejected: {0}")]
    Rejected(String),
    /// The provider has no such status transition (see [`Transition`](crate::control::Transition)).
    #[error("unsupported: {0}")]
    Unsupported(String),
}
