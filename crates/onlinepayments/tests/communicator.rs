//! Communicator behaviour: headers, idempotence, gzip, client meta info, the exception
//! mapping of every status, declined transactions, transport errors, logging,
//! configuration and the blocking client.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod support;

use std::sync::{Arc, Mutex};

use onlinepayments::domain::{CreatePaymentRequest, CreatePayoutRequest, RefundRequest};
use onlinepayments::http::TransportErrorKind;
use onlinepayments::log::{CommunicatorLogger, RequestLogMessage};
use onlinepayments::{CallContext, CommunicatorConfiguration, Error, Factory};
use support::{SECRET, Server};

async fn create_payment(
    server: &Server,
    context: Option<&CallContext>,
) -> Result<onlinepayments::domain::CreatePaymentResponse, Error> {
    server
        .client()
        .merchant("M1")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), context)
        .await
}

#[tokio::test]
async fn headers_are_sent_in_order_and_signed() {
    let server = Server::start(
        201,
        Some("application/json"),
        r#"{"payment":{"id":"P1","status":"CAPTURED"}}"#,
    )
    .await;
    let client = server
        .client()
        .with_client_meta_info(Some(r#"{"shop":"x"}"#))
        .unwrap();
    let context = CallContext::new().with_idempotence_key("key-1");
    let response = client
        .merchant("M1")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), Some(&context))
        .await
        .unwrap();
    assert_eq!(response.payment.unwrap().id.as_deref(), Some("P1"));
    let rec = server.last();
    rec.assert_signed();
    assert_eq!(rec.header("x-gcs-clientmetainfo"), Some("eyJzaG9wIjoieCJ9"));
    assert_eq!(rec.header("x-gcs-idempotence-key"), Some("key-1"));
    assert_eq!(rec.header("content-type"), Some("application/json"));
    assert!(rec.header("content-encoding").is_none());
    let names: Vec<&str> = rec
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with("x-gcs") || ["content-type", "date", "authorization"].contains(n))
        .collect();
    assert_eq!(
        names,
        [
            "x-gcs-clientmetainfo",
            "content-type",
            "x-gcs-servermetainfo",
            "date",
            "x-gcs-idempotence-key",
            "authorization"
        ]
    );
    assert!(
        rec.header("authorization")
            .unwrap()
            .starts_with("GCS v1HMAC:KEY1234:")
    );
    assert_eq!(context.idempotence_request_timestamp(), None);
}

#[tokio::test]
async fn idempotence_values_are_read_from_the_response() {
    let server = Server::start_with_headers(
        201,
        Some("application/json"),
        "{}",
        &[
            ("X-GCS-Idempotence-Request-Timestamp", "1709632800123"),
            (
                "IdempotencyResponseDatetime",
                "2024-03-05T10:00:00.123+01:00",
            ),
        ],
    )
    .await;
    let context = CallContext::new().with_idempotence_key("k");
    create_payment(&server, Some(&context)).await.unwrap();
    assert_eq!(context.idempotence_request_timestamp(), Some(1709632800123));
    assert_eq!(
        context
            .idempotence_response_date_time()
            .unwrap()
            .to_rfc3339(),
        "2024-03-05T10:00:00.123+01:00"
    );
}

const DUPLICATE: &str =
    r#"{"errorId":"E","errors":[{"errorCode":"30001002","id":"DUPLICATE_REQUEST_IN_PROGRESS"}]}"#;

