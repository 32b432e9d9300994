"""What the sandbox drive scripts share: the coordinates line, result lines, plain HTTP
without redirects, and a local receiver for notifications.

Each script is run as `<script> '<JSON coordinates line of its provider>'` and prints one JSON
object per check: {"name": ..., "ok": true|false, "detail": "..."} (the Online Payments script
adds "routed": false to a failure of a method the sandbox has no route for). Everything talks to
127.0.0.1 only and every wait is bounded.
"""

import json
import re
import sys
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TIMEOUT = 10  # seconds, for every HTTP exchange


def coordinates():
    """The coordinates line of this script's provider (argv[1])."""
    if len(sys.argv) != 2:
        sys.exit("usage: %s '<coordinates JSON line>'" % sys.argv[0])
    return json.loads(sys.argv[1])


def report(name, ok, detail="", **extra):
    line = {"name": name, "ok": bool(ok), "detail": str(detail)}
    line.update(extra)
    print(json.dumps(line), flush=True)


def check(name, fn):
    """Runs `fn`, which returns a detail text or raises; reports the result."""
    try:
        detail = fn()
        report(name, True, detail or "")
    except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
        report(name, False, describe(e))


def describe(e):
    text = "%s: %s" % (type(e).__name__, e)
    frames = traceback.extract_tb(e.__traceback__)
    if frames:
        last = frames[-1]
        text += " (at %s:%d)" % (last.filename.rsplit("/", 1)[-1], last.lineno)
    return text


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def http(method, url, body=None, headers=None):
    """(status, headers, text) of one request; redirects are not followed."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode("utf-8", "replace")


def post_form(url, fields):
    return http("POST", url, urllib.parse.urlencode(fields),
                {"Content-Type": "application/x-www-form-urlencoded"})


def form_actions(html):
    """The `action` of every form in an HTML page, unescaped."""
    return [a.replace("&amp;", "&") for a in re.findall(r'<form[^>]*action="([^"]*)"', html)]


def absolute(base, url):
    return urllib.parse.urljoin(base, url)


class Receiver:
    """A merchant endpoint on 127.0.0.1 that answers 200 and keeps what it received."""

    def __init__(self):
        received = self.received = []
        lock = self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, 1 << 20))
                with lock:
                    received.append((self.path, list(self.headers.items()), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/notify" % self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def wait(self, count, timeout=5.0):
        """The first `count` notifications, waiting at most `timeout` seconds for them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.received) >= count:
                    return list(self.received[:count])
            time.sleep(0.02)
        raise AssertionError("%d notification(s) expected, %d received" % (count, len(self.received)))

    def close(self):
        self._server.shutdown()


def card_form(page_url, html, card_number):
    """Fills the card form of a sandbox page (the form with a `card_number` input, with its
    hidden inputs) and posts it; returns (status, headers, text)."""
    for form in re.findall(r"<form\b.*?</form>", html, re.S):
        if 'name="card_number"' not in form:
            continue
        action = re.search(r'action="([^"]*)"', form).group(1).replace("&amp;", "&")
        fields = dict(re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)"', form))
        fields["card_number"] = card_number
        return post_form(absolute(page_url, action), fields)
    raise AssertionError("no card form on %s" % page_url)
