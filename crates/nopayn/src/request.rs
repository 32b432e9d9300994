//! Request types (the keyword arguments of Python `create_order` /
//! `generate_payment_url`).

use payments_core::money::Money;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::enums::{OrderLineType, PaymentMethod};
use crate::error::Error;

/// Parameters of `create_order` and `generate_payment_url` (`POST /v1/orders/`).
///
/// Unset fields are left out of the JSON body. It serialises to exactly that body
/// (and deserialises from it).
///
/// ```
/// use nopayn::{CreateOrderRequest, PaymentMethod};
///
/// let req = CreateOrderRequest::new(1295, "EUR")
///     .merchant_order_id("ORDER-001")
///     .description("Premium Widget")
///     .payment_methods([PaymentMethod::CreditCard, PaymentMethod::ApplePay])
///     .expiration_period("PT30M");
/// assert!(req.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreateOrderRequest {
    /// Amount in minor units (cents).
    pub amount: i64,
    /// ISO 4217 currency code (EUR, GBP, USD, NOK, SEK, …).
    pub currency: String,
    /// Your own order reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_order_id: Option<String>,
    /// Order description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Redirect after a successful payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// Redirect after a cancelled, expired or failed payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_url: Option<String>,
    /// Where status-change webhooks are sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Language of the payment page (en-GB, de-DE, nl-NL, nl-BE, fr-BE, sv-SE, no-NO, da-DK).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Payment methods offered on the payment page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_methods: Option<Vec<PaymentMethod>>,
    /// ISO 8601 duration before the payment link expires (for example `PT30M`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_period: Option<String>,
    /// Order lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_lines: Option<Vec<OrderLine>>,
    /// Customer details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Customer>,
    /// Transactions to create with the order (direct payment-method flow), sent as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<Map<String, Value>>>,
}

impl CreateOrderRequest {
    /// A request for `amount` minor units of `currency`.
    pub fn new(amount: i64, currency: impl Into<String>) -> Self {
        CreateOrderRequest {
            amount,
            currency: currency.into(),
            merchant_order_id: None,
            description: None,
            return_url: None,
            failure_url: None,
            webhook_url: None,
            locale: None,
            payment_methods: None,
            expiration_period: None,
            order_lines: None,
            customer: None,
            transactions: None,
        }
    }

    /// A request for a [`Money`] amount (minor units and currency code).
    pub fn from_money(money: Money) -> Self {
        Self::new(money.minor_units(), money.currency().code())
    }

    /// Sets `merchant_order_id`.
    pub fn merchant_order_id(mut self, v: impl Into<String>) -> Self {
        self.merchant_order_id = Some(v.into());
        self
    }

    /// Sets `description`.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }

    /// Sets `return_url`.
    pub fn return_url(mut self, v: impl Into<String>) -> Self {
        self.return_url = Some(v.into());
        self
    }

    /// Sets `failure_url`.
    pub fn failure_url(mut self, v: impl Into<String>) -> Self {
        self.failure_url = Some(v.into());
        self
    }

    /// Sets `webhook_url`.
    pub fn webhook_url(mut self, v: impl Into<String>) -> Self {
        self.webhook_url = Some(v.into());
        self
    }

    /// Sets `locale`.
    pub fn locale(mut self, v: impl Into<String>) -> Self {
        self.locale = Some(v.into());
        self
    }

    /// Sets `payment_methods`.
    pub fn payment_methods<I, P>(mut self, methods: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<PaymentMethod>,
    {
        self.payment_methods = Some(methods.into_iter().map(Into::into).collect());
        self
    }

    /// Sets `expiration_period`, an ISO 8601 duration such as `PT30M` (checked when
    /// the request is sent, or by [`validate`](Self::validate)).
    pub fn expiration_period(mut self, v: impl Into<String>) -> Self {
        self.expiration_period = Some(v.into());
        self
    }

    /// Sets `order_lines`.
    pub fn order_lines(mut self, lines: impl IntoIterator<Item = OrderLine>) -> Self {
        self.order_lines = Some(lines.into_iter().collect());
        self
    }

    /// Sets `customer`.
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = Some(customer);
        self
    }

    /// Sets `transactions`: JSON objects sent unchanged, for example
    /// `{"payment_method": "credit-card", "capture_mode": "manual"}`.
    pub fn transactions(
        mut self,
        transactions: impl IntoIterator<Item = Map<String, Value>>,
    ) -> Self {
        self.transactions = Some(transactions.into_iter().collect());
        self
    }

