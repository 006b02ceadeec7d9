"""What the KPI tests do with a real members service and a real ledger: members enrolled
at a partner's till, purchases earned there (once the enrolment reached the ledger), an
expiry as the expiry job announces it, and waiting until the members service has read
every ledger event."""

from __future__ import annotations

import itertools
from datetime import datetime

import grpc

from common import events as bus
from common.grpc_errors import details_of
from loyalty.events.v1 import events_pb2
from loyalty.points.v1 import ledger_pb2
from tests.support.members import enrolment
from tests.support.points import earn_request
from tests.support.waiting import group_caught_up, wait_for

SEN, CIRCLE_K = ("sen-mart", "sen-hcm-q1"), ("circle-k", "ck-1")  # (partner, store)
numbers = itertools.count()


def enrol(members, key: str, at: tuple[str, str]) -> str:
    """A member enrolled at a till of `at` (partner, store); their id."""
    n = next(numbers)
    request = enrolment(key, name=f"Khách {n}", phone=f"0912 300 {n:03d}", email=f"{key}@x.vn")
    request.enrolment_channel = "pos"
    request.partner_id, request.store_id = at
    return members.stub.EnrolMember(request).member.member_id


def earn(
    points,
    member_id: str,
    transaction: str,
    amount: int,
    at: tuple[str, str],
    occurred_at: datetime | None = None,
) -> ledger_pb2.EarnResponse:
    """An earn at a till of `at`, once the member's ledger account is open."""
    request = earn_request(
        member_id, transaction, amount, partner_id=at[0], store_id=at[1], occurred_at=occurred_at
    )

    def earned():
        try:
            return points.stub.Earn(request)
        except grpc.RpcError as error:
            if details_of(error)[1].get("reason") != "MEMBER_NOT_FOUND":
                raise
            return None

    return wait_for(earned, timeout=15, what="the enrolment to reach the ledger")


def expired(member_id: str, lots: list[tuple[str, int]]) -> bytes:
    """The ledger's points.expired for `lots` (lot id, points), as the expiry job says it."""
    return bus.envelope(
        "points.expired",
        "points",
        member_id,
        "test",
        points_expired=events_pb2.PointsExpired(
            points=sum(n for _, n in lots),
            lots=[events_pb2.ExpiredLot(lot_id=lot, points=n) for lot, n in lots],
        ),
    ).SerializeToString()


def caught_up(members, points) -> None:
    """Once the members service has read every event the ledger has published."""
    points.relay.drain()
    wait_for(
        lambda: group_caught_up(members.redis, bus.POINTS_STREAM, "members"),
        what="the members service to read the ledger's events",
    )
