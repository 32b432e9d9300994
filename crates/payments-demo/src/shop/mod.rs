//! The sample shop: orders, what the providers notified, and the web pages over them.

pub mod catalogue;
pub(crate) mod html;
mod routes;
pub(crate) mod views;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use payments_core::Decimal;
use payments_core::money::{Currency, Money};

pub use catalogue::{Product, Provider};

use crate::providers::Providers;

/// The shop's view of an order's payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
    /// Waiting for the customer or the provider.
    Pending,
    /// Paid: ship it.
    Paid,
    /// The provider declined the payment.
    Declined,
    /// Cancelled or expired.
    Cancelled,
    /// The provider reported a technical error, or an amount other than the order's.
    Error,
}

impl PaymentState {
    /// Lowercase label (`data-state` of the badge, the scripted run's table).
    pub fn label(self) -> &'static str {
        match self {
            PaymentState::Pending => "pending",
            PaymentState::Paid => "paid",
            PaymentState::Declined => "declined",
            PaymentState::Cancelled => "cancelled",
            PaymentState::Error => "error",
        }
    }

    /// True once the state can no longer change.
    pub fn is_final(self) -> bool {
        !matches!(self, PaymentState::Pending)
    }
}

/// An amount as a provider's notification states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedAmount {
    /// The amount in major units.
    pub amount: Decimal,
    /// The currency code, when the notification names one (EPoint's callback does not: its
    /// amounts are in the transaction's currency).
    pub currency: Option<String>,
}

impl ReportedAmount {
    /// An amount in minor units of `currency` (NoPayn, ECommPay, Online Payments). For a
    /// currency the shop does not know the units are kept as they are: such an amount never
    /// matches an order.
    pub fn from_minor(minor_units: i64, currency: &str) -> ReportedAmount {
        let amount = match Currency::from_code(currency) {
            Ok(c) => Money::from_minor(minor_units, c).to_decimal(),
            Err(_) => Decimal::from(minor_units),
        };
        ReportedAmount {
            amount,
            currency: Some(currency.to_owned()),
        }
    }

    /// The amount as money, read in `fallback` when no currency was named; `None` when it
    /// does not fit the currency (unknown code, more decimals than the currency has).
    pub fn to_money(&self, fallback: Currency) -> Option<Money> {
        let currency = match &self.currency {
            Some(code) => Currency::from_code(code).ok()?,
            None => fallback,
        };
        Money::from_decimal(self.amount, currency).ok()
    }
}

/// What the shop made of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Signature (or API re-fetch) verified and the amount is the order's.
    Verified,
    /// Verified, but the provider reports another amount than the order's: not shipped.
    AmountMismatch,
}

/// A verified notification, as the provider modules hand it to the shop.
#[derive(Debug, Clone)]
pub struct VerifiedNotification {
    /// What sent it (`"ECommPay callback"`).
    pub source: &'static str,
    /// How it was verified (`"HMAC-SHA512 signature"`).
    pub check: &'static str,
    /// What the provider's status means for the order.
    pub state: PaymentState,
    /// The provider's own status text.
    pub provider_status: String,
    /// The amount the notification states, if it states one.
    pub reported: Option<ReportedAmount>,
}

/// A notification recorded on an order.
#[derive(Debug, Clone)]
pub struct NotificationRecord {
    /// When the shop received it.
    pub received_at: DateTime<Utc>,
    /// The notification as verified.
    pub notification: VerifiedNotification,
    /// What the shop made of it.
    pub verdict: Verdict,
}

/// An order of the shop.
#[derive(Debug, Clone)]
pub struct ShopOrder {
    /// Shop order id.
    pub id: String,
    /// When it was placed.
    pub created_at: DateTime<Utc>,
    /// SKU of what was bought.
    pub sku: String,
    /// Name of what was bought.
    pub product: String,
    /// Amount the provider is asked to charge ([`catalogue::quote`]).
    pub amount: Money,
    /// Provider chosen at checkout.
    pub provider: Provider,
    /// Payment state.
    pub state: PaymentState,
    /// The provider's id of the payment (order id, transaction, hosted checkout id).
    pub provider_reference: Option<String>,
    /// The provider's own status text, as last verified.
    pub provider_status: Option<String>,
    /// Verified notifications, oldest first.
    pub notifications: Vec<NotificationRecord>,
    /// Notifications for this order that failed verification.
    pub rejected_notifications: u32,
    /// Audit trail shown on the order page.
    pub events: Vec<(DateTime<Utc>, String)>,
}

