"""Drives the ECommPay Payment Page sandbox with the official `ecommpay-sdk`: a page URL
signed by `Gate` opens (the sandbox accepts the signature), the same URL with a changed
amount or another secret is refused, and the customer pays on the page; the signed callback
the sandbox sends is verified by `Gate.handle_callback`.

One JSON line per check (see drive.py).
"""

import re
import uuid

from drive import Receiver, card_form, check, coordinates, http

from payment_page_sdk.gate import Gate
from payment_page_sdk.payment import Payment

VISA = "4111111111111111"


def payment(project_id, payment_id, callback_url):
    p = Payment(project_id, payment_id)
    p.payment_amount = 1999
    p.payment_currency = "EUR"
    p.payment_description = "Drive order"
    p.customer_id = "customer-7"
    p.language_code = "en"
    p.merchant_success_url = "https://shop.example/ok"
    p.merchant_fail_url = "https://shop.example/fail"
    p.merchant_callback_url = callback_url
    return p


def main():
    c = coordinates()
    receiver = Receiver()
    gate = Gate(c["secret_key"], c["payment_page_url"])
    payment_id = "drive-" + uuid.uuid4().hex[:12]
    url = gate.get_purchase_payment_page_url(payment(c["project_id"], payment_id, receiver.url))
    page = {}

    def opens():
        status, _, html = http("GET", url)
        if status != 200 or 'name="card_number"' not in html or "19.99" not in html:
            raise AssertionError("page answered %d: %s" % (status, html[:300]))
        page["html"] = html
        return "signed page URL accepted (payment %s)" % payment_id

    def tampered_refused():
        changed = re.sub(r"payment_amount=\d+", "payment_amount=1", url)
        other = Gate("not-the-secret", c["payment_page_url"]).get_purchase_payment_page_url(
            payment(c["project_id"], payment_id + "-x", receiver.url))
        for candidate in (changed, other):
            status, _, _ = http("GET", candidate)
            if status != 400:
                raise AssertionError("a wrongly signed URL answered %d" % status)
        return "changed amount and wrong secret refused with 400"

    def paid_and_called_back():
        status, headers, text = card_form(url, page["html"], VISA)
        location = headers.get("Location") or headers.get("location") or ""
        if status != 303 or not location.startswith("https://shop.example/ok"):
            raise AssertionError("payment answered %d (%s): %s" % (status, location, text[:200]))
        _, _, raw = receiver.wait(1)[0]
        callback = gate.handle_callback(raw.decode("utf-8"))
        if (callback.get_payment_id(), callback.get_payment_status()) != (payment_id, "success"):
            raise AssertionError("callback for %s: %s" % (callback.get_payment_id(), callback.get_payment_status()))
        return "paid, callback verified by Gate.handle_callback (status success)"

    try:
        check("page_url_signature", opens)
        check("tampered_page_url", tampered_refused)
        check("payment_and_callback", paid_and_called_back)
    finally:
        receiver.close()


if __name__ == "__main__":
    main()
