"""The members service as the tests drive it: a handle on a running instance, an
enrolment as a till sends it, the tier ladder the tests climb, a seeded population."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from google.protobuf import json_format

from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import (
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from services.members.bootstrap import MembersParts
from tests.support.service_handle import ServiceHandle


class MembersService(ServiceHandle):
    """One running instance, started as `python -m services.members` starts it."""

    @property
    def parts(self) -> MembersParts:
        return self.running.wiring

    @property
    def directory(self):
        return self.parts.directory

    @property
    def relay(self):
        return self.parts.relay

    @property
    def stub(self) -> members_pb2_grpc.MembersServiceStub:
        return members_pb2_grpc.MembersServiceStub(self.channel)

    @property
    def tiers(self) -> tiers_pb2_grpc.TiersServiceStub:
        return tiers_pb2_grpc.TiersServiceStub(self.channel)

    @property
    def insights(self) -> insights_pb2_grpc.InsightsServiceStub:
        return insights_pb2_grpc.InsightsServiceStub(self.channel)


def enrolment(
    key: str,
    name: str = "Nguyễn Thị Lan",
    phone: str = "0912 345 678",
    email: str = "Lan.Nguyen@Example.vn",
    **profile,
) -> members_pb2.EnrolMemberRequest:
    return members_pb2.EnrolMemberRequest(
        idempotency_key=key,
        profile=members_pb2.MemberProfile(
            name=name,
            phone=phone,
            email=email,
            birthday=profile.pop("birthday", "1992-03-14"),
            language=profile.pop("language", "vi"),
            **profile,
        ),
        consents=[members_pb2.ConsentInput(channel=common_pb2.CHANNEL_EMAIL, granted=True)],
        consent_source="pos:sen-hcm-q1",
    )


LADDER = {
    "measure": "QUALIFYING_MEASURE_POINTS",
    "window": {"kind": "WINDOW_KIND_ROLLING_MONTHS", "months": 12},
    "tiers": [
        {"code": "member", "name": {"vi": "Thành viên"}, "thresholdPoints": "0"},
        {
            "code": "silver",
            "name": {"vi": "Bạc"},
            "thresholdPoints": "1000",
            "benefits": {"earnMultiplierBp": 12500},
        },
        {
            "code": "gold",
            "name": {"vi": "Vàng"},
            "thresholdPoints": "5000",
            "benefits": {"earnMultiplierBp": 15000},
        },
    ],
    "downgrade": {
        "reviewPeriodMonths": 12,
        "gracePeriodDays": 30,
        "mode": "DOWNGRADE_MODE_DROP_ONE_TIER",
    },
}


def set_ladder(members, ladder: dict, version: int) -> tiers_pb2.TierLadder:
    message = json_format.ParseDict(ladder, tiers_pb2.TierLadder())
    return members.tiers.SetTierLadder(
        tiers_pb2.SetTierLadderRequest(
            ladder=message, expected_version=version, actor="admin:crm", reason="2027 ladder"
        )
    ).ladder


POPULATION = 10_000  # how many members seed_population enrols


def seed_population(db, as_of: datetime) -> dict:
    """Members enrolled and buying before `as_of`, seeded in bulk (as a benchmark would),
    and the truth: member id -> (status, enrolled at, [(purchase time, net amount)])."""
    rng = random.Random(20261101)
    people, purchases, truth = [], [], {}
    for index in range(POPULATION):
        member_id = f"m{index:05d}"
        enrolled = as_of - timedelta(days=rng.randint(1, 900))
        status = "blocked" if index % 97 == 0 else "active"
        people.append(
            {
                "_id": member_id,
                "member_number": f"M{index:09d}",
                "status": status,
                "enrolled_at": enrolled,
                "tier_code": "",
                "version": 1,
                "outbox": [],
                "referred_by": "",
            }
        )
        bought = []
        for n in range(rng.choice([0, 0, 1, 2, 3, 5, 8])):
            at = as_of - timedelta(days=rng.randint(0, 500), minutes=n)
            amount = rng.randint(1, 50) * 100_000
            returned = rng.random() < 0.05
            purchases.append(
                {
                    "_id": f"p/{member_id}-{n}",
                    "member_id": member_id,
                    "at": at,
                    "amount_minor": amount,
                    "currency": "VND",
                    "returns": {},
                    "fully_returned": returned,
                }
            )
            if not returned:
                bought.append((at, amount))
        truth[member_id] = (status, enrolled, bought)
    db["members"].insert_many(people)
    db["purchase_facts"].insert_many(purchases)
    return truth
