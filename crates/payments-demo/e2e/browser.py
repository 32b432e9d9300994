#!/usr/bin/env python3
"""Browser end-to-end test of the demo shop.

Drives headless Chromium through chromedriver's W3C WebDriver API (standard library only): for
every provider it opens the shop, picks the provider, pays on the sandbox's hosted page with the
approved test card and checks that the order page says "paid". Screenshots go to --screenshots.

Usage: browser.py --shop http://127.0.0.1:8080 --chromedriver /usr/bin/chromedriver \
                  --chromium /usr/bin/chromium --screenshots target/e2e
"""

import argparse
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

PROVIDERS = ["nopayn", "ecommpay", "epoint", "onlinepayments"]
APPROVED_CARD = "4111111111111111"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


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
                     "--disable-component-update", "--disable-sync", "--window-size=1000,900",
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

    def click(self, css):
        self.call("POST", self.s(f"/element/{self.find(css)}/click"), {})

    def type(self, css, text):
        self.call("POST", self.s(f"/element/{self.find(css)}/value"), {"text": text})

    def text(self, css):
        return self.call("GET", self.s(f"/element/{self.find(css)}/text"))

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.call("GET", self.s("/screenshot"))))

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


def buy(driver, shop, provider, shots):
    driver.goto(shop + "/")
    driver.click(f"#provider-{provider}")
    driver.screenshot(os.path.join(shots, f"{provider}-1-shop.png"))
    driver.click("#buy")
    driver.find("#card_number")
    hosted = driver.url()
    driver.type("#card_number", APPROVED_CARD)
    driver.screenshot(os.path.join(shots, f"{provider}-2-hosted-page.png"))
    driver.click("#pay")
    deadline = time.time() + 20
    status = None
    while time.time() < deadline:
        if driver.url().startswith(shop + "/orders/"):
            try:
                status = driver.text("#status")
            except RuntimeError:
                status = None
            if status == "paid":
                break
            driver.goto(driver.url())  # reload until the notification has been processed
        time.sleep(0.3)
    driver.screenshot(os.path.join(shots, f"{provider}-3-order.png"))
    return hosted, driver.url(), status


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shop", required=True)
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--screenshots", default="target/e2e")
    args = ap.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    port = free_port()
    driver_proc = subprocess.Popen([args.chromedriver, f"--port={port}"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failures = 0
    driver = WebDriver(f"http://127.0.0.1:{port}")
    try:
        wait_for_port(port)
        with tempfile.TemporaryDirectory() as profile:
            driver.start(args.chromium, profile)
            for provider in PROVIDERS:
                try:
                    hosted, final, status = buy(driver, args.shop.rstrip("/"), provider, args.screenshots)
                    ok = status == "paid"
                    print(f"{provider:<16} hosted page {hosted.split('?')[0]:<50} order page status: {status!r}"
                          f" {'ok' if ok else 'FAILED'}")
                except Exception as e:  # report and continue with the next provider
                    ok = False
                    print(f"{provider:<16} FAILED: {e}")
                failures += 0 if ok else 1
    finally:
        driver.quit()
        driver_proc.terminate()
        driver_proc.wait(timeout=10)
    print(f"{len(PROVIDERS) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
