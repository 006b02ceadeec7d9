"""Till lookups come from Redis after the first, and are never stale after a change."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from loyalty.members.v1 import members_pb2
from tests.support.members import enrolment


def _find(members, **key) -> members_pb2.Member | grpc.StatusCode:
    try:
        return members.stub.FindMember(members_pb2.FindMemberRequest(**key)).member
    except grpc.RpcError as error:
        return error.code()


@pytest.fixture
def store_unreachable(members, monkeypatch):
    """Makes any lookup that reaches the store fail, to show which ones do not."""

    def unreachable(field, value):
        raise AssertionError("the lookup went to the store")

    return lambda: monkeypatch.setattr(members.parts.member_store, "find", unreachable)


def test_a_repeated_lookup_is_served_without_the_store(members, store_unreachable):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    store_unreachable()
    for key in (
        {"phone": "0912 345 678"},
        {"email": "lan.nguyen@example.vn"},
        {"card_number": member.card_number},
        {"qr_token": member.qr_token},
    ):
        assert _find(members, **key).member_id == member.member_id


def test_lookups_follow_every_change_at_once(members):
    """Each key is looked up (so cached) before the change that must replace it."""
    member = members.stub.EnrolMember(enrolment("e-1")).member
    assert _find(members, phone="0912345678").status == members_pb2.MEMBER_STATUS_ACTIVE
    members.stub.BlockMember(
        members_pb2.BlockMemberRequest(
            member_id=member.member_id, actor="admin:lan", reason="fraud"
        )
    )
    assert _find(members, phone="0912345678").status == members_pb2.MEMBER_STATUS_BLOCKED

    members.stub.UpdateMember(
        members_pb2.UpdateMemberRequest(
            member_id=member.member_id,
            profile=members_pb2.MemberProfile(phone="0933 111 222"),
            update_mask=FieldMask(paths=["phone"]),
            actor="member",
        )
    )
    assert _find(members, phone="0912345678") == grpc.StatusCode.NOT_FOUND
    assert _find(members, phone="0933111222").member_id == member.member_id

    keys = (
        {"phone": "0933111222"},
        {"email": "lan.nguyen@example.vn"},
        {"card_number": member.card_number},
        {"qr_token": member.qr_token},
    )
    assert all(_find(members, **key).member_id == member.member_id for key in keys)
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(
            member_id=member.member_id, actor="admin:dpo", reason="request"
        )
    )
    assert [_find(members, **key) for key in keys] == [grpc.StatusCode.NOT_FOUND] * 4
