"""StaffService over gRPC: checks and translates; the use cases are service.py."""

from __future__ import annotations

from common import events as bus
from common.paging import DEFAULT_SIZE, MAX_SIZE
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import staff_pb2, staff_pb2_grpc
from services.points.ledger.messages import DOMAIN, rpc
from services.points.staff.domain import (
    ACTION,
    ACTIVE,
    ADMIN,
    DISABLED,
    LANGUAGES,
    MARKETER,
    SUPPORT,
    VIEWER,
    Activity,
    StaffAccount,
    email_problem,
    normal_email,
    password_problem,
)
from services.points.staff.service import Staff

ROLES = {
    VIEWER: staff_pb2.STAFF_ROLE_VIEWER,
    SUPPORT: staff_pb2.STAFF_ROLE_SUPPORT,
    MARKETER: staff_pb2.STAFF_ROLE_MARKETER,
    ADMIN: staff_pb2.STAFF_ROLE_ADMIN,
}
ROLE_NAMES = {value: name for name, value in ROLES.items()}
STATUSES = {ACTIVE: staff_pb2.STAFF_STATUS_ACTIVE, DISABLED: staff_pb2.STAFF_STATUS_DISABLED}
STATUS_NAMES = {value: name for name, value in STATUSES.items()}


class StaffServicer(staff_pb2_grpc.StaffServiceServicer):
    def __init__(self, staff: Staff) -> None:
        self.staff = staff

    @rpc
    def CreateStaff(self, request, context):
        checks = Checks(DOMAIN)
        problem = email_problem(normal_email(request.email))
        checks.check(not problem, "email", problem)
        checks.text("name", request.name, max_length=100)
        checks.check(
            request.role in ROLE_NAMES, "role", "must be VIEWER, SUPPORT, MARKETER or ADMIN"
        )
        problem = password_problem(request.password)
        checks.check(not problem, "password", problem)
        _language(checks, request.language)
        checks.text("actor", request.actor)
        checks.done()
        account = self.staff.create(
            request.email,
            request.name,
            ROLE_NAMES[request.role],
            request.password,
            request.language,
            request.actor,
        )
        return staff_pb2.CreateStaffResponse(staff=staff_message(account))

    @rpc
    def UpdateStaff(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("staff_id", request.staff_id)
        checks.check(
            request.role == staff_pb2.STAFF_ROLE_UNSPECIFIED or request.role in ROLE_NAMES,
            "role",
            "unknown role",
        )
        checks.check(
            request.status == staff_pb2.STAFF_STATUS_UNSPECIFIED or request.status in STATUS_NAMES,
            "status",
            "unknown status",
        )
        checks.text("name", request.name, required=False, max_length=100)
        if request.password:
            problem = password_problem(request.password)
            checks.check(not problem, "password", problem)
        _language(checks, request.language)
        checks.text("actor", request.actor)
        checks.done()
        account = self.staff.update(
            request.staff_id,
            request.expected_version,
            request.actor,
            role=ROLE_NAMES.get(request.role, ""),
            status=STATUS_NAMES.get(request.status, ""),
            name=request.name,
            password=request.password,
            language=request.language,
        )
        return staff_pb2.UpdateStaffResponse(staff=staff_message(account))

    @rpc
    def GetStaff(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("staff_id", request.staff_id)
        checks.done()
        return staff_pb2.GetStaffResponse(staff=staff_message(self.staff.account(request.staff_id)))

    @rpc
    def ListStaff(self, request, context):
        return staff_pb2.ListStaffResponse(staff=[staff_message(a) for a in self.staff.accounts()])

    @rpc
    def SignIn(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("email", request.email, max_length=200)
        checks.text("password", request.password, max_length=200)
        checks.text("client_address", request.client_address, required=False)
        checks.done()
        account = self.staff.sign_in(request.email, request.password, request.client_address)
        return staff_pb2.SignInResponse(staff=staff_message(account))

    @rpc
    def ChangeOwnPassword(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("staff_id", request.staff_id)
        checks.text("current_password", request.current_password, max_length=200)
        problem = password_problem(request.new_password)
        checks.check(not problem, "new_password", problem)
        checks.done()
        account = self.staff.change_own_password(
            request.staff_id, request.current_password, request.new_password
        )
        return staff_pb2.ChangeOwnPasswordResponse(staff=staff_message(account))

    @rpc
    def RecordActivity(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("actor", request.actor)
        checks.check(bool(ACTION.match(request.action)), "action", "lower-case words and dots")
        checks.text("subject", request.subject, required=False, max_length=200)
        checks.text("detail", request.detail, required=False, max_length=500)
        checks.done()
        activity = self.staff.record(request.actor, request.action, request.subject, request.detail)
        return staff_pb2.RecordActivityResponse(activity=activity_message(activity))

    @rpc
    def ListActivity(self, request, context):
        checks = Checks(DOMAIN)
        checks.check(request.page.page_size >= 0, "page.page_size", "must not be negative")
        checks.text("page.cursor", request.page.cursor, required=False, max_length=64)
        checks.done()
        size = min(request.page.page_size or DEFAULT_SIZE, MAX_SIZE)
        found = self.staff.activities(request.actor, request.subject, request.page.cursor, size + 1)
        more = len(found) > size
        found = found[:size]
        return staff_pb2.ListActivityResponse(
            activities=[activity_message(a) for a in found],
            page_info=common_pb2.PageInfo(next_cursor=found[-1].activity_id if more else ""),
        )


def _language(checks: Checks, language: str) -> None:
    checks.check(not language or language in LANGUAGES, "language", "must be vi or en")


def staff_message(account: StaffAccount) -> staff_pb2.StaffMember:
    return staff_pb2.StaffMember(
        staff_id=account.staff_id,
        email=account.email,
        name=account.name,
        role=ROLES[account.role],
        status=STATUSES[account.status],
        language=account.language,
        locked_until=bus.timestamp(account.locked_until),
        last_sign_in_at=bus.timestamp(account.last_sign_in_at),
        password_changed_at=bus.timestamp(account.password_changed_at),
        created_at=bus.timestamp(account.created_at),
        created_by=account.created_by,
        version=account.version,
    )


def activity_message(activity: Activity) -> staff_pb2.Activity:
    return staff_pb2.Activity(
        activity_id=activity.activity_id,
        at=bus.timestamp(activity.at),
        actor=activity.actor,
        action=activity.action,
        subject=activity.subject,
        detail=activity.detail,
    )
