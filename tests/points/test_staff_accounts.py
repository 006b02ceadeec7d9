"""Staff accounts of the console over gRPC on the real store: the bootstrap admin, roles,
passwords kept only as salted scrypt hashes, the lock-out, disabling, the last admin, and
every change in the activity log with who and when."""

from __future__ import annotations

import grpc
import pymongo
import pytest

from common.grpc_errors import details_of
from loyalty.points.v1 import staff_pb2, staff_pb2_grpc
from tests.support.points import start_points

BOOT_EMAIL, BOOT_PASSWORD = "Boss@Sen.vn", "correct horse battery"


@pytest.fixture
def service(start_in_process, databases):
    database = databases("staff")
    points = start_points(
        start_in_process,
        database,
        BOOTSTRAP_STAFF_EMAIL=BOOT_EMAIL,
        BOOTSTRAP_STAFF_PASSWORD=BOOT_PASSWORD,
    )
    yield points, staff_pb2_grpc.StaffServiceStub(points.channel), database
    points.stop()


def _refused(call, request) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(request)
    return raised.value


def _reason(error: grpc.RpcError) -> str:
    return details_of(error)[1].get("reason", "")


def test_the_bootstrap_admin_signs_in_and_creates_staff_whose_passwords_are_hashed(
    service, mongo_uri
):
    _points, staff, database = service
    boss = staff.SignIn(staff_pb2.SignInRequest(email="boss@sen.vn", password=BOOT_PASSWORD)).staff
    assert (boss.email, boss.role, boss.created_by) == (
        "boss@sen.vn",
        staff_pb2.STAFF_ROLE_ADMIN,
        "system",
    )
    created = staff.CreateStaff(
        staff_pb2.CreateStaffRequest(
            email="mai@sen.vn",
            name="Mai",
            role=staff_pb2.STAFF_ROLE_MARKETER,
            password="mai-password-1",
            actor="staff:boss@sen.vn",
        )
    ).staff
    assert created.staff_id.startswith("stf_") and created.language == "vi"
    taken = _refused(
        staff.CreateStaff,
        staff_pb2.CreateStaffRequest(
            email="MAI@sen.vn",
            name="Mai 2",
            role=staff_pb2.STAFF_ROLE_VIEWER,
            password="another-password",
            actor="staff:boss@sen.vn",
        ),
    )
    assert (taken.code(), _reason(taken)) == (grpc.StatusCode.ALREADY_EXISTS, "STAFF_EMAIL_TAKEN")
    with pymongo.MongoClient(mongo_uri) as client:
        docs = list(client[database]["staff_accounts"].find())
    assert len(docs) == 2
    for doc in docs:
        stored = repr(doc)
        assert "mai-password-1" not in stored and BOOT_PASSWORD not in stored
        assert doc["password"]["scheme"] == "scrypt" and len(doc["password"]["salt"]) == 16
    assert docs[0]["password"]["salt"] != docs[1]["password"]["salt"]
    short = _refused(
        staff.CreateStaff,
        staff_pb2.CreateStaffRequest(
            email="x@sen.vn", name="X", role=staff_pb2.STAFF_ROLE_VIEWER, password="short"
        ),
    )
    assert {v.field for v in details_of(short)[0]} == {"password", "actor"}


