#!/usr/bin/env python3
"""Browser end-to-end test of the demo shop.

Drives headless Chromium through chromedriver's W3C WebDriver API (standard library only). For
every provider it buys twice, once with the approved and once with the declined test card:
picks the provider on the home page, opens a product's checkout, pays on the sandbox's hosted
page and waits for the order page to show the verified outcome.

The amount is checked end to end: the price on the product card and the checkout total must
equal what the sandbox's hosted page says it charges (rendered by the sandbox from the request it
received) and what the provider's verified notification stated (the order page's "amount
notified"); the order list must show the same amount and status for every order. Every page is
checked for images without alt text, inputs without labels and assets from another origin.

Screenshots (full page) go to --screenshots: the home page per provider, a checkout, the hosted
pages, the order pages and the order list.

Usage: browser.py --shop http://127.0.0.1:8080 --chromedriver /usr/bin/chromedriver \
                  --chromium /usr/bin/chromium --screenshots target/e2e
"""

import argparse
import base64
import glob
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

PROVIDERS = ["nopayn", "ecommpay", "epoint", "onlinepayments"]
# flow name, card number, final state the order page must show
FLOWS = [("paid", "4111111111111111", "paid"), ("declined", "4111111111111105", "declined")]
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
MONEY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Z]{3})\s*$")

# Checks every page must pass; returns a list of problems.
HYGIENE_JS = """
return (async () => {
  const problems = [];
  // Let every picture finish loading (or fail) before judging it.
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
  for (const img of document.images) {
    if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src);
    if (img.naturalWidth === 0) problems.push('image not loaded: ' + img.src);
  }
  for (const input of document.querySelectorAll('input, select, textarea')) {
    if (input.type === 'hidden') continue;
    if (input.labels.length === 0 && !input.getAttribute('aria-label')) problems.push('input without label: ' + (input.id || input.name));
  }
  for (const r of performance.getEntriesByType('resource')) {
    if (!r.name.startsWith(location.origin + '/')) problems.push('asset from another origin: ' + r.name);
  }
  if (!document.documentElement.lang) problems.push('no lang attribute');
  if (!document.querySelector('h1')) problems.push('no h1');
  if (getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)') problems.push('stylesheet not applied');
  return problems;
})();
"""


