//! The result of paying on a hosted page.

use super::cards::CardOutcome;
use super::notify::{DeliveryAttempt, Notification};

/// What happened when a customer paid on a sandbox's hosted page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOutcome {
    /// The provider's status after the payment (`completed`, `success`, `CAPTURED`, ...).
    pub status: String,
    /// What the card produced.
    pub card_outcome: CardOutcome,
    /// Where the customer is sent next (the merchant's success or failure URL), if anywhere.
    pub redirect_url: Option<String>,
    /// Whether the notification got a `200` from the merchant.
    pub notification_delivered: bool,
    /// Every delivery attempt of the notification (empty when no notification URL is set).
    pub attempts: Vec<DeliveryAttempt>,
    /// The notification as sent, if one was sent.
    pub notification: Option<Notification>,
}

impl PaymentOutcome {
    pub(crate) fn new(
        status: impl Into<String>,
        card_outcome: CardOutcome,
        redirect_url: Option<String>,
        notification: Option<Notification>,
    ) -> Self {
        Self {
            status: status.into(),
            card_outcome,
            redirect_url,
            notification_delivered: notification.as_ref().is_some_and(|n| n.delivered),
            attempts: notification
                .as_ref()
                .map(|n| n.attempts.clone())
                .unwrap_or_default(),
            notification,
        }
    }

    /// Whether the payment went through.
    pub fn is_approved(&self) -> bool {
        self.card_outcome.is_approved()
    }
}
