"""Drives every endpoint of the official `integrify-epoint` (15) against the EPoint sandbox:
a page payment paid by the customer and partly refunded, a saved card charged and paid out,
split payments, the widget, token payments completed with Apple Pay and Google Pay.

Each call must answer 200 with a body the SDK validates into its schema and the status the
flow expects (EPoint answers every error with 200 and `status: error`, so an expected error
is a documented one too). One JSON line per call (see drive.py); `name` is the SDK method.
"""

import os
import sys
import uuid
from decimal import Decimal

from drive import card_form, coordinates, describe, http, report

C = coordinates()
# The SDK reads its keys from the environment once, when it is imported.
os.environ["EPOINT_PUBLIC_KEY"] = C["public_key"]
os.environ["EPOINT_PRIVATE_KEY"] = C["private_key"]
os.environ["EPOINT_INTERFACE_LANG"] = "en"
os.environ["EPOINT_SUCCESS_REDIRECT_URL"] = "https://shop.example/ok"
os.environ["EPOINT_FAILED_REDIRECT_URL"] = "https://shop.example/fail"

from integrify.epoint.client import EPointClientClass  # noqa: E402
from integrify.schemas import APIResponse  # noqa: E402

VISA = "4111111111111111"
SPLIT_USER = "i000000099"
ENDPOINTS = 15


def order():
    return "drive-" + uuid.uuid4().hex[:12]


def call(name, fn, expect="success", verify=None):
    """One SDK call: an `APIResponse` whose body has `status == expect`; returns the body."""
    try:
        response = fn()
        if not isinstance(response, APIResponse):
            raise AssertionError("not an APIResponse: %r" % (response,))
        body = response.body
        status = body["status"] if isinstance(body, dict) else body.status
        status = getattr(status, "value", status)
        if response.status_code != 200 or status != expect:
            raise AssertionError("HTTP %d, status %r (expected %r): %s"
                                 % (response.status_code, status, expect, body))
        detail = verify(body) if verify else None
        report(name, True, detail or "status " + str(status))
        return body
    except Exception as e:  # noqa: BLE001 - reported, the drive goes on
        report(name, False, describe(e))
        return None


def pay_on_page(url):
    """The customer opens the EPoint page and pays with the approved test card."""
    status, _, html = http("GET", url)
    if status != 200:
        raise AssertionError("page %s answered %d" % (url, status))
    status, _, text = card_form(url, html, VISA)
    if status not in (200, 303):
        raise AssertionError("page form answered %d: %s" % (status, text[:200]))


def paid(body):
    if body and body.redirect_url:
        try:
            pay_on_page(body.redirect_url)
        except Exception as e:  # noqa: BLE001
            return describe(e)
    return None


def main():
    client = EPointClientClass(base_url=C["base_url"], sync=True)
    def status_of(transaction, wanted):
        call("get_transaction_status", lambda: client.get_transaction_status(transaction_id=transaction),
             expect=wanted, verify=lambda b: "transaction %s" % b.status.value)

    # A page payment: pending, paid by the customer, then partly refunded.
    page = call("pay", lambda: client.pay(amount=Decimal("25.50"), currency="AZN", order_id=order(),
                                           description="Drive order"),
                verify=lambda b: "redirect " + b.redirect_url)
    transaction = page.transaction if page else "te-missing"
    status_of(transaction, "new")
    problem = paid(page)
    if problem:
        report("pay", False, "the hosted page refused the card: " + problem)
    status_of(transaction, "success")
    call("refund", lambda: client.refund(transaction_id=transaction, currency="AZN", amount=Decimal("5")))
    call("get_transaction_status", lambda: client.get_transaction_status(transaction_id="te-no-such-transaction"),
         expect="error", verify=lambda b: "documented error: " + str(b.message))

    # A card saved on the page, charged, and paid out to.
    saved = call("save_card", lambda: client.save_card(), verify=lambda b: "card " + b.card_id)
    problem = paid(saved)
    if problem:
        report("save_card", False, "the hosted page refused the card: " + problem)
    card = saved.card_id if saved else "ce-missing"
    call("pay_with_saved_card", lambda: client.pay_with_saved_card(
        amount=Decimal("12.00"), currency="AZN", order_id=order(), card_id=card),
        verify=lambda b: "transaction " + b.transaction)
    call("payout", lambda: client.payout(amount=Decimal("3.00"), currency="AZN", order_id=order(), card_id=card,
                                         description="Cash back"))
    call("pay_and_save_card", lambda: client.pay_and_save_card(
        amount=Decimal("7.00"), currency="AZN", order_id=order(), description="Pay and save"),
        verify=lambda b: "card " + b.card_id)

    # Split payments with a second merchant.
    call("split_pay", lambda: client.split_pay(
        amount=Decimal("40"), currency="AZN", order_id=order(), split_user_id=SPLIT_USER,
        split_amount=Decimal("10"), description="Split"),
        verify=lambda b: "redirect " + b.redirect_url)
    call("split_pay_with_saved_card", lambda: client.split_pay_with_saved_card(
        amount=Decimal("30"), currency="AZN", order_id=order(), card_id=card, split_user_id=SPLIT_USER,
        split_amount=Decimal("12.5")),
        verify=lambda b: ensure(b.split_amount == Decimal("12.5"), "split %s" % b.split_amount))
    call("split_pay_and_save_card", lambda: client.split_pay_and_save_card(
        amount=Decimal("20"), currency="AZN", order_id=order(), split_user_id=SPLIT_USER,
        split_amount=Decimal("5")),
        verify=lambda b: "card " + b.card_id)

    # The widget and wallet token payments.
    call("create_widget", lambda: client.create_widget(amount=Decimal("15"), order_id=order(), description="Widget"),
         verify=lambda b: "widget " + b.widget_url)
    call("apple_pay_session", lambda: client.apple_pay_session(origin="https://shop.example"),
         verify=lambda b: "merchant session for " + b["data"]["domainName"])
    for wallet in ("apple_pay", "google_pay"):
        token = call("create_token_payment", lambda: client.create_token_payment(
            amount=Decimal("12.34"), currency="AZN", order_id=order(), description="Token"),
            verify=lambda b: "token payment %s" % b.id)
        token_id = token.id if token else 0
        call(wallet, lambda: getattr(client, wallet)(
            payment_id=token_id, token={"paymentData": {"version": "EC_v1"}},
            billing_contact={"countryCode": "AZ"}),
            verify=lambda b: "paid " + str(b.result["transaction"]))


def ensure(condition, detail):
    if not condition:
        raise AssertionError(detail)
    return detail


if __name__ == "__main__":
    main()
    sys.exit(0)
