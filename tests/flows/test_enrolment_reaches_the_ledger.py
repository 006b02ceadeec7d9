"""Across services: an enrolment opens a ledger account; a block stops earning there."""

from __future__ import annotations

import itertools

import grpc

from common.grpc_errors import details_of
from loyalty.members.v1 import members_pb2
from tests.support.members import enrolment
from tests.support.points import earn_request
from tests.support.waiting import wait_for


class Till:
    """Rings up purchases, each with a new transaction id."""

    def __init__(self, points_service, member_id: str) -> None:
        self.points = points_service
        self.member_id = member_id
        self.numbers = itertools.count()
        self.earned = 0

    def ring_up(self) -> str:
        try:
            reply = self.points.stub.Earn(earn_request(self.member_id, f"t-{next(self.numbers)}"))
        except grpc.RpcError as error:
            return details_of(error)[1].get("reason", error.code().name)
        self.earned += reply.points_awarded
        return "EARNED"


def test_an_enrolment_opens_the_account_and_a_block_closes_it_to_earning(members, points):
    member_id = members.stub.EnrolMember(enrolment("e-1")).member.member_id
    till = Till(points, member_id)
    wait_for(
        lambda: till.ring_up() == "EARNED", timeout=15, what="the enrolment to reach the ledger"
    )
    members.stub.BlockMember(
        members_pb2.BlockMemberRequest(member_id=member_id, actor="admin:lan", reason="fraud")
    )
    wait_for(
        lambda: till.ring_up() == "MEMBER_BLOCKED", timeout=15, what="the block to reach the ledger"
    )
    assert points.balance(member_id).available == till.earned
    assert points.audit().clean


def test_an_erased_member_keeps_a_clean_ledger_that_takes_no_more_points(members, points):
    member_id = members.stub.EnrolMember(enrolment("e-1")).member.member_id
    till = Till(points, member_id)
    wait_for(lambda: till.ring_up() == "EARNED", timeout=15, what="the ledger account")
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(
            member_id=member_id, actor="admin:dpo", reason="Decree 13 request"
        )
    )
    wait_for(
        lambda: till.ring_up() == "MEMBER_ERASED",
        timeout=15,
        what="the erasure to reach the ledger",
    )
    assert points.balance(member_id).available == till.earned  # the ledger stays
    assert points.audit().clean


def test_a_till_earns_for_a_member_it_enrolled_before_the_ledger_has_read_the_enrolment(
    members, points
):
    points.parts.members.retarget(members.address)
    points.member_feed.stop()  # the enrolment events stay unread: only asking can open accounts
    member_id = members.stub.EnrolMember(enrolment("e-1")).member.member_id
    second = enrolment("e-2", phone="0913 000 222", email="hoa@example.vn")
    blocked_id = members.stub.EnrolMember(second).member.member_id
    members.stub.BlockMember(
        members_pb2.BlockMemberRequest(member_id=blocked_id, actor="admin:lan", reason="fraud")
    )

    tills = {m: Till(points, m) for m in (member_id, blocked_id, "m-nobody-knows")}
    for n, till in enumerate(tills.values()):
        till.numbers = itertools.count(100 * n)  # each its own transaction ids

    assert tills[member_id].ring_up() == "EARNED"  # at once, no wait
    assert points.balance(member_id).available == tills[member_id].earned
    assert tills[blocked_id].ring_up() == "MEMBER_BLOCKED"
    assert tills["m-nobody-knows"].ring_up() == "MEMBER_NOT_FOUND"
    assert points.store.load("m-nobody-knows") is None
    assert points.audit().clean
