"""E-mail over SMTP: one real SMTP conversation per message (STARTTLS and login when
configured), HTML with a plain-text alternative, a Message-ID derived from the delivery
so a provider or mailbox can recognise a resend."""

from __future__ import annotations

import dataclasses
import html
import re
import smtplib
from email.message import EmailMessage
from email.utils import formataddr

from services.notifications.channels import Outcome, Parcel, accepted, failed

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
