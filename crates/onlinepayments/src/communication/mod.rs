//! HTTP communication: request parameters, connection and response handling.

mod request_param;

pub use request_param::{ParamRequest, RequestParam};
