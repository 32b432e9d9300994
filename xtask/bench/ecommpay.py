"""Times the official SDK's SignatureHandler.sign on crates/ecommpay/benches/inputs.json.

Prints one JSON object per line: {"case", "ns_per_call", "signature"}.
"""

import json
import statistics
import sys
import timeit

from payment_page_sdk.signature_handler import SignatureHandler


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inputs = json.load(f)
    handler = SignatureHandler(inputs["secret"])
    for case in ("payment_15", "callback_3_levels"):
        params = inputs[case]
        timer = timeit.Timer(lambda: handler.sign(params))
        number, _ = timer.autorange()
        number = max(number, 2000)
        median = statistics.median(timer.repeat(repeat=7, number=number)) / number
        print(json.dumps({"case": case, "ns_per_call": median * 1e9, "signature": handler.sign(params)}))


if __name__ == "__main__":
    main()
