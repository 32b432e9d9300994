"""Drives every method of the official `onlinepayments-sdk-python3` (the 56 of
`onlinepayments-clients.json`) against the Online Payments sandbox, in the order a merchant
integration uses them: catalogue and services, sessions and hosted pages, a card payment
pre-authorised, incremented, captured, refunded; another cancelled; redirect payments completed,
subsequent payments, tokens, detokenization, mandates, payouts, payment links, merchant batches
and webhooks.

Each call must end in a 2xx response the SDK parses into the method's return type, or in the
documented error a call deliberately provokes (an unknown id, a payment not yet approved). One
JSON line per call (see drive.py); `name` is `Client.method`.
"""

import json
import os
import uuid

from drive import Receiver, absolute, card_form, coordinates, describe, form_actions, http, post_form, report

from onlinepayments.sdk.api_exception import ApiException
from onlinepayments.sdk.communication.request_header import RequestHeader
from onlinepayments.sdk.communicator_configuration import CommunicatorConfiguration
from onlinepayments.sdk.factory import Factory
from onlinepayments.sdk.json.default_marshaller import DefaultMarshaller
from onlinepayments.sdk.webhooks.in_memory_secret_key_store import InMemorySecretKeyStore
from onlinepayments.sdk.webhooks.webhooks_helper import WebhooksHelper
from onlinepayments.sdk.domain.calculate_surcharge_request import CalculateSurchargeRequest
from onlinepayments.sdk.domain.cancel_payment_request import CancelPaymentRequest
from onlinepayments.sdk.domain.capture_payment_request import CapturePaymentRequest
from onlinepayments.sdk.domain.complete_payment_request import CompletePaymentRequest
from onlinepayments.sdk.domain.create_hosted_checkout_request import CreateHostedCheckoutRequest
from onlinepayments.sdk.domain.create_hosted_fields_session_request import CreateHostedFieldsSessionRequest
from onlinepayments.sdk.domain.create_hosted_tokenization_request import CreateHostedTokenizationRequest
from onlinepayments.sdk.domain.create_mandate_request import CreateMandateRequest
from onlinepayments.sdk.domain.create_payment_link_request import CreatePaymentLinkRequest
from onlinepayments.sdk.domain.create_payment_request import CreatePaymentRequest
from onlinepayments.sdk.domain.create_payout_request import CreatePayoutRequest
from onlinepayments.sdk.domain.create_token_request import CreateTokenRequest
from onlinepayments.sdk.domain.csr_request import CsrRequest
from onlinepayments.sdk.domain.currency_conversion_request import CurrencyConversionRequest
from onlinepayments.sdk.domain.get_iin_details_request import GetIINDetailsRequest
from onlinepayments.sdk.domain.get_payment_links_by_merchant_group_request import GetPaymentLinksByMerchantGroupRequest
from onlinepayments.sdk.domain.import_cof_series_request import ImportCofSeriesRequest
from onlinepayments.sdk.domain.increment_authorization_request import IncrementAuthorizationRequest
from onlinepayments.sdk.domain.payment_product_session_request import PaymentProductSessionRequest
from onlinepayments.sdk.domain.refund_request import RefundRequest
from onlinepayments.sdk.domain.revoke_mandate_request import RevokeMandateRequest
from onlinepayments.sdk.domain.send_test_request import SendTestRequest
from onlinepayments.sdk.domain.session_request import SessionRequest
from onlinepayments.sdk.domain.share_payment_link_request import SharePaymentLinkRequest
from onlinepayments.sdk.domain.submit_batch_request_body import SubmitBatchRequestBody
from onlinepayments.sdk.domain.subsequent_payment_request import SubsequentPaymentRequest
from onlinepayments.sdk.domain.update_authorization_additional_data_request import UpdateAuthorizationAdditionalDataRequest
from onlinepayments.sdk.domain.validate_credentials_request import ValidateCredentialsRequest
from onlinepayments.sdk.merchant.merchantbatch.get_payments_report_params import GetPaymentsReportParams
from onlinepayments.sdk.merchant.privacypolicy.get_privacy_policy_params import GetPrivacyPolicyParams
from onlinepayments.sdk.merchant.productgroups.get_product_group_params import GetProductGroupParams
from onlinepayments.sdk.merchant.productgroups.get_product_groups_params import GetProductGroupsParams
from onlinepayments.sdk.merchant.products.get_payment_product_networks_params import GetPaymentProductNetworksParams
from onlinepayments.sdk.merchant.products.get_payment_product_params import GetPaymentProductParams
from onlinepayments.sdk.merchant.products.get_payment_products_params import GetPaymentProductsParams
from onlinepayments.sdk.merchant.products.get_product_directory_params import GetProductDirectoryParams
from onlinepayments.sdk.merchant.tokenization.get_card_data_by_payments_params import GetCardDataByPaymentsParams
from onlinepayments.sdk.merchant.tokenization.get_card_data_by_tokens_params import GetCardDataByTokensParams

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENTS = os.path.join(HERE, "..", "..", "crates", "payments-testkit", "tests", "data",
                       "onlinepayments-clients.json")
