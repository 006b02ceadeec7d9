"""Settings of the notifications service, from environment variables."""

import dataclasses

from common.settings import (
    ServiceSettings,
    address_var,
    database_var,
    grpc_port_var,
    metrics_port_var,
    one_of,
    port,
    positive_number,
    text,
    var,
)
from services.notifications.messages.channels import SmtpSettings


def optional_url(raw: str) -> str:
    value = raw.strip()
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("expected an http:// or https:// URL")
    return value


@dataclasses.dataclass(frozen=True)
class NotificationsSettings(ServiceSettings):
    grpc_port: int = grpc_port_var("50053")
    metrics_port: int = metrics_port_var("9103")
    mongodb_db: str = database_var("loyalty_notifications")
    points_addr: str = address_var("POINTS_ADDR", "points", "127.0.0.1:50051", "expiry reminders")
    members_addr: str = address_var(
        "MEMBERS_ADDR", "members", "127.0.0.1:50052", "birthdays, segments for bulk sends"
    )
    smtp_host: str = var("SMTP_HOST", text, "", "SMTP server for e-mail; empty = e-mail fails")
    smtp_port: int = var("SMTP_PORT", port, "25", "SMTP server port")
    smtp_from: str = var(
        "SMTP_FROM",
        text,
        "loyalty@example.com",  # refused in production (production_required)
        "Sender address of e-mails",
        production_required=True,
    )
    smtp_from_name: str = var("SMTP_FROM_NAME", text, "Loyalty Suite", "Sender name of e-mails")
    smtp_username: str = var("SMTP_USERNAME", text, "", "SMTP login; empty = no login")
    smtp_password: str = var("SMTP_PASSWORD", text, "", "SMTP password (a secret)")
    smtp_starttls: str = var("SMTP_STARTTLS", one_of("true", "false"), "false", "Use STARTTLS")
    sms_webhook_url: str = var(
        "SMS_WEBHOOK_URL", optional_url, "", "SMS provider webhook; empty = SMS fails"
    )
    push_webhook_url: str = var(
        "PUSH_WEBHOOK_URL", optional_url, "", "Push provider webhook; empty = push fails"
    )
    webhook_secret: str = var(
        "WEBHOOK_SECRET", text, "", "HMAC key signing webhook calls (a secret)"
    )
    provider_timeout_seconds: float = var(
        "PROVIDER_TIMEOUT_SECONDS", positive_number, "10", "Timeout of one provider call"
    )

    def smtp(self) -> SmtpSettings:
        return SmtpSettings(
            host=self.smtp_host,
            port=self.smtp_port,
            sender=self.smtp_from,
            sender_name=self.smtp_from_name,
            username=self.smtp_username,
            password=self.smtp_password,
            starttls=self.smtp_starttls == "true",
            timeout_seconds=self.provider_timeout_seconds,
        )
