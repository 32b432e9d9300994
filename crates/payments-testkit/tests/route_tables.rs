#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! The route tables against the official SDK's list of methods.

use std::collections::BTreeSet;

use payments_testkit::Route;
use serde_json::Value;

/// Online Payments SDK methods the sandbox does not serve yet, as `(verb, path template)`.
/// The test fails when one of them gets a route (remove it here) or when a method without a
/// route is missing here.
const NOT_SERVED_YET: &[(&str, &str)] = &[];

/// Every `(verb, path template)` of `onlinepayments-clients.json` (the SDK's 56 methods).
fn sdk_methods() -> BTreeSet<(String, String)> {
    let path = format!(
        "{}/tests/data/onlinepayments-clients.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let clients: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let methods = clients["methods"].as_array().unwrap();
    assert_eq!(methods.len(), 56);
    methods
        .iter()
        .map(|m| {
            (
                m["verb"].as_str().unwrap().to_owned(),
                m["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn api_routes(table: &[Route]) -> BTreeSet<(String, String)> {
    table
        .iter()
        .filter(|r| r.group == "api")
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect()
}

#[test]
fn every_online_payments_sdk_method_has_a_route_or_is_listed_as_not_served_yet() {
    let sdk = sdk_methods();
    let served = api_routes(payments_testkit::onlinepayments::ROUTES);
    let missing: BTreeSet<(String, String)> = sdk.difference(&served).cloned().collect();
    let listed: BTreeSet<(String, String)> = NOT_SERVED_YET
        .iter()
        .map(|(v, p)| ((*v).to_owned(), (*p).to_owned()))
        .collect();
    let now_served: Vec<_> = listed.difference(&missing).collect();
    let unlisted: Vec<_> = missing.difference(&listed).collect();
    assert!(
        now_served.is_empty(),
        "served now, remove from NOT_SERVED_YET: {now_served:?}"
    );
    assert!(
        unlisted.is_empty(),
        "no route and not in NOT_SERVED_YET: {unlisted:?}"
    );
    assert_eq!(served.len() + listed.len(), sdk.len());
    // The sandbox invents no API route of its own.
    let invented: Vec<_> = served.difference(&sdk).collect();
    assert!(invented.is_empty(), "not an SDK method: {invented:?}");
}

#[test]
fn every_table_has_each_route_once_with_a_known_group_and_method() {
    let tables = [
        payments_testkit::nopayn::ROUTES,
        payments_testkit::ecommpay::ROUTES,
        payments_testkit::epoint::ROUTES,
        payments_testkit::onlinepayments::ROUTES,
        payments_testkit::control::ROUTES,
    ];
    for table in tables {
        let mut seen = BTreeSet::new();
        for r in table {
            assert!(seen.insert((r.method, r.path)), "twice: {r:?}");
            assert!(["api", "page", "control"].contains(&r.group), "{r:?}");
            assert!(["GET", "POST", "DELETE"].contains(&r.method), "{r:?}");
            assert!(r.path.starts_with('/'), "{r:?}");
            assert!(!r.handler.is_empty(), "{r:?}");
        }
    }
    assert!(
        payments_testkit::control::ROUTES
            .iter()
            .all(|r| r.group == "control" && r.path.starts_with("/__sandbox/"))
    );
    // EPoint: the SDK's 15 endpoints, all `POST /api/1/...`.
    let epoint = api_routes(payments_testkit::epoint::ROUTES);
    assert_eq!(epoint.len(), 15);
    assert!(
        epoint
            .iter()
            .all(|(m, p)| m == "POST" && p.starts_with("/api/1/"))
    );
}
