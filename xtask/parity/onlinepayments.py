"""Cases for `cargo xtask parity onlinepayments`, computed with onlinepayments-sdk-python3.

Usage: onlinepayments.py <seed> <count>. Prints one JSON object per line:
  {"kind": "hmac", ...}        URL building, v1HMAC string to sign and Authorization
  {"kind": "meta", ...}        X-GCS-ServerMetaInfo with forced identifiers
  {"kind": "webhook", ...}     webhook validation outcome
  {"kind": "body", ...}        body obfuscation
  {"kind": "header", ...}      header obfuscation
"""
import os
import sys

# this file's name would shadow the `onlinepayments` package
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import base64  # noqa: E402
import hashlib
import hmac
import json
import random
from urllib.parse import quote, urlparse

from onlinepayments.sdk.authentication.v1hmac_authenticator import V1HmacAuthenticator
from onlinepayments.sdk.communication.metadata_provider import MetadataProvider
from onlinepayments.sdk.communication.request_header import RequestHeader
from onlinepayments.sdk.communicator_configuration import CommunicatorConfiguration
from onlinepayments.sdk.domain.shopping_cart_extension import ShoppingCartExtension
from onlinepayments.sdk.json.default_marshaller import DefaultMarshaller
from onlinepayments.sdk.log.body_obfuscator import BodyObfuscator
from onlinepayments.sdk.log.header_obfuscator import HeaderObfuscator
from onlinepayments.sdk.webhooks.in_memory_secret_key_store import InMemorySecretKeyStore
from onlinepayments.sdk.webhooks.webhooks_helper import WebhooksHelper

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 1
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 1200
rng = random.Random(SEED)

SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"
SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"
WILD = SAFE + " +/&=?#%*'()!:@,;$\"\\<>[]{}|^`" + "äöüßéñ€中文😀\u00a0\u3000"


def emit(obj):
    print(json.dumps(obj, ensure_ascii=True))


