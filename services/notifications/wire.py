"""The service's documents as loyalty.notifications.v1 messages."""

from __future__ import annotations

from common import events as bus
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import inbox_pb2, messages_pb2, templates_pb2
from services.notifications.delivery.rules import DeliverySettings
from services.notifications.templates.catalogue import category_of


def delivery_message(doc: dict) -> messages_pb2.Delivery:
    return messages_pb2.Delivery(
        delivery_id=doc["_id"],
        message_id=doc["message_id"],
        member_id=doc["member_id"],
        message_type=doc["message_type"],
        channel=doc["channel"],
        status=doc["status"],
        reason=doc["reason"],
        detail=doc["detail"],
        attempts=doc["attempts"],
        next_attempt_at=bus.timestamp(doc.get("next_attempt_at")),
        address=doc["address"],
        subject=doc["subject"],
        provider_message_id=doc["provider_message_id"],
        created_at=bus.timestamp(doc["created_at"]),
        updated_at=bus.timestamp(doc["updated_at"]),
        sent_at=bus.timestamp(doc.get("sent_at")),
        attempt_log=[
            messages_pb2.DeliveryAttempt(
                at=bus.timestamp(entry["at"]),
                attempt=entry["attempt"],
                outcome=entry["outcome"],
                detail=entry["detail"],
            )
            for entry in doc.get("attempt_log", [])
        ],
    )


def message_message(doc: dict, deliveries: list[dict]) -> messages_pb2.Message:
    return messages_pb2.Message(
        message_id=doc["_id"],
        member_id=doc["member_id"],
        message_type=doc["message_type"],
        category=doc["category"],
        language=doc["language"],
        dedupe_key=doc["dedupe_key"],
        source_event_id=doc["source_event_id"],
        bulk_send_id=doc["bulk_send_id"],
        actor=doc["actor"],
        created_at=bus.timestamp(doc["created_at"]),
        deliveries=[delivery_message(d) for d in deliveries],
    )


def template_message(doc: dict) -> templates_pb2.Template:
    return templates_pb2.Template(
        template_id=doc.get("_id", ""),
        message_type=doc["message_type"],
        language=doc["language"],
        channel=doc["channel"],
        subject=doc["subject"],
        body=doc["body"],
        version=doc["version"],
        category=category_of(doc["message_type"]),
        is_default=doc.get("is_default", False),
        updated_at=bus.timestamp(doc.get("updated_at")),
        updated_by=doc.get("updated_by", ""),
    )


def settings_message(settings: DeliverySettings) -> messages_pb2.DeliverySettings:
    return messages_pb2.DeliverySettings(
        quiet_hours_start=settings.quiet_hours_start,
        quiet_hours_end=settings.quiet_hours_end,
        marketing_daily_cap=settings.marketing_daily_cap,
        max_attempts=settings.max_attempts,
        retry_base_delay_seconds=settings.retry_base_delay_seconds,
        retry_max_delay_seconds=settings.retry_max_delay_seconds,
        expiry_reminder_days=settings.expiry_reminder_days,
        bulk_rate_per_second=settings.bulk_rate_per_second,
        version=settings.version,
        updated_at=bus.timestamp(settings.updated_at),
        updated_by=settings.updated_by,
    )


def bulk_message(doc: dict, progress: dict[str, int]) -> messages_pb2.BulkSend:
    return messages_pb2.BulkSend(
        bulk_send_id=doc["_id"],
        name=doc["name"],
        segment_id=doc["segment_id"],
        computation_id=doc["computation_id"],
        message_type=doc["message_type"],
        category=doc["category"],
        channels=doc["channels"],
        variables=doc["variables"],
        state=doc["state"],
        rate_per_second=doc["rate_per_second"],
        scheduled_at=bus.timestamp(doc["scheduled_at"]),
        members_total=doc["members_total"],
        members_processed=doc["members_processed"],
        error=doc["error"],
        actor=doc["actor"],
        created_at=bus.timestamp(doc["created_at"]),
        started_at=bus.timestamp(doc.get("started_at")),
        finished_at=bus.timestamp(doc.get("finished_at")),
        **progress,
    )


def contact_message(doc: dict) -> events_pb2.MemberContact:
    return events_pb2.MemberContact(
        name=doc["name"],
        phone=doc.get("phone", ""),
        email=doc.get("email", ""),
        language=doc.get("language", ""),
        time_zone=doc.get("time_zone", ""),
        preferred_channels=doc.get("preferred_channels", []),
        consents=[members_pb2.Consent(channel=c, granted=True) for c in doc.get("consents", [])],
        status=doc.get("status", 0),
    )


def inbox_message(member_id: str, item: dict) -> inbox_pb2.InboxMessage:
    return inbox_pb2.InboxMessage(
        inbox_message_id=item["inbox_message_id"],
        member_id=member_id,
        message_id=item["message_id"],
        message_type=item["message_type"],
        title=item["title"],
        body=item["body"],
        created_at=bus.timestamp(item["created_at"]),
        read_at=bus.timestamp(item.get("read_at")),
    )
