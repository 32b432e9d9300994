"""Times the official Online Payments SDK on crates/onlinepayments/benches/inputs/.

Usage: onlinepayments.py <input dir> [--quick]. Prints one JSON object per line:
{"case", "ns_per_call", "output"}, where output is what the timed call produced:

- create_payment: the request body (DefaultMarshaller.marshal of a CreatePaymentRequest built
  field by field) and its v1HMAC Authorization header, as "<body>\n<header>".
- webhook: WebhooksHelper.unmarshal of the signed payment.captured event; output is the
  event marshalled again.
- parse_payment, parse_products: DefaultMarshaller.unmarshal of a PaymentResponse and of a
  GetPaymentProductsResponse; output is the SHA-256 (hex) of the object marshalled again.
"""

import hashlib
import json
import os
import statistics
import sys
import timeit
from urllib.parse import urlparse

# This file's name would shadow the `onlinepayments` package: drop its directory from the path.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

from onlinepayments.sdk.authentication.v1hmac_authenticator import V1HmacAuthenticator
from onlinepayments.sdk.communication.request_header import RequestHeader
from onlinepayments.sdk.communicator_configuration import CommunicatorConfiguration
from onlinepayments.sdk.domain.address import Address
from onlinepayments.sdk.domain.address_personal import AddressPersonal
from onlinepayments.sdk.domain.amount_of_money import AmountOfMoney
from onlinepayments.sdk.domain.browser_data import BrowserData
from onlinepayments.sdk.domain.card import Card
from onlinepayments.sdk.domain.card_payment_method_specific_input import CardPaymentMethodSpecificInput
from onlinepayments.sdk.domain.contact_details import ContactDetails
from onlinepayments.sdk.domain.create_payment_request import CreatePaymentRequest
from onlinepayments.sdk.domain.customer import Customer
from onlinepayments.sdk.domain.customer_device import CustomerDevice
from onlinepayments.sdk.domain.fraud_fields import FraudFields
from onlinepayments.sdk.domain.get_payment_products_response import GetPaymentProductsResponse
from onlinepayments.sdk.domain.line_item import LineItem
from onlinepayments.sdk.domain.order import Order
from onlinepayments.sdk.domain.order_line_details import OrderLineDetails
from onlinepayments.sdk.domain.order_references import OrderReferences
from onlinepayments.sdk.domain.payment_response import PaymentResponse
from onlinepayments.sdk.domain.personal_information import PersonalInformation
from onlinepayments.sdk.domain.personal_name import PersonalName
from onlinepayments.sdk.domain.redirection_data import RedirectionData
from onlinepayments.sdk.domain.shipping import Shipping
from onlinepayments.sdk.domain.shopping_cart import ShoppingCart
from onlinepayments.sdk.domain.three_d_secure import ThreeDSecure
from onlinepayments.sdk.json.default_marshaller import DefaultMarshaller
from onlinepayments.sdk.webhooks.in_memory_secret_key_store import InMemorySecretKeyStore
from onlinepayments.sdk.webhooks.webhooks_helper import WebhooksHelper

MARSHALLER = DefaultMarshaller.instance()


