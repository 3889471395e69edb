"""What the Python check scripts share: an HTTP client of one running `gongkai serve` (cookies
or a bearer token), the TOTP an authenticator computes, and signing a member of staff in — with
the second factor set up when the account needs one — to make an API token.

Imported by scripts/two-instances and scripts/check-api (`sys.path` gets scripts/lib).
"""
import base64
import hashlib
import hmac
import http.cookiejar
import json
import re
import socket
import struct
import time
import urllib.error
import urllib.parse
import urllib.request


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def totp(key, at=None):
    """RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from a base32 key as the page shows it."""
    key = key.replace(" ", "").upper()
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    digest = hmac.new(secret, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def csrf(page):
    match = re.search(r'name="_csrf" value="([^"]+)"', page)
    check(match, "no CSRF field on the page")
    return match.group(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser (cookies) or an API client (bearer token) of one base URL."""

    def __init__(self, base, token=None):
        self.base = base
        self.token = token
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def on(self, base):
        """The same cookies or token, sent to another instance."""
        other = Client(base, self.token)
        other.jar = self.jar
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        return other

    def send(self, method, path, form=None, body=None):
        data, headers = None, {}
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def json(self, method, path, body=None, expect=(200, 201)):
        status, text, _ = self.send(method, path, body=body)
        check(status in expect, f"{method} {self.base}{path}: HTTP {status}, expected {expect}: {text[:400]}")
        return json.loads(text) if text else None

    def sign_in(self, username, password):
        """Signs in; an account that must have a second factor sets it up with the key the page
        shows, the code computed here as an authenticator would (issue #14)."""
        status, page, _ = self.send("GET", "/login")
        check(status == 200, f"GET {self.base}/login: HTTP {status}")
        status, _, headers = self.send("POST", "/login", form={"username": username, "password": password, "_csrf": csrf(page)})
        check(status in (302, 303) and "/login" not in (headers.get("Location") or ""),
              f"{username} could not sign in on {self.base}: HTTP {status}")
        status, page, _ = self.send("GET", "/console/second-factor")
        key = re.search(r'<code class="secret">([^<]+)</code>', page)
        if key:
            status, page, _ = self.send("POST", "/console/second-factor",
                                        form={"action": "confirm", "code": totp(key.group(1)), "_csrf": csrf(page)})
            check(status == 200 and "恢复码" in page, f"{username} could not set up the second factor on {self.base}: HTTP {status}")

    def make_token(self, name="check", valid_days=1):
        """A new API token of the signed-in user, read from the token page that shows it once."""
        status, page, _ = self.send("GET", "/console/tokens")
        check(status == 200, f"GET {self.base}/console/tokens: HTTP {status}")
        status, page, _ = self.send("POST", "/console/tokens", form={"name": name, "valid_days": str(valid_days), "_csrf": csrf(page)})
        check(status == 200, f"creating a token on {self.base}: HTTP {status}")
        secret = re.search(r'class="secret"><code>([^<]+)</code>', page)
        check(secret, f"no new token on {self.base}'s token page")
        return secret.group(1)


def wait_until_serving(base, process, log):
    for _ in range(300):
        if process.poll() is not None:
            raise Failure(f"gongkai serve at {base} exited with {process.returncode}: {open(log).read()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except Exception:
            time.sleep(0.2)
    raise Failure(f"gongkai serve at {base} did not answer /healthz in 60 s")
