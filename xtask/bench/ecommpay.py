"""Times the official SDK's SignatureHandler.sign on crates/ecommpay/benches/inputs.json.

Prints one JSON object per line: {"case", "ns_per_call", "output"} (output: the signature).
With --quick, measures briefly.
"""

import json
import statistics
import sys
import timeit

from payment_page_sdk.signature_handler import SignatureHandler


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inputs = json.load(f)
    quick = "--quick" in sys.argv[2:]
    handler = SignatureHandler(inputs["secret"])
    for case in ("payment_15", "callback_3_levels"):
        params = inputs[case]
        timer = timeit.Timer(lambda: handler.sign(params))
        if quick:
            number, repeat = 200, 3
        else:
            number, _ = timer.autorange()
            number, repeat = max(number, 2000), 7
        median = statistics.median(timer.repeat(repeat=repeat, number=number)) / number
        print(json.dumps({"case": case, "ns_per_call": median * 1e9, "output": handler.sign(params)}))


if __name__ == "__main__":
    main()
