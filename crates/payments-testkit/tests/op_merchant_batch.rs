#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `merchant_batch()` through the Rust SDK: a gzipped batch of payments submitted, processed
//! and reported; maintenance and payout batches; unknown references, invalid batches and a
//! second processing.

mod op_common;

use onlinepayments::MerchantClient;
use onlinepayments::domain::SubmitBatchRequestBody;
use onlinepayments::merchant::merchantbatch::GetPaymentsReportParams;
use op_common::{failure, merchant, paid, req, sandbox};
use payments_testkit::TestCard;
use serde_json::{Value, json};

fn payment(card: &str, amount: i64) -> Value {
    json!({
        "cardPaymentMethodSpecificInput": {
            "authorizationMode": "FINAL_AUTHORIZATION",
            "card": {"cardNumber": card, "cvv": "123", "expiryDate": "1230"},
            "paymentProductId": 1,
        },
        "order": {
            "amountOfMoney": {"amount": amount, "currencyCode": "EUR"},
            "references": {"merchantReference": format!("BATCH-{amount}")},
        },
    })
}

fn batch(
    reference: &str,
    operation: &str,
    list: &str,
    items: Vec<Value>,
) -> SubmitBatchRequestBody {
    let count = items.len();
    let mut body = json!({
        "header": {"itemCount": count, "merchantBatchReference": reference, "operationType": operation},
    });
    body[list] = Value::Array(items);
    req(body)
}

async fn submit(m: &MerchantClient, request: &SubmitBatchRequestBody) -> String {
    let submitted = m
        .merchant_batch()
        .submit_batch(request, None)
        .await
        .unwrap();
    submitted.merchant_batch_reference.unwrap()
}