def text(alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def header_value():
    parts = []
    for _ in range(rng.randint(0, 6)):
        r = rng.random()
        if r < 0.3:
            parts.append(rng.choice(["\n", "\r\n", "\r", "\n\n", "\r\r\n"]))
        elif r < 0.55:
            parts.append(text(SPACES, 1, 3))
        else:
            parts.append(text(WILD, 1, 8))
    return "".join(parts)


def hmac_case(i):
    method = rng.choice(["GET", "POST", "DELETE", "PUT", "get", "Post"])
    host = rng.choice(["payment.preprod.direct.worldline-solutions.com", "localhost:8080", "127.0.0.1:1234", "Example.COM"])
    scheme = rng.choice(["https", "http"])
    segments = ["v2"] + [text(SAFE, 1, 12) for _ in range(rng.randint(1, 4))]
    path = "/" + "/".join(segments)
    params = [[text(WILD, 1, 6), text(WILD, 0, 10)] for _ in range(rng.randint(0, 4))]
    if params and rng.random() < 0.3:
        params.append([params[0][0], text(WILD, 0, 5)])
    url = scheme + "://" + host + path
    sep = "?"
    for name, value in params:
        url += sep + quote(name) + "=" + quote(value)
        sep = "&"
    headers = []
    if rng.random() < 0.6:
        headers.append([rng.choice(["Content-Type", "content-type"]), rng.choice(["application/json", "text/plain; charset=utf-8", header_value()])])
    headers.append([rng.choice(["Date", "DATE", "date"]), "Tue, 05 Mar 2024 10:%02d:00 GMT" % rng.randint(0, 59)])
    for _ in range(rng.randint(0, 5)):
        name = rng.choice(["X-GCS-ServerMetaInfo", "X-GCS-ClientMetaInfo", "X-GCS-Idempotence-Key", "x-gcs-custom", "X-Gcs-Zeta", "X-GCS-a", "Accept", "User-Agent"])
        headers.append([name, header_value()])
    if rng.random() < 0.1:
        headers.append(["Date", "Wed, 06 Mar 2024 11:00:00 GMT"])
    rng.shuffle(headers)
    key_id = text(SAFE, 1, 16)
    secret = text(WILD, 1, 40)
    cfg = CommunicatorConfiguration(api_endpoint=scheme + "://" + host, api_key_id=key_id, secret_api_key=secret,
                                    authorization_type="v1HMAC", connect_timeout=5, socket_timeout=300)
    auth = V1HmacAuthenticator(cfg)
    rh = [RequestHeader(n, v) for n, v in headers]
    uri = urlparse(url)
    emit({"kind": "hmac", "method": method, "endpoint": scheme + "://" + host, "path": path, "params": params,
          "headers": headers, "key_id": key_id, "secret": secret, "url": url,
          "string_to_sign": auth.to_data_to_sign(method, uri, rh),
          "authorization": auth.get_authorization(method, uri, rh)})


class ForcedMetadataProvider(MetadataProvider):
    platform = "Linux 6.1.0/#1 SMP Python/3.11.7 (CPython; GCC 12.2.0)"

    @property
    def _platform_identifier(self):
        return ForcedMetadataProvider.platform


def meta_case():
    integrator = text(WILD, 1, 20).strip() or "I"
    ForcedMetadataProvider.platform = text(WILD, 1, 30)
    extension = None
    ext = None
    if rng.random() < 0.5:
        ext = {"creator": text(WILD, 1, 8), "name": text(WILD, 1, 8), "version": text(SAFE, 1, 5)}
        if rng.random() < 0.5:
            ext["extensionId"] = text(WILD, 1, 8)
        extension = ShoppingCartExtension(ext["creator"], ext["name"], ext["version"], ext.get("extensionId"))
    extra = [[text(SAFE, 1, 8), header_value()] for _ in range(rng.randint(0, 2))]
    try:
        provider = ForcedMetadataProvider(integrator, extension, [RequestHeader(n, v) for n, v in extra])
    except ValueError:
        return
    emit({"kind": "meta", "integrator": integrator, "platform": ForcedMetadataProvider.platform, "extension": ext,
          "extra": extra, "headers": [[h.name, h.value] for h in provider.metadata_headers]})


def webhook_case():
    store = InMemorySecretKeyStore()
    store.clear()
    secret = text(WILD, 1, 20).strip() or "s"
    key_id = text(SAFE, 1, 8)
    store.store_secret_key(key_id, secret)
    helper = WebhooksHelper(DefaultMarshaller.instance(), store)
    event = {"id": text(SAFE, 1, 10), "type": rng.choice(["payment.created", "payment.captured", "refund.refunded"]),
             "merchantId": text(SAFE, 1, 6), "created": "2024-03-05T10:00:00.000+01:00"}
    version = rng.choice(["v1", "v1", "v1", "v2", None])
    if version is not None:
        event["apiVersion"] = version
    body = json.dumps(event, ensure_ascii=rng.random() < 0.5).encode("utf-8")
    signature = base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode()
    mode = rng.choice(["ok", "ok", "bad", "unpadded", "unknown", "missing_sig", "missing_key", "duplicate", "case"])
    sig_name, key_name = "X-GCS-Signature", "X-GCS-KeyId"
    if mode == "bad":
        signature = ("A" if signature[0] != "A" else "B") + signature[1:]
    if mode == "unpadded":
        signature = signature.rstrip("=")
    if mode == "case":
        sig_name, key_name = "x-gcs-signature", "X-GCS-KEYID"
    headers = [[sig_name, signature], [key_name, key_id if mode != "unknown" else key_id + "x"]]
    if mode == "missing_sig":
        headers = headers[1:]
    if mode == "missing_key":
        headers = headers[:1]
    if mode == "duplicate":
        headers.append(["X-GCS-Signature", signature])
    try:
        result = helper.unmarshal(body, [RequestHeader(n, v) for n, v in headers])
        outcome = {"ok": True, "id": result.id, "type": result.type}
    except TypeError:
        outcome = {"ok": False, "class": "ApiVersionMismatchException", "message": None}
    except Exception as e:  # noqa: BLE001 - the class is what is compared
        outcome = {"ok": False, "class": type(e).__name__, "message": str(e)}
    emit({"kind": "webhook", "key_id": key_id, "secret": secret, "body": body.decode("utf-8"), "headers": headers,
          "outcome": outcome})


SENSITIVE = ["additionalInfo", "cardholderName", "dateOfBirth", "emailAddress", "faxNumber", "firstName", "houseNumber",
             "mobilePhoneNumber", "passengerName", "phoneNumber", "street", "workPhoneNumber", "zip", "cardNumber",
             "expiryDate", "cvv", "iban", "accountNumber", "reformattedAccountNumber", "bin", "value", "keyId",
             "secretKey", "publicKey", "userAuthenticationToken", "encryptedPayload", "decryptedPayload",
             "encryptedCustomerInput"]
OTHER = ["id", "amount", "currencyCode", "card", "order", "status", "cardNumberX", "Cvv", "name"]


def json_value(depth):
    r = rng.random()
    if depth < 3 and r < 0.2:
        return {rng.choice(SENSITIVE + OTHER): json_value(depth + 1) for _ in range(rng.randint(0, 4))}
    if depth < 3 and r < 0.3:
        return [json_value(depth + 1) for _ in range(rng.randint(0, 3))]
    if r < 0.45:
        return rng.randint(-10**6, 10**12)
    if r < 0.5:
        return rng.choice([True, False, None])
    if r < 0.55:
        return rng.random() * 1000
    return text(WILD, 1, 20)


def body_case():
    doc = {rng.choice(SENSITIVE + OTHER): json_value(0) for _ in range(rng.randint(1, 6))}
    indent = rng.choice([None, 4, 2])
    body = json.dumps(doc, indent=indent, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.15:
        body = body.replace('"', "'")
    custom = None
    obfuscator = BodyObfuscator.default_body_obfuscator()
    if rng.random() < 0.2:
        custom = rng.choice(["cvv", "id", "name"])
        from onlinepayments.sdk.log.obfuscation_rule import obfuscate_with_fixed_length
        obfuscator = BodyObfuscator({custom: obfuscate_with_fixed_length(3)})
    try:
        out = obfuscator.obfuscate_body(body)
    except TypeError:
        return
    emit({"kind": "body", "body": body, "custom_fixed3": custom, "obfuscated": out})


def header_case():
    name = rng.choice(["Authorization", "authorization", "WWW-Authenticate", "Proxy-Authorization",
                       "proxy-authenticate", "Content-Type", "X-GCS-ServerMetaInfo", "Date", "X-Custom"])
    value = text(WILD, 0, 30)
    emit({"kind": "header", "name": name, "value": value,
          "obfuscated": HeaderObfuscator.default_header_obfuscator().obfuscate_header(name, value)})


for i in range(COUNT):
    hmac_case(i)
for _ in range(COUNT // 5):
    meta_case()
    webhook_case()
    body_case()
    header_case()