#[tokio::test]
async fn idempotence_exception() {
    let server = Server::start_with_headers(
        409,
        Some("application/json"),
        DUPLICATE,
        &[("X-GCS-Idempotence-Request-Timestamp", "42")],
    )
    .await;
    let context = CallContext::new().with_idempotence_key("key-9");
    match create_payment(&server, Some(&context)).await.unwrap_err() {
        Error::IdempotenceException(e) => {
            assert_eq!(e.idempotence_key, "key-9");
            assert_eq!(e.idempotence_request_timestamp, Some(42));
            assert_eq!(e.api.status_code, 409);
            assert_eq!(e.api.error_id.as_deref(), Some("E"));
            assert_eq!(
                e.to_string(),
                format!(
                    "the payment platform returned a duplicate request error response; status_code=409; response_body='{DUPLICATE}'"
                )
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(context.idempotence_request_timestamp(), Some(42));
    // without an idempotence key the same response is a reference error
    assert!(matches!(
        create_payment(&server, None).await.unwrap_err(),
        Error::ReferenceException(_)
    ));
}

#[tokio::test]
async fn every_status_of_the_exception_map() {
    let body = r#"{"errorId":"E","errors":[{"errorCode":"1"}]}"#;
    for status in [
        100, 301, 304, 400, 401, 402, 403, 404, 405, 409, 410, 422, 429, 500, 501, 502, 503, 504,
    ] {
        if status == 100 {
            continue; // an informational status cannot be a final response over HTTP/1.1
        }
        let server = Server::start(status, Some("application/json"), body).await;
        let err = create_payment(&server, None).await.unwrap_err();
        if (300..400).contains(&status) {
            // a redirect is never followed: a transport error naming the status
            match &err {
                Error::CommunicationException(e) => {
                    let t = e.transport_error().unwrap();
                    assert_eq!(t.kind(), TransportErrorKind::Redirect, "{status}");
                }
                other => panic!("{status}: {other:?}"),
            }
            assert_eq!(err.status_code(), Some(status as u16));
            assert_eq!(server.count(), 1);
            continue;
        }
        let expected = match status {
            400 => "ValidationException",
            403 => "AuthorizationException",
            404 | 409 | 410 => "ReferenceException",
            500 | 502 | 503 => "PlatformException",
            _ => "ApiException",
        };
        let name = match &err {
            Error::ValidationException(_) => "ValidationException",
            Error::AuthorizationException(_) => "AuthorizationException",
            Error::ReferenceException(_) => "ReferenceException",
            Error::PlatformException(_) => "PlatformException",
            Error::ApiException(_) => "ApiException",
            other => panic!("{status}: {other:?}"),
        };
        assert_eq!(name, expected, "status {status}");
        assert_eq!(err.status_code(), Some(status as u16));
        assert!(err.is_api_exception());
        assert_eq!(err.response_body(), Some(body));
        assert_eq!(err.api_exception().unwrap().error_id.as_deref(), Some("E"));
    }
}

#[tokio::test]
async fn messages_match_python() {
    let server = Server::start(400, Some("application/json"), "{}").await;
    let err = create_payment(&server, None).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "the payment platform returned an incorrect request error response; status_code=400; response_body='{}'"
    );
    let server = Server::start(403, None, "").await;
    assert_eq!(
        create_payment(&server, None).await.unwrap_err().to_string(),
        "the payment platform returned an authorization error response; status_code=403"
    );
}

#[tokio::test]
async fn non_json_error_bodies() {
    let server = Server::start(404, Some("text/html"), "<html>not found</html>").await;
    match create_payment(&server, None).await.unwrap_err() {
        Error::NotFoundException(e) => {
            assert_eq!(
                e.message,
                "The requested resource was not found; invalid path: /v2/M1/payments"
            );
            assert_eq!(e.cause.status_code, 404);
        }
        other => panic!("{other:?}"),
    }
    let server = Server::start(502, Some("text/html"), "bad gateway").await;
    match create_payment(&server, None).await.unwrap_err() {
        Error::CommunicationException(e) => {
            assert_eq!(e.response_exception().unwrap().status_code, 502);
            assert!(e.request_may_have_been_sent());
            assert_eq!(
                e.to_string(),
                "the Online Payments platform returned an error response; status_code=502; response_body='bad gateway'"
            );
        }
        other => panic!("{other:?}"),
    }
    // no content type counts as JSON: a non-JSON body cannot be read
    let server = Server::start(500, None, "oops").await;
    assert!(matches!(
        create_payment(&server, None).await.unwrap_err(),
        Error::MarshallerSyntaxException(_)
    ));
    let server = Server::start(400, Some("application/json"), "[1]").await;
    assert!(matches!(
        create_payment(&server, None).await.unwrap_err(),
        Error::MarshallerSyntaxException(_)
    ));
    let server = Server::start(400, Some("application/problem+json; charset=utf-8"), "").await;
    assert!(matches!(
        create_payment(&server, None).await.unwrap_err(),
        Error::ValidationException(_)
    ));
}

#[tokio::test]
async fn success_bodies() {
    let server = Server::start(200, Some("text/html"), r#"{"payment":{"id":"P"}}"#).await;
    assert_eq!(
        create_payment(&server, None)
            .await
            .unwrap()
            .payment
            .unwrap()
            .id
            .as_deref(),
        Some("P")
    );
    let server = Server::start(200, Some("application/json"), "").await;
    assert!(
        create_payment(&server, None)
            .await
            .unwrap()
            .payment
            .is_none()
    );
    let server = Server::start(200, Some("application/json"), "{not json").await;
    assert!(matches!(
        create_payment(&server, None).await.unwrap_err(),
        Error::MarshallerSyntaxException(_)
    ));
}

#[tokio::test]
async fn declined_payment() {
    let body = r#"{"errorId":"E","errors":[{"errorCode":"30511001"}],"paymentResult":{"payment":{"id":"P9","status":"REJECTED"}}}"#;
    let server = Server::start(402, Some("application/json"), body).await;
    let err = create_payment(&server, None).await.unwrap_err();
    assert!(err.is_declined_transaction());
    match err {
        Error::DeclinedPaymentException(e) => {
            assert_eq!(
                e.create_payment_response()
                    .unwrap()
                    .payment
                    .as_ref()
                    .unwrap()
                    .id
                    .as_deref(),
                Some("P9")
            );
            assert_eq!(
                e.api.message,
                "declined payment 'P9' with status 'REJECTED'"
            );
            assert_eq!(e.api.status_code, 402);
            assert_eq!(e.api.errors.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    let server = Server::start(400, Some("application/json"), r#"{"paymentResult":{}}"#).await;
    match create_payment(&server, None).await.unwrap_err() {
        Error::DeclinedPaymentException(e) => assert_eq!(
            e.api.message,
            "the payment platform returned a declined payment response"
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn declined_payout_and_refund() {
    let server = Server::start(
        402,
        Some("application/json"),
        r#"{"payoutResult":{"id":"PO1","status":"REJECTED"}}"#,
    )
    .await;
    match server
        .client()
        .merchant("M")
        .payouts()
        .create_payout(&CreatePayoutRequest::default(), None)
        .await
        .unwrap_err()
    {
        Error::DeclinedPayoutException(e) => {
            assert_eq!(e.payout_result().unwrap().id.as_deref(), Some("PO1"));
            assert_eq!(
                e.to_string(),
                r#"declined payout 'PO1' with status 'REJECTED'; status_code=402; response_body='{"payoutResult":{"id":"PO1","status":"REJECTED"}}'"#
            );
        }
        other => panic!("{other:?}"),
    }
    let server = Server::start(
        402,
        Some("application/json"),
        r#"{"refundResult":{"id":"R1"}}"#,
    )
    .await;
    match server
        .client()
        .merchant("M")
        .payments()
        .refund_payment("P", &RefundRequest::default(), None)
        .await
        .unwrap_err()
    {
        Error::DeclinedRefundException(e) => {
            assert_eq!(e.refund_response().unwrap().id.as_deref(), Some("R1"));
            assert_eq!(e.api.message, "declined refund 'R1' with status 'None'");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn problem_details_always_win() {
    let server = Server::start(
        404,
        Some("application/problem+json"),
        r#"{"errorId":"E","title":"Not Found"}"#,
    )
    .await;
    match server
        .client()
        .merchant("M")
        .hosted_fields()
        .get_hosted_fields_session("S", None)
        .await
        .unwrap_err()
    {
        Error::ProblemDetailsException(e) => {
            assert!(e.response().is_some());
            assert_eq!(e.api.error_id, None);
            assert!(e.api.errors.is_empty());
        }
        other => panic!("{other:?}"),
    }
    let server = Server::start(404, Some("application/problem+json"), "").await;
    assert!(matches!(
        server
            .client()
            .merchant("M")
            .hosted_fields()
            .get_hosted_fields_session("S", None)
            .await
            .unwrap_err(),
        Error::ReferenceException(_)
    ));
}

#[tokio::test]
async fn gzip_on_request() {
    let server = Server::start(201, Some("application/json"), "{}").await;
    let context = CallContext::new().with_gzip(true);
    create_payment(&server, Some(&context)).await.unwrap();
    let rec = server.last();
    assert_eq!(rec.header("content-encoding"), Some("gzip"));
    assert_eq!(
        support::gunzip(&rec.body),
        support::pretty(&CreatePaymentRequest::default())
    );
    rec.assert_signed();
    // GET never compresses
    server
        .client()
        .merchant("M")
        .payments()
        .get_payment("P", Some(&context))
        .await
        .unwrap();
    assert!(server.last().header("content-encoding").is_none());
}

#[tokio::test]
async fn transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client =
        Factory::create_client_from_configuration(&support::configuration(&url), None, None, None)
            .unwrap();
    match client
        .merchant("M")
        .services()
        .test_connection(None)
        .await
        .unwrap_err()
    {
        Error::CommunicationException(e) => {
            assert!(e.transport_error().is_some());
            assert!(!e.request_may_have_been_sent());
        }
        other => panic!("{other:?}"),
    }
}

#[derive(Default)]
struct Capture(Mutex<Vec<String>>);

impl CommunicatorLogger for Capture {
    fn log(&self, message: &str, thrown: Option<&(dyn std::error::Error + 'static)>) {
        let mut m = message.to_owned();
        if let Some(t) = thrown {
            m.push_str(&format!(" | {t}"));
        }
        self.0.lock().unwrap().push(m);
    }

    fn log_request(&self, request_log_message: &RequestLogMessage) {
        assert!(!request_log_message.request_id().is_empty());
        self.log(&request_log_message.get_message(), None);
    }
}

#[tokio::test]
async fn logging_obfuscates() {
    let server = Server::start(
        201,
        Some("application/json"),
        r#"{"payment":{"id":"P","cardNumber":"5300000000000006"}}"#,
    )
    .await;
    let client = server.client();
    let logger = Arc::new(Capture::default());
    client.enable_logging(logger.clone());
    let request: CreatePaymentRequest = serde_json::from_value(serde_json::json!({})).unwrap();
    client
        .merchant("M")
        .payments()
        .create_payment(&request, None)
        .await
        .unwrap();
    client.disable_logging();
    client
        .merchant("M")
        .payments()
        .create_payment(&request, None)
        .await
        .unwrap();
    let messages = logger.0.lock().unwrap().clone();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("Outgoing request (requestId='"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains(
            "\n  method:       'POST'\n  uri:          '/v2/M/payments'\n  headers:      "
        )
    );
    assert!(messages[0].contains("Authorization=\"********\""));
    assert!(!messages[0].contains(SECRET));
    assert!(
        messages[0].ends_with("\n  content-type: 'application/json'\n  body:         '{}'"),
        "{}",
        messages[0]
    );
    assert!(messages[1].starts_with("Incoming response (requestId='"));
    assert!(messages[1].contains(" ms):\n  status_code:  201\n  headers:      "));
    assert!(messages[1].ends_with("\n  content-type: application/json\n  body:         {\"payment\":{\"id\":\"P\",\"cardNumber\":\"************0006\"}}"), "{}", messages[1]);
}

#[test]
fn configuration_from_properties_and_factory() {
    let dir = std::env::temp_dir().join(format!("op-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("payments_sdk.prp");
    std::fs::write(
        &path,
        "[OnlinePaymentsSDK]\nonlinePayments.api.integrator=ACME\nonlinepayments.api.endpoint.host=payment.example\nonlinePayments.api.endpoint.port=-1\nonlinePayments.api.connectTimeout=7\nonlinePayments.api.proxy.uri=http://proxy.example:3128\nonlinePayments.api.shoppingCartExtension.creator=C\nonlinePayments.api.shoppingCartExtension.name=N\nonlinePayments.api.shoppingCartExtension.version=1\n",
    )
    .unwrap();
    let c = Factory::create_configuration(&path, "key", "secret").unwrap();
    assert_eq!(
        c.api_endpoint().unwrap().as_url(),
        "https://payment.example"
    );
    assert_eq!(c.connect_timeout().as_secs(), 7);
    assert_eq!(c.socket_timeout().as_secs(), 60);
    assert_eq!(c.max_connections(), 10);
    assert_eq!(c.authorization_type(), "v1HMAC");
    assert_eq!(c.integrator(), Some("ACME"));
    assert_eq!(c.proxy_configuration().unwrap().port(), 3128);
    assert!(c.shopping_cart_extension().is_some());
    assert!(!format!("{c:?}").contains("secret\""));
    Factory::create_client_from_file(&path, "key", "secret").unwrap();
    let err = Factory::create_configuration(dir.join("missing.prp"), "k", "s").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Unable to read configuration located at "),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let bad = |text: &str| {
        CommunicatorConfiguration::builder_from_properties(text)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        bad(
            "[OnlinePaymentsSDK]\nonlinePayments.api.endpoint.host=h\nonlinePayments.api.authorizationType=v1hmac"
        ),
        "Unknown authorizationType v1hmac"
    );
    assert!(bad("[Other]\na=b").contains("[OnlinePaymentsSDK]"));
    assert_eq!(
        bad(
            "[OnlinePaymentsSDK]\nonlinePayments.api.endpoint.host=h\nonlinePayments.api.shoppingCartExtension.name=N"
        ),
        "creator is required"
    );
}

#[test]
fn factory_validation() {
    let ok = support::configuration("https://h.example");
    let err = |c: &CommunicatorConfiguration| {
        Factory::create_client_from_configuration(c, None, None, None)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(&ok.to_builder().integrator(" ").build().unwrap()),
        "integrator is required"
    );
    assert_eq!(
        err(&ok.to_builder().api_key_id("").build().unwrap()),
        "api_key_id is required"
    );
    assert_eq!(
        err(&ok.to_builder().secret_api_key("").build().unwrap()),
        "secret_api_key is required"
    );
    assert_eq!(
        err(&ok.to_builder().authorization_type("other").build().unwrap()),
        "Unknown authorizationType other"
    );
    assert_eq!(
        err(&CommunicatorConfiguration::builder().build().unwrap()),
        "api_endpoint is required"
    );
    assert_eq!(
        CommunicatorConfiguration::builder()
            .api_endpoint("https://h.example/")
            .build()
            .unwrap_err()
            .to_string(),
        "apiEndpoint should not contain a path"
    );
    assert!(server_meta_rejects("Date"));
    assert!(server_meta_rejects("date"));
    assert!(!server_meta_rejects("X-Custom"));
    assert!(
        onlinepayments::Client::new(Arc::new(
            Factory::create_communicator_from_configuration(&ok, None, None, None).unwrap()
        ))
        .with_client_meta_info(Some("{oops"))
        .is_err()
    );
}

fn server_meta_rejects(name: &str) -> bool {
    onlinepayments::communication::MetadataProvider::builder("I")
        .additional_request_header(name, "v")
        .build()
        .is_err()
}

#[cfg(feature = "blocking")]
#[test]
fn blocking_client_same_tree() {
    let server =
        Server::start_blocking(201, Some("application/json"), r#"{"payment":{"id":"B1"}}"#);
    let client = server.blocking_client();
    let context = CallContext::new().with_idempotence_key("k");
    let response = client
        .merchant("M")
        .payments()
        .create_payment(&CreatePaymentRequest::default(), Some(&context))
        .unwrap();
    assert_eq!(response.payment.unwrap().id.as_deref(), Some("B1"));
    let rec = server.last();
    rec.assert_signed();
    assert_eq!(rec.path(), "/v2/M/payments");
    assert_eq!(rec.header("x-gcs-idempotence-key"), Some("k"));
    let server = Server::start_blocking(400, Some("application/json"), "{}");
    assert!(matches!(
        server
            .blocking_client()
            .merchant("M")
            .tokens()
            .delete_token("T", None)
            .unwrap_err(),
        Error::ValidationException(_)
    ));
    assert_eq!(server.last().method, "DELETE");
}

#[test]
fn defaults_stay_within_a_minute() {
    let c = support::configuration("https://h.example");
    assert!(c.socket_timeout() <= std::time::Duration::from_secs(60));
    assert!(c.connect_timeout() <= std::time::Duration::from_secs(10));
    assert_eq!(c.retry_policy(), &onlinepayments::RetryPolicy::default());
    assert_eq!(
        c.max_response_body(),
        payments_core::http::DEFAULT_MAX_RESPONSE_BODY
    );
    let communicator =
        Factory::create_communicator_from_configuration(&c, None, None, None).unwrap();
    assert_eq!(communicator.retry_policy().attempts(), 3);
}

#[tokio::test]
async fn the_configured_retry_policy_is_used() {
    for (policy, requests) in [
        (onlinepayments::RetryPolicy::none(), 1),
        (
            onlinepayments::RetryPolicy::default().initial_backoff(std::time::Duration::ZERO),
            3,
        ),
    ] {
        let server = Server::start(503, Some("application/json"), "{}").await;
        let configuration = server
            .configuration()
            .to_builder()
            .retry_policy(policy)
            .build()
            .unwrap();
        let client =
            Factory::create_client_from_configuration(&configuration, None, None, None).unwrap();
        let err = client
            .merchant("M")
            .payments()
            .get_payment("P", None)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::PlatformException(_)), "{err:?}");
        assert_eq!(server.count(), requests);
    }
}
