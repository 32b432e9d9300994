#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! `payment_links()` `share` and `get_payment_links_by_merchant_group_id` through the Rust
//! SDK: a shared link records the recipient, the search filters, sorts and pages the links.

mod op_common;

use onlinepayments::MerchantClient;
use onlinepayments::domain::{GetPaymentLinksByMerchantGroupRequest, SharePaymentLinkRequest};
use op_common::{MERCHANT, failure, merchant, req, sandbox};
use payments_testkit::Transition;
use serde_json::json;

async fn link(m: &MerchantClient, amount: i64, reference: &str) -> String {
    let request = req(json!({
        "paymentLinkOrder": {"amount": {"amount": amount, "currencyCode": "EUR"}, "merchantReference": reference},
    }));
    m.payment_links()
        .create_payment_link(&request, None)
        .await
        .unwrap()
        .payment_link_id
        .unwrap()
}

fn share(channel: &str, recipient: &str) -> SharePaymentLinkRequest {
    req(json!({"channel": channel, "locale": "fr-BE", "recipient": recipient}))
}

fn search(body: serde_json::Value) -> GetPaymentLinksByMerchantGroupRequest {
    req(body)
}

#[tokio::test]
async fn an_active_link_is_shared_by_email() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let links = m.payment_links();
    let id = link(&m, 1000, "SHARE-1").await;
    links
        .share(&id, &share("EMAIL", "ada@example.com"), None)
        .await
        .unwrap();
    let got = links.get_payment_link_by_id(&id, None).await.unwrap();
    let events = got.payment_link_events.unwrap();
    let shared = &events[1];
    assert_eq!(
        (shared.r#type.as_deref(), shared.details.as_deref()),
        (Some("SHARED"), Some("ada@example.com"))
    );
    assert!(shared.date_time.is_some());

    let cases = [
        (share("SMS", "ada@example.com"), "INVALID_VALUE", "channel"),
        (
            share("EMAIL", "not-an-address"),
            "INVALID_VALUE",
            "recipient",
        ),
        (
            req(json!({"channel": "EMAIL", "locale": "fr_BE", "recipient": "ada@example.com"})),
            "INVALID_VALUE",
            "locale",
        ),
        (
            req(json!({"channel": "EMAIL"})),
            "PARAMETER_NOT_FOUND_IN_REQUEST",
            "recipient",
        ),
    ];
    for (request, error, property) in cases {
        let e = links.share(&id, &request, None).await.unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some(error.into()),
                Some(property.into())
            )
        );
    }
    let e = links
        .share(
            "00000000-0000-0000-0000-000000000000",
            &share("EMAIL", "ada@example.com"),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ReferenceException",
            404,
            Some("UNKNOWN_RESOURCE".into()),
            None
        )
    );
    // A cancelled link is not shared; its events show the cancellation.
    links.cancel_payment_link_by_id(&id, None).await.unwrap();
    let e = links
        .share(&id, &share("EMAIL", "ada@example.com"), None)
        .await
        .unwrap_err();
    assert_eq!(
        failure(&e),
        (
            "ValidationException",
            400,
            Some("ACTION_NOT_ALLOWED_ON_TARGET".into()),
            None
        )
    );
    let got = links.get_payment_link_by_id(&id, None).await.unwrap();
    let kinds: Vec<String> = got
        .payment_link_events
        .unwrap()
        .into_iter()
        .filter_map(|e| e.r#type)
        .collect();
    assert_eq!(kinds, ["CREATED", "SHARED", "CANCELLED"]);
    sb.shutdown().await;
}

#[tokio::test]
async fn the_merchant_group_search_filters_sorts_and_pages_links() {
    let sb = sandbox(None).await;
    let m = merchant(&sb);
    let links = m.payment_links();
    let first = link(&m, 100, "L-1").await;
    let second = link(&m, 200, "L-2").await;
    let third = link(&m, 300, "L-3").await;
    links
        .cancel_payment_link_by_id(&second, None)
        .await
        .unwrap();
    sb.force_transition(&third, Transition::Expire)
        .await
        .unwrap();

    let all = links
        .get_payment_links_by_merchant_group_id("GROUP-1", &search(json!({})), None)
        .await
        .unwrap();
    assert_eq!(all.total, Some(3));
    let entries = all.payment_link_overview_entries.unwrap();
    // Newest first by default.
    let ids: Vec<&str> = entries
        .iter()
        .map(|e| e.payment_link_id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, [third.as_str(), second.as_str(), first.as_str()]);
    let entry = &entries[2];
    assert_eq!(entry.merchant_id.as_deref(), Some(MERCHANT));
    assert_eq!(entry.merchant_reference.as_deref(), Some("L-1"));
    assert_eq!(entry.amount.as_ref().unwrap().amount, Some(100));
    assert_eq!(entry.status.as_deref(), Some("ACTIVE"));
    assert!(entry.creation_date.is_some());
    assert!(
        entry
            .redirection_url
            .as_deref()
            .unwrap()
            .starts_with(sb.base_url())
    );

    let filtered = links
        .get_payment_links_by_merchant_group_id(
            "GROUP-1",
            &search(json!({
                "filtering": {"merchantIds": [MERCHANT], "status": ["ACTIVE", "EXPIRED"]},
                "pagination": {"page": 1, "pageSize": 1},
                "sorting": {"sortDirection": "ascending", "sortProperty": "status"},
            })),
            None,
        )
        .await
        .unwrap();
    assert_eq!(filtered.total, Some(2));
    let page = filtered.payment_link_overview_entries.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].status.as_deref(), Some("ACTIVE"));
    let pagination = filtered.pagination.unwrap();
    assert_eq!((pagination.page, pagination.page_size), (Some(1), Some(1)));
    let page_two = links
        .get_payment_links_by_merchant_group_id(
            "GROUP-1",
            &search(json!({
                "filtering": {"status": ["ACTIVE", "EXPIRED"]},
                "pagination": {"page": 2, "pageSize": 1},
                "sorting": {"sortDirection": "ascending", "sortProperty": "status"},
            })),
            None,
        )
        .await
        .unwrap();
    let page = page_two.payment_link_overview_entries.unwrap();
    assert_eq!(page[0].status.as_deref(), Some("EXPIRED"));
    // Another merchant of the group has no links here.
    let others = links
        .get_payment_links_by_merchant_group_id(
            "GROUP-1",
            &search(json!({"filtering": {"merchantIds": ["OTHER"]}})),
            None,
        )
        .await
        .unwrap();
    assert_eq!(others.total, Some(0));

    let cases = [
        (
            json!({"filtering": {"status": ["GONE"]}}),
            "filtering.status[0]",
        ),
        (
            json!({"sorting": {"sortProperty": "amount"}}),
            "sorting.sortProperty",
        ),
        (
            json!({"sorting": {"sortDirection": "up"}}),
            "sorting.sortDirection",
        ),
        (json!({"pagination": {"page": 0}}), "pagination.page"),
        (
            json!({"pagination": {"pageSize": 500}}),
            "pagination.pageSize",
        ),
    ];
    for (body, property) in cases {
        let e = links
            .get_payment_links_by_merchant_group_id("GROUP-1", &search(body), None)
            .await
            .unwrap_err();
        assert_eq!(
            failure(&e),
            (
                "ValidationException",
                400,
                Some("INVALID_VALUE".into()),
                Some(property.into())
            )
        );
    }
    sb.shutdown().await;
}