impl ShopOrder {
    /// A new pending order for `product` paid with `provider`; `None` when the product has no
    /// price in the provider's currency.
    pub fn new(id: String, product: &Product, provider: Provider) -> Option<ShopOrder> {
        let amount = catalogue::quote(product, provider)?;
        let now = Utc::now();
        Some(ShopOrder {
            id,
            created_at: now,
            sku: product.sku.to_owned(),
            product: product.name.to_owned(),
            amount,
            provider,
            state: PaymentState::Pending,
            provider_reference: None,
            provider_status: None,
            notifications: Vec::new(),
            rejected_notifications: 0,
            events: vec![(now, format!("placed, to pay {amount} with {provider}"))],
        })
    }

    /// Number of verified notifications.
    pub fn verified_notifications(&self) -> usize {
        self.notifications.len()
    }

    /// The amount the latest verified notification states (for a paid order: the amount
    /// charged), read in the order's currency when it names none.
    pub fn notified_amount(&self) -> Option<Money> {
        self.notifications
            .iter()
            .rev()
            .find_map(|n| n.notification.reported.as_ref())
            .and_then(|r| r.to_money(self.amount.currency()))
    }

    fn log(&mut self, text: String) {
        self.events.push((Utc::now(), text));
    }

    /// Records a verified notification. A final state never goes back to pending, so repeated
    /// notifications are idempotent; an amount other than the order's makes the order an error
    /// instead of paid.
    pub fn apply(&mut self, notification: VerifiedNotification) -> Verdict {
        let amount_ok = notification
            .reported
            .as_ref()
            .is_none_or(|r| r.to_money(self.amount.currency()) == Some(self.amount));
        let verdict = if amount_ok {
            Verdict::Verified
        } else {
            Verdict::AmountMismatch
        };
        self.provider_status = Some(notification.provider_status.clone());
        if !self.state.is_final() {
            self.state = match verdict {
                Verdict::Verified => notification.state,
                Verdict::AmountMismatch => PaymentState::Error,
            };
        }
        let amount = match (&notification.reported, verdict) {
            (Some(r), Verdict::AmountMismatch) => format!(
                " but states {} {} instead of {}",
                r.amount,
                r.currency.as_deref().unwrap_or(""),
                self.amount
            ),
            _ => String::new(),
        };
        self.log(format!(
            "{} verified by {}{amount}: provider status {:?}, order {}",
            notification.source,
            notification.check,
            notification.provider_status,
            self.state.label()
        ));
        self.notifications.push(NotificationRecord {
            received_at: Utc::now(),
            notification,
            verdict,
        });
        verdict
    }
}

/// Shared state of the shop.
#[derive(Clone)]
pub struct Shop {
    inner: Arc<ShopInner>,
}

struct ShopInner {
    base_url: String,
    orders: Mutex<BTreeMap<String, ShopOrder>>,
    providers: Providers,
}

impl Shop {
    /// A shop reachable at `base_url`, paying through `providers`.
    pub fn new(base_url: String, providers: Providers) -> Self {
        Self {
            inner: Arc::new(ShopInner {
                base_url,
                orders: Mutex::new(BTreeMap::new()),
                providers,
            }),
        }
    }

    /// The shop's own base URL (used for return and notification URLs).
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The provider clients.
    pub fn providers(&self) -> &Providers {
        &self.inner.providers
    }

    fn orders(&self) -> MutexGuard<'_, BTreeMap<String, ShopOrder>> {
        match self.inner.orders.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A copy of an order.
    pub fn order(&self, id: &str) -> Option<ShopOrder> {
        self.orders().get(id).cloned()
    }

    /// Every order, newest first.
    pub fn all_orders(&self) -> Vec<ShopOrder> {
        let mut orders: Vec<ShopOrder> = self.orders().values().cloned().collect();
        orders.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        orders
    }

    /// Finds the order a provider reference belongs to.
    pub fn order_by_reference(&self, provider: Provider, reference: &str) -> Option<ShopOrder> {
        self.orders()
            .values()
            .find(|o| o.provider == provider && o.provider_reference.as_deref() == Some(reference))
            .cloned()
    }

    /// Applies a change to an order.
    pub fn update(&self, id: &str, f: impl FnOnce(&mut ShopOrder)) -> bool {
        match self.orders().get_mut(id) {
            Some(order) => {
                f(order);
                true
            }
            None => false,
        }
    }