VISA = "4111111111111111"
MASTERCARD = "5544330000037"
UNKNOWN_PAYMENT = "9999999999_0"
#: The only answer that means "the sandbox has no such route" (its fallback).
UNKNOWN_ROUTE = "Resource not found"

with open(CLIENTS, encoding="utf-8") as f:
    METHODS = {"%s.%s" % (m["client_class"], m["method"]): m for m in json.load(f)["methods"]}
RETURNS = {name: m["return_type"] for name, m in METHODS.items()}
#: (verb, path template) of every API route the sandbox serves, from `GET /__sandbox/routes`.
ROUTES = set()


def load_routes(control_url):
    status, _, text = http("GET", control_url + "/routes")
    if status != 200:
        raise SystemExit("GET %s/routes answered %d" % (control_url, status))
    ROUTES.update((r["method"], r["path"]) for r in json.loads(text)["routes"] if r["group"] == "api")


def routed(method):
    """Whether the sandbox has a route for the SDK method's verb and path template."""
    m = METHODS[method]
    return (m["verb"], m["path"]) in ROUTES


def fail(method, detail):
    if routed(method):
        report(method, False, detail)
    else:
        report(method, False, detail, routed=False)


def body(cls, value):
    """A request model from its JSON form; every key must be one the SDK knows."""
    model = cls().from_dictionary(value)
    if model.to_dictionary() != value:
        raise AssertionError("%s drops part of %s" % (cls.__name__, value))
    return model


def params(cls, **values):
    query = cls()
    for name, value in values.items():
        setattr(query, name, value)
    return query


def amount(value, currency="EUR"):
    return {"amount": value, "currencyCode": currency}


def api_error(e):
    errors = ["%s/%s%s: %s" % (x.error_code, x.id, " (%s)" % x.property_name if x.property_name else "",
                               x.message) for x in (e.errors or [])]
    return "%s %d %s" % (type(e).__name__, e.status_code, "; ".join(errors) or e.response_body[:200])


def call(method, fn, expect=None, verify=None):
    """One SDK call of `method`. Without `expect`, it must answer 2xx with the method's return
    type (and pass `verify`); with `expect` = (exception class, status, error id or None) it
    must fail that documented way. Returns the result (the exception when expected), or None."""
    try:
        result = fn()
    except ApiException as e:
        detail = api_error(e)
        unknown_route = e.status_code == 404 and any(x.message == UNKNOWN_ROUTE for x in e.errors or [])
        if expect and not unknown_route and (type(e).__name__, e.status_code) == expect[:2] and (
                expect[2] is None or any(x.id == expect[2] for x in e.errors or [])):
            report(method, True, "documented error: " + detail)
            return e
        fail(method, ("unknown route: " if unknown_route else "unexpected ") + detail)
        return None
    except Exception as e:  # noqa: BLE001 - reported, the drive goes on
        fail(method, describe(e))
        return None
    if expect:
        fail(method, "expected %s %d, got %s" % (expect[0], expect[1], type(result).__name__))
        return None
    got = "None" if result is None else type(result).__name__
    if got != RETURNS[method]:
        fail(method, "returned %s, not %s" % (got, RETURNS[method]))
        return None
    try:
        detail = verify(result) if verify else None
    except Exception as e:  # noqa: BLE001
        fail(method, "answer not as expected: " + describe(e))
        return None
    report(method, True, detail or got)
    return result


def ensure(condition, detail):
    """`detail` when `condition` holds; otherwise the answer is not what the call promises."""
    if not condition:
        raise AssertionError(detail)
    return detail


