"""The providers a message goes out through: each channel is a class whose
`send(parcel) -> Outcome` is its only I/O and never raises (a provider's failure is an
Outcome the dispatcher records and retries). The inbox, the fourth channel, is a part of
its own (services/notifications/inbox).

E-mail goes over SMTP: one real SMTP conversation per message (STARTTLS and login when
configured), HTML with a plain-text alternative, a Message-ID derived from the delivery
so a provider or mailbox can recognise a resend.

SMS and push go through a provider's HTTP webhook: POST <url> with JSON {"delivery_id",
"channel", "to", "title", "text", "member_id"}, headers Idempotency-Key (the delivery id:
a provider that honours it drops a resend) and X-Loyalty-Signature "sha256=<hex HMAC of
the body with the shared secret>", so the provider can tell the request is ours. 2xx is
accepted (its JSON "id", if any, is the provider's message id); 408, 429, 5xx and network
errors are transient; any other 4xx is a permanent refusal.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import html
import json
import re
import smtplib
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import formataddr

from services.notifications.messages.domain.delivery import Outcome, Parcel, accepted, failed

TAGS = re.compile(r"<[^>]+>")


@dataclasses.dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    sender_name: str = ""
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout_seconds: float = 10.0


class EmailChannel:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, parcel: Parcel) -> Outcome:
        if not self.settings.host:
            return failed("no SMTP server configured (SMTP_HOST)")
        message = self._message(parcel)
        try:
            with smtplib.SMTP(
                self.settings.host, self.settings.port, timeout=self.settings.timeout_seconds
            ) as smtp:
                if self.settings.starttls:
                    smtp.starttls()
                if self.settings.username:
                    smtp.login(self.settings.username, self.settings.password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            return failed(f"SMTP {code} {reply.decode(errors='replace')}", permanent=code >= 500)
        except smtplib.SMTPResponseException as exc:
            reply = exc.smtp_error.decode(errors="replace")
            return failed(f"SMTP {exc.smtp_code} {reply}", permanent=exc.smtp_code >= 550)
        except (TimeoutError, smtplib.SMTPException, OSError) as exc:
            return failed(f"SMTP server unreachable: {type(exc).__name__}")
        return accepted(message["Message-ID"], "SMTP 250")

    def _message(self, parcel: Parcel) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((self.settings.sender_name, self.settings.sender))
        message["To"] = parcel.to
        message["Subject"] = parcel.subject
        message["Message-ID"] = f"<{parcel.delivery_id}@loyalty-suite>"
        message.set_content(_plain(parcel.body))
        message.add_alternative(parcel.body, subtype="html")
        return message


def _plain(page: str) -> str:
    text = page.replace("<br>", "\n").replace("</p>", "\n\n")
    return html.unescape(TAGS.sub("", text)).strip() + "\n"


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