def test_five_wrong_passwords_lock_the_account_and_the_answer_never_tells_who_exists(service):
    _points, staff, _db = service
    staff.CreateStaff(
        staff_pb2.CreateStaffRequest(
            email="an@sen.vn",
            name="An",
            role=staff_pb2.STAFF_ROLE_SUPPORT,
            password="an-password-12",
            actor="staff:boss@sen.vn",
        )
    )
    unknown = _refused(staff.SignIn, staff_pb2.SignInRequest(email="nobody@sen.vn", password="x"))
    wrong = _refused(staff.SignIn, staff_pb2.SignInRequest(email="an@sen.vn", password="x"))
    assert (unknown.code(), unknown.details(), _reason(unknown)) == (
        wrong.code(),
        wrong.details(),
        "WRONG_CREDENTIALS",
    )
    for _ in range(3):
        _refused(staff.SignIn, staff_pb2.SignInRequest(email="an@sen.vn", password="x"))
    fifth = _refused(staff.SignIn, staff_pb2.SignInRequest(email="an@sen.vn", password="x"))
    assert (fifth.code(), _reason(fifth)) == (grpc.StatusCode.FAILED_PRECONDITION, "STAFF_LOCKED")
    # Locked: even the right password is refused until the lock runs out or an admin
    # enables the account again.
    right = staff_pb2.SignInRequest(email="an@sen.vn", password="an-password-12")
    assert _reason(_refused(staff.SignIn, right)) == "STAFF_LOCKED"
    account = next(
        a for a in staff.ListStaff(staff_pb2.ListStaffRequest()).staff if a.email == "an@sen.vn"
    )
    assert account.HasField("locked_until")
    staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id,
            status=staff_pb2.STAFF_STATUS_ACTIVE,
            actor="staff:boss@sen.vn",
        )
    )
    # Enabling an active account changes nothing: the lock stays until it runs out.
    assert _reason(_refused(staff.SignIn, right)) == "STAFF_LOCKED"
    staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id, status=staff_pb2.STAFF_STATUS_DISABLED, actor="staff:boss"
        )
    )
    assert _reason(_refused(staff.SignIn, right)) == "STAFF_LOCKED"
    staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id, status=staff_pb2.STAFF_STATUS_ACTIVE, actor="staff:boss"
        )
    )
    assert staff.SignIn(right).staff.email == "an@sen.vn"  # enabled again: the lock lifted
    staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id, status=staff_pb2.STAFF_STATUS_DISABLED, actor="staff:boss"
        )
    )
    assert _reason(_refused(staff.SignIn, right)) == "STAFF_DISABLED"
    actions = [
        a.action
        for a in staff.ListActivity(staff_pb2.ListActivityRequest(subject="an@sen.vn")).activities
    ]
    assert actions[:4] == ["staff.disabled", "signed_in", "staff.enabled", "staff.disabled"]
    assert actions.count("sign_in.failed") == 5