def build_create_payment():
    """The request of crates/onlinepayments/benches/workload.rs, field by field."""
    card = Card()
    card.card_number = "4111111111111111"
    card.cardholder_name = "Wolfgang Müller"
    card.cvv = "123"
    card.expiry_date = "1230"
    redirection = RedirectionData()
    redirection.return_url = "https://shop.example.com/3ds-return"
    three_ds = ThreeDSecure()
    three_ds.challenge_indicator = "challenge-requested"
    three_ds.redirection_data = redirection
    card_input = CardPaymentMethodSpecificInput()
    card_input.authorization_mode = "SALE"
    card_input.card = card
    card_input.is_recurring = False
    card_input.payment_product_id = 1
    card_input.return_url = "https://shop.example.com/return?order=731"
    card_input.three_d_secure = three_ds
    card_input.tokenize = False
    card_input.unscheduled_card_on_file_requestor = "cardholderInitiated"

    fraud = FraudFields()
    fraud.black_list_data = "none"

    amount = AmountOfMoney()
    amount.amount = 12999
    amount.currency_code = "EUR"
    billing = Address()
    billing.city = "Köln"
    billing.country_code = "DE"
    billing.house_number = "12a"
    billing.street = "Domstraße"
    billing.zip = "50667"
    contact = ContactDetails()
    contact.email_address = "w.mueller@example.com"
    contact.phone_number = "+49221123456"
    browser = BrowserData()
    browser.color_depth = 24
    browser.java_enabled = False
    browser.screen_height = "1080"
    browser.screen_width = "1920"
    device = CustomerDevice()
    device.accept_header = "text/html,application/xhtml+xml"
    device.browser_data = browser
    device.ip_address = "203.0.113.7"
    device.locale = "de_DE"
    device.timezone_offset_utc_minutes = "-60"
    device.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/124.0"
    name = PersonalName()
    name.first_name = "Wolfgang"
    name.surname = "Müller"
    name.title = "Dr."
    personal = PersonalInformation()
    personal.date_of_birth = "19800101"
    personal.gender = "male"
    personal.name = name
    customer = Customer()
    customer.billing_address = billing
    customer.contact_details = contact
    customer.device = device
    customer.locale = "de_DE"
    customer.merchant_customer_id = "cust-4711"
    customer.personal_information = personal
    references = OrderReferences()
    references.merchant_parameters = "basket=B-7731"
    references.merchant_reference = "order-2024-000731"
    ship_address = AddressPersonal()
    ship_address.city = "Köln"
    ship_address.country_code = "DE"
    ship_address.house_number = "12a"
    ship_address.street = "Domstraße"
    ship_address.zip = "50667"
    shipping = Shipping()
    shipping.address = ship_address
    line_amount = AmountOfMoney()
    line_amount.amount = 12999
    line_amount.currency_code = "EUR"
    details = OrderLineDetails()
    details.product_code = "SKU-ESP-01"
    details.product_name = "Espresso machine \"Barista\""
    details.product_price = 12999
    details.quantity = 1
    details.tax_amount = 2075
    details.tax_percentage = 19.0
    item = LineItem()
    item.amount_of_money = line_amount
    item.order_line_details = details
    cart = ShoppingCart()
    cart.items = [item]
    order = Order()
    order.amount_of_money = amount
    order.customer = customer
    order.references = references
    order.shipping = shipping
    order.shopping_cart = cart

    request = CreatePaymentRequest()
    request.card_payment_method_specific_input = card_input
    request.fraud_fields = fraud
    request.order = order
    return request


def timed(fn, quick, min_number):
    timer = timeit.Timer(fn)
    if quick:
        number, repeat = max(1, min_number // 50), 3
    else:
        number, _ = timer.autorange()
        number, repeat = max(number, min_number), 7
    return statistics.median(timer.repeat(repeat=repeat, number=number)) / number * 1e9


def digest(obj):
    return hashlib.sha256(MARSHALLER.marshal(obj).encode("utf-8")).hexdigest()


def main():
    base = sys.argv[1]
    quick = "--quick" in sys.argv[2:]

    def read(name, mode="r"):
        with open(os.path.join(base, name), mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            return f.read()

    create = json.loads(read("create_payment.json"))
    config = CommunicatorConfiguration(api_endpoint="https://payment.preprod.direct.worldline-solutions.com",
                                       api_key_id=create["api_key_id"],
                                       secret_api_key=create["secret_api_key"],
                                       authorization_type="v1HMAC", connect_timeout=5, socket_timeout=300)
    authenticator = V1HmacAuthenticator(config)
    uri = urlparse(create["url"])
    headers = [RequestHeader(n, v) for n, v in create["headers"]]

    def create_payment():
        body = MARSHALLER.marshal(build_create_payment())
        return body, authenticator.get_authorization(create["method"], uri, headers)

    ns = timed(create_payment, quick, 2000)
    body, authorization = create_payment()
    print(json.dumps({"case": "create_payment", "ns_per_call": ns, "output": body + "\n" + authorization}))

    hook = json.loads(read("webhook.json"))
    event_body = read("webhook_payment_captured.json", "rb")
    store = InMemorySecretKeyStore.instance()
    store.store_secret_key(hook["key_id"], hook["secret"])
    helper = WebhooksHelper(MARSHALLER, store)
    hook_headers = [RequestHeader("X-GCS-Signature", hook["signature"]), RequestHeader("X-GCS-KeyId", hook["key_id"])]
    ns = timed(lambda: helper.unmarshal(event_body, hook_headers), quick, 2000)
    event = helper.unmarshal(event_body, hook_headers)
    print(json.dumps({"case": "webhook", "ns_per_call": ns, "output": MARSHALLER.marshal(event)}))

    for case, name, cls, min_number in (
        ("parse_payment", "payment_response.json", PaymentResponse, 2000),
        ("parse_products", "get_payment_products_response.json", GetPaymentProductsResponse, 20),
    ):
        text = read(name)
        ns = timed(lambda: MARSHALLER.unmarshal(text, cls), quick, min_number)
        print(json.dumps({"case": case, "ns_per_call": ns, "output": digest(MARSHALLER.unmarshal(text, cls))}))


if __name__ == "__main__":
    main()
