"""Parity cases for the `ecommpay` crate, computed with the official `ecommpay-sdk`.

Prints one JSON object per line:
  {"kind": "sign", "secret", "params", "string_to_sign", "signature"}
  {"kind": "url", "secret", "base_url", "project_id", "payment_id", "steps", "url"}
  {"kind": "callback", "secret", "raw", "result": {"ok": true, ...} | {"error": message}}

Generated inputs avoid JSON nulls and ':' inside keys, where PyPI 1.0.6 and the SDK's
master branch (which the crate follows) sign differently.

Usage: ecommpay.py [seed] [sign_cases] [url_cases] [callback_cases]
"""

import copy
import json
import random
import sys
from datetime import datetime, timedelta, timezone

from payment_page_sdk.gate import Gate
from payment_page_sdk.payment import Payment
from payment_page_sdk.process_exception import ProcessException
from payment_page_sdk.signature_handler import SignatureHandler

KEY_ALPHABET = "abcxyzABZ019_-. ~;=&+/?#%ОпЖ☕é\U0001F600\uE000\uFFFD"
TEXT_ALPHABET = KEY_ALPHABET + ":;\"\\\n\t{}[]'"
WORDS = ["payment", "id", "status", "sum", "amount", "currency", "signature", "frame_mode",
         "general", "customer", "0", "1", "10", "2", "", "a", "a_b", "a-c", "a0", "B"]


def text(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def key(rng):
    if rng.random() < 0.5:
        return rng.choice(WORDS)
    return text(rng, KEY_ALPHABET, 0, 6)


def scalar(rng):
    r = rng.random()
    if r < 0.35:
        return text(rng, TEXT_ALPHABET, 0, 10)
    if r < 0.55:
        return rng.choice([0, 1, -1, 7, 10, 255, 2 ** 31, -(2 ** 63), 2 ** 63 - 1, 2 ** 64 - 1,
                           rng.randint(-10 ** 6, 10 ** 6), rng.randint(0, 2 ** 64 - 1)])
    if r < 0.75:
        return rng.choice([0.0, -0.0, 1.0, 10.5, 0.1, 1e16, 1e15, 1e-4, 1e-5, 1e20, 1e-7, 2.5e300,
                           123456789.125, rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-12, 22),
                           float(rng.randint(-10 ** 9, 10 ** 9))])
    if r < 0.9:
        return rng.random() < 0.5
    return rng.choice(["", "None", "True", "1", "0"])


def value(rng, depth):
    r = rng.random()
    if depth > 0 and r < 0.2:
        return obj(rng, depth - 1, 0, 4)
    if depth > 0 and r < 0.3:
        return [value(rng, depth - 1) for _ in range(rng.randint(0, 12 if rng.random() < 0.2 else 3))]
    return scalar(rng)


def obj(rng, depth, lo, hi):
    return {key(rng): value(rng, depth) for _ in range(rng.randint(lo, hi))}


def string_to_sign(params):
    handler = SignatureHandler("")
    flat = handler._SignatureHandler__get_params_to_sign(params, handler.IGNORE_KEYS)
    return handler.ITEMS_DELIMITER.join(v for _, v in sorted(flat.items(), key=lambda t: t[0]))


def secret(rng):
    return rng.choice(["", "secret", "qwerty", text(rng, TEXT_ALPHABET, 1, 40), "k" * 200])


def sign_case(rng):
    s = secret(rng)
    params = obj(rng, rng.randint(0, 3), 0, 15)
    return {"kind": "sign", "secret": s, "params": params,
            "string_to_sign": string_to_sign(params), "signature": SignatureHandler(s).sign(params)}


PARAM_NAMES = ["payment_amount", "payment_currency", "payment_description", "customer_id", "customer_email",
               "language_code", "force_acs_new_window", "close_on_missclick", "redirect", "terminal_id",
               "frame_mode", "payment_id", "merchant_success_url", "customer_first_name", "region_code"]


