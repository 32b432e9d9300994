//! A logger that emits `tracing` events.

use tracing::Level;

use super::communicator_logger::CommunicatorLogger;

/// A [`CommunicatorLogger`] that emits `tracing` events with target `onlinepayments`
/// (the counterpart of the official `PythonCommunicatorLogger`): messages at `log_level`,
/// messages with an error at `error_log_level` (default: `log_level`) with the error in
/// the `error` field.
///
/// ```
/// use onlinepayments::log::TracingCommunicatorLogger;
/// use onlinepayments::tracing::Level;
///
/// let logger = TracingCommunicatorLogger::new(Level::INFO).with_error_log_level(Level::ERROR);
/// ```
#[doc(alias = "PythonCommunicatorLogger")]
#[derive(Debug, Clone, Copy)]
pub struct TracingCommunicatorLogger {
    log_level: Level,
    error_log_level: Level,
}

impl TracingCommunicatorLogger {
    /// A logger at `log_level`.
    pub fn new(log_level: Level) -> Self {
        Self {
            log_level,
            error_log_level: log_level,
        }
    }

    /// Sets the level of messages that carry an error.
    pub fn with_error_log_level(mut self, level: Level) -> Self {
        self.error_log_level = level;
        self
    }
}

macro_rules! emit {
    ($level:expr, $($rest:tt)*) => {
        match $level {
            Level::ERROR => tracing::event!(target: "onlinepayments", Level::ERROR, $($rest)*),
            Level::WARN => tracing::event!(target: "onlinepayments", Level::WARN, $($rest)*),
            Level::INFO => tracing::event!(target: "onlinepayments", Level::INFO, $($rest)*),
            Level::DEBUG => tracing::event!(target: "onlinepayments", Level::DEBUG, $($rest)*),
            _ => tracing::event!(target: "onlinepayments", Level::TRACE, $($rest)*),
        }
    };
}

impl CommunicatorLogger for TracingCommunicatorLogger {
    fn log(&self, message: &str, thrown: Option<&(dyn std::error::Error + 'static)>) {
        match thrown {
            None => emit!(self.log_level, "{}", message),
            Some(error) => emit!(self.error_log_level, error = %error, "{}", message),
        }
    }
}