def status_is(*wanted):
    def verify(r):
        payment = getattr(r, "payment", None) or r
        if payment.status not in wanted:
            raise AssertionError("status %s, expected %s" % (payment.status, "/".join(wanted)))
        return "status " + payment.status
    return verify


def card_payment(card, value, mode, **extra):
    specific = {"authorizationMode": mode, "paymentProductId": 1,
                "card": {"cardNumber": card, "cvv": "123", "expiryDate": "1230", "cardholderName": "Wile E. Coyote"}}
    specific.update(extra)
    return body(CreatePaymentRequest, {
        "cardPaymentMethodSpecificInput": specific,
        "order": {"amountOfMoney": amount(value), "references": {"merchantReference": "ORDER-%d" % value}},
    })


def payment_id(created):
    return created.payment.id if created and created.payment else UNKNOWN_PAYMENT


def main():
    c = coordinates()
    configuration = CommunicatorConfiguration(
        api_endpoint=c["base_url"], api_key_id=c["api_key_id"], secret_api_key=c["secret_api_key"],
        authorization_type="v1HMAC", connect_timeout=5, socket_timeout=10, max_connections=4,
        integrator="payments-sandbox drive")
    load_routes(c["control_url"])
    client = Factory.create_client_from_configuration(configuration)
    m = client.merchant(c["merchant_id"])
    receiver = Receiver()
    try:
        catalogue_and_services(m)
        sessions_and_hosted_pages(m)
        payments(m)
        tokens_and_detokenization(m)
        mandates(m)
        payouts(m)
        payment_links(m)
        merchant_batches(m)
        webhooks(m, c, receiver)
    finally:
        receiver.close()
        client.close()


def catalogue_and_services(m):
    call("ServicesClient.test_connection", lambda: m.services().test_connection(),
         verify=lambda r: ensure(r.result == "OK", "result " + r.result))
    nl = dict(country_code="NL", currency_code="EUR", locale="en_GB", amount=1000, is_recurring=False)
    call("ProductsClient.get_payment_products",
         lambda: m.products().get_payment_products(params(GetPaymentProductsParams, **nl)),
         verify=lambda r: "%d products" % len(r.payment_products))
    call("ProductsClient.get_payment_product",
         lambda: m.products().get_payment_product(1, params(GetPaymentProductParams, **nl)),
         verify=lambda r: "%s, %d fields" % (r.display_hints.label, len(r.fields)))
    call("ProductsClient.get_payment_product",
         lambda: m.products().get_payment_product(424242, params(GetPaymentProductParams, **nl)),
         expect=("ReferenceException", 404, None))
    call("ProductsClient.get_payment_product_networks",
         lambda: m.products().get_payment_product_networks(302, params(
             GetPaymentProductNetworksParams, country_code="NL", currency_code="EUR", amount=1000, is_recurring=False)),
         verify=lambda r: "networks " + ",".join(r.networks))
    call("ProductsClient.get_product_directory",
         lambda: m.products().get_product_directory(809, params(
             GetProductDirectoryParams, country_code="NL", currency_code="EUR")),
         verify=lambda r: "%d entries" % len(r.entries))
    call("ProductsClient.create_payment_product_session",
         lambda: m.products().create_payment_product_session(302, body(PaymentProductSessionRequest, {
             "paymentProductSession302SpecificInput": {"displayName": "Drive Shop", "domainName": "shop.example"}})),
         verify=lambda r: ensure(r.payment_product_session302_specific_output.session, "Apple Pay session"))
    groups = dict(country_code="NL", currency_code="EUR", locale="en_GB", amount=1000, is_recurring=False)
    call("ProductGroupsClient.get_product_groups",
         lambda: m.product_groups().get_product_groups(params(GetProductGroupsParams, **groups)),
         verify=lambda r: "groups " + ",".join(g.id for g in r.payment_product_groups))
    call("ProductGroupsClient.get_product_group",
         lambda: m.product_groups().get_product_group("cards", params(GetProductGroupParams, **groups)),
         verify=lambda r: "group " + r.id)
    call("ServicesClient.get_iin_details",
         lambda: m.services().get_iin_details(body(GetIINDetailsRequest, {"bin": VISA[:6]})),
         verify=lambda r: "product %d" % r.payment_product_id)
    call("ServicesClient.get_dcc_rate_inquiry",
         lambda: m.services().get_dcc_rate_inquiry(body(CurrencyConversionRequest, {
             "cardSource": {"card": {"cardNumber": VISA, "paymentProductId": 1}},
             "transaction": {"amount": amount(1000)}})),
         verify=lambda r: "result " + r.result.result)
    call("ServicesClient.surcharge_calculation",
         lambda: m.services().surcharge_calculation(body(CalculateSurchargeRequest, {
             "amountOfMoney": amount(1000), "cardSource": {"card": {"cardNumber": VISA, "paymentProductId": 1}}})),
         verify=lambda r: "%d surcharge(s)" % len(r.surcharges))
    call("PrivacyPolicyClient.get_privacy_policy",
         lambda: m.privacy_policy().get_privacy_policy(params(GetPrivacyPolicyParams, locale="en_GB",
                                                              payment_product_id=1)),
         verify=lambda r: "%d characters" % len(r.html_content))


