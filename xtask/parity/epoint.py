"""Parity cases for the `epoint-az` crate, computed with the official `integrify-epoint`.

Prints one JSON object per line:
  {"kind": "request", "call", "kwargs", "config": {...}, "url", "data", "signature"}
  {"kind": "callback", "private_key", "body_b64", "outcome", "decoded"?}

Request kwargs carry amounts as text (`str(Decimal)`, `repr(float)` or `str(int)`);
the Rust side builds the same `Decimal`. Amounts whose Python form has a positive
exponent (`1E+2`) are not generated: a Rust `Decimal` cannot hold that exponent.

Callback outcomes: "parse_error" (form), "none" (signature mismatch), "b64_error",
"json_error", "data_error" (schema), "ok" (with the decoded model as JSON).

Usage: epoint.py [seed] [requests_per_endpoint] [callbacks]
"""

import os

# The integrify env module reads these once, at import.
os.environ["EPOINT_PUBLIC_KEY"] = "i000000001"
os.environ["EPOINT_PRIVATE_KEY"] = "parity-private-key"
os.environ["EPOINT_INTERFACE_LANG"] = "az"
os.environ["EPOINT_SUCCESS_REDIRECT_URL"] = "https://shop.example/ok?x=1&y=ə"
os.environ.pop("EPOINT_FAILED_REDIRECT_URL", None)

import base64  # noqa: E402
import binascii  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
from decimal import Decimal  # noqa: E402
from urllib.parse import quote  # noqa: E402

from integrify.epoint import env  # noqa: E402
from integrify.epoint.client import EPointClientClass  # noqa: E402
from integrify.epoint.helpers import decode_callback_data, generate_signature  # noqa: E402
from integrify.epoint.schemas.callback import CallbackDataSchema  # noqa: E402
from integrify.epoint.schemas.enums import Code  # noqa: E402
from pydantic import ValidationError  # noqa: E402

CALLS = [
    "pay", "get_transaction_status", "save_card", "pay_with_saved_card", "pay_and_save_card",
    "payout", "refund", "split_pay", "split_pay_with_saved_card", "split_pay_and_save_card",
    "create_widget", "create_token_payment", "apple_pay_session", "apple_pay", "google_pay",
]
TEXT = ("abcxyzABC019 -_./:?&=+%#\"'\\\n\t\r\x00\x01\x1f\x7f"
        "əƏöÖüÜçÇşŞğĞıİ№“”€¥中文й\u00a0\u2028\u200b\ufeff\uffff"
        "😀💳\U0001F1E6\U0010FFFF")


def text(rng, lo=0, hi=16):
    return "".join(rng.choice(TEXT) for _ in range(rng.randint(lo, hi)))


def amount(rng):
    """(python value, text for Rust)."""
    r = rng.random()
    if r < 0.15:
        v = rng.choice([0, 1, 5, 100, 999999, rng.randint(0, 10 ** 9), -rng.randint(1, 1000)])
        return v, str(v)
    if r < 0.35:
        v = rng.choice([0.1, 10.0, 10.5, 0.01, 1e-05, 1e-07, 123.45, 1e15, 99.99, 0.3,
                        round(rng.uniform(0, 10 ** 6), rng.randint(0, 4))])
        return v, repr(v)
    if r < 0.5:
        v = Decimal(rng.choice(["10.50", "12.340", "0.000", "0E-7", "1E-7", "-0.00000012", "1.0E-7",
                                "79228162514264337593543950335", "0.0000000000000000000000000001",
                                "-0", "0.5", "1000000.000001"]))
        return v, str(v)
    mantissa = rng.randint(0, 10 ** rng.randint(1, 15)) * rng.choice([1, 1, 1, -1])
    scale = rng.randint(0, 12)
    v = Decimal(mantissa).scaleb(-scale)
    return v, str(v)