    /// Checks what can be checked locally: `expiration_period` must be an ISO 8601
    /// duration.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(period) = &self.expiration_period
            && !is_iso8601_duration(period)
        {
            return Err(Error::InvalidRequest(format!(
                "expiration_period must be an ISO 8601 duration such as PT30M, got {period:?}"
            )));
        }
        Ok(())
    }

    /// The JSON body sent to `POST /v1/orders/` (after [`validate`](Self::validate)).
    pub fn to_body(&self) -> Result<Vec<u8>, Error> {
        self.validate()?;
        serde_json::to_vec(self)
            .map_err(|e| Error::InvalidRequest(format!("could not serialise the order: {e}")))
    }
}

impl From<Money> for CreateOrderRequest {
    fn from(money: Money) -> Self {
        Self::from_money(money)
    }
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrderLine {
    /// Line type (`physical`, `shipping_fee`, `discount`, …).
    #[serde(rename = "type")]
    pub line_type: OrderLineType,
    /// Item name.
    pub name: String,
    /// Number of units.
    pub quantity: i64,
    /// Amount per unit in minor units.
    pub amount: i64,
    /// ISO 4217 currency code.
    pub currency: String,
    /// VAT percentage in hundredths (2100 = 21.00 %).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat_percentage: Option<i64>,
    /// Your own line reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_order_line_id: Option<String>,
    /// Further fields sent unchanged (for example `url`, `image_url`, `ean`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OrderLine {
    /// A line of `quantity` units of `amount` minor units each.
    pub fn new(
        line_type: impl Into<OrderLineType>,
        name: impl Into<String>,
        quantity: i64,
        amount: i64,
        currency: impl Into<String>,
    ) -> Self {
        OrderLine {
            line_type: line_type.into(),
            name: name.into(),
            quantity,
            amount,
            currency: currency.into(),
            vat_percentage: None,
            merchant_order_line_id: None,
            extra: Map::new(),
        }
    }

    /// Sets `vat_percentage` (hundredths of a percent).
    pub fn vat_percentage(mut self, v: i64) -> Self {
        self.vat_percentage = Some(v);
        self
    }

    /// Sets `merchant_order_line_id`.
    pub fn merchant_order_line_id(mut self, v: impl Into<String>) -> Self {
        self.merchant_order_line_id = Some(v.into());
        self
    }

    /// Adds a further field, sent unchanged. Fields named like the typed ones are
    /// ignored in favour of those.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        let name = name.into();
        if !matches!(
            name.as_str(),
            "type"
                | "name"
                | "quantity"
                | "amount"
                | "currency"
                | "vat_percentage"
                | "merchant_order_line_id"
        ) {
            self.extra.insert(name, value.into());
        }
        self
    }
}

/// Customer details of an order: a JSON object sent as built.
///
/// ```
/// let customer = nopayn::Customer::new()
///     .first_name("Jane")
///     .last_name("Doe")
///     .email("jane@example.com")
///     .field("locale", "en-GB");
/// assert_eq!(serde_json::to_string(&customer).unwrap(),
///     r#"{"first_name":"Jane","last_name":"Doe","email":"jane@example.com","locale":"en-GB"}"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Customer {
    fields: Map<String, Value>,
}

impl Customer {
    /// No fields yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets any field.
    pub fn field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields.insert(name.into(), value.into());
        self
    }

    /// Sets `first_name`.
    pub fn first_name(self, v: impl Into<String>) -> Self {
        self.field("first_name", v.into())
    }

    /// Sets `last_name`.
    pub fn last_name(self, v: impl Into<String>) -> Self {
        self.field("last_name", v.into())
    }

    /// Sets `email`.
    pub fn email(self, v: impl Into<String>) -> Self {
        self.field("email", v.into())
    }

    /// The fields, in insertion order.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }
}

impl From<Map<String, Value>> for Customer {
    fn from(fields: Map<String, Value>) -> Self {
        Customer { fields }
    }
}

/// True for an ISO 8601 duration: `P`, then date parts `nY nM nW nD` in this order,
/// then optionally `T` and time parts `nH nM nS`; at least one part, at least one
/// after `T`; only the last part may have a fraction (`.` or `,`).
pub fn is_iso8601_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut parts = 0usize;
    let mut fraction_seen = false;
    let ok_date = scan_parts(date, &['Y', 'M', 'W', 'D'], &mut parts, &mut fraction_seen);
    let ok_time = match time {
        None => true,
        Some(t) => {
            let before = parts;
            scan_parts(t, &['H', 'M', 'S'], &mut parts, &mut fraction_seen) && parts > before
        }
    };
    ok_date && ok_time && parts > 0
}