def sessions_and_hosted_pages(m):
    call("SessionsClient.create_session", lambda: m.sessions().create_session(body(SessionRequest, {})),
         verify=lambda r: "client session " + r.client_session_id)

    created = call("HostedTokenizationClient.create_hosted_tokenization",
                   lambda: m.hosted_tokenization().create_hosted_tokenization(
                       body(CreateHostedTokenizationRequest, {"locale": "en_GB", "askConsumerConsent": True})),
                   verify=lambda r: "id " + r.hosted_tokenization_id)
    if created:
        fill_page(created.hosted_tokenization_url, MASTERCARD)
    call("HostedTokenizationClient.get_hosted_tokenization",
         lambda: m.hosted_tokenization().get_hosted_tokenization(created.hosted_tokenization_id),
         verify=lambda r: "token %s %s" % (r.token.id, r.token_status))

    fields = call("HostedFieldsClient.create_hosted_fields_session",
                  lambda: m.hosted_fields().create_hosted_fields_session(
                      body(CreateHostedFieldsSessionRequest, {"locale": "en_GB"})),
                  verify=lambda r: "session " + r.hosted_fields_session_id)
    if fields:
        fill_page(fields.sdk_url, VISA)
    call("HostedFieldsClient.get_hosted_fields_session",
         lambda: m.hosted_fields().get_hosted_fields_session(fields.hosted_fields_session_id),
         verify=lambda r: "token %s (%s)" % (r.token.token_id, r.token.masked_pan))
    call("HostedFieldsClient.get_hosted_fields_session",
         lambda: m.hosted_fields().get_hosted_fields_session("unknown-session-id"),
         expect=("ProblemDetailsException", 404, None))

    checkout = call("HostedCheckoutClient.create_hosted_checkout",
                    lambda: m.hosted_checkout().create_hosted_checkout(body(CreateHostedCheckoutRequest, {
                        "order": {"amountOfMoney": amount(2500), "references": {"merchantReference": "HC-1"}},
                        "hostedCheckoutSpecificInput": {"returnUrl": "https://shop.example/back", "locale": "en_GB"}})),
                    verify=lambda r: "id " + r.hosted_checkout_id)
    if checkout:
        fill_page(checkout.redirect_url, VISA)
    call("HostedCheckoutClient.get_hosted_checkout",
         lambda: m.hosted_checkout().get_hosted_checkout(checkout.hosted_checkout_id),
         verify=lambda r: ensure(r.status == "PAYMENT_CREATED", "%s, payment %s" % (r.status, r.created_payment_output.payment.status)))


def fill_page(url, card):
    """The customer opens a hosted page and submits a test card (raises on a refusal)."""
    status, _, html = http("GET", url)
    if status != 200:
        raise AssertionError("page %s answered %d" % (url, status))
    status, _, text = card_form(url, html, card)
    if status not in (200, 303):
        raise AssertionError("page form answered %d: %s" % (status, text[:200]))


