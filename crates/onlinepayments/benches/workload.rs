//! The workload of the `hot_paths` benchmark, shared with `cargo xtask bench onlinepayments`
//! (which includes this file to compute the Rust outputs it compares with the official
//! Python SDK's, `xtask/bench/onlinepayments.py`).
//!
//! Inputs are the files of `benches/inputs/` (written by `xtask/bench/onlinepayments_inputs.py`).

use std::path::Path;

use onlinepayments::authentication::{Authenticator, V1HmacAuthenticator};
use onlinepayments::communication::RequestHeader;
use onlinepayments::domain::{
    Address, AddressPersonal, AmountOfMoney, BrowserData, Card, CardPaymentMethodSpecificInput,
    ContactDetails, CreatePaymentRequest, Customer, CustomerDevice, DataObject, FraudFields,
    LineItem, Order, OrderLineDetails, OrderReferences, PersonalInformation, PersonalName,
    RedirectionData, Shipping, ShoppingCart, ThreeDSecure,
};
use onlinepayments::json::DefaultMarshaller;
use onlinepayments::webhooks::{InMemorySecretKeyStore, WebhooksHelper};
use payments_core::signing::{hex_lower, sha256};
use serde_json::Value;

/// Everything the benchmark reads from `benches/inputs/`.
pub struct Inputs {
    /// The key the create-payment request is signed with.
    pub authenticator: V1HmacAuthenticator,
    /// The secret API key, for the floor's bare HMAC.
    pub secret_api_key: String,
    /// `POST`.
    pub method: String,
    /// The absolute URL of the request.
    pub url: String,
    /// The headers the request is signed with (`Date` fixed).
    pub headers: Vec<RequestHeader>,
    /// The webhook helper, with the key of the event in its store.
    pub webhooks: WebhooksHelper,
    /// The webhook's secret, for the floor's bare HMAC.
    pub webhook_secret: String,
    /// The body of the `payment.captured` event.
    pub webhook_body: Vec<u8>,
    /// `X-GCS-Signature` and `X-GCS-KeyId` of the event.
    pub webhook_headers: Vec<RequestHeader>,
    /// A `PaymentResponse` body (1.9 KB).
    pub payment: String,
    /// A `GetPaymentProductsResponse` body (250 KB).
    pub products: String,
}

fn read(dir: &Path, name: &str) -> Result<String, String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("input without {key}"))
}

impl Inputs {
    /// Reads the inputs from `dir` (`crates/onlinepayments/benches/inputs`).
    pub fn load(dir: &Path) -> Result<Self, String> {
        let create: Value =
            serde_json::from_str(&read(dir, "create_payment.json")?).map_err(|e| e.to_string())?;
        let headers = create
            .get("headers")
            .and_then(Value::as_array)
            .ok_or("create_payment.json without headers")?
            .iter()
            .map(|pair| match (pair.get(0), pair.get(1)) {
                (Some(Value::String(n)), Some(Value::String(v))) => {
                    Ok(RequestHeader::new(n.as_str(), v.as_str()))
                }
                _ => Err(format!("bad header {pair}")),
            })
            .collect::<Result<Vec<_>, String>>()?;
        let secret_api_key = text(&create, "secret_api_key")?.to_owned();
        let authenticator =
            V1HmacAuthenticator::new(text(&create, "api_key_id")?, secret_api_key.clone().into())
                .map_err(|e| e.to_string())?;

        let hook: Value =
            serde_json::from_str(&read(dir, "webhook.json")?).map_err(|e| e.to_string())?;
        let key_id = text(&hook, "key_id")?;
        let webhook_secret = text(&hook, "secret")?.to_owned();
        let store = InMemorySecretKeyStore::new();
        store
            .store_secret_key(key_id, webhook_secret.as_str())
            .map_err(|e| e.to_string())?;
        Ok(Self {
            authenticator,
            secret_api_key,
            method: text(&create, "method")?.to_owned(),
            url: text(&create, "url")?.to_owned(),
            headers,
            webhooks: WebhooksHelper::new(store),
            webhook_secret,
            webhook_body: read(dir, "webhook_payment_captured.json")?.into_bytes(),
            webhook_headers: vec![
                RequestHeader::new("X-GCS-Signature", text(&hook, "signature")?),
                RequestHeader::new("X-GCS-KeyId", key_id),
            ],
            payment: read(dir, "payment_response.json")?,
            products: read(dir, "get_payment_products_response.json")?,
        })
    }

