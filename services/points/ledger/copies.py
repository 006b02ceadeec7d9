"""This process's copy of the accounts it recently wrote or read, to save a store read.

Only a first guess: every write is checked against the stored version, so a copy made
stale by another process (or by a members event) costs one failed write and a re-read,
never a wrong balance.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict

from services.points.ledger.domain.model import Account
from services.points.ledger.store import account_from_doc, account_to_doc


class AccountCopies:
    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._docs: OrderedDict[str, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, member_id: str) -> Account | None:
        """A fresh Account object that shares nothing with the copy kept or with any other
        caller's (an attempt changes it freely, and a failed attempt leaves no trace), or
        None."""
        with self._lock:
            doc = self._docs.get(member_id)
            if doc is None:
                return None
            self._docs.move_to_end(member_id)
        return account_from_doc(copy.deepcopy(doc))

    def put(self, account: Account) -> None:
        # Deep: the caller keeps the account (an outcome holds it) and must not reach in.
        doc = copy.deepcopy({"_id": account.member_id, **account_to_doc(account)})
        with self._lock:
            self._docs[account.member_id] = doc
            self._docs.move_to_end(account.member_id)
            while len(self._docs) > self.capacity:
                self._docs.popitem(last=False)
