//! A logger that prints to standard output.

use std::io::Write as _;

use super::communicator_logger::CommunicatorLogger;

/// `SysOutCommunicatorLogger`: prints every message to standard output, prefixed with
/// the local time (`%Y-%m-%dT%H:%M:%S `), followed by the error's message if there is one.
/// Output of concurrent calls is not interleaved.
///
/// ```no_run
/// # fn f(client: &onlinepayments::Client) {
/// use onlinepayments::log::SysOutCommunicatorLogger;
/// use std::sync::Arc;
///
/// client.enable_logging(Arc::new(SysOutCommunicatorLogger::instance()));
/// // do some calls …
/// client.disable_logging();
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SysOutCommunicatorLogger;

impl SysOutCommunicatorLogger {
    /// The logger (it has no state).
    pub fn instance() -> Self {
        Self
    }
}

impl CommunicatorLogger for SysOutCommunicatorLogger {
    fn log(&self, message: &str, thrown: Option<&(dyn std::error::Error + 'static)>) {
        let prefix = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S ");
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let _ = writeln!(out, "{prefix}{message}");
        if let Some(error) = thrown {
            let _ = writeln!(out, "{error}");
        }
    }
}