/// Scans `nX` parts whose designators appear in `order`, in order, once each.
fn scan_parts(text: &str, order: &[char], parts: &mut usize, fraction_seen: &mut bool) -> bool {
    let mut next = 0usize;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            if *fraction_seen {
                return false;
            }
            number.push(c);
            continue;
        }
        let Some(pos) = order.iter().skip(next).position(|d| *d == c) else {
            return false;
        };
        if !valid_number(&number, fraction_seen) {
            return false;
        }
        number.clear();
        next += pos + 1;
        *parts += 1;
    }
    number.is_empty()
}

fn valid_number(number: &str, fraction_seen: &mut bool) -> bool {
    let (int, frac) = match number.split_once(['.', ',']) {
        Some((i, f)) => (i, Some(f)),
        None => (number, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match frac {
        None => true,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            *fraction_seen = true;
            true
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use payments_core::money::Currency;
    use serde_json::json;

    #[test]
    fn durations() {
        for ok in [
            "PT30M",
            "P1D",
            "PT1H30M",
            "P1Y2M3W4DT5H6M7S",
            "PT0.5S",
            "PT1,5H",
            "P2W",
            "PT15M",
            "P0D",
        ] {
            assert!(is_iso8601_duration(ok), "{ok}");
        }
        for bad in [
            "",
            "P",
            "PT",
            "30M",
            "pt30m",
            "PT30",
            "P1DT",
            "PT30M ",
            " PT30M",
            "PM",
            "PT-5M",
            "P1M1Y",
            "PT1.5H30M",
            "PT1..5S",
            "PT.5S",
            "P1DD",
            "PT30MX",
            "P1H",
            "PT1D",
            "PT1M1M",
            "P1D2",
        ] {
            assert!(!is_iso8601_duration(bad), "{bad}");
        }
    }

    #[test]
    fn minimal_body() {
        let body = CreateOrderRequest::new(100, "EUR").to_body().unwrap();
        assert_eq!(body, br#"{"amount":100,"currency":"EUR"}"#);
    }

    #[test]
    fn full_body_in_wire_order() {
        let mut tx = Map::new();
        tx.insert("payment_method".into(), json!("credit-card"));
        let req = CreateOrderRequest::from_money(Money::from_minor(1295, Currency::EUR))
            .merchant_order_id("ORDER-001")
            .description("Premium Widget")
            .return_url("https://shop.example.com/success")
            .failure_url("https://shop.example.com/failure")
            .webhook_url("https://shop.example.com/webhook")
            .locale("en-GB")
            .payment_methods(["credit-card", "vipps-mobilepay"])
            .expiration_period("PT30M")
            .order_lines([
                OrderLine::new(OrderLineType::Physical, "Widget", 1, 1295, "EUR")
                    .vat_percentage(2100)
                    .merchant_order_line_id("L1")
                    .field("url", "https://shop.example.com/w")
                    .field("amount", 1),
            ])
            .customer(Customer::new().first_name("Jane"))
            .transactions([tx]);
        let body = String::from_utf8(req.to_body().unwrap()).unwrap();
        assert_eq!(
            body,
            concat!(
                r#"{"amount":1295,"currency":"EUR","merchant_order_id":"ORDER-001","description":"Premium Widget","#,
                r#""return_url":"https://shop.example.com/success","failure_url":"https://shop.example.com/failure","#,
                r#""webhook_url":"https://shop.example.com/webhook","locale":"en-GB","#,
                r#""payment_methods":["credit-card","vipps-mobilepay"],"expiration_period":"PT30M","#,
                r#""order_lines":[{"type":"physical","name":"Widget","quantity":1,"amount":1295,"currency":"EUR","#,
                r#""vat_percentage":2100,"merchant_order_line_id":"L1","url":"https://shop.example.com/w"}],"#,
                r#""customer":{"first_name":"Jane"},"transactions":[{"payment_method":"credit-card"}]}"#
            )
        );
    }

    #[test]
    fn invalid_period_is_rejected_before_sending() {
        let err = CreateOrderRequest::new(100, "EUR")
            .expiration_period("30 minutes")
            .to_body()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err}");
        let req: CreateOrderRequest = Money::from_minor(5, Currency::JPY).into();
        assert_eq!((req.amount, req.currency.as_str()), (5, "JPY"));
    }
}
