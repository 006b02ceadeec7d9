"""The public event catalogue: one table in code, the same in docs/WEBHOOKS.md and in
ListEventTypes; every event type made from a real envelope fits its JSON Schema, and
carries no contact data."""

from __future__ import annotations

import json

import jsonschema
import pytest

from common import clock
from common import events as bus
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import tiers_pb2
from loyalty.notifications.v1 import templates_pb2
from loyalty.notifications.v1 import webhooks_pb2 as pb
from loyalty.points.v1 import ledger_pb2, rewards_pb2
from services.notifications.webhooks.domain.catalogue import BY_NAME, CATALOGUE, markdown
from services.notifications.webhooks.events import DATA, public_event
from tests.notifications.webhooks.receivers import DOCS
from tests.notifications.webhooks.support import webhooks
from tests.support.notifications import contact

NOW = clock.now()
VND = common_pb2.Money(amount_minor=250_000, currency="VND")
BALANCE = events_pb2.BalanceAfter(available=120, pending=5, held=0, account_version=7)
CONTACT = contact()  # name, phone and e-mail that must never reach a subscriber

# One envelope per public type, as the services publish them.
SAMPLES = {
    "member.enrolled": events_pb2.MemberEnrolled(
        member_number="100000042",
        contact=CONTACT,
        tier_code="MEMBER",
        referral_code="LAN42X",
        enrolment_channel="app",
        enrolled_at=bus.timestamp(NOW),
        member_version=1,
    ),
    "member.updated": events_pb2.MemberUpdated(
        contact=CONTACT, changed_fields=["phone"], member_version=2
    ),
    "member.erased": events_pb2.MemberErased(erased_at=bus.timestamp(NOW), member_version=3),
    "tier.changed": events_pb2.TierChanged(
        from_tier=tiers_pb2.Tier(code="MEMBER"),
        to_tier=tiers_pb2.Tier(code="GOLD"),
        upgrade=True,
        reason=tiers_pb2.TIER_CHANGE_REASON_THRESHOLD_REACHED,
        qualifying_value=5000,
        tier_change_id="tc-1",
        effective_at=bus.timestamp(NOW),
    ),
    "points.earned": events_pb2.PointsEarned(
        entry_id="e1",
        partner_id="p1",
        store_id="s1",
        transaction_id="t1",
        amount=VND,
        points=25,
        purchased_at=bus.timestamp(NOW),
        balance=BALANCE,
    ),
    "points.reversed": events_pb2.PointsReversed(
        entry_id="e2", return_id="r1", returned_amount=VND, reversed_points=25, balance=BALANCE
    ),
    "points.expired": events_pb2.PointsExpired(
        entry_id="e3",
        points=10,
        lots=[events_pb2.ExpiredLot(lot_id="l1", points=10, expires_at=bus.timestamp(NOW))],
        balance=BALANCE,
    ),
    "points.redeemed": events_pb2.PointsRedeemed(
        entry_id="e4", points=50, purpose=ledger_pb2.REDEEM_PURPOSE_PAYMENT, balance=BALANCE
    ),
    "voucher.issued": events_pb2.VoucherIssued(
        voucher_id="v1",
        voucher_code="SECRET-CODE-1",
        issue_reason=rewards_pb2.VOUCHER_REASON_BIRTHDAY,
        reward_name={"vi": "Giảm 20%", "en": "20% off"},
        percent_off_bp=2000,
        expires_at=bus.timestamp(NOW),
    ),
    "voucher.used": events_pb2.VoucherUsed(
        voucher_id="v1", voucher_code="SECRET-CODE-1", used_at=bus.timestamp(NOW)
    ),
    "reward.redeemed": events_pb2.RewardRedeemed(
        redemption_id="rd1",
        reward_id="rw1",
        reward_name={"vi": "Quà"},
        reward_type=rewards_pb2.REWARD_TYPE_GIFT,
        points_spent=100,
        voucher_code="SECRET-CODE-2",
        balance=BALANCE,
    ),
    "message.delivered": events_pb2.MessageDelivered(
        message_id="m1",
        delivery_id="d1",
        channel=common_pb2.CHANNEL_EMAIL,
        message_type=templates_pb2.MESSAGE_TYPE_WELCOME,
        category=templates_pb2.MESSAGE_CATEGORY_TRANSACTIONAL,
        attempts=1,
        sent_at=bus.timestamp(NOW),
    ),
    "message.failed": events_pb2.MessageFailed(
        message_id="m2",
        delivery_id="d2",
        channel=common_pb2.CHANNEL_SMS,
        message_type=templates_pb2.MESSAGE_TYPE_GENERIC,
        category=templates_pb2.MESSAGE_CATEGORY_TRANSACTIONAL,
        attempts=5,
        reason="max_attempts",
        failed_at=bus.timestamp(NOW),
    ),
}
FIELD_OF = {
    field.message_type.full_name: field.name
    for field in events_pb2.Envelope.DESCRIPTOR.oneofs_by_name["payload"].fields
}