#[tokio::test]
async fn a_batch_of_payments_is_submitted_processed_and_reported() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let mb = m.merchant_batch();
    let items = vec![
        payment(TestCard::VisaSuccess.number(), 1000),
        payment(TestCard::VisaDeclined.number(), 2000),
        payment(TestCard::MastercardSuccess.number(), 3000),
    ];
    let request = batch("Ref-1", "CreatePayment", "createPayments", items);
    let submitted = mb.submit_batch(&request, None).await.unwrap();
    assert_eq!(
        (
            submitted.merchant_batch_reference.as_deref(),
            submitted.total_count
        ),
        (Some("Ref-1"), Some(3))
    );
    // The SDK sends it gzipped; the sandbox inflates it.
    let sent = sb.requests();
    let last = sent.last().unwrap();
    assert_eq!(last.header("content-encoding"), Some("gzip"));

    let status = mb.get_batch_status("Ref-1", None).await.unwrap();
    assert_eq!(status.status.as_deref(), Some("SUBMITTED"));
    assert_eq!(status.item_count, Some(3));
    assert_eq!(status.operation_type.as_deref(), Some("CreatePayment"));
    let report = mb
        .get_payments_report("Ref-1", &GetPaymentsReportParams::default(), None)
        .await
        .unwrap();
    assert_eq!(report.payments.unwrap().len(), 0);

    mb.process_batch("Ref-1", None).await.unwrap();
    let status = mb.get_batch_status("Ref-1", None).await.unwrap();
    assert_eq!(status.status.as_deref(), Some("PROCESSED"));
    let report = mb
        .get_payments_report("Ref-1", &GetPaymentsReportParams::default(), None)
        .await
        .unwrap();
    let payments = report.payments.unwrap();
    let statuses: Vec<&str> = payments
        .iter()
        .map(|p| p.status.as_deref().unwrap())
        .collect();
    assert_eq!(statuses, ["PENDING_CAPTURE", "REJECTED", "PENDING_CAPTURE"]);
    assert!(!report.pagination.unwrap().has_more.unwrap());
    let declined = payments[1].status_output.as_ref().unwrap();
    assert_eq!(
        declined.errors.as_ref().unwrap()[0].http_status_code,
        Some(402)
    );
    let first = &payments[0];
    let output = first.payment_output.as_ref().unwrap();
    assert_eq!(output.amount_of_money.as_ref().unwrap().amount, Some(1000));
    let card = output.card_payment_method_specific_output.as_ref().unwrap();
    assert_eq!(
        card.card.as_ref().unwrap().card_number.as_deref(),
        Some("************1111")
    );
    // The payments exist as if created one by one.
    let id = first.id.clone().unwrap();
    let got = m.payments().get_payment(&id, None).await.unwrap();
    assert_eq!(got.status.as_deref(), Some("PENDING_CAPTURE"));

    // Paged with a cursor.
    let page = mb
        .get_payments_report(
            "Ref-1",
            &GetPaymentsReportParams::default().with_limit(2),
            None,
        )
        .await
        .unwrap();
    let pagination = page.pagination.unwrap();
    assert_eq!(page.payments.unwrap().len(), 2);
    assert_eq!(pagination.has_more, Some(true));
    let cursor = pagination.next_cursor.unwrap();
    let rest = mb
        .get_payments_report(
            "Ref-1",
            &GetPaymentsReportParams::default()
                .with_cursor(cursor)
                .with_limit(2),
            None,
        )
        .await
        .unwrap();
    let rest = rest.payments.unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].status.as_deref(), Some("PENDING_CAPTURE"));

    // Processed once.
    let e = mb.process_batch("Ref-1", None).await.unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("ACTION_NOT_ALLOWED_ON_TARGET".into()),
            None
        )
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn maintenance_and_payout_batches_run_like_the_single_calls() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let mb = m.merchant_batch();
    let visa = TestCard::VisaSuccess.number();
    let (auth, _) = paid(&m, visa, 800, "FINAL_AUTHORIZATION").await;
    let (sale, _) = paid(&m, visa, 900, "SALE").await;
    let captures = vec![
        json!({"capture": {"amount": 800, "isFinal": true}, "paymentId": auth}),
        json!({"capture": {"amount": 100}, "paymentId": sale}),
        json!({"paymentId": "9999999999_0"}),
    ];
    let reference = submit(
        &m,
        &batch("Cap-1", "CapturePayment", "capturePayments", captures),
    )
    .await;
    mb.process_batch(&reference, None).await.unwrap();
    let report = mb
        .get_payments_report(&reference, &GetPaymentsReportParams::default(), None)
        .await
        .unwrap();
    let payments = report.payments.unwrap();
    assert_eq!(payments.len(), 3);
    assert_eq!(payments[0].status.as_deref(), Some("CAPTURED"));
    assert!(payments[0].status_output.as_ref().unwrap().errors.is_none());
    // The sale was captured already: the item failed, the payment is unchanged.
    let refused = &payments[1];
    assert_eq!(refused.status.as_deref(), Some("CAPTURED"));
    let error = &refused
        .status_output
        .as_ref()
        .unwrap()
        .errors
        .as_ref()
        .unwrap()[0];
    assert_eq!(error.id.as_deref(), Some("ACTION_NOT_ALLOWED_ON_TARGET"));
    let unknown = &payments[2];
    assert_eq!(unknown.id.as_deref(), Some("9999999999_0"));
    let error = &unknown
        .status_output
        .as_ref()
        .unwrap()
        .errors
        .as_ref()
        .unwrap()[0];
    assert_eq!(error.http_status_code, Some(404));
    let captured = m.payments().get_payment(&auth, None).await.unwrap();
    assert_eq!(captured.status.as_deref(), Some("CAPTURED"));

    // Subsequent payments on the captured card.
    let subsequent = vec![json!({
        "paymentId": auth,
        "subsequent": {"order": {"amountOfMoney": {"amount": 50, "currencyCode": "EUR"}}},
    })];
    let reference = submit(
        &m,
        &batch(
            "Sub-1",
            "SubsequentPayment",
            "subsequentPayments",
            subsequent,
        ),
    )
    .await;
    mb.process_batch(&reference, None).await.unwrap();
    let report = mb
        .get_payments_report(&reference, &GetPaymentsReportParams::default(), None)
        .await
        .unwrap();
    let created = &report.payments.unwrap()[0];
    assert_ne!(created.id.as_deref(), Some(auth.as_str()));
    assert_eq!(created.status.as_deref(), Some("CAPTURED"));

    // A payout batch: no payments to report; the status shows it ran.
    let payouts = vec![json!({
        "amountOfMoney": {"amount": 300, "currencyCode": "EUR"},
        "cardPayoutMethodSpecificInput": {"card": {"cardNumber": visa, "expiryDate": "1230"}},
    })];
    let reference = submit(
        &m,
        &batch("Pay-1", "CreatePayout", "createPayouts", payouts),
    )
    .await;
    mb.process_batch(&reference, None).await.unwrap();
    let status = mb.get_batch_status(&reference, None).await.unwrap();
    assert_eq!(status.status.as_deref(), Some("PROCESSED"));
    let report = mb
        .get_payments_report(&reference, &GetPaymentsReportParams::default(), None)
        .await
        .unwrap();
    assert!(report.payments.unwrap().is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn unknown_and_invalid_batches_get_the_platform_errors() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let mb = m.merchant_batch();
    let unknown = "non-existing-batch-reference";
    for e in [
        mb.process_batch(unknown, None).await.unwrap_err(),
        mb.get_batch_status(unknown, None).await.unwrap_err(),
        mb.get_payments_report(unknown, &GetPaymentsReportParams::default(), None)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(
            failure(&e),
            (
                "ReferenceException",
                404,
                Some("UNKNOWN_RESOURCE".into()),
                None
            )
        );
    }
    let visa = TestCard::VisaSuccess.number();
    let mut count_off = serde_json::to_value(batch(
        "Ref-count",
        "CreatePayment",
        "createPayments",
        vec![payment(visa, 100)],
    ))
    .unwrap();
    count_off["header"]["itemCount"] = json!(2);
    let mut mixed = serde_json::to_value(batch(
        "Ref-mixed",
        "CreatePayment",
        "createPayments",
        vec![payment(visa, 100)],
    ))
    .unwrap();
    mixed["capturePayments"] = json!([{"paymentId": "1"}]);
    let cases = [
        (
            batch(
                "",
                "CreatePayment",
                "createPayments",
                vec![payment(visa, 100)],
            ),
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "header.merchantBatchReference",
        ),
        (
            batch(
                "Ref-item",
                "CreatePayment",
                "createPayments",
                vec![payment(visa, 100), payment(visa, -5)],
            ),
            "INVALID_VALUE",
            "createPayments[1].order.amountOfMoney.amount",
        ),
        (
            batch(
                "Ref-op",
                "CreateEverything",
                "createPayments",
                vec![payment(visa, 100)],
            ),
            "INVALID_VALUE",
            "header.operationType",
        ),
        (
            batch("Ref-none", "CreatePayment", "createPayments", vec![]),
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "createPayments",
        ),
        (req(count_off), "INVALID_VALUE", "header.itemCount"),
        (req(mixed), "INVALID_VALUE", "capturePayments"),
    ];
    for (request, error, property) in cases {
        let e = mb.submit_batch(&request, None).await.unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some(error.into()),
                Some(property.into())
            ),
            "{property}"
        );
    }
    // A reference is used once.
    let request = batch(
        "Ref-once",
        "CreatePayment",
        "createPayments",
        vec![payment(visa, 100)],
    );
    submit(&m, &request).await;
    let e = mb.submit_batch(&request, None).await.unwrap_err();
    assert_eq!(
        failure(&e).3.as_deref(),
        Some("header.merchantBatchReference")
    );
    let e = mb
        .get_payments_report(
            "Ref-once",
            &GetPaymentsReportParams::default().with_limit(0),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(failure(&e).3.as_deref(), Some("limit"));
    sb.shutdown().await;
}
