"""The tills' lookups every replica shares survive a replica's start, and a member's write
whose process dies between the store and the cache leaves no stale lookup behind."""

from __future__ import annotations

import grpc
import pytest

from loyalty.members.v1 import members_pb2
from services.members.bootstrap import bootstrap
from services.members.config import MembersSettings
from services.members.directory.domain.identity import normalize_phone
from tests.support.members import MembersService, enrolment
from tests.support.notifications import count_round_trips


class Died(BaseException):
    """The process stops dead here (nothing in the service catches a BaseException)."""


def _find(members, **key) -> members_pb2.Member | grpc.StatusCode:
    try:
        return members.stub.FindMember(members_pb2.FindMemberRequest(**key)).member
    except grpc.RpcError as error:
        return error.code()


def test_a_replica_starting_keeps_the_lookups_cached(
    members, start_in_process, points_address, monkeypatch
):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    assert _find(members, phone="0912345678").member_id == member.member_id  # cached
    second = MembersService.of(
        start_in_process(
            "members",
            MembersSettings,
            bootstrap,
            MONGODB_DB=members.db.name,
            POINTS_ADDR=points_address,
        )
    )
    try:
        trips = count_round_trips(monkeypatch, members.parts.member_store)
        assert _find(members, phone="0912345678").member_id == member.member_id
        assert _find(second, card_number=member.card_number).member_id == member.member_id
        assert trips["members.find_one"] == 0
    finally:
        second.stop()


def test_a_write_that_dies_before_the_cache_leaves_no_stale_lookup(members, monkeypatch):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    keys = {"phone": "0912345678", "qr_token": member.qr_token}
    assert all(_find(members, **{f: v}).member_id == member.member_id for f, v in keys.items())

    lookups = members.parts.directory.lookups

    def die(before, after):
        raise Died

    with monkeypatch.context() as dying:
        dying.setattr(lookups, "written", die)
        with pytest.raises(Died):  # the store has the new token and phone; the cache not
            members.parts.directory.rotate_qr_token(member.member_id, "rotate-1")
        with pytest.raises(Died):
            members.parts.directory.update_profile(
                member.member_id, {"phone": normalize_phone("0933 111 222")}, expected_version=0
            )

    # The old QR token and the old phone find nobody; the member is found by the new ones.
    assert _find(members, qr_token=member.qr_token) == grpc.StatusCode.NOT_FOUND
    assert _find(members, phone="0912345678") == grpc.StatusCode.NOT_FOUND
    found = _find(members, phone="0933111222")
    assert found.member_id == member.member_id
    assert found.qr_token != member.qr_token
    assert _find(members, qr_token=found.qr_token).member_id == member.member_id