    /// The create-payment hot path: builds the request, marshals it and computes its
    /// `Authorization` header.
    pub fn create_payment(&self) -> Result<(String, String), String> {
        let body = DefaultMarshaller::instance().marshal(&build_create_payment());
        let authorization = self
            .authenticator
            .get_authorization(&self.method, &self.url, &self.headers)
            .map_err(|e| e.to_string())?;
        Ok((body, authorization))
    }
}

/// SHA-256 (hex) of an object marshalled as the official SDK writes it: what the parse
/// cases compare.
#[allow(
    dead_code,
    reason = "used by `cargo xtask bench`, not by the criterion benchmark"
)]
pub fn digest<T: DataObject>(object: &T) -> String {
    hex_lower(&sha256(
        DefaultMarshaller::instance().marshal(object).as_bytes(),
    ))
}

/// The create-payment request: 53 values in 22 objects; six of the strings have non-ASCII
/// characters, one value is a float.
pub fn build_create_payment() -> CreatePaymentRequest {
    let card_input = CardPaymentMethodSpecificInput::default()
        .with_authorization_mode("SALE")
        .with_card(
            Card::default()
                .with_card_number("4111111111111111")
                .with_cardholder_name("Wolfgang Müller")
                .with_cvv("123")
                .with_expiry_date("1230"),
        )
        .with_is_recurring(false)
        .with_payment_product_id(1)
        .with_return_url("https://shop.example.com/return?order=731")
        .with_three_d_secure(
            ThreeDSecure::default()
                .with_challenge_indicator("challenge-requested")
                .with_redirection_data(
                    RedirectionData::default()
                        .with_return_url("https://shop.example.com/3ds-return"),
                ),
        )
        .with_tokenize(false)
        .with_unscheduled_card_on_file_requestor("cardholderInitiated");
    let customer = Customer::default()
        .with_billing_address(
            Address::default()
                .with_city("Köln")
                .with_country_code("DE")
                .with_house_number("12a")
                .with_street("Domstraße")
                .with_zip("50667"),
        )
        .with_contact_details(
            ContactDetails::default()
                .with_email_address("w.mueller@example.com")
                .with_phone_number("+49221123456"),
        )
        .with_device(
            CustomerDevice::default()
                .with_accept_header("text/html,application/xhtml+xml")
                .with_browser_data(
                    BrowserData::default()
                        .with_color_depth(24)
                        .with_java_enabled(false)
                        .with_screen_height("1080")
                        .with_screen_width("1920"),
                )
                .with_ip_address("203.0.113.7")
                .with_locale("de_DE")
                .with_timezone_offset_utc_minutes("-60")
                .with_user_agent("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/124.0"),
        )
        .with_locale("de_DE")
        .with_merchant_customer_id("cust-4711")
        .with_personal_information(
            PersonalInformation::default()
                .with_date_of_birth("19800101")
                .with_gender("male")
                .with_name(
                    PersonalName::default()
                        .with_first_name("Wolfgang")
                        .with_surname("Müller")
                        .with_title("Dr."),
                ),
        );
    let order = Order::default()
        .with_amount_of_money(
            AmountOfMoney::default()
                .with_amount(12999)
                .with_currency_code("EUR"),
        )
        .with_customer(customer)
        .with_references(
            OrderReferences::default()
                .with_merchant_parameters("basket=B-7731")
                .with_merchant_reference("order-2024-000731"),
        )
        .with_shipping(
            Shipping::default().with_address(
                AddressPersonal::default()
                    .with_city("Köln")
                    .with_country_code("DE")
                    .with_house_number("12a")
                    .with_street("Domstraße")
                    .with_zip("50667"),
            ),
        )
        .with_shopping_cart(ShoppingCart::default().with_items(vec![
                LineItem::default()
                    .with_amount_of_money(
                        AmountOfMoney::default()
                            .with_amount(12999)
                            .with_currency_code("EUR"),
                    )
                    .with_order_line_details(
                        OrderLineDetails::default()
                            .with_product_code("SKU-ESP-01")
                            .with_product_name("Espresso machine \"Barista\"")
                            .with_product_price(12999)
                            .with_quantity(1)
                            .with_tax_amount(2075)
                            .with_tax_percentage(19.0),
                    ),
            ]));
    CreatePaymentRequest::default()
        .with_card_payment_method_specific_input(card_input)
        .with_fraud_fields(FraudFields::default().with_black_list_data("none"))
        .with_order(order)
}
