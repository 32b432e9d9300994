//! Outgoing notifications (webhooks, callbacks) with bounded retries.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use payments_core::http::ReqwestTransport;
use payments_core::http::{HttpRequest, Method, Transport, TransportConfig};

use super::lock;

/// How a sandbox delivers a notification: up to `max_attempts` POSTs, `delay` apart, until the
/// merchant answers `200`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in total (at least one is always made).
    pub max_attempts: u32,
    /// Pause between two attempts.
    pub delay: Duration,
    /// Time allowed for one attempt.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    /// 5 attempts, 100 ms apart, 5 s per attempt.
    fn default() -> Self {
        Self {
            max_attempts: 5,
            delay: Duration::from_millis(100),
            timeout: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// A policy with `max_attempts` attempts `delay` apart.
    pub fn new(max_attempts: u32, delay: Duration) -> Self {
        Self {
            max_attempts,
            delay,
            ..Self::default()
        }
    }
}

/// One delivery attempt of a notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryAttempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// HTTP status the merchant answered, if it answered.
    pub status: Option<u16>,
    /// Transport error, if the merchant could not be reached.
    pub error: Option<String>,
    /// When the attempt started.
    pub at: DateTime<Utc>,
}

impl DeliveryAttempt {
    /// Whether the merchant answered `200`.
    pub fn succeeded(&self) -> bool {
        self.status == Some(200)
    }
}

/// A notification a sandbox sent, with every attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Target URL.
    pub url: String,
    /// Headers sent (besides those the HTTP client adds).
    pub headers: Vec<(String, String)>,
    /// Body bytes exactly as sent.
    pub body: Vec<u8>,
    /// The attempts, in order.
    pub attempts: Vec<DeliveryAttempt>,
    /// Whether an attempt got `200`.
    pub delivered: bool,
}

impl Notification {
    /// The body as UTF-8 text (lossy).
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The first value of a sent header, looked up case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends notifications and keeps a log of them.
#[derive(Debug)]
pub(crate) struct Notifier {
    transport: Option<ReqwestTransport>,
    policy: Mutex<RetryPolicy>,
    log: Mutex<Vec<Notification>>,
}

impl Notifier {
    pub(crate) fn new(policy: RetryPolicy) -> Self {
        let config = TransportConfig::default()
            .connect_timeout(Duration::from_secs(2))
            .timeout(policy.timeout);
        Self {
            transport: ReqwestTransport::new(&config).ok(),
            policy: Mutex::new(policy),
            log: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn set_policy(&self, policy: RetryPolicy) {
        *lock(&self.policy) = policy;
    }

    pub(crate) fn log(&self) -> Vec<Notification> {
        lock(&self.log).clone()
    }

    /// Forgets every logged notification.
    pub(crate) fn clear(&self) {
        lock(&self.log).clear();
    }

    /// Delivers the logged notification at `index` again (same URL, headers and bytes); the
    /// new delivery is logged as a notification of its own. `None` for an unknown index.
    pub(crate) async fn resend(&self, index: usize) -> Option<(usize, Notification)> {
        let sent = lock(&self.log).get(index).cloned()?;
        Some(self.send(&sent.url, sent.headers, sent.body).await)
    }

    /// POSTs `body` to `url` until it gets `200` or the attempts run out; logs and returns it.
    pub(crate) async fn deliver(
        &self,
        url: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> Notification {
        self.send(url, headers, body).await.1
    }

    /// [`deliver`](Self::deliver), also returning the notification's index in the log.
    async fn send(
        &self,
        url: &str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    ) -> (usize, Notification) {
        let policy = lock(&self.policy).clone();
        let mut attempts = Vec::new();
        let mut delivered = false;
        let max = policy.max_attempts.max(1);
        for number in 1..=max {
            let at = Utc::now();
            let (status, error) = match &self.transport {
                Some(transport) => {
                    let mut request = HttpRequest::new(Method::Post, url)
                        .body(body.clone())
                        .timeout(policy.timeout);
                    for (name, value) in &headers {
                        request = request.header(name.as_str(), value.as_str());
                    }
                    match transport.send(request).await {
                        Ok(response) => (Some(response.status), None),
                        Err(e) => (None, Some(e.to_string())),
                    }
                }
                None => (None, Some("no HTTP client available".to_owned())),
            };
            delivered = status == Some(200);
            attempts.push(DeliveryAttempt {
                number,
                status,
                error,
                at,
            });
            if delivered {
                break;
            }
            if number < max {
                tokio::time::sleep(policy.delay).await;
            }
        }
        let notification = Notification {
            url: url.to_owned(),
            headers,
            body,
            attempts,
            delivered,
        };
        let mut log = lock(&self.log);
        log.push(notification.clone());
        (log.len().saturating_sub(1), notification)
    }
}
