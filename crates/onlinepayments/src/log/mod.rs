//! Logging of the API communication, with obfuscation of sensitive data.
//!
//! Enable it with [`crate::Client::enable_logging`]. Every request, response and
//! transport error is passed to a [`CommunicatorLogger`] as a message in the official
//! SDK's format; bodies and headers go through a [`BodyObfuscator`] and a
//! [`HeaderObfuscator`] first.

mod body_obfuscator;
mod communicator_logger;
mod header_obfuscator;
mod log_message;
mod masked;
mod obfuscation_rule;
mod sys_out_communicator_logger;
#[cfg(feature = "tracing")]
mod tracing_communicator_logger;

pub use body_obfuscator::BodyObfuscator;
pub use communicator_logger::CommunicatorLogger;
pub use header_obfuscator::HeaderObfuscator;
pub(crate) use log_message::is_binary as is_binary_content_type;
pub use log_message::{RequestLogMessage, ResponseLogMessage};
pub(crate) use masked::masked;
pub use obfuscation_rule::{
    ObfuscationRule, obfuscate_all, obfuscate_all_but_first, obfuscate_all_but_last,
    obfuscate_with_fixed_length,
};
pub use sys_out_communicator_logger::SysOutCommunicatorLogger;
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub use tracing_communicator_logger::TracingCommunicatorLogger;
