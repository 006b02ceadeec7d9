"""SMS and push through a provider's HTTP webhook.

POST <url> with JSON {"delivery_id", "channel", "to", "title", "text", "member_id"},
headers Idempotency-Key (the delivery id: a provider that honours it drops a resend) and
X-Loyalty-Signature "sha256=<hex HMAC of the body with the shared secret>", so the
provider can tell the request is ours. 2xx is accepted (its JSON "id", if any, is the
provider's message id); 408, 429, 5xx and network errors are transient; any other 4xx
is a permanent refusal.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from services.notifications.channels import Outcome, Parcel, accepted, failed

TRANSIENT = {408, 425, 429}


class WebhookChannel:
    def __init__(self, channel: str, url: str, secret: str, timeout_seconds: float = 10.0):
        self.channel = channel
        self.url = url
        self.secret = secret.encode()
        self.timeout_seconds = timeout_seconds

    def send(self, parcel: Parcel) -> Outcome:
        if not self.url:
            return failed(f"no {self.channel} provider configured")
        body = json.dumps(
            {
                "delivery_id": parcel.delivery_id,
                "channel": self.channel,
                "to": parcel.to,
                "member_id": parcel.member_id,
                "title": parcel.subject,
                "text": parcel.body,
            },
            ensure_ascii=False,
        ).encode()
        # The URL is from our own settings and checked to be http(s) at start.
        request = urllib.request.Request(  # noqa: S310
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Idempotency-Key": parcel.delivery_id,
                "X-Loyalty-Signature": "sha256=" + sign(self.secret, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
                return accepted(_provider_id(response.read()), f"HTTP {response.status}")
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in TRANSIENT
            return failed(f"HTTP {exc.code} {exc.reason}", permanent=permanent)
        except (urllib.error.URLError, OSError) as exc:
            return failed(f"{self.channel} provider unreachable: {type(exc).__name__}")


def sign(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def _provider_id(raw: bytes) -> str:
    try:
        reply = json.loads(raw or b"{}")
    except ValueError:
        return ""
    return str(reply.get("id", "")) if isinstance(reply, dict) else ""