def json_value(rng, depth=2):
    r = rng.random()
    if depth > 0 and r < 0.15:
        return {text(rng, 0, 5): json_value(rng, depth - 1) for _ in range(rng.randint(0, 3))}
    if depth > 0 and r < 0.25:
        return [json_value(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    if r < 0.5:
        return text(rng, 0, 10)
    if r < 0.65:
        return rng.choice([0, 1, -1, 2 ** 31, 2 ** 63 - 1, -(2 ** 63), 2 ** 64 - 1, rng.randint(-10 ** 9, 10 ** 9)])
    if r < 0.8:
        return rng.choice([0.0, -0.0, 1.0, 10.5, 0.1, 1e16, 1e-7, 1e22, 1.5e300, 2.5,
                           round(rng.uniform(-1e4, 1e4), rng.randint(0, 3))])
    if r < 0.9:
        return rng.random() < 0.5
    return None


def maybe(rng, kwargs, key, make, p=0.5):
    if rng.random() < p:
        kwargs[key] = make()


def request_case(rng, call):
    kw, wire = {}, {}

    def amt(key):
        v, t = amount(rng)
        kw[key], wire[key] = v, t

    def s(key, lo=0, hi=16):
        kw[key] = wire[key] = text(rng, lo, hi)

    def other_attr():
        if rng.random() < 0.4:
            kw["other_attr"] = wire["other_attr"] = {text(rng, 0, 6): json_value(rng) for _ in range(rng.randint(0, 4))}

    def redirects():
        if rng.random() < 0.4:
            s("success_redirect_url")
        if rng.random() < 0.4:
            s("error_redirect_url")

    def opt_description():
        if rng.random() < 0.5:
            s("description")

    if call == "get_transaction_status":
        s("transaction_id", 1)
    elif call == "save_card":
        pass
    elif call in ("pay", "split_pay", "split_pay_and_save_card", "pay_and_save_card"):
        amt("amount")
        s("currency", 3, 3)
        s("order_id", 1)
        redirects()
        if call == "pay_and_save_card":
            s("description")
        else:
            opt_description()
        if call != "pay":
            s("split_user_id", 1)
            amt("split_amount")
        if call in ("pay", "split_pay"):
            other_attr()
        if call == "pay_and_save_card":
            for k in ("split_user_id", "split_amount"):
                kw.pop(k, None)
                wire.pop(k, None)
    elif call in ("pay_with_saved_card", "payout", "split_pay_with_saved_card"):
        amt("amount")
        s("currency", 3, 3)
        s("order_id", 1)
        s("card_id", 1)
        if call == "split_pay_with_saved_card":
            s("split_user_id", 1)
            amt("split_amount")
        if call != "pay_with_saved_card":
            opt_description()
    elif call == "refund":
        s("transaction_id", 1)
        s("currency", 3, 3)
        if rng.random() < 0.5:
            amt("amount")
    elif call == "create_widget":
        amt("amount")
        s("order_id", 1)
        s("description")
    elif call == "create_token_payment":
        amt("amount")
        s("currency", 3, 3)
        s("order_id", 1)
        opt_description()
    elif call == "apple_pay_session":
        s("origin", 1)
    elif call in ("apple_pay", "google_pay"):
        key = rng.choice(["payment_id", "id"])
        kw[key] = wire[key] = rng.choice([rng.randint(0, 10 ** 12), -5, text(rng, 0, 8)])
        kw["token"] = wire["token"] = json_value(rng)
        if rng.random() < 0.5:
            bkey = rng.choice(["billing_contact", "billingContact"])
            kw[bkey] = wire[bkey] = json_value(rng)
    return kw, wire


def run_requests(rng, per_endpoint):
    client = EPointClientClass(dry=True)
    for i in range(per_endpoint):
        for call in CALLS:
            env.EPOINT_PUBLIC_KEY = rng.choice(["i000000001", "i000200123", text(rng, 1, 10)])
            # The crate refuses blank keys; keep one visible character.
            env.EPOINT_PRIVATE_KEY = rng.choice(["parity-private-key", text(rng, 0, 24) + "k"])
            env.EPOINT_INTERFACE_LANG = rng.choice(["az", "en", "ru", text(rng, 0, 3)])
            kw, wire = request_case(rng, call)
            out = getattr(client, call)(**kw)
            print(json.dumps({
                "kind": "request",
                "call": call,
                "kwargs": wire,
                "config": {
                    "public_key": env.EPOINT_PUBLIC_KEY,
                    "private_key": env.EPOINT_PRIVATE_KEY,
                    "language": env.EPOINT_INTERFACE_LANG,
                    "success_redirect_url": os.environ.get("EPOINT_SUCCESS_REDIRECT_URL"),
                    "failed_redirect_url": None,
                },
                "url": out["url"],
                "data": out["data"]["data"],
                "signature": out["data"]["signature"],
            }))


STATUSES = ["success", "error", "failed", "server_error"]
CODES = list(Code.keys())


def callback_json(rng):
    def opt(make, p=0.6):
        return make() if rng.random() < p else None

    def cb_amount():
        return rng.choice([
            lambda: rng.randint(0, 10 ** 6),
            lambda: round(rng.uniform(0, 10 ** 4), rng.randint(0, 2)),
            lambda: str(Decimal(rng.randint(0, 10 ** 8)).scaleb(-rng.randint(0, 9))),
            lambda: rng.choice(["10.50", "1E-7", "abc", ""]),
        ])()

    fields = {
        "status": rng.choice(STATUSES),
        "message": opt(lambda: text(rng)),
        "code": opt(lambda: rng.choice(CODES + ["", "Z99", "0001", 0, text(rng, 0, 3)])),
        "transaction": opt(lambda: text(rng, 1)),
        "bank_transaction": opt(lambda: text(rng)),
        "bank_response": opt(lambda: text(rng)),
        "operation_code": opt(lambda: rng.choice(["001", "100"])),
        "rrn": opt(lambda: str(rng.randint(0, 10 ** 12))),
        "card_mask": opt(lambda: "123456******" + str(rng.randint(1000, 9999))),
        "card_name": opt(lambda: text(rng)),
        "amount": opt(cb_amount),
        "order_id": opt(lambda: text(rng, 1)),
        "card_id": opt(lambda: text(rng, 1)),
        "split_amount": opt(cb_amount, 0.3),
        "other_attr": opt(lambda: text(rng), 0.3),
    }
    r = rng.random()
    if r < 0.03:
        fields["message"] = rng.randint(0, 9)
    elif r < 0.06:
        fields["other_attr"] = {"a": 1}
    elif r < 0.08:
        del fields["status"]
    elif r < 0.1:
        fields["unknown_field"] = json_value(rng)
    keys = list(fields)
    rng.shuffle(keys)
    return json.dumps({k: fields[k] for k in keys if not (fields[k] is None and rng.random() < 0.5)})


def form_body(rng, data, signature):
    r = rng.random()
    if r < 0.7:
        body = "data=" + quote(data, safe="") + "&signature=" + quote(signature, safe="")
    elif r < 0.8:
        body = "signature=" + quote(signature, safe="") + "&data=" + quote(data, safe="") + "&x=1"
    else:
        body = "data=" + data + "&signature=" + signature  # unencoded: '+' reads as space
    return body.encode()


def tamper(rng, data, signature, body):
    r = rng.random()
    if r < 0.55:
        return body
    if r < 0.65:
        i = rng.randrange(len(signature))
        sig = signature[:i] + rng.choice("AB+/=") + signature[i + 1:]
        return form_body(rng, data, sig)
    if r < 0.75:
        i = rng.randrange(len(data)) if data else 0
        return form_body(rng, data[:i] + rng.choice("Aa=é-") + data[i + 1:], signature)
    if r < 0.8:
        return body.replace(b"data=", b"dat=")
    if r < 0.85:
        return body + b"&signature="
    if r < 0.9:
        return body + b"&data=" + rng.choice([b"", b"QQ", b"%FF", b"x+y"])
    if r < 0.95:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    return body.replace(b"&", b";")


def run_callbacks(rng, count):
    for i in range(count):
        key = rng.choice(["parity-private-key", text(rng, 1, 20)])
        env.EPOINT_PRIVATE_KEY = key
        r = rng.random()
        if r < 0.05:
            raw = rng.choice([b"not json", b"[1, 2]", b"\xff\xfe"])
        else:
            raw = callback_json(rng).encode()
        data = base64.b64encode(raw).decode()
        if r > 0.97:
            data = data.rstrip("=")  # padding problem, still signed
        signature = generate_signature(data)
        body = tamper(rng, data, signature, form_body(rng, data, signature))
        case = {"kind": "callback", "private_key": key, "body_b64": base64.b64encode(body).decode()}
        try:
            schema = CallbackDataSchema.model_validate(body)
        except (ValidationError, UnicodeDecodeError, ValueError):
            case["outcome"] = "parse_error"
            print(json.dumps(case))
            continue
        if schema.signature != generate_signature(schema.data):
            case["outcome"] = "none"
            print(json.dumps(case))
            continue
        try:
            base64.b64decode(schema.data)
        except (binascii.Error, ValueError):
            case["outcome"] = "b64_error"
            print(json.dumps(case))
            continue
        try:
            json.loads(base64.b64decode(schema.data))
        except ValueError:
            case["outcome"] = "json_error"
            print(json.dumps(case))
            continue
        try:
            decoded = decode_callback_data(schema)
        except ValidationError:
            case["outcome"] = "data_error"
            print(json.dumps(case))
            continue
        case["outcome"] = "ok"
        case["decoded"] = decoded.model_dump(mode="json")
        case["raw"] = json.loads(base64.b64decode(schema.data))
        print(json.dumps(case))


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    per_endpoint = int(sys.argv[2]) if len(sys.argv) > 2 else 80
    callbacks = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    rng = random.Random(seed)
    run_requests(rng, per_endpoint)
    run_callbacks(rng, callbacks)


if __name__ == "__main__":
    main()
