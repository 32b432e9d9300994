//! The axum extractor parses webhooks and verifies them through the API before the
//! handler runs; the example router behaves the same over real HTTP on loopback.
#![cfg(all(feature = "axum", feature = "reqwest"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

#[allow(dead_code)]
#[path = "../examples/webhook_axum.rs"]
mod example;

use axum::body::Body;
use axum::extract::FromRequest;
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use common::*;
use mockito::{Matcher, Server, ServerGuard};
use nopayn::extract::{NoPaynWebhook, NoPaynWebhookRejection};
use nopayn::payments_core::http::{HttpRequest, Method, ReqwestTransport, Transport};
use nopayn::{Error, NoPaynClient, OrderStatus, WebhookError};

fn client(base_url: &str) -> NoPaynClient {
    NoPaynClient::builder(API_KEY, MERCHANT)
        .base_url(base_url)
        .build()
        .unwrap()
}

fn webhook_body(order_id: &str) -> String {
    format!(r#"{{"event":"status_changed","order_id":"{order_id}","project_id":"proj-1"}}"#)
}

fn request(body: impl Into<Body>) -> Request<Body> {
    Request::post("/webhook")
        .header("content-type", "application/json")
        .body(body.into())
        .unwrap()
}

async fn extract(
    client: &NoPaynClient,
    body: impl Into<Body>,
) -> Result<NoPaynWebhook, NoPaynWebhookRejection> {
    NoPaynWebhook::from_request(request(body), client).await
}

async fn order_mock(
    server: &mut ServerGuard,
    status: usize,
    body: &str,
    hits: usize,
) -> mockito::Mock {
    server
        .mock("GET", format!("/v1/orders/{ORDER_ID}/").as_str())
        .match_header("authorization", AUTH)
        .with_status(status)
        .with_body(body)
        .expect(hits)
        .create_async()
        .await
}

#[tokio::test]
async fn good_webhook_reaches_the_handler_with_the_api_order() {
    let mut server = Server::new_async().await;
    let mock = order_mock(
        &mut server,
        200,
        &order_json("completed", true).to_string(),
        1,
    )
    .await;
    let NoPaynWebhook(verified) = extract(&client(&server.url()), webhook_body(ORDER_ID))
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(verified.order_id, ORDER_ID);
    assert_eq!(verified.order.status, OrderStatus::Completed);
    assert!(verified.is_final);
}

#[tokio::test]
async fn bad_or_missing_bodies_get_400_without_calling_the_api() {
    let mut server = Server::new_async().await;
    let none = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let c = client(&server.url());
    for (body, want) in [
        ("", WebhookError::InvalidJson),
        ("not json", WebhookError::InvalidJson),
        ("[1]", WebhookError::InvalidJson),
        ("{}", WebhookError::MissingOrderId),
        (r#"{"order_id":""}"#, WebhookError::MissingOrderId),
        (r#"{"order_id":42}"#, WebhookError::MissingOrderId),
    ] {
        let rejection = extract(&c, body).await.unwrap_err();
        match &rejection {
            NoPaynWebhookRejection::Invalid(e) => assert_eq!(*e, want, "{body:?}"),
            other => panic!("{body:?}: {other:?}"),
        }
        assert_eq!(rejection.into_response().status(), StatusCode::BAD_REQUEST);
    }
    none.assert_async().await;
}

#[tokio::test]
async fn an_order_the_api_does_not_confirm_gets_401() {
    let mut server = Server::new_async().await;
    let mock = order_mock(&mut server, 404, r#"{"detail":"Not found"}"#, 1).await;
    let rejection = extract(&client(&server.url()), webhook_body(ORDER_ID))
        .await
        .unwrap_err();
    mock.assert_async().await;
    match &rejection {
        NoPaynWebhookRejection::NotConfirmed(Error::Api(e)) => assert_eq!(e.status_code, 404),
        other => panic!("{other:?}"),
    }
    assert_eq!(rejection.into_response().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_api_that_cannot_answer_gets_503() {
    let mut server = Server::new_async().await;
    // get_order is a read: the runtime tries it 3 times before the extractor answers 503
    let mock = order_mock(&mut server, 503, "Service Unavailable", 3).await;
    let rejection = extract(&client(&server.url()), webhook_body(ORDER_ID))
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert!(matches!(
        rejection,
        NoPaynWebhookRejection::Unavailable(Error::Api(_))
    ));
    assert_eq!(rejection.status(), StatusCode::SERVICE_UNAVAILABLE);

    // Nothing listens on the port any more.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let rejection = extract(
        &client(&format!("http://127.0.0.1:{port}")),
        webhook_body(ORDER_ID),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        rejection,
        NoPaynWebhookRejection::Unavailable(Error::Network(_))
    ));
    assert_eq!(
        rejection.into_response().status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
}

/// The example's router, served on loopback, posted to over HTTP.
#[tokio::test]
async fn example_router_over_http() {
    let mut api = Server::new_async().await;
    let confirmed = order_mock(
        &mut api,
        200,
        &order_json("completed", false).to_string(),
        2,
    )
    .await;
    let unknown = api
        .mock("GET", "/v1/orders/unknown/")
        .with_status(404)
        .with_body(r#"{"detail":"Not found"}"#)
        .expect(1)
        .create_async()
        .await;

    let state = example::AppState::new(client(&api.url()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    let router = example::app(state.clone());
    let server = tokio::spawn(async move { axum::serve(listener, router).await });

    let http = std::sync::Arc::new(ReqwestTransport::with_defaults().unwrap());
    let post = |body: String| {
        let request = HttpRequest::new(Method::Post, url.clone())
            .header("Content-Type", "application/json")
            .body(body)
            .timeout(std::time::Duration::from_secs(10));
        let http = http.clone();
        async move { http.send(request).await.unwrap() }
    };
    // The same webhook twice: fulfilled once, 200 both times.
    assert_eq!(post(webhook_body(ORDER_ID)).await.status, 200);
    assert_eq!(post(webhook_body(ORDER_ID)).await.status, 200);
    assert_eq!(state.fulfilled(), [ORDER_ID]);
    let bad = post("{}".to_owned()).await;
    assert_eq!(
        (bad.status, bad.text_lossy().as_str()),
        (400, "webhook has no order_id")
    );
    let refused = post(webhook_body("unknown")).await;
    assert_eq!(refused.status, 401);
    assert_eq!(
        refused.text_lossy(),
        "webhook not confirmed by the NoPayn API"
    );
    server.abort();
    confirmed.assert_async().await;
    unknown.assert_async().await;
    assert_eq!(state.fulfilled(), [ORDER_ID]);
}