class WebDriver:
    def __init__(self, base):
        self.base = base
        self.session = None

    def call(self, method, path, payload=None):
        data = None if payload is None else json.dumps(payload).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.loads(resp.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:500]!r}") from None

    def start(self, chromium, profile):
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     "--window-size=1280,900", "--force-device-scale-factor=1",
                     f"--user-data-dir={profile}"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def s(self, path):
        return f"/session/{self.session}{path}"

    def goto(self, url):
        self.call("POST", self.s("/url"), {"url": url})

    def url(self):
        return self.call("GET", self.s("/url"))

    def find(self, css, timeout=15):
        deadline = time.time() + timeout
        while True:
            try:
                return self.call("POST", self.s("/element"), {"using": "css selector", "value": css})[ELEMENT]
            except RuntimeError:
                if time.time() > deadline:
                    raise RuntimeError(f"no element {css!r} on {self.url()}")
                time.sleep(0.2)

    def find_all(self, css):
        found = self.call("POST", self.s("/elements"), {"using": "css selector", "value": css})
        return [e[ELEMENT] for e in found]

    def click(self, css):
        self.call("POST", self.s(f"/element/{self.find(css)}/click"), {})

    def type(self, css, text):
        self.call("POST", self.s(f"/element/{self.find(css)}/value"), {"text": text})

    def text(self, css):
        return self.call("GET", self.s(f"/element/{self.find(css)}/text"))

    def attr(self, css, name, element=None):
        element = element or self.find(css)
        return self.call("GET", self.s(f"/element/{element}/attribute/{name}"))

    def execute(self, script):
        return self.call("POST", self.s("/execute/sync"), {"script": script, "args": []})

    def screenshot(self, path):
        """A full-page screenshot (Chrome DevTools), else the viewport."""
        try:
            size = self.cdp("Page.getLayoutMetrics", {})["cssContentSize"]
            data = self.cdp("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})["data"]
        except (RuntimeError, KeyError, TypeError):
            data = self.call("GET", self.s("/screenshot"))
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def cdp(self, cmd, params):
        return self.call("POST", self.s("/goog/cdp/execute"), {"cmd": cmd, "params": params})

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", self.s(""))
            except Exception:  # the browser may already be gone
                pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def money(text, where):
    """'92.00 AZN' -> (Decimal('92.00'), 'AZN')."""
    m = MONEY.match(text)
    if not m:
        raise RuntimeError(f"{where}: {text!r} is not an amount with a currency")
    return Decimal(m.group(1)), m.group(2)


def show(amount):
    return f"{amount[0]} {amount[1]}"


class Check:
    """Collects failed expectations of one flow instead of stopping at the first."""

    def __init__(self):
        self.problems = []

    def equal(self, what, got, want):
        if got != want:
            self.problems.append(f"{what}: {got!r}, expected {want!r}")

    def page(self, driver, name):
        for problem in driver.execute(HYGIENE_JS):
            self.problems.append(f"{name} page: {problem}")


def wait_final(driver, shop, timeout=20):
    """Waits on the order page until the badge shows a final state; returns it."""
    deadline = time.time() + timeout
    state = None
    while time.time() < deadline:
        if driver.url().startswith(shop + "/orders/"):
            try:
                state = driver.attr("#status", "data-state")
            except RuntimeError:
                state = None
            if state not in (None, "pending"):
                return state
            driver.goto(driver.url())  # reload until the notification has been processed
        time.sleep(0.3)
    return state


def buy(driver, shop, provider, sku, flow, card, expected, shots, check):
    """One purchase; returns (order id, amount shown)."""
    driver.goto(shop + "/")
    check.page(driver, "home")
    driver.click(f"#provider-{provider}")
    driver.find(f"#provider-{provider}[aria-current='true']")
    shown = money(driver.text(f"#price-{sku}"), f"price of {sku}")
    hint = driver.text("#currency-hint")
    if shown[1] not in hint:
        check.problems.append(f"home page says {hint!r} but prices are in {shown[1]}")
    if flow == "paid":
        driver.screenshot(os.path.join(shots, f"home-{provider}.png"))

    driver.click(f"#buy-{sku}")
    total = money(driver.text("#total"), "checkout total")
    check.equal("checkout total", total, shown)
    check.equal("pay button", driver.text("#pay"), f"Pay {show(shown)}")
    check.page(driver, "checkout")
    if flow == "paid":
        driver.screenshot(os.path.join(shots, f"checkout-{provider}.png"))
    driver.click("#pay")

    driver.find("#card_number")
    hosted_url = driver.url()
    asked = (Decimal(driver.text("#amount")), driver.text("#currency"))
    check.equal("amount on the provider's hosted page", asked, shown)
    driver.type("#card_number", card)
    driver.screenshot(os.path.join(shots, f"hosted-{provider}-{flow}.png"))
    driver.click("#pay")

    state = wait_final(driver, shop)
    order_url = driver.url()
    path = urllib.parse.urlsplit(order_url).path
    order_id = path.removeprefix("/orders/") if order_url.startswith(shop + "/orders/") else None
    check.equal("order state", state, expected)
    if order_id:
        check.equal("amount on the order page", money(driver.text("#amount"), "order amount"), shown)
        check.equal("amount the provider notified", money(driver.text("#notified-amount"), "notified amount"), shown)
        check.page(driver, "order")
    else:
        check.problems.append(f"not back on an order page: {order_url}")
    driver.screenshot(os.path.join(shots, f"order-{provider}-{flow}.png"))
    return order_id, shown, hosted_url


def check_order_list(driver, shop, bought, shots):
    """The order list shows every order with the amount charged and its final status."""
    driver.goto(shop + "/orders")
    check = Check()
    check.page(driver, "orders")
    rows = driver.find_all("#orders tbody tr")
    check.equal("rows in the order list", len(rows), len(bought))
    for order_id, (shown, expected) in bought.items():
        row = f"#order-{order_id}"
        try:
            check.equal(f"{order_id} amount", money(driver.text(f"{row} .money"), f"{order_id} amount"), shown)
            check.equal(f"{order_id} status", driver.attr(f"{row} .badge", "data-state"), expected)
        except RuntimeError as e:
            check.problems.append(str(e))
    driver.screenshot(os.path.join(shots, "orders.png"))
    return check.problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shop", required=True)
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--screenshots", default="target/e2e")
    args = ap.parse_args()
    shop = args.shop.rstrip("/")
    os.makedirs(args.screenshots, exist_ok=True)
    for old in glob.glob(os.path.join(args.screenshots, "*.png")):
        os.remove(old)
    port = free_port()
    driver_proc = subprocess.Popen([args.chromedriver, f"--port={port}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="payments-demo-e2e-")
    driver = WebDriver(f"http://127.0.0.1:{port}")
    try:
        wait_for_port(port)
        driver.start(args.chromium, profile)
        flows, failures = run(driver, shop, args.screenshots)
    finally:
        # The browser goes first: it writes to its profile until it has exited.
        driver.quit()
        driver_proc.terminate()
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.kill()
            driver_proc.wait(timeout=10)
        for _ in range(10):
            shutil.rmtree(profile, ignore_errors=True)
            if not os.path.exists(profile):
                break
            time.sleep(0.3)
    print(f"{flows - failures} passed, {failures} failed; screenshots in {args.screenshots}")
    return 1 if failures else 0


def run(driver, shop, shots):
    """Every purchase, then the order list; returns (checks run, checks failed)."""
    failures = 0
    flows = 0
    bought = {}
    driver.goto(shop + "/")
    skus = [driver.attr(None, "id", e).removeprefix("product-") for e in driver.find_all(".products .card")]
    if not skus:
        raise RuntimeError("the home page lists no products")
    for i, provider in enumerate(PROVIDERS):
        for j, (flow, card, expected) in enumerate(FLOWS):
            sku = skus[(i + j) % len(skus)]
            check = Check()
            flows += 1
            try:
                order_id, shown, hosted = buy(driver, shop, provider, sku, flow, card, expected, shots, check)
                if order_id:
                    bought[order_id] = (shown, expected)
                summary = f"{sku:<8} {show(shown):>11}  hosted page {hosted.split('?')[0]}"
            except Exception as e:  # report and continue with the next flow
                check.problems.append(f"{type(e).__name__}: {e}")
                summary = ""
            ok = not check.problems
            failures += 0 if ok else 1
            print(f"{provider:<15} {flow:<9} {summary} {'ok' if ok else 'FAILED'}")
            for problem in check.problems:
                print(f"    {problem}")
    problems = check_order_list(driver, shop, bought, shots)
    flows += 1
    failures += 1 if problems else 0
    print(f"{'order list':<25} {len(bought)} orders, amounts and statuses {'ok' if not problems else 'FAILED'}")
    for problem in problems:
        print(f"    {problem}")
    return flows, failures

if __name__ == "__main__":
    sys.exit(main())
