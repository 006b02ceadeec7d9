"""The points service's exports: balances, open lots, a period's transactions, vouchers,
each streamed in batches through a cursor, so memory holds one batch whatever the size of
the ledger; each export logged (who, what, when, rows) before its first batch."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime

from common import clock as clocks
from services.points.exports.domain import BalanceRow, balance_row
from services.points.exports.store import ExportStore

log = logging.getLogger("loyalty.points.exports")


class PointsExports:
    def __init__(self, store: ExportStore, clock: Callable[[], datetime] = clocks.now) -> None:
        self.store = store
        self.clock = clock

    def balances(self, actor: str, batch: int) -> Iterator[list[BalanceRow]]:
        read = self._by_id(self.store.accounts_after, batch)
        return self._logged(
            actor, {"export": "balances"}, (list(map(balance_row, b)) for b in read)
        )

    def lots(self, actor: str, batch: int) -> Iterator[list[dict]]:
        """Open lots, each with its member_id, a batch of accounts at a time."""
        read = self._by_id(self.store.accounts_after, batch)
        rows = (
            [
                {**lot, "member_id": account["_id"]}
                for account in accounts
                for lot in account.get("lots") or []
            ]
            for accounts in read
        )
        return self._logged(actor, {"export": "lots"}, (b for b in rows if b))

    def vouchers(self, actor: str, batch: int) -> Iterator[list[dict]]:
        read = self._by_id(self.store.vouchers_after, batch)
        return self._logged(actor, {"export": "vouchers"}, read)

    def transactions(
        self, actor: str, batch: int, start: datetime, end: datetime
    ) -> Iterator[list[dict]]:
        what = {"export": "transactions", "start": start, "end": end}
        return self._logged(actor, what, self._entries(start, end, batch))

    def _entries(self, start: datetime, end: datetime, batch: int) -> Iterator[list[dict]]:
        after = None
        while True:
            docs = self.store.entries_between(start, end, after, batch)
            if docs:
                yield docs
                after = (docs[-1]["created_at"], docs[-1]["_id"])
            if len(docs) < batch:
                return

    @staticmethod
    def _by_id(read: Callable[[str, int], list[dict]], batch: int) -> Iterator[list[dict]]:
        after = ""
        while True:
            docs = read(after, batch)
            if docs:
                yield docs
                after = docs[-1]["_id"]
            if len(docs) < batch:
                return

    def _logged(self, actor: str, what: dict, batches: Iterator[list]) -> Iterator[list]:
        """Logs the export now (who, what, when) and its rows when the last batch is read."""
        export_id = uuid.uuid4().hex
        self.store.log_started(export_id, actor, what, self.clock())
        log.info(
            "export started",
            extra={"export_id": export_id, "actor": actor, "export": what["export"]},
        )

        def counted() -> Iterator[list]:
            rows = 0
            for batch in batches:
                rows += len(batch)
                yield batch
            self.store.log_finished(export_id, rows, self.clock())
            log.info("export finished", extra={"export_id": export_id, "rows": rows})

        return counted()