def url_case(rng):
    s = secret(rng)
    base = rng.choice(["", "", "https://paymentpage.ecommpay.com/payment", "http://test.test/pay", "https://x.example/p?a=1"])
    project_id = rng.choice([186, "186", rng.randint(1, 10 ** 6), text(rng, TEXT_ALPHABET, 1, 5)])
    payment_id = rng.choice(["", "ECT_TEST_1555943554067", text(rng, TEXT_ALPHABET, 0, 12)])
    payment = Payment(project_id, payment_id)
    steps = []
    for _ in range(rng.randint(0, 15)):
        if rng.random() < 0.15:
            micro = rng.choice([0, rng.randint(0, 999999)])
            dt = datetime(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28),
                          rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), micro)
            offset = None
            if rng.random() < 0.5:
                offset = rng.choice([0, 3600, -5 * 3600 - 1800, rng.randint(-86399, 86399)])
                dt = dt.replace(tzinfo=timezone(timedelta(seconds=offset)))
            payment.best_before = dt
            steps.append({"best_before": [dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second, dt.microsecond],
                          "offset": offset})
        else:
            name = rng.choice(PARAM_NAMES) if rng.random() < 0.7 else key(rng)
            v = scalar(rng)
            setattr(payment, name, v)
            steps.append({"set": [name, v]})
    return {"kind": "url", "secret": s, "base_url": base, "project_id": project_id, "payment_id": payment_id,
            "steps": steps, "url": Gate(s, base).get_purchase_payment_page_url(payment)}


def strip_signatures(data):
    if "signature" in data:
        del data["signature"]
    for k in data:
        if isinstance(data[k], dict):
            strip_signatures(data[k])


def callback_body(rng, s):
    body = obj(rng, 3, 0, 6)
    # A non-string top-level signature makes the official SDK raise TypeError.
    body.pop("signature", None)
    # So does a `general` that is neither absent nor an object when it is looked into.
    if not isinstance(body.get("general", {}), dict):
        del body["general"]
    body["project_id"] = rng.randint(1, 10 ** 6)
    body["payment"] = {"id": text(rng, TEXT_ALPHABET, 1, 12),
                       "status": rng.choice(["success", "decline", "awaiting 3ds result", "refunded",
                                             "partially refunded", "something new"]),
                       "sum": {"amount": rng.randint(0, 10 ** 7), "currency": "EUR"}}
    if rng.random() < 0.3:
        body["errors"] = [{"code": "1", "signature": "kept in lists"}, {"x": {"signature": "also kept"}}]
    if rng.random() < 0.3:
        body.setdefault("customer", {})
        if isinstance(body["customer"], dict):
            body["customer"]["signature"] = "removed"
    use_general = rng.random() < 0.5
    if use_general and "general" not in body:
        body["general"] = {"project_id": 1}
    stripped = copy.deepcopy(body)
    strip_signatures(stripped)
    signature = SignatureHandler(s).sign(stripped)
    if use_general:
        body["general"]["signature"] = signature
    else:
        body["signature"] = signature
    return body


def tamper(rng, body):
    choice = rng.randint(0, 5)
    if choice == 0:
        body["payment"]["sum"]["amount"] += 1
    elif choice == 1:
        body["extra"] = "x"
    elif choice == 2:
        if isinstance(body.get("signature"), str):
            body["signature"] = body["signature"][::-1]
        else:
            body["signature"] = "forged"
    elif choice == 3:
        body.pop("signature", None)
    # So does a `general` that is neither absent nor an object when it is looked into.
    if not isinstance(body.get("general", {}), dict):
        del body["general"]
        if isinstance(body.get("general"), dict):
            body["general"].pop("signature", None)
    elif choice == 4:
        body["payment"]["id"] += "x"
    else:
        body["project_id"] = str(body["project_id"])
    return body


def callback_case(rng):
    s = secret(rng)
    body = callback_body(rng, s)
    r = rng.random()
    if r < 0.4:
        body = tamper(rng, body)
    raw = json.dumps(body, ensure_ascii=rng.random() < 0.5)
    if r > 0.95:
        raw = raw[: rng.randint(0, len(raw) - 1)]
    try:
        cb = Gate(s).handle_callback(raw)
        result = {"ok": True, "signature": cb.get_signature(), "payment_id": cb.get_payment_id(),
                  "payment_status": cb.get_payment_status()}
    except ProcessException as e:
        result = {"error": str(e)}
    return {"kind": "callback", "secret": s, "raw": raw, "result": result}


def main():
    args = [int(a) for a in sys.argv[1:]]
    seed, n_sign, n_url, n_callback = (args + [20240501, 1200, 500, 800][len(args):])[:4]
    rng = random.Random(seed)
    out = sys.stdout
    for make, n in ((sign_case, n_sign), (url_case, n_url), (callback_case, n_callback)):
        for _ in range(n):
            out.write(json.dumps(make(rng)) + "\n")


if __name__ == "__main__":
    main()