def envelope(internal_type: str) -> events_pb2.Envelope:
    sample = SAMPLES[internal_type]
    field = FIELD_OF[sample.DESCRIPTOR.full_name]
    return bus.envelope(internal_type, "test", "mem-1", "test", **{field: sample})


def test_docs_show_the_catalogue_the_code_has():
    page = DOCS.read_text()
    shown = page.split("<!-- catalogue:start -->\n", 1)[1].split("<!-- catalogue:end -->")[0]
    assert shown == markdown(), (
        "docs/WEBHOOKS.md's catalogue is stale: put markdown() of "
        "services/notifications/webhooks/domain/catalogue.py between its markers"
    )


def test_every_catalogue_entry_has_a_payload_and_a_sample():
    internal = {event.internal for event in CATALOGUE}
    assert internal == set(SAMPLES)
    assert {FIELD_OF[SAMPLES[i].DESCRIPTOR.full_name] for i in internal} == set(DATA)


@pytest.mark.parametrize("event_type", CATALOGUE, ids=lambda e: e.name)
def test_each_payload_fits_its_schema_and_carries_no_contact_data(event_type):
    sent = envelope(event_type.internal)
    public = public_event(sent)
    payload = json.loads(public.payload)
    jsonschema.Draft202012Validator.check_schema(event_type.schema())
    jsonschema.Draft202012Validator(
        event_type.schema(), format_checker=jsonschema.FormatChecker()
    ).validate(payload)
    assert set(payload["data"]) == set(event_type.data["properties"])
    assert (payload["id"], payload["type"]) == (sent.event_id, event_type.name)
    for private in (CONTACT.name, CONTACT.phone, CONTACT.email, "SECRET-CODE", "LAN42X"):
        assert private not in public.payload


def test_enums_are_words_and_unset_times_are_null():
    redeemed = json.loads(public_event(envelope("points.redeemed")).payload)["data"]
    assert redeemed["purpose"] == "payment"
    assert json.loads(public_event(envelope("tier.changed")).payload)["data"]["reason"] == (
        "threshold_reached"
    )
    delivered = json.loads(public_event(envelope("message.delivered")).payload)["data"]
    assert (delivered["channel"], delivered["message_type"], delivered["category"]) == (
        "email",
        "welcome",
        "transactional",
    )
    earned = json.loads(public_event(envelope("points.earned")).payload)["data"]
    assert earned["expires_at"] is None and earned["available_at"] is None


def test_events_outside_the_catalogue_are_not_published():
    hold = bus.envelope(
        "hold.placed", "points", "mem-1", "t", hold_placed=events_pb2.HoldPlaced(hold_id="h")
    )
    assert public_event(hold) is None


def test_list_event_types_answers_the_catalogue(notifications):
    listed = webhooks(notifications).ListEventTypes(pb.ListEventTypesRequest()).event_types
    assert [e.name for e in listed] == sorted(BY_NAME)
    for entry in listed:
        assert json.loads(entry.schema_json) == BY_NAME[entry.name].schema()
