#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The generated domain model and the marshaller against outputs of the official SDK
//! (`DefaultMarshaller.marshal`, onlinepayments-sdk-python3 10.3.0).

use onlinepayments::domain::{
    APIError, AmountOfMoney, Card, CardPaymentMethodSpecificInput, CreatePaymentRequest,
    DataObject, EmptyValidator, ErrorResponse, LineItem, Order, OrderLineDetails,
    PaymentProductFieldDisplayElement, RedirectPaymentProduct3307SpecificInput, ShoppingCart,
    ShoppingCartExtension, UploadableFile, WebhooksEvent,
};
use onlinepayments::json::DefaultMarshaller;

fn marshal<T: DataObject>(v: &T) -> String {
    DefaultMarshaller::instance().marshal(v)
}

fn unmarshal<T: DataObject>(body: &str) -> T {
    DefaultMarshaller::instance()
        .unmarshal::<T>(body)
        .unwrap()
        .unwrap()
}

/// The server-to-server example of the official integration guide, built in Rust; the
/// expected bytes are the official SDK's marshal output of the same dictionary.
#[test]
fn create_payment_request_server_to_server() {
    let request = CreatePaymentRequest::default()
        .with_order(
            Order::default().with_amount_of_money(
                AmountOfMoney::default()
                    .with_currency_code("EUR")
                    .with_amount(125_000),
            ),
        )
        .with_card_payment_method_specific_input(
            CardPaymentMethodSpecificInput::default()
                .with_card(
                    Card::default()
                        .with_cvv("123")
                        .with_card_number("5300000000000006")
                        .with_expiry_date("0124")
                        .with_cardholder_name("John Doe"),
                )
                .with_payment_product_id(3),
        );
    let expected = "{\n    \"cardPaymentMethodSpecificInput\": {\n        \"card\": {\n            \"cardNumber\": \"5300000000000006\",\n            \"cardholderName\": \"John Doe\",\n            \"cvv\": \"123\",\n            \"expiryDate\": \"0124\"\n        },\n        \"paymentProductId\": 3\n    },\n    \"order\": {\n        \"amountOfMoney\": {\n            \"amount\": 125000,\n            \"currencyCode\": \"EUR\"\n        }\n    }\n}";
    assert_eq!(marshal(&request), expected);
    // The guide's dictionary, read as `from_dictionary` would, gives the same object.
    let dict = r#"{"order": {"amountOfMoney": {"currencyCode": "EUR", "amount": 125000}},
        "cardPaymentMethodSpecificInput": {"card": {"cvv": "123", "cardNumber": "5300000000000006",
        "expiryDate": "0124", "cardholderName": "John Doe"}, "paymentProductId": 3}}"#;
    assert_eq!(unmarshal::<CreatePaymentRequest>(dict), request);
}

/// Keys are matched exactly: the guide's `CardPaymentMethodSpecificInput` (capital C) is an
/// unknown key, ignored by the official SDK and here.
#[test]
fn unknown_keys_are_ignored() {
    let dict = r#"{"order": {"amountOfMoney": {"currencyCode": "EUR", "amount": 12300}},
        "CardPaymentMethodSpecificInput": {"token": "tok"}, "somethingNew": [1, {"a": null}]}"#;
    let request: CreatePaymentRequest = unmarshal(dict);
    assert!(request.card_payment_method_specific_input.is_none());
    assert_eq!(
        marshal(&request),
        "{\n    \"order\": {\n        \"amountOfMoney\": {\n            \"amount\": 12300,\n            \"currencyCode\": \"EUR\"\n        }\n    }\n}"
    );
}

