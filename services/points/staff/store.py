"""The staff accounts' collections: accounts (unique by e-mail) and the activity log.
The only code here that touches MongoDB; it hands out the domain's values."""

from __future__ import annotations

import dataclasses

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.points.staff.domain import Activity, PasswordHash, StaffAccount


class EmailTaken(Exception):
    pass


class StaffStore:
    def __init__(self, db) -> None:
        self._accounts = db["staff_accounts"]
        self._activity = db["staff_activity"]

    def ensure_indexes(self) -> None:
        self._accounts.create_index([("email", ASCENDING)], unique=True)
        self._activity.create_index([("actor", ASCENDING), ("_id", DESCENDING)])
        self._activity.create_index([("subject", ASCENDING), ("_id", DESCENDING)])

    def insert(self, account: StaffAccount) -> None:
        try:
            self._accounts.insert_one(_doc(account))
        except DuplicateKeyError:
            raise EmailTaken(account.email) from None

    def account(self, staff_id: str) -> StaffAccount | None:
        doc = self._accounts.find_one({"_id": staff_id})
        return _account(doc) if doc else None

    def by_email(self, email: str) -> StaffAccount | None:
        doc = self._accounts.find_one({"email": email})
        return _account(doc) if doc else None

    def accounts(self) -> list[StaffAccount]:
        return [_account(d) for d in self._accounts.find().sort("email", ASCENDING)]

    def replace(self, account: StaffAccount, version: int) -> bool:
        """Writes `account` (its version already the next one) if the stored one is still
        at `version`: one atomic, version-checked update."""
        doc = _doc(account)
        doc.pop("_id")
        written = self._accounts.find_one_and_update(
            {"_id": account.staff_id, "version": version},
            {"$set": doc},
            return_document=ReturnDocument.AFTER,
        )
        return written is not None

    def record(self, activity: Activity) -> None:
        doc = dataclasses.asdict(activity)
        doc["_id"] = doc.pop("activity_id")
        self._activity.insert_one(doc)

    def activities(self, actor: str, subject: str, before: str, limit: int) -> list[Activity]:
        query: dict = {}
        if actor:
            query["actor"] = actor
        if subject:
            query["subject"] = subject
        if before:
            query["_id"] = {"$lt": before}
        found = self._activity.find(query).sort("_id", DESCENDING).limit(limit)
        return [
            Activity(d["_id"], d["at"], d["actor"], d["action"], d["subject"], d["detail"])
            for d in found
        ]


def _doc(account: StaffAccount) -> dict:
    doc = dataclasses.asdict(account)
    doc["_id"] = doc.pop("staff_id")
    password = doc.pop("password")
    doc["password"] = {
        "scheme": "scrypt",
        "salt": password["salt"],
        "digest": password["digest"],
        "n": password["n"],
        "r": password["r"],
        "p": password["p"],
    }
    return doc


def _account(doc: dict) -> StaffAccount:
    password = doc["password"]
    return StaffAccount(
        staff_id=doc["_id"],
        email=doc["email"],
        name=doc["name"],
        role=doc["role"],
        status=doc["status"],
        language=doc["language"],
        password=PasswordHash(
            bytes(password["salt"]),
            bytes(password["digest"]),
            password["n"],
            password["r"],
            password["p"],
        ),
        created_at=doc["created_at"],
        created_by=doc["created_by"],
        version=doc["version"],
        failures=doc.get("failures", 0),
        failed_since=doc.get("failed_since"),
        locked_until=doc.get("locked_until"),
        last_sign_in_at=doc.get("last_sign_in_at"),
        password_changed_at=doc.get("password_changed_at"),
    )
