"""A referral qualifies at the referred member's first purchase, once."""

from __future__ import annotations

from common import events as bus
from loyalty.events.v1 import events_pb2
from tests.support.members import enrolment
from tests.support.points import earn_request
from tests.support.waiting import group_caught_up, wait_for


def _qualified(redis_client) -> list[events_pb2.ReferralQualified]:
    envelopes = [
        events_pb2.Envelope.FromString(fields[b"envelope"])
        for _, fields in redis_client.xrange(bus.MEMBERS_STREAM)
    ]
    return [e.referral_qualified for e in envelopes if e.type == "referral.qualified"]


def test_the_first_purchase_of_a_referred_member_qualifies_the_referral_once(
    members, points, redis_client
):
    referrer = members.stub.EnrolMember(enrolment("e-1")).member
    request = enrolment("e-2", name="Trần Văn Minh", phone="0987 654 321", email="minh@example.vn")
    request.referral_code = referrer.referral_code.lower()  # typed as the member reads it
    referee = members.stub.EnrolMember(request).member
    assert referee.referred_by == referrer.member_id
    wait_for(lambda: points.store.load(referee.member_id), what="the ledger account")

    points.stub.Earn(earn_request(referee.member_id, "t-1"))
    points.stub.Earn(earn_request(referee.member_id, "t-2"))
    qualified = wait_for(lambda: _qualified(redis_client), what="referral.qualified")
    assert (
        qualified[0].referrer_member_id,
        qualified[0].referee_member_id,
        qualified[0].transaction_id,
    ) == (referrer.member_id, referee.member_id, "t-1")
    # The ledger's first-purchase event delivered again qualifies nothing more.
    first = next(
        fields[b"envelope"]
        for _, fields in redis_client.xrange(bus.POINTS_STREAM)
        if events_pb2.Envelope.FromString(fields[b"envelope"]).member_id == referee.member_id
    )
    bus.publish(redis_client, bus.POINTS_STREAM, [first])
    wait_for(
        lambda: group_caught_up(redis_client, bus.POINTS_STREAM, "members"),
        what="the redelivery handled",
    )
    members.relay.drain()
    assert len(_qualified(redis_client)) == 1
