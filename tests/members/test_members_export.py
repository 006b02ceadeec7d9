"""Members exported in batches (issue #22): every member once, by id, through one cursor
(each round trip to the store returns at most one batch, whatever the number of members),
resumed after a member id; an erased
member with no personal data; a segment's members; every export logged; bad requests
named."""

from __future__ import annotations

from datetime import timedelta

import grpc

from common import clock
from loyalty.members.v1 import exports_pb2, exports_pb2_grpc, insights_pb2, members_pb2
from services.members.exports.service import MemberExports
from services.members.exports.store import MemberExportStore
from tests.support.members import enrolment
from tests.support.mongo_commands import logged_database
from tests.support.protos import timestamp
from tests.support.refusals import refused

PERSONAL = ("name", "phone", "email", "birthday")


def exported(members, batch_size: int = 3, **filters) -> list[exports_pb2.ExportMembersResponse]:
    stub = exports_pb2_grpc.MembersExportsServiceStub(members.channel)
    request = exports_pb2.ExportMembersRequest(actor="crm:mai", batch_size=batch_size, **filters)
    return list(stub.ExportMembers(request))


def enrol_many(members, count: int) -> list[str]:
    return [
        members.stub.EnrolMember(
            enrolment(
                f"x-{i}",
                name=f"Khách Hàng {i}",
                phone=f"0912 700 {i:03d}",
                email=f"khach{i}@example.vn",
            )
        ).member.member_id
        for i in range(count)
    ]


def test_every_member_once_in_batches_and_the_erased_without_personal_data(members, mongo_uri):
    ids = enrol_many(members, 8)
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(member_id=ids[2], actor="crm:mai", reason="asked")
    )

    batches = exported(members)

    assert [len(b.rows) for b in batches] == [3, 3, 2]
    rows = [row for b in batches for row in b.rows]
    assert [r.member_id for r in rows] == sorted(ids)
    # A stream cut short is asked again after the last member it sent.
    rest = [r.member_id for b in exported(members, after=rows[4].member_id) for r in b.rows]
    assert rest == sorted(ids)[5:]
    by_id = {r.member_id: r for r in rows}
    erased = by_id[ids[2]]
    assert erased.status == "erased" and erased.member_number and erased.erased_at.seconds
    assert all(getattr(erased, field) == "" for field in PERSONAL)
    assert not erased.marketing_consents
    kept = by_id[ids[0]]
    assert (kept.name, kept.phone, kept.email) == (
        "Khách Hàng 0",
        "+84912700000",
        "khach0@example.vn",
    )
    assert kept.status == "active" and kept.birthday == "1992-03-14"
    # The export is logged: who, what, when, how many rows.
    logged = members.db["export_log"].find_one({"what.after": ""})
    assert logged["actor"] == "crm:mai" and logged["what"]["export"] == "members"
    assert logged["rows"] == 8 and logged["finished_at"] >= logged["started_at"]


def test_no_query_of_an_export_returns_more_than_a_batch(members, mongo_uri):
    enrol_many(members, 11)
    db, commands = logged_database(mongo_uri, members.db.name)
    try:
        # The service's export over a client of the test's that logs what it sends.
        exports = MemberExports(MemberExportStore(db), members.parts.insights)
        batches = list(exports.members("crm:mai", 4))
    finally:
        db.client.close()
    assert [len(b) for b in batches] == [4, 4, 3]
    # One cursor: a find and its getMores, none bringing more than a batch.
    reads = commands.on("members", "find", "getMore")
    assert [c.name for c in reads] == ["find", "getMore", "getMore"]
    assert [c.returned for c in reads] == [4, 4, 3]


def test_a_segments_members(members):
    ids = enrol_many(members, 5)
    as_of = clock.now() + timedelta(minutes=1)
    members.insights.RecomputeSegments(
        insights_pb2.RecomputeSegmentsRequest(as_of=timestamp(as_of))
    )
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(member_id=ids[4], actor="crm:mai", reason="asked")
    )

    rows = [r for b in exported(members, 2, segment_id="behaviour.new") for r in b.rows]

    # The computation's members (the one erased since appears without personal data).
    assert [r.member_id for r in rows] == sorted(ids)
    assert [r.name for r in rows if r.member_id == ids[4]] == [""]
    error = refused(lambda: exported(members, 2, segment_id="nosuch.segment"))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_bad_requests_are_named_and_log_nothing(members):
    stub = exports_pb2_grpc.MembersExportsServiceStub(members.channel)
    error = refused(
        lambda: list(stub.ExportMembers(exports_pb2.ExportMembersRequest(batch_size=5000)))
    )
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert members.db["export_log"].count_documents({}) == 0
