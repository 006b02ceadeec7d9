"""A notifications service on a real gRPC socket over a real MongoDB and a real Redis,
sending to a real local SMTP server and a local HTTP provider."""

from __future__ import annotations

import pytest

from cli.local_providers import SmtpCatcher, WebhookCatcher
from services.notifications.bootstrap import bootstrap
from services.notifications.config import NotificationsSettings
from tests.support.notifications import DEAD_ADDRESS, NotificationsService


@pytest.fixture(scope="session")
def smtp_server():
    server = SmtpCatcher()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def webhook_provider():
    with WebhookCatcher() as provider:
        yield provider


@pytest.fixture
def upstream_addresses() -> tuple[str, str]:
    """(points, members) addresses: nowhere, unless a test starts the services."""
    return DEAD_ADDRESS, DEAD_ADDRESS


@pytest.fixture
def notifications(start_in_process, databases, smtp_server, webhook_provider, upstream_addresses):
    smtp_server.clear()
    webhook_provider.reset()
    points_address, members_address = upstream_addresses
    running = start_in_process(
        "notifications",
        NotificationsSettings,
        bootstrap,
        MONGODB_DB=databases("notifications"),
        POINTS_ADDR=points_address,
        MEMBERS_ADDR=members_address,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_server.port),
        SMTP_FROM="loyalty@example.vn",
        SMTP_FROM_NAME="Sen Mart",
        SMS_WEBHOOK_URL=webhook_provider.url("/sms"),
        PUSH_WEBHOOK_URL=webhook_provider.url("/push"),
        WEBHOOK_SECRET="test-secret",
        PROVIDER_TIMEOUT_SECONDS="5",
    )
    service = NotificationsService.of(running)
    yield service
    service.stop()