def payments(m):
    p = m.payments()
    auth = call("PaymentsClient.create_payment", lambda: p.create_payment(card_payment(VISA, 1000, "PRE_AUTHORIZATION")),
                verify=status_is("PENDING_CAPTURE"))
    pid = payment_id(auth)
    call("PaymentsClient.get_payment", lambda: p.get_payment(pid), verify=status_is("PENDING_CAPTURE"))
    call("PaymentsClient.get_payment", lambda: p.get_payment(UNKNOWN_PAYMENT), expect=("ReferenceException", 404, None))
    call("PaymentsClient.get_payment_details", lambda: p.get_payment_details(pid), verify=status_is("PENDING_CAPTURE"))
    pre = m.pre_authorization()
    call("PreAuthorizationClient.increment_authorization",
         lambda: pre.increment_authorization(pid, body(IncrementAuthorizationRequest, {"amountOfMoney": amount(250)})),
         verify=status_is("PENDING_CAPTURE"))
    call("PreAuthorizationClient.add_authorization_details",
         lambda: pre.add_authorization_details(pid, body(UpdateAuthorizationAdditionalDataRequest, {
             "carRentalData": {"agreementNumber": "RA-1234", "renterName": "Wile E. Coyote",
                               "rentalRateAmount": 4500}})),
         verify=status_is("PENDING_CAPTURE"))
    call("PaymentsClient.capture_payment",
         lambda: p.capture_payment(pid, body(CapturePaymentRequest, {"isFinal": True})),
         verify=status_is("CAPTURED", "CAPTURE_REQUESTED"))
    call("CapturesClient.get_captures", lambda: m.captures().get_captures(pid),
         verify=lambda r: ensure(r.captures, "%d capture(s)" % len(r.captures)))
    call("PaymentsClient.refund_payment",
         lambda: p.refund_payment(pid, body(RefundRequest, {"amountOfMoney": amount(500)})),
         verify=status_is("REFUNDED", "REFUND_REQUESTED"))
    call("RefundsClient.get_refunds", lambda: m.refunds().get_refunds(pid),
         verify=lambda r: ensure(r.refunds, "%d refund(s)" % len(r.refunds)))
    call("SubsequentClient.subsequent_payment",
         lambda: m.subsequent().subsequent_payment(pid, body(SubsequentPaymentRequest, {
             "order": {"amountOfMoney": amount(300)},
             "subsequentcardPaymentMethodSpecificInput": {"authorizationMode": "SALE", "subsequentType": "Recurring"}})),
         verify=status_is("CAPTURED"))

    other = call("PaymentsClient.create_payment",
                 lambda: p.create_payment(card_payment(MASTERCARD, 800, "FINAL_AUTHORIZATION")),
                 verify=status_is("PENDING_CAPTURE"))
    call("PaymentsClient.cancel_payment",
         lambda: p.cancel_payment(payment_id(other), body(CancelPaymentRequest, {})),
         verify=status_is("CANCELLED"))

    # PayPal: the customer approves at the third-party page, then the merchant completes.
    paypal = call("PaymentsClient.create_payment", lambda: p.create_payment(body(CreatePaymentRequest, {
        "order": {"amountOfMoney": amount(1500)},
        "redirectPaymentMethodSpecificInput": {
            "paymentProductId": 840, "redirectionData": {"returnUrl": "https://shop.example/back"}}})),
        verify=status_is("REDIRECTED"))
    completion = body(CompletePaymentRequest, {"order": {"amountOfMoney": amount(1500)}})
    paypal_id = payment_id(paypal)
    call("CompleteClient.complete_payment", lambda: m.complete().complete_payment(paypal_id, completion),
         expect=("PlatformException", 500, None))
    if paypal and paypal.merchant_action:
        approve(paypal.merchant_action.redirect_data.redirect_url)
    call("CompleteClient.complete_payment", lambda: m.complete().complete_payment(paypal_id, completion),
         verify=status_is("CAPTURED"))


def approve(url):
    """The customer approves a redirect payment at the third-party page."""
    status, _, html = http("GET", url)
    if status != 200:
        raise AssertionError("third-party page answered %d" % status)
    actions = [a for a in form_actions(html) if "approve" in a]
    if not actions:
        raise AssertionError("no approve form on %s" % url)
    status, _, _ = post_form(absolute(url, actions[0]), {})
    if status not in (200, 303):
        raise AssertionError("approval answered %d" % status)


CSR = os.path.join(HERE, "detokenization-csr.pem")


