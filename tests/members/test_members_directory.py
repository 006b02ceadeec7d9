"""Enrolment, recognition at the till, profile and consent changes, block and erase."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from common import events as bus
from common.grpc_errors import details_of
from loyalty.common.v1 import common_pb2
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import members_pb2
from services.members.directory.domain import identity
from tests.support.members import enrolment
from tests.support.waiting import wait_for


def _error(call, request) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(request)
    return raised.value


def _find(members, **key):
    return members.stub.FindMember(members_pb2.FindMemberRequest(**key)).member


def test_an_enrolled_member_is_recognised_by_every_key(members):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    assert (member.name, member.phone, member.email) == (
        "Nguyễn Thị Lan",
        "+84912345678",
        "lan.nguyen@example.vn",
    )
    assert identity.is_card_number(member.card_number)
    assert member.member_number.startswith("M") and len(member.qr_token) == 32
    assert member.status == members_pb2.MEMBER_STATUS_ACTIVE
    for key in (
        {"phone": "0912.345.678"},
        {"phone": "+84 912 345 678"},
        {"email": "LAN.NGUYEN@example.vn"},
        {"card_number": member.card_number},
        {"qr_token": member.qr_token},
    ):
        assert _find(members, **key).member_id == member.member_id
    missing = _error(members.stub.FindMember, members_pb2.FindMemberRequest(phone="0987654321"))
    assert missing.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"phone": "0912 345"}, {"profile.phone"}),
        ({"email": "lan@"}, {"profile.email"}),
        ({"phone": "", "email": ""}, {"profile.phone"}),
        ({"birthday": "2999-01-01"}, {"profile.birthday"}),
        ({"language": "fr"}, {"profile.language"}),
        ({"name": "", "time_zone": "Mars/Olympus"}, {"profile.name", "profile.time_zone"}),
    ],
)
def test_a_bad_enrolment_names_every_bad_field_and_enrols_nobody(members, changes, fields):
    error = _error(members.stub.EnrolMember, enrolment("e-bad", **changes))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {v.field for v in details_of(error)[0]} == fields
    assert members.db["members"].count_documents({}) == 0


def test_a_card_with_a_wrong_check_digit_is_refused(members):
    request = enrolment("e-1")
    request.card_number = "9704000000000019"
    assert identity.is_card_number("9704000000000018") != identity.is_card_number(
        request.card_number
    )
    error = _error(members.stub.EnrolMember, request)
    assert [v.field for v in details_of(error)[0]] == ["card_number"]


def test_phone_and_email_belong_to_one_member(members):
    members.stub.EnrolMember(enrolment("e-1"))
    same_phone = _error(members.stub.EnrolMember, enrolment("e-2", email="other@example.vn"))
    assert same_phone.code() == grpc.StatusCode.ALREADY_EXISTS
    assert details_of(same_phone)[1]["reason"] == "PHONE_TAKEN"
    same_email = _error(members.stub.EnrolMember, enrolment("e-3", phone="0987 654 321"))
    assert details_of(same_email)[1]["reason"] == "EMAIL_TAKEN"


def test_two_enrolments_racing_with_one_phone_enrol_one_member(members):
    def enrol(index: int):
        try:
            return members.stub.EnrolMember(enrolment(f"race-{index}", email=f"m{index}@x.vn"))
        except grpc.RpcError as error:
            return error

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(enrol, range(8)))
    winners = [r for r in results if not isinstance(r, grpc.RpcError)]
    assert len(winners) == 1
    assert {details_of(r)[1]["reason"] for r in results if r not in winners} == {"PHONE_TAKEN"}
    assert members.db["members"].count_documents({}) == 1


def test_a_retried_enrolment_returns_the_same_member(members):
    first = members.stub.EnrolMember(enrolment("e-1"))
    again = members.stub.EnrolMember(enrolment("e-1"))
    assert (again.replayed, again.member.member_id) == (True, first.member.member_id)
    other = _error(members.stub.EnrolMember, enrolment("e-1", name="Someone Else"))
    assert details_of(other)[1]["reason"] == "IDEMPOTENCY_KEY_REUSED"


def test_a_random_card_number_drawn_twice_is_drawn_again(members, monkeypatch):
    first = members.stub.EnrolMember(enrolment("card-1")).member
    fresh = identity.new_card_number
    draws = iter([first.card_number])  # the first member's number, then fresh ones
    monkeypatch.setattr(identity, "new_card_number", lambda: next(draws, None) or fresh())
    second = members.stub.EnrolMember(
        enrolment("card-2", phone="0987 654 321", email="binh@example.vn")
    ).member
    assert second.member_id != first.member_id
    assert identity.is_card_number(second.card_number)
    assert second.card_number != first.card_number
    assert _find(members, card_number=first.card_number).member_id == first.member_id
    assert _find(members, card_number=second.card_number).member_id == second.member_id
    assert members.db["members"].count_documents({}) == 2


def test_a_new_phone_replaces_the_old_one_at_the_till(members):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    members.stub.EnrolMember(enrolment("e-2", phone="0987 654 321", email="minh@example.vn"))
    update = members_pb2.UpdateMemberRequest(
        member_id=member.member_id,
        profile=members_pb2.MemberProfile(phone="0933 111 222"),
        update_mask=FieldMask(paths=["phone"]),
        actor="member",
        expected_version=member.version,
    )
    updated = members.stub.UpdateMember(update).member
    assert updated.phone == "+84933111222"
    assert _find(members, phone="0933111222").member_id == member.member_id
    gone = _error(members.stub.FindMember, members_pb2.FindMemberRequest(phone="0912345678"))
    assert gone.code() == grpc.StatusCode.NOT_FOUND
    stale = _error(members.stub.UpdateMember, update)
    assert stale.code() == grpc.StatusCode.ABORTED
    update.profile.phone, update.expected_version = "0987 654 321", updated.version
    taken = _error(members.stub.UpdateMember, update)
    assert details_of(taken)[1]["reason"] == "PHONE_TAKEN"


def test_consent_changes_are_kept_and_announced(members, redis_client):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    members.stub.UpdateConsents(
        members_pb2.UpdateConsentsRequest(
            member_id=member.member_id,
            source="app:settings",
            consents=[
                members_pb2.ConsentInput(channel=common_pb2.CHANNEL_EMAIL, granted=False),
                members_pb2.ConsentInput(channel=common_pb2.CHANNEL_SMS, granted=True),
            ],
        )
    )
    stored = members.directory.get(member.member_id)
    assert [(h.channel, h.granted, h.source) for h in stored.consent_history] == [
        ("email", True, "pos:sen-hcm-q1"),
        ("email", False, "app:settings"),
        ("sms", True, "app:settings"),
    ]
    types = wait_for(
        lambda: _published(redis_client, member.member_id, 3),
        what="three member events on the stream",
    )
    assert types == ["member.enrolled", "consent.changed", "consent.changed"]


def test_block_and_unblock_are_announced_once(members, redis_client):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    block = members_pb2.BlockMemberRequest(
        member_id=member.member_id, actor="admin:lan", reason="card fraud"
    )
    assert members.stub.BlockMember(block).member.status == members_pb2.MEMBER_STATUS_BLOCKED
    members.stub.BlockMember(block)  # already blocked: nothing more happens
    assert _find(members, phone="0912345678").status == members_pb2.MEMBER_STATUS_BLOCKED
    members.stub.UnblockMember(
        members_pb2.UnblockMemberRequest(
            member_id=member.member_id, actor="admin:lan", reason="cleared"
        )
    )
    types = wait_for(lambda: _published(redis_client, member.member_id, 3), what="events")
    assert types == ["member.enrolled", "member.blocked", "member.unblocked"]


def test_erasure_leaves_no_personal_data_and_no_way_to_find_the_member(members, redis_client):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(
            member_id=member.member_id, actor="admin:dpo", reason="Decree 13 request"
        )
    )
    for key in (
        {"phone": "0912345678"},
        {"email": "lan.nguyen@example.vn"},
        {"card_number": member.card_number},
        {"qr_token": member.qr_token},
    ):
        assert (
            _error(members.stub.FindMember, members_pb2.FindMemberRequest(**key)).code()
            == grpc.StatusCode.NOT_FOUND
        )
    wait_for(lambda: _published(redis_client, member.member_id, 2), what="the erasure event")
    members.relay.drain()
    stored = repr([list(members.db[name].find()) for name in members.db.list_collection_names()])
    for personal in (
        "Nguyễn Thị Lan",
        "+84912345678",
        "lan.nguyen@example.vn",
        "1992-03-14",
        member.card_number,
        member.qr_token,
        "pos:sen-hcm-q1",
    ):
        assert personal not in stored
    erased = members.stub.GetMember(members_pb2.GetMemberRequest(member_id=member.member_id))
    assert erased.member.status == members_pb2.MEMBER_STATUS_ERASED
    # The phone is free for a new member.
    assert members.stub.EnrolMember(enrolment("e-2")).member.member_id != member.member_id


def _published(redis_client, member_id: str, count: int) -> list[str] | None:
    envelopes = [
        events_pb2.Envelope.FromString(fields[b"envelope"])
        for _, fields in redis_client.xrange(bus.MEMBERS_STREAM)
    ]
    types = [e.type for e in envelopes if e.member_id == member_id]
    return types if len(types) >= count else None
