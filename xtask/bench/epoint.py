"""Times the official SDK's `pay` in dry mode (payload, data, signature) on
crates/epoint/benches/inputs.json.

Prints one JSON object per line: {"case", "ns_per_call", "output"}; the output is the body
httpx would send for the dry request's data (compact JSON, non-ASCII kept).
With --quick, measures briefly.
"""

import json
import os
import statistics
import sys
import timeit
from decimal import Decimal


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inputs = json.load(f)
    quick = "--quick" in sys.argv[2:]
    config = inputs["config"]

    # The SDK reads its settings from the environment when it is imported (the redirect
    # URLs become the request schemas' defaults).
    os.environ["EPOINT_PUBLIC_KEY"] = config["public_key"]
    os.environ["EPOINT_PRIVATE_KEY"] = config["private_key"]
    os.environ["EPOINT_INTERFACE_LANG"] = config["language"]
    os.environ["EPOINT_SUCCESS_REDIRECT_URL"] = config["success_redirect_url"]
    os.environ["EPOINT_FAILED_REDIRECT_URL"] = config["failed_redirect_url"]
    from integrify.epoint.client import EPointClientClass

    client = EPointClientClass(dry=True)
    pay = inputs["pay"]
    kwargs = {
        "amount": Decimal(pay["amount"]),
        "currency": pay["currency"],
        "order_id": pay["order_id"],
        "description": pay["description"],
        "other_attr": pay["other_attr"],
    }

    def call():
        return client.pay(**kwargs)

    timer = timeit.Timer(call)
    if quick:
        number, repeat = 200, 3
    else:
        number, _ = timer.autorange()
        number, repeat = max(number, 2000), 7
    median = statistics.median(timer.repeat(repeat=repeat, number=number)) / number
    dry = call()
    # What httpx sends for `json=`: compact separators, non-ASCII kept.
    body = json.dumps(dry["data"], ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    print(json.dumps({"case": "pay", "ns_per_call": median * 1e9, "output": body}))


if __name__ == "__main__":
    main()
