"""A members import end to end (issue #22): a 10,000-row file with three bad rows, all or
nothing and skipping them, against the real members and points services."""

from __future__ import annotations

import pytest

from loyalty.members.v1 import imports_pb2
from tests.support.imports import member_rows, opening_points, run_file, write_csv
from tests.support.members import LADDER, set_ladder

ROWS = 10_000
# A phone that is no phone, the phone of row 10 again, a tier the ladder does not have.
BAD = {
    1234: {"phone": "12345"},
    5678: {"phone": "0912 000 010"},
    9012: {"tier": "diamond"},
}
EXPECTED_ERRORS = [
    (1234, "phone", "is not a valid phone number for its country"),
    (5678, "phone", "the same phone number as row 10"),
    (9012, "tier", "is not a tier of the ladder (gold, member, silver)"),
]


def _errors(outcome):
    return [(e.row, e.field, e.reason) for e in outcome.errors]


@pytest.mark.timeout(300)
def test_a_bad_file_all_or_nothing_names_exactly_its_three_bad_rows_and_changes_nothing(
    members, points, tmp_path
):
    set_ladder(members, LADDER, 0)
    path = write_csv(tmp_path / "members.csv", member_rows(ROWS, BAD))

    outcome = run_file(members, "members", path, "move-2026-a")

    assert outcome.imported.state == imports_pb2.IMPORT_STATE_REJECTED
    assert _errors(outcome) == EXPECTED_ERRORS
    assert outcome.imported.rows_failed == 3
    assert outcome.imported.rows_applied == 0
    assert members.db["members"].count_documents({}) == 0
    assert points.audit().totals.accounts == 0


@pytest.mark.timeout(300)
def test_skipping_bad_rows_imports_the_others_with_their_balances_once(members, points, tmp_path):
    set_ladder(members, LADDER, 0)
    rows = member_rows(ROWS, BAD)
    path = write_csv(tmp_path / "members.csv", rows)

    outcome = run_file(members, "members", path, "move-2026-b", skip_bad_rows=True)

    assert outcome.imported.state == imports_pb2.IMPORT_STATE_COMPLETED
    assert _errors(outcome) == EXPECTED_ERRORS
    assert (outcome.imported.rows_applied, outcome.imported.rows_failed) == (ROWS - 3, 3)
    assert members.db["members"].count_documents({}) == ROWS - 3
    audit = points.audit()
    assert audit.clean
    assert audit.totals.accounts == ROWS - 3
    assert audit.totals.available == opening_points(rows, set(BAD))

    again = run_file(members, "members", path, "move-2026-b", skip_bad_rows=True)

    assert again.imported.rows_applied == ROWS - 3
    assert members.db["members"].count_documents({}) == ROWS - 3
    assert points.audit().totals.available == opening_points(rows, set(BAD))