def test_roles_change_and_the_last_admin_stays_and_the_log_pages_newest_first(service):
    _points, staff, _db = service
    boss = staff.SignIn(staff_pb2.SignInRequest(email=BOOT_EMAIL, password=BOOT_PASSWORD)).staff
    demoted = _refused(
        staff.UpdateStaff,
        staff_pb2.UpdateStaffRequest(
            staff_id=boss.staff_id, role=staff_pb2.STAFF_ROLE_VIEWER, actor="staff:boss@sen.vn"
        ),
    )
    assert (demoted.code(), _reason(demoted)) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "LAST_ADMIN",
    )
    lan = staff.CreateStaff(
        staff_pb2.CreateStaffRequest(
            email="lan@sen.vn",
            name="Lan",
            role=staff_pb2.STAFF_ROLE_VIEWER,
            password="lan-password-12",
            language="en",
            actor="staff:boss@sen.vn",
        )
    ).staff
    promoted = staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=lan.staff_id,
            expected_version=lan.version,
            role=staff_pb2.STAFF_ROLE_ADMIN,
            actor="staff:boss@sen.vn",
        )
    ).staff
    assert (promoted.role, promoted.version) == (staff_pb2.STAFF_ROLE_ADMIN, lan.version + 1)
    stale = _refused(
        staff.UpdateStaff,
        staff_pb2.UpdateStaffRequest(
            staff_id=lan.staff_id,
            expected_version=lan.version,
            name="Lan N.",
            actor="staff:boss@sen.vn",
        ),
    )
    assert stale.code() == grpc.StatusCode.ABORTED
    staff.RecordActivity(
        staff_pb2.RecordActivityRequest(
            actor="staff:lan@sen.vn",
            action="points.adjusted",
            subject="m-1",
            detail="+500: lost receipt",
        )
    )
    first = staff.ListActivity(staff_pb2.ListActivityRequest(page={"page_size": 2}))
    assert [a.action for a in first.activities] == ["points.adjusted", "staff.role_changed"]
    assert first.activities[1].detail == "viewer → admin"
    assert first.activities[1].actor == "staff:boss@sen.vn"
    rest = staff.ListActivity(
        staff_pb2.ListActivityRequest(page={"page_size": 50, "cursor": first.page_info.next_cursor})
    )
    assert [a.action for a in rest.activities][:2] == ["staff.created", "signed_in"]
    assert not rest.page_info.next_cursor
    bad = _refused(
        staff.RecordActivity, staff_pb2.RecordActivityRequest(actor="x", action="Drop Table")
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT


def _field(error: grpc.RpcError) -> str:
    violations = details_of(error)[0]
    return violations[0].field if violations else ""


def test_a_staff_member_changes_their_own_password_proving_the_current_one(service):
    _points, staff, _db = service
    account = staff.CreateStaff(
        staff_pb2.CreateStaffRequest(
            email="lan@sen.vn",
            name="Lan",
            role=staff_pb2.STAFF_ROLE_VIEWER,
            password="lan-password-1",
            actor="staff:boss@sen.vn",
        )
    ).staff
    assert not account.HasField("password_changed_at")

    def change(current: str, new: str):
        return staff_pb2.ChangeOwnPasswordRequest(
            staff_id=account.staff_id, current_password=current, new_password=new
        )

    short = _refused(staff.ChangeOwnPassword, change("lan-password-1", "short"))
    assert (short.code(), _field(short)) == (grpc.StatusCode.INVALID_ARGUMENT, "new_password")
    same = _refused(staff.ChangeOwnPassword, change("lan-password-1", "lan-password-1"))
    assert (_reason(same), _field(same)) == ("SAME_PASSWORD", "new_password")
    wrong = _refused(staff.ChangeOwnPassword, change("not-it", "lan-password-2"))
    assert (wrong.code(), _reason(wrong), _field(wrong)) == (
        grpc.StatusCode.UNAUTHENTICATED,
        "WRONG_CREDENTIALS",
        "current_password",
    )
    changed = staff.ChangeOwnPassword(change("lan-password-1", "lan-password-2")).staff
    assert changed.HasField("password_changed_at") and changed.version > account.version
    old = staff_pb2.SignInRequest(email="lan@sen.vn", password="lan-password-1")
    assert _reason(_refused(staff.SignIn, old)) == "WRONG_CREDENTIALS"
    assert staff.SignIn(staff_pb2.SignInRequest(email="lan@sen.vn", password="lan-password-2"))
    # A session left open does not let anyone guess the password: wrong current
    # passwords count toward the lock-out (the sign-in above cleared the count).
    for _ in range(4):
        _refused(staff.ChangeOwnPassword, change("guess", "lan-password-3"))
    fifth = _refused(staff.ChangeOwnPassword, change("guess", "lan-password-3"))
    assert _reason(fifth) == "STAFF_LOCKED"
    locked = _refused(staff.ChangeOwnPassword, change("lan-password-2", "lan-password-3"))
    assert _reason(locked) == "STAFF_LOCKED"
    actions = [
        a.action
        for a in staff.ListActivity(staff_pb2.ListActivityRequest(subject="lan@sen.vn")).activities
    ]
    assert actions.count("password_change.failed") == 6
    assert "staff.password_changed" in actions and "staff.locked" in actions


def test_an_admin_reset_stamps_the_password_change(service):
    _points, staff, _db = service
    account = staff.CreateStaff(
        staff_pb2.CreateStaffRequest(
            email="binh@sen.vn",
            name="Bình",
            role=staff_pb2.STAFF_ROLE_SUPPORT,
            password="binh-password-1",
            actor="staff:boss@sen.vn",
        )
    ).staff
    reset = staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id, password="binh-password-2", actor="staff:boss@sen.vn"
        )
    ).staff
    assert reset.HasField("password_changed_at")
    renamed = staff.UpdateStaff(
        staff_pb2.UpdateStaffRequest(
            staff_id=account.staff_id, name="Bình Lê", actor="staff:boss@sen.vn"
        )
    ).staff
    assert renamed.password_changed_at == reset.password_changed_at  # only a password stamps
