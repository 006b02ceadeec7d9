"""An import stopped midway, or whose service stops, resumes where it stopped and applies
each row once (issue #22); its members get no welcome unless it asked."""

from __future__ import annotations

from cli import imports as cli_imports
from common import events as bus
from loyalty.events.v1 import events_pb2
from loyalty.members.v1 import imports_pb2, imports_pb2_grpc
from services.members.bootstrap import bootstrap
from services.members.config import MembersSettings
from tests.support.imports import member_rows, opening_points, run_file, write_csv
from tests.support.members import LADDER, MembersService, set_ladder
from tests.support.waiting import wait_for

ROWS = 3_000


def _import(stub, import_id: str) -> imports_pb2.Import:
    return stub.GetImport(imports_pb2.GetImportRequest(import_id=import_id)).bulk_import


def test_an_import_whose_service_stops_midway_resumes_and_applies_each_row_once(
    members, points, start_in_process, tmp_path
):
    set_ladder(members, LADDER, 0)
    members.parts.imports.batch_size = 500
    rows = member_rows(ROWS)
    path = write_csv(tmp_path / "members.csv", rows)
    first = imports_pb2_grpc.ImportsServiceStub(members.channel)
    stopped = run_file(
        members,
        "members",
        path,
        "resume-1",
        progress=lambda current: (
            current.rows_applied >= 500
            and first.StopImport(imports_pb2.StopImportRequest(import_id="resume-1"))
        ),
    )
    assert stopped.imported.state == imports_pb2.IMPORT_STATE_STOPPED
    assert 0 < stopped.imported.rows_applied < ROWS
    database = members.db.name
    members.stop()

    again = MembersService.of(
        start_in_process(
            "members",
            MembersSettings,
            bootstrap,
            MONGODB_DB=database,
            POINTS_ADDR=points.address,
        )
    )
    resumed = run_file(again, "members", path, "resume-1")

    assert resumed.imported.state == imports_pb2.IMPORT_STATE_COMPLETED
    assert (resumed.imported.rows_applied, resumed.imported.rows_failed) == (ROWS, 0)
    assert again.db["members"].count_documents({}) == ROWS
    audit = points.audit()
    assert audit.clean
    assert (audit.totals.accounts, audit.totals.available) == (ROWS, opening_points(rows, set()))
    again.stop()


def test_a_batch_applied_halfway_is_applied_again_once(members, points, tmp_path):
    """The ledger unreachable after a batch's members were written: the runner tries the
    batch again until it is, and neither the members nor their balances are doubled."""
    set_ladder(members, LADDER, 0)
    rows = member_rows(200)
    path = write_csv(tmp_path / "members.csv", rows)
    upstream = members.parts.imports.points
    upstream.retarget("127.0.0.1:9")  # nothing answers there

    stub = imports_pb2_grpc.ImportsServiceStub(members.channel)
    stub.CreateImport(
        imports_pb2.CreateImportRequest(
            import_id="half-1",
            kind=imports_pb2.IMPORT_KIND_MEMBERS,
            mode=imports_pb2.IMPORT_MODE_ALL_OR_NOTHING,
            rows_total=len(rows),
        )
    )
    stub.AddImportRows(
        imports_pb2.AddImportRowsRequest(
            import_id="half-1",
            first_row_number=1,
            rows=[imports_pb2.ImportRow(fields=r) for r in cli_imports.read_csv(path).rows],
        )
    )
    stub.StartImport(imports_pb2.StartImportRequest(import_id="half-1"))
    wait_for(
        lambda: members.db["members"].count_documents({}) == len(rows),
        timeout=30,
        what="the batch's members written",
    )
    assert _import(stub, "half-1").rows_applied == 0

    upstream.retarget(points.address)
    members.parts.import_runner.kick()
    done = wait_for(
        lambda: (i := _import(stub, "half-1")).state == imports_pb2.IMPORT_STATE_COMPLETED and i,
        timeout=60,
        what="the import to complete",
    )

    assert done.rows_applied == len(rows)
    assert members.db["members"].count_documents({}) == len(rows)
    audit = points.audit()
    assert audit.clean
    assert (audit.totals.accounts, audit.totals.available) == (
        len(rows),
        opening_points(rows, set()),
    )
    members.relay.drain()
    published = [
        events_pb2.Envelope.FromString(fields[b"envelope"])
        for _id, fields in members.redis.xrange(bus.MEMBERS_STREAM)
    ]
    enrolled = [e for e in published if e.type == "member.enrolled"]
    # The batch, run twice, announced each member once, and asked for no welcome.
    assert len(enrolled) == len({e.member_id for e in enrolled}) == len(rows)
    assert all(e.member_enrolled.quiet for e in enrolled)
