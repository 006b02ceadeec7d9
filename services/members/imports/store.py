"""The imports' MongoDB collections.

imports        one document per import: kind, mode, size, state, progress counts, and the
               lease of the worker running it (so two replicas never run one import).
import_rows    one document per row ("<import id>:<row>"): its fields as received, and
               whether validation found it bad.
import_errors  one document per problem ("<import id>:<row>:<field>"), so a validation run
               again after a crash writes each problem once.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import BulkWriteError, DuplicateKeyError

from common.outbox import DUPLICATE_KEY
from services.members.imports.domain import RUNNING, Import, RowError

_FIELDS = [f.name for f in dataclasses.fields(Import) if f.name != "import_id"]


def _row_id(import_id: str, row: int) -> str:
    return f"{import_id}:{row:07d}"


class ImportStore:
    def __init__(self, db) -> None:
        self.imports = db["imports"]
        self.rows = db["import_rows"]
        self.errors = db["import_errors"]

    def ensure_indexes(self) -> None:
        self.rows.create_index([("import_id", 1), ("row", 1)])
        self.errors.create_index([("import_id", 1), ("row", 1)])
        self.imports.create_index("state")

    # Imports

    def insert(self, created: Import) -> Import | None:
        """Inserts a new import; the existing one if the id is taken."""
        try:
            self.imports.insert_one(_document(created))
            return None
        except DuplicateKeyError:
            return self.get(created.import_id)

    def get(self, import_id: str) -> Import | None:
        doc = self.imports.find_one({"_id": import_id})
        return None if doc is None else _import(doc)

    def set(self, import_id: str, changes: dict, *, only_if: dict | None = None) -> Import | None:
        """The import after `changes`, if it matched `only_if` (else None)."""
        doc = self.imports.find_one_and_update(
            {"_id": import_id, **(only_if or {})},
            {"$set": changes},
            return_document=ReturnDocument.AFTER,
        )
        return None if doc is None else _import(doc)

    def claim(self, import_id: str | None, owner: str, now: datetime, until: datetime):
        """Takes the lease of a running import (`import_id`, or any) whose lease is free or
        ran out: the import now `owner`'s to run, or None."""
        query: dict = {
            "state": {"$in": list(RUNNING)},
            "$or": [{"lease_until": None}, {"lease_until": {"$lte": now}}, {"lease_owner": owner}],
        }
        if import_id:
            query["_id"] = import_id
        doc = self.imports.find_one_and_update(
            query,
            {"$set": {"lease_owner": owner, "lease_until": until}},
            sort=[("created_at", 1)],
            return_document=ReturnDocument.AFTER,
        )
        return None if doc is None else _import(doc)

    def progress(self, import_id: str, owner: str, changes: dict) -> Import | None:
        """Records a batch's progress while `owner` holds the lease of the running import;
        None when it does not (stopped, or taken over): the runner stops."""
        return self.set(
            import_id,
            changes,
            only_if={"lease_owner": owner, "state": {"$in": list(RUNNING)}},
        )

    # Rows

    def add_rows(self, import_id: str, first: int, rows: list[dict]) -> list[tuple[int, dict]]:
        """Inserts the rows numbered from `first`; returns (row, stored fields) of those
        that were there already (a page sent again)."""
        docs = [
            {
                "_id": _row_id(import_id, first + i),
                "import_id": import_id,
                "row": first + i,
                "fields": f,
            }
            for i, f in enumerate(rows)
        ]
        try:
            self.rows.insert_many(docs, ordered=False)
            return []
        except BulkWriteError as error:
            failed = error.details["writeErrors"]
            if any(e["code"] != DUPLICATE_KEY for e in failed):
                raise
        ids = [docs[e["index"]]["_id"] for e in failed]
        return [(d["row"], d["fields"]) for d in self.rows.find({"_id": {"$in": ids}})]

    def count_rows(self, import_id: str) -> int:
        return self.rows.count_documents({"import_id": import_id})

    def rows_between(self, import_id: str, first: int, last: int) -> list[tuple[int, dict, bool]]:
        """(row, fields, found bad) of the rows first..last, by row."""
        query = {"import_id": import_id, "row": {"$gte": first, "$lte": last}}
        found = self.rows.find(query).sort("row", 1)
        return [(d["row"], d["fields"], d.get("bad", False)) for d in found]

    def mark_bad(self, import_id: str, rows: set[int]) -> None:
        if rows:
            ids = [_row_id(import_id, row) for row in rows]
            self.rows.update_many({"_id": {"$in": ids}}, {"$set": {"bad": True}})

    # Errors

    def add_errors(self, import_id: str, errors: list[RowError]) -> None:
        """Records the problems; one recorded before (a run again) is not doubled."""
        docs = {
            f"{_row_id(import_id, e.row)}:{e.field}": {
                "import_id": import_id,
                "row": e.row,
                "field": e.field,
                "reason": e.reason,
            }
            for e in errors
        }
        if not docs:
            return
        try:
            self.errors.insert_many([{"_id": k, **v} for k, v in docs.items()], ordered=False)
        except BulkWriteError as error:
            if any(e["code"] != DUPLICATE_KEY for e in error.details["writeErrors"]):
                raise

    def errors_page(self, import_id: str, skip: int, limit: int) -> list[RowError]:
        found = self.errors.find({"import_id": import_id}).sort([("row", 1), ("field", 1)])
        return [RowError(d["row"], d["field"], d["reason"]) for d in found.skip(skip).limit(limit)]

    def count_errors(self, import_id: str) -> int:
        return self.errors.count_documents({"import_id": import_id})


def _document(value: Import) -> dict:
    return {"_id": value.import_id, **{name: getattr(value, name) for name in _FIELDS}}


def _import(doc: dict) -> Import:
    return Import(import_id=doc["_id"], **{name: doc[name] for name in _FIELDS if name in doc})
