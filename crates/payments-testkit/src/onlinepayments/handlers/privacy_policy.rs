//! `PrivacyPolicyClient`: `get_privacy_policy`.

use serde_json::json;

use crate::common::page::escape;
use crate::onlinepayments::catalogue::{self, Lang};
use crate::onlinepayments::input::{QueryParams, is_locale};
use crate::onlinepayments::render::{Reply, invalid, not_found, ok};

/// `GET /v2/{merchantId}/services/privacypolicy`: `htmlContent` in the `locale`'s language
/// (English, Dutch, French or German), naming the `paymentProductId` when given; `404` for a
/// product the catalogue lacks, `400` for a malformed locale or id.
pub(in crate::onlinepayments) async fn get_privacy_policy(query: QueryParams) -> Reply {
    let locale = match query.checked("locale", is_locale) {
        Ok(l) => l,
        Err(r) => return r,
    };
    let product = match query.get("paymentProductId") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(id) => match catalogue::product(id) {
                Some(p) => Some(p),
                None => return not_found("Payment product"),
            },
            Err(_) => return invalid("paymentProductId", "paymentProductId is not a number"),
        },
    };
    let lang = Lang::of(locale.as_deref());
    let title = lang.pick([
        "Privacy policy",
        "Privacyverklaring",
        "Politique de confidentialité",
        "Datenschutzerklärung",
    ]);
    let body = lang.pick([
        "Your payment data is processed only to carry out this payment.",
        "Uw betaalgegevens worden alleen verwerkt om deze betaling uit te voeren.",
        "Vos données de paiement sont traitées uniquement pour exécuter ce paiement.",
        "Ihre Zahlungsdaten werden nur zur Ausführung dieser Zahlung verarbeitet.",
    ]);
    let about = product.map_or(String::new(), |p| {
        format!(
            "<p class=\"product\" data-payment-product-id=\"{}\">{}</p>",
            p.id,
            escape(p.label)
        )
    });
    let html =
        format!("<section class=\"privacy-policy\"><h2>{title}</h2>{about}<p>{body}</p></section>");
    ok(json!({"htmlContent": html}))
}
