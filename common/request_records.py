"""Idempotency of the points service's admin requests (create a rule or a reward, change
stock): the first request with a key records what it made; a replay with the same request
is answered with it, a different request with the same key is refused."""

from __future__ import annotations

import hashlib

from pymongo.errors import DuplicateKeyError

from common.refusals import key_reused


class RequestRecords:
    def __init__(self, collection) -> None:
        self.collection = collection

    def get(self, key: str) -> dict | None:
        return self.collection.find_one({"_id": key})

    def remember(self, key: str, fingerprint: str, result_id: str) -> dict:
        """The record for `key`: this one, or the one a twin request stored first."""
        doc = {"_id": key, "fingerprint": fingerprint, "result_id": result_id}
        try:
            self.collection.insert_one(doc)
            return doc
        except DuplicateKeyError:
            return self.collection.find_one({"_id": key})

    def forget(self, key: str) -> None:
        """A request that was refused after all: its retry is judged afresh."""
        self.collection.delete_one({"_id": key})


def same_request(record: dict, fingerprint: str) -> str:
    """The id the recorded request made; IDEMPOTENCY_KEY_REUSED for another request."""
    if record["fingerprint"] != fingerprint:
        raise key_reused("this idempotency key was used for another request")
    return record["result_id"]


def fingerprint(message) -> str:
    """A request message's fingerprint (deterministic serialisation)."""
    return hashlib.sha256(message.SerializeToString(deterministic=True)).hexdigest()
