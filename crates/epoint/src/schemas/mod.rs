//! Request, response and callback types (the official `integrify.epoint.schemas`).

pub mod callback;
pub mod enums;
pub mod request;
pub mod response;
