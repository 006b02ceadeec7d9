"""Staff accounts: create, change, sign in (with the lock-out), and the activity log.
Every change is recorded with who made it and when."""

from __future__ import annotations

import dataclasses
import logging
import secrets

from common import clock
from common.clock import Clock
from common.refusals import Refusal, version_mismatch
from services.points.staff.domain import (
    ACTIVE,
    ADMIN,
    DISABLED,
    Activity,
    StaffAccount,
    hash_password,
    last_admin_left,
    normal_email,
    password_matches,
)
from services.points.staff.store import EmailTaken, StaffStore

log = logging.getLogger("loyalty.points.staff")
SYSTEM = "system"
WRITE_ATTEMPTS = 5
# Checked against when the e-mail is unknown, so that answer takes as long as a wrong
# password does.
_DECOY = hash_password("decoy-password", b"0" * 16)


def wrong_credentials(field: str = "") -> Refusal:
    return Refusal("unauthenticated", "WRONG_CREDENTIALS", "wrong e-mail or password", field=field)


class Staff:
    def __init__(self, store: StaffStore, clock: Clock = clock.now) -> None:
        self.store = store
        self.clock = clock

    def bootstrap(self, email: str, password: str) -> None:
        """The installation's first admin, from the environment: made once, never
        changed by a later start."""
        if not email or not password:
            return
        email = normal_email(email)
        if self.store.by_email(email) is not None:
            return
        try:
            self.create(email, "Admin", ADMIN, password, "vi", SYSTEM)
        except Refusal as refusal:  # another replica made it at the same moment
            if refusal.reason != "STAFF_EMAIL_TAKEN":
                raise
        else:
            log.info("bootstrap staff admin created", extra={"staff_email": email})

    def create(
        self, email: str, name: str, role: str, password: str, language: str, actor: str
    ) -> StaffAccount:
        now = self.clock()
        account = StaffAccount(
            staff_id="stf_" + secrets.token_hex(8),
            email=normal_email(email),
            name=name,
            role=role,
            status=ACTIVE,
            language=language or "vi",
            password=hash_password(password, secrets.token_bytes(16)),
            created_at=now,
            created_by=actor,
        )
        try:
            self.store.insert(account)
        except EmailTaken:
            raise Refusal(
                "exists", "STAFF_EMAIL_TAKEN", "an account has this e-mail", field="email"
            ) from None
        self.record(actor, "staff.created", account.email, f"role {role}")
        return account

    def account(self, staff_id: str) -> StaffAccount:
        account = self.store.account(staff_id)
        if account is None:
            raise Refusal("not_found", "STAFF_NOT_FOUND", "no such staff account", "staff_id")
        return account

    def accounts(self) -> list[StaffAccount]:
        return self.store.accounts()

    def update(
        self,
        staff_id: str,
        expected_version: int,
        actor: str,
        *,
        role: str = "",
        status: str = "",
        name: str = "",
        password: str = "",
        language: str = "",
    ) -> StaffAccount:
        current = self.account(staff_id)
        if expected_version and expected_version != current.version:
            raise version_mismatch(f"the account is at version {current.version}")
        changes: dict = {}
        if role and role != current.role:
            changes["role"] = role
        if status and status != current.status:
            changes["status"] = status
            if status == ACTIVE:  # enabling lifts a lock too
                changes.update(failures=0, failed_since=None, locked_until=None)
        if name and name != current.name:
            changes["name"] = name
        if language and language != current.language:
            changes["language"] = language
        if password:
            changes["password"] = hash_password(password, secrets.token_bytes(16))
            # Ends the account's sessions (the console compares it as stored).
            changes["password_changed_at"] = clock.to_the_millisecond(self.clock())
        if not changes:
            return current
        changed = dataclasses.replace(current, version=current.version + 1, **changes)
        if last_admin_left(self.store.accounts(), changed):
            raise Refusal(
                "precondition",
                "LAST_ADMIN",
                "the last active admin cannot be demoted or disabled",
                "role" if "role" in changes else "status",
            )
        if not self.store.replace(changed, current.version):
            raise version_mismatch("the account changed meanwhile: read it again")
        for what, action in (
            ("role", "staff.role_changed"),
            ("name", "staff.renamed"),
            ("language", "staff.language_changed"),
        ):
            if what in changes:
                self.record(
                    actor, action, current.email, f"{getattr(current, what)} → {changes[what]}"
                )
        if "status" in changes:
            action = "staff.disabled" if status == DISABLED else "staff.enabled"
            self.record(actor, action, current.email, "")
        if password:
            self.record(actor, "staff.password_changed", current.email, "")
        return changed

    def sign_in(self, email: str, password: str, client_address: str) -> StaffAccount:
        email = normal_email(email)
        account = self.store.by_email(email)
        if account is None:
            password_matches(password, _DECOY)
            raise wrong_credentials()
        where = f" from {client_address}" if client_address else ""
        self._prove(account, password, ("sign_in.failed", f"wrong password{where}", ""))
        signed_in = dataclasses.replace(
            account.after_sign_in(self.clock()), version=account.version + 1
        )
        self.store.replace(signed_in, account.version)  # a lost race only loses the time
        self.record(f"staff:{email}", "signed_in", email, client_address)
        return signed_in

    def change_own_password(self, staff_id: str, current: str, new: str) -> StaffAccount:
        """The owner's own change: the current password proven first, a wrong one
        counted toward the lock-out (a session left open does not let anyone guess it)."""
        account = self.account(staff_id)
        failure = ("password_change.failed", "wrong current password", "current_password")
        self._prove(account, current, failure)
        if password_matches(new, account.password):
            raise Refusal(
                "invalid", "SAME_PASSWORD", "is the current password", field="new_password"
            )
        changed = dataclasses.replace(
            account,
            password=hash_password(new, secrets.token_bytes(16)),
            password_changed_at=clock.to_the_millisecond(self.clock()),
            version=account.version + 1,
        )
        if not self.store.replace(changed, account.version):
            raise version_mismatch("the account changed meanwhile: try again")
        self.record(f"staff:{account.email}", "staff.password_changed", account.email, "own")
        return changed

    def _prove(self, account: StaffAccount, password: str, failure: tuple[str, str, str]) -> None:
        """The account may act with this password: not locked, the password right (a
        wrong one counted, the fifth locking), the account active. `failure`: the
        activity logged for a wrong password, its detail, and the field refused."""
        action, detail, field = failure
        now = self.clock()
        if account.locked(now):
            raise _locked(account)
        if not password_matches(password, account.password):
            failed = self._count_failure(account)
            self.record(f"staff:{account.email}", action, account.email, detail)
            if failed.locked(now):
                until = f"until {failed.locked_until:%H:%M} UTC"
                self.record(SYSTEM, "staff.locked", account.email, until)
                raise _locked(failed)
            raise wrong_credentials(field)
        if account.status != ACTIVE:
            raise Refusal("precondition", "STAFF_DISABLED", "this account is disabled")

    def _count_failure(self, account: StaffAccount) -> StaffAccount:
        """Counts a wrong password in one version-checked write (tried again when another
        replica counted one meanwhile), so every try counts."""
        for _ in range(WRITE_ATTEMPTS):
            failed = account.after_failure(self.clock())
            failed = dataclasses.replace(failed, version=account.version + 1)
            if self.store.replace(failed, account.version):
                return failed
            account = self.account(account.staff_id)
        raise Refusal("unavailable", "STAFF_BUSY", "too many sign-ins at once; try again")

    def record(self, actor: str, action: str, subject: str, detail: str) -> Activity:
        at = self.clock()
        activity = Activity(
            f"{at:%Y%m%d%H%M%S%f}-{secrets.token_hex(4)}", at, actor, action, subject, detail[:500]
        )
        self.store.record(activity)
        return activity

    def activities(self, actor: str, subject: str, cursor: str, limit: int) -> list[Activity]:
        return self.store.activities(actor, subject, cursor, limit)


def _locked(account: StaffAccount) -> Refusal:
    until = account.locked_until
    return Refusal(
        "precondition",
        "STAFF_LOCKED",
        f"too many wrong passwords: locked until {until:%H:%M} UTC",
        metadata={"locked_until": until.isoformat()},
    )