#[test]
fn null_reads_as_unset() {
    let order: Order =
        unmarshal(r#"{"amountOfMoney": null, "references": {"merchantReference": null}}"#);
    assert_eq!(order.amount_of_money, None);
    assert_eq!(order.references.as_ref().unwrap().merchant_reference, None);
    assert_eq!(marshal(&order), "{\n    \"references\": {}\n}");
    let errors: ErrorResponse = unmarshal(r#"{"errorId": "x", "errors": null}"#);
    assert_eq!(errors.errors, None);
}

#[test]
fn null_list_elements_are_dropped() {
    let errors: ErrorResponse = unmarshal(r#"{"errors": [null, {"id": "a"}, null]}"#);
    assert_eq!(errors.errors, Some(vec![APIError::default().with_id("a")]));
}

#[test]
fn of_a_repeated_key_the_last_value_counts() {
    // as Python's json.loads, which keeps the last value of a key
    let order: Order = unmarshal(
        r#"{"amountOfMoney": {"amount": 1, "currencyCode": "USD"},
            "amountOfMoney": {"amount": 2}}"#,
    );
    assert_eq!(
        order.amount_of_money,
        Some(AmountOfMoney::default().with_amount(2))
    );
    let unset: Order = unmarshal(r#"{"amountOfMoney": {"amount": 1}, "amountOfMoney": null}"#);
    assert_eq!(unset.amount_of_money, None);
}

#[test]
fn dates_read_from_strings_only() {
    use onlinepayments::domain::{Acceptance, CardBinDetails};
    let m = DefaultMarshaller::instance();
    let plain: Acceptance = unmarshal(r#"{"authorizationDate": "2024-03-05T10:00:00.123+01:00"}"#);
    // the same text with an escape, which the parser cannot borrow from the input
    let escaped: Acceptance =
        unmarshal(r#"{"authorizationDate": "2024-03-05T10:00:00.123\u002b01:00"}"#);
    assert_eq!(plain, escaped);
    assert_eq!(
        marshal(&plain),
        "{\n    \"authorizationDate\": \"2024-03-05T10:00:00.123+01:00\"\n}"
    );
    let unset: Acceptance = unmarshal(r#"{"authorizationDate": null}"#);
    assert_eq!(unset.authorization_date, None);
    let date: CardBinDetails = unmarshal(r#"{"cardEffectiveDate": "2030-12-01"}"#);
    assert_eq!(
        date.card_effective_date,
        chrono::NaiveDate::from_ymd_opt(2030, 12, 1)
    );
    for bad in [
        r#"{"authorizationDate": 5}"#,
        r#"{"authorizationDate": ["2024-03-05"]}"#,
        r#"{"authorizationDate": "yesterday"}"#,
    ] {
        assert!(m.unmarshal::<Acceptance>(bad).is_err(), "{bad}");
    }
    assert!(
        m.unmarshal::<CardBinDetails>(r#"{"cardEffectiveDate": "2030-13-01"}"#)
            .is_err()
    );
    assert!(
        m.unmarshal::<ErrorResponse>(r#"{"errors": {"id": "a"}}"#)
            .is_err()
    );
}

#[test]
fn empty_body_and_errors() {
    let m = DefaultMarshaller::instance();
    assert_eq!(m.unmarshal::<Order>("").unwrap(), None);
    let syntax = m.unmarshal::<Order>("{not json").unwrap_err();
    assert!(syntax.is_syntax());
    let typed = m
        .unmarshal::<Order>(r#"{"amountOfMoney": {"amount": "ten"}}"#)
        .unwrap_err();
    assert!(!typed.is_syntax());
    assert!(m.unmarshal::<Order>("\"text\"").is_err());
    // An array is not an object, also where serde would read fields by position.
    assert!(m.unmarshal::<Order>("[]").is_err());
    assert!(
        m.unmarshal::<Order>(r#"{"amountOfMoney": [1000, "EUR"]}"#)
            .is_err()
    );
    assert!(
        m.unmarshal::<ErrorResponse>(r#"{"errors": [["id"]]}"#)
            .is_err()
    );
    assert!(m.unmarshal::<Order>(r#"{"amountOfMoney": 5}"#).is_err());
}

#[test]
fn field_order_is_the_official_order() {
    // `WebhooksEvent` is not in alphabetical order in the official SDK.
    let event: WebhooksEvent = unmarshal(
        r#"{"payment": {"id": "p"}, "type": "payment.created", "id": "e", "apiVersion": "v1",
            "created": "2024-03-05T10:00:00.000+01:00", "merchantId": "m"}"#,
    );
    assert_eq!(event.r#type.as_deref(), Some("payment.created"));
    assert_eq!(
        marshal(&event),
        "{\n    \"apiVersion\": \"v1\",\n    \"created\": \"2024-03-05T10:00:00.000+01:00\",\n    \"id\": \"e\",\n    \"merchantId\": \"m\",\n    \"type\": \"payment.created\",\n    \"payment\": {\n        \"id\": \"p\"\n    }\n}"
    );
}

#[test]
fn keyword_field_is_raw_identifier() {
    let element = PaymentProductFieldDisplayElement::default()
        .with_type("TEXT")
        .with_id("x");
    assert_eq!(element.r#type.as_deref(), Some("TEXT"));
    assert_eq!(
        marshal(&element),
        "{\n    \"id\": \"x\",\n    \"type\": \"TEXT\"\n}"
    );
}

#[test]
fn empty_classes_are_empty_objects() {
    assert_eq!(marshal(&EmptyValidator::default()), "{}");
    assert_eq!(
        marshal(&RedirectPaymentProduct3307SpecificInput::default()),
        "{}"
    );
    let _: EmptyValidator = unmarshal(r#"{"ignored": true}"#);
}

#[test]
#[allow(deprecated)]
fn deprecated_fields_still_work() {
    let error = APIError::default().with_code("400").with_error_code("1234");
    assert_eq!(error.code.as_deref(), Some("400"));
    assert_eq!(
        marshal(&error),
        "{\n    \"code\": \"400\",\n    \"errorCode\": \"1234\"\n}"
    );
    let back: APIError = unmarshal(&marshal(&error));
    assert_eq!(back, error);
}

#[test]
fn floats_use_python_repr() {
    let order = Order::default().with_shopping_cart(ShoppingCart::default().with_items(vec![
        LineItem::default().with_order_line_details(
            OrderLineDetails::default().with_tax_percentage(21.0).with_product_price(100),
        ),
    ]));
    assert_eq!(
        marshal(&order),
        "{\n    \"shoppingCart\": {\n        \"items\": [\n            {\n                \"orderLineDetails\": {\n                    \"productPrice\": 100,\n                    \"taxPercentage\": 21.0\n                }\n            }\n        ]\n    }\n}"
    );
}

#[test]
fn non_ascii_is_escaped() {
    let error = APIError::default().with_message("Ödəniş 💳 \"q\"\n");
    assert_eq!(
        marshal(&error),
        "{\n    \"message\": \"\\u00d6d\\u0259ni\\u015f \\ud83d\\udcb3 \\\"q\\\"\\n\"\n}"
    );
    assert_eq!(unmarshal::<APIError>(&marshal(&error)), error);
}

#[test]
fn shopping_cart_extension_constructor() {
    let ext = ShoppingCartExtension::new("Creator", "Plugin", "1.0").with_extension_id("ext");
    assert_eq!(
        marshal(&ext),
        "{\n    \"creator\": \"Creator\",\n    \"name\": \"Plugin\",\n    \"version\": \"1.0\",\n    \"extensionId\": \"ext\"\n}"
    );
}

#[test]
fn to_and_from_dictionary() {
    let order = Order::default().with_amount_of_money(AmountOfMoney::default().with_amount(1));
    let value = order.to_dictionary();
    assert_eq!(value, serde_json::json!({"amountOfMoney": {"amount": 1}}));
    assert_eq!(Order::from_dictionary(value).unwrap(), order);
}

#[test]
fn uploadable_file() {
    let file = UploadableFile::new("a.txt", b"hello".to_vec(), "text/plain")
        .unwrap()
        .with_content_length(-7);
    assert_eq!(
        (file.file_name(), file.content(), file.content_type()),
        ("a.txt", &b"hello"[..], "text/plain")
    );
    assert_eq!(file.content_length(), -1);
    assert_eq!(
        UploadableFile::new(" ", Vec::new(), "text/plain")
            .unwrap_err()
            .field(),
        "file_name"
    );
    assert_eq!(
        UploadableFile::new("a", Vec::new(), "")
            .unwrap_err()
            .field(),
        "content_type"
    );
}

#[cfg(feature = "registry")]
#[test]
fn registry_covers_every_class() {
    assert_eq!(onlinepayments::domain::CLASS_NAMES.len(), 377);
    for name in onlinepayments::domain::CLASS_NAMES {
        let out = onlinepayments::domain::round_trip_by_name(name, "{}")
            .unwrap()
            .unwrap();
        assert_eq!(out, "{}", "{name}");
    }
    assert!(onlinepayments::domain::round_trip_by_name("DataObject", "{}").is_none());
}