    /// Records a verified notification on an order ([`ShopOrder::apply`]).
    pub fn apply_verified(&self, id: &str, notification: VerifiedNotification) -> Option<Verdict> {
        let mut verdict = None;
        self.update(id, |o| verdict = Some(o.apply(notification)));
        verdict
    }

    /// Records a rejected notification.
    pub fn reject_notification(&self, id: Option<&str>, reason: &str) {
        if let Some(id) = id {
            self.update(id, |o| {
                o.rejected_notifications += 1;
                o.log(format!("notification rejected: {reason}"));
            });
        }
        eprintln!("payments-demo: notification rejected: {reason}");
    }

    /// Places a pending order; `None` when the product has no price for the provider.
    fn create_order(&self, product: &Product, provider: Provider) -> Option<ShopOrder> {
        let id = format!("SHOP-{}", uuid::Uuid::new_v4().simple())
            .chars()
            .take(17)
            .collect::<String>()
            .to_uppercase();
        let order = ShopOrder::new(id.clone(), product, provider)?;
        self.orders().insert(id, order.clone());
        Some(order)
    }

    /// URL of an order's page.
    pub fn order_url(&self, id: &str) -> String {
        format!("{}/orders/{id}", self.inner.base_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(provider: Provider) -> ShopOrder {
        let kettle = catalogue::product("kettle").unwrap();
        ShopOrder::new("SHOP-TEST".to_owned(), kettle, provider).unwrap()
    }

    fn paid(reported: Option<ReportedAmount>) -> VerifiedNotification {
        VerifiedNotification {
            source: "test",
            check: "signature",
            state: PaymentState::Paid,
            provider_status: "success".to_owned(),
            reported,
        }
    }

    #[test]
    fn final_states() {
        assert!(!PaymentState::Pending.is_final());
        for s in [
            PaymentState::Paid,
            PaymentState::Declined,
            PaymentState::Cancelled,
            PaymentState::Error,
        ] {
            assert!(s.is_final());
        }
    }

    #[test]
    fn an_order_is_priced_by_the_quote() {
        let o = order(Provider::Epoint);
        assert_eq!(o.amount.to_string(), "92.00 AZN");
        assert_eq!(order(Provider::NoPayn).amount.to_string(), "49.50 EUR");
        assert_eq!(o.state, PaymentState::Pending);
        assert_eq!(o.sku, "kettle");
    }

    #[test]
    fn matching_amount_is_verified_and_final_state_sticks() {
        let mut o = order(Provider::NoPayn);
        let verdict = o.apply(paid(Some(ReportedAmount::from_minor(4950, "EUR"))));
        assert_eq!(verdict, Verdict::Verified);
        assert_eq!(o.state, PaymentState::Paid);
        assert_eq!(o.notified_amount().unwrap().to_string(), "49.50 EUR");
        // A later notification does not move a final state.
        let mut declined = paid(Some(ReportedAmount::from_minor(4950, "EUR")));
        declined.state = PaymentState::Declined;
        o.apply(declined);
        assert_eq!(o.state, PaymentState::Paid);
        assert_eq!(o.verified_notifications(), 2);
    }

    #[test]
    fn another_amount_or_currency_is_not_paid() {
        for reported in [
            ReportedAmount::from_minor(4949, "EUR"),
            ReportedAmount::from_minor(4950, "AZN"),
            ReportedAmount::from_minor(4950, "XXX-unknown"),
            ReportedAmount {
                amount: Decimal::new(49_501, 3),
                currency: Some("EUR".to_owned()),
            },
        ] {
            let mut o = order(Provider::NoPayn);
            assert_eq!(o.apply(paid(Some(reported))), Verdict::AmountMismatch);
            assert_eq!(o.state, PaymentState::Error);
        }
    }

    #[test]
    fn amount_without_currency_is_read_in_the_order_currency() {
        let mut o = order(Provider::Epoint);
        let reported = ReportedAmount {
            amount: Decimal::new(92, 0),
            currency: None,
        };
        assert_eq!(o.apply(paid(Some(reported))), Verdict::Verified);
        assert_eq!(o.notified_amount().unwrap().to_string(), "92.00 AZN");
        assert_eq!(
            ReportedAmount::from_minor(1, "NOPE").to_money(Currency::EUR),
            None
        );
    }

    #[test]
    fn notification_without_amount_is_verified() {
        let mut o = order(Provider::Ecommpay);
        assert_eq!(o.apply(paid(None)), Verdict::Verified);
        assert_eq!(o.notified_amount(), None);
        assert_eq!(o.state, PaymentState::Paid);
    }
}