def tokens_and_detokenization(m):
    t = m.tokens()
    created = call("TokensClient.create_token", lambda: t.create_token(body(CreateTokenRequest, {
        "paymentProductId": 1,
        "card": {"data": {"card": {"cardNumber": VISA, "expiryDate": "1230", "cardholderName": "Wile E. Coyote"}}}})),
        verify=lambda r: "token %s (%s)" % (r.token, r.token_status))
    token = created.token if created else "no-token"
    call("TokensClient.get_token", lambda: t.get_token(token), verify=lambda r: "product %d" % r.payment_product_id)

    tz = m.tokenization()
    with open(CSR, encoding="ascii") as f:
        csr = f.read()
    call("TokenizationClient.create_certificate", lambda: tz.create_certificate(body(CsrRequest, {"csr": csr})),
         verify=lambda r: ensure("BEGIN CERTIFICATE" in r.signed_certificate, "certificate " + r.certificate_id))
    by_tokens = GetCardDataByTokensParams()
    by_tokens.add_tokens(token)
    call("TokenizationClient.get_card_data_by_tokens", lambda: tz.get_card_data_by_tokens(by_tokens),
         verify=lambda r: "%d encrypted card(s)" % len(r.tokens))
    paid = call("PaymentsClient.create_payment", lambda: m.payments().create_payment(card_payment(VISA, 1200, "SALE")),
                verify=status_is("CAPTURED"))
    by_payments = GetCardDataByPaymentsParams()
    by_payments.add_payments(payment_id(paid))
    call("TokenizationClient.get_card_data_by_payments", lambda: tz.get_card_data_by_payments(by_payments),
         verify=lambda r: "%d encrypted card(s)" % len(r.tokens))

    call("CofSeriesClient.import_cof_series", lambda: m.cof_series().import_cof_series(body(ImportCofSeriesRequest, {
        "card": {"cardNumber": MASTERCARD, "cardholderName": "John Doe", "expiryDate": "1230"},
        "currencyCode": "EUR", "paymentProductId": 3, "schemeReferenceData": "drive-scheme-reference"})),
        verify=lambda r: "payment " + r.payment_id)

    call("TokensClient.delete_token", lambda: t.delete_token(token))
    call("TokensClient.get_token", lambda: t.get_token(token), expect=("ReferenceException", 404, None))


def mandates(m):
    md = m.mandates()
    reference = "DRIVE-" + uuid.uuid4().hex[:12].upper()
    call("MandatesClient.create_mandate", lambda: md.create_mandate(body(CreateMandateRequest, {
        "alias": "Drive mandate",
        "customer": {
            "bankAccountIban": {"iban": "BE45000253450589"},
            "companyName": "BEL Labs",
            "contactDetails": {"emailAddress": "wile.e.coyote@acmelabs.example"},
            "mandateAddress": {"city": "Brussels", "countryCode": "BE", "houseNumber": "3",
                               "street": "Da Vincilaan", "zip": "1930"},
            "personalInformation": {"name": {"firstName": "Jane", "surname": "Doe"}, "title": "Mrs"},
        },
        "customerReference": "CUST-DRIVE",
        "recurrenceType": "RECURRING",
        "returnUrl": "https://shop.example/mandate-signed",
        "signatureType": "UNSIGNED",
        "uniqueMandateReference": reference})),
        verify=lambda r: "mandate " + r.mandate.status)
    mandate_status = lambda wanted: lambda r: ensure(r.mandate.status == wanted, "status " + r.mandate.status)  # noqa: E731
    call("MandatesClient.get_mandate", lambda: md.get_mandate(reference), verify=mandate_status("ACTIVE"))
    call("MandatesClient.block_mandate", lambda: md.block_mandate(reference), verify=mandate_status("BLOCKED"))
    call("MandatesClient.unblock_mandate", lambda: md.unblock_mandate(reference), verify=mandate_status("ACTIVE"))
    call("MandatesClient.revoke_mandate",
         lambda: md.revoke_mandate(reference, body(RevokeMandateRequest, {"revocationReason": "userAction"})),
         verify=mandate_status("REVOKED"))
    call("MandatesClient.get_mandate", lambda: md.get_mandate("UNKNOWN-MANDATE"),
         expect=("ReferenceException", 404, None))


def payouts(m):
    po = m.payouts()
    created = call("PayoutsClient.create_payout", lambda: po.create_payout(body(CreatePayoutRequest, {
        "amountOfMoney": amount(750),
        "cardPayoutMethodSpecificInput": {
            "card": {"cardNumber": VISA, "cardholderName": "Wile E. Coyote", "expiryDate": "1230"},
            "paymentProductId": 1, "payoutReason": "Refund of order 42"},
        "references": {"merchantReference": "PAYOUT-1"}})),
        verify=lambda r: "status " + r.status)
    call("PayoutsClient.get_payout", lambda: po.get_payout(created.id), verify=lambda r: "status " + r.status)
    call("PayoutsClient.get_payout", lambda: po.get_payout(UNKNOWN_PAYMENT), expect=("ReferenceException", 404, None))


