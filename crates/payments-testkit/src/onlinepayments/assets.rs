//! The session's `assetUrl` (`{base}/assets/`): the logos the catalogue names, drawn as
//! small SVG images (the sandbox's own; served under the platform's file names).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::catalogue::{self, PRODUCTS};
use crate::common::page::{escape, not_found_page};
use crate::common::server::Params;

/// Where the images live below `assetUrl`.
const DIR: &str = "templates/master/global/css/img/ppimages/";

/// A labelled tile.
fn tile(label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\" viewBox=\"0 0 120 40\">\
<rect width=\"120\" height=\"40\" rx=\"6\" fill=\"#ffffff\" stroke=\"#1a1a1a\"/>\
<text x=\"60\" y=\"25\" font-family=\"sans-serif\" font-size=\"13\" text-anchor=\"middle\" fill=\"#1a1a1a\">{}</text></svg>",
        escape(label)
    )
}

/// `GET /assets/{*path}`: a product logo, the card group's logo or the CVV tooltip image;
/// `404` for anything else.
pub(super) async fn asset(params: Params) -> Response {
    let path = params.get("path");
    let label = match path.strip_prefix(DIR) {
        Some("group-card.png") => Some("Cards".to_owned()),
        Some("ppf_cvv_v1.png") => Some("CVV".to_owned()),
        Some(file) => PRODUCTS
            .iter()
            .find(|p| catalogue::logo(p.id) == format!("{DIR}{file}"))
            .map(|p| p.label.to_owned()),
        None => None,
    };
    match label {
        Some(l) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "image/svg+xml")],
            tile(&l),
        )
            .into_response(),
        None => not_found_page("asset"),
    }
}