def payment_links(m):
    links = m.payment_links()
    created = call("PaymentLinksClient.create_payment_link", lambda: links.create_payment_link(
        body(CreatePaymentLinkRequest, {
            "paymentLinkOrder": {"amount": amount(4200), "merchantReference": "LINK-1"},
            "description": "Invoice 42"})),
        verify=lambda r: "link %s" % r.status)
    link = created.payment_link_id if created else "00000000-0000-0000-0000-000000000000"
    call("PaymentLinksClient.get_payment_link_by_id", lambda: links.get_payment_link_by_id(link),
         verify=lambda r: "status " + r.status)
    call("PaymentLinksClient.share", lambda: links.share(link, body(SharePaymentLinkRequest, {
        "channel": "EMAIL", "locale": "en-GB", "recipient": "ada@example.com"})))
    call("PaymentLinksClient.get_payment_links_by_merchant_group_id",
         lambda: links.get_payment_links_by_merchant_group_id("GROUP-1", body(GetPaymentLinksByMerchantGroupRequest, {
             "pagination": {"page": 1, "pageSize": 10}})),
         verify=lambda r: "%s link(s)" % r.total)
    call("PaymentLinksClient.cancel_payment_link_by_id", lambda: links.cancel_payment_link_by_id(link))
    call("PaymentLinksClient.get_payment_link_by_id", lambda: links.get_payment_link_by_id(link),
         verify=lambda r: ensure(r.status == "CANCELLED", "status " + r.status))
    call("PaymentLinksClient.get_payment_link_by_id",
         lambda: links.get_payment_link_by_id("00000000-0000-0000-0000-000000000000"),
         expect=("ReferenceException", 404, None))


def merchant_batches(m):
    mb = m.merchant_batch()
    reference = "BATCH-" + uuid.uuid4().hex[:10]
    items = [
        {"cardPaymentMethodSpecificInput": {
            "authorizationMode": "SALE", "paymentProductId": product,
            "card": {"cardNumber": number, "cvv": "123", "expiryDate": "1230"}},
         "order": {"amountOfMoney": amount(value), "references": {"merchantReference": "BATCH-%d" % value}}}
        for product, number, value in [(1, VISA, 1000), (3, MASTERCARD, 2000)]]
    call("MerchantBatchClient.submit_batch", lambda: mb.submit_batch(body(SubmitBatchRequestBody, {
        "header": {"itemCount": len(items), "merchantBatchReference": reference, "operationType": "CreatePayment"},
        "createPayments": items})),
        verify=lambda r: "%s items submitted" % r.total_count)
    call("MerchantBatchClient.process_batch", lambda: mb.process_batch(reference))
    call("MerchantBatchClient.get_batch_status", lambda: mb.get_batch_status(reference),
         verify=lambda r: "status " + r.status)
    call("MerchantBatchClient.get_payments_report",
         lambda: mb.get_payments_report(reference, params(GetPaymentsReportParams, limit=10)),
         verify=lambda r: "%d payment(s)" % len(r.payments))
    call("MerchantBatchClient.get_batch_status", lambda: mb.get_batch_status("non-existing-batch-reference"),
         expect=("ReferenceException", 404, None))


def webhooks(m, c, receiver):
    w = m.webhooks()
    call("WebhooksClient.validate_webhook_credentials", lambda: w.validate_webhook_credentials(
        body(ValidateCredentialsRequest, {"key": c["webhook_key_id"], "secret": c["webhook_secret"]})),
        verify=lambda r: ensure(r.result == "Valid", "result " + r.result))

    def delivered(_):
        path, headers, raw = receiver.wait(1)[0]
        store = InMemorySecretKeyStore()
        store.store_secret_key(c["webhook_key_id"], c["webhook_secret"])
        event = WebhooksHelper(DefaultMarshaller.instance(), store).unmarshal(
            raw, [RequestHeader(n, v) for n, v in headers])
        return "signed %s event verified by WebhooksHelper" % event.type

    call("WebhooksClient.send_test_webhook",
         lambda: w.send_test_webhook(body(SendTestRequest, {"url": receiver.url})), verify=delivered)


if __name__ == "__main__":
    main()
