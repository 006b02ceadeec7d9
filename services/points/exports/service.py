"""The points service's exports: balances, open lots, a period's transactions, vouchers,
each streamed in batches through a cursor, so memory holds one batch whatever the size of
the ledger; each export logged (who, what, when, rows) before its first batch."""

from __future__ import annotations

import itertools
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

    def balances(self, actor: str, batch: int, after: str = "") -> Iterator[list[BalanceRow]]:
        read = chunks(self.store.accounts_from(after, batch), batch)
        what = {"export": "balances", "after": after}
        return self._logged(actor, what, (list(map(balance_row, b)) for b in read))

    def lots(self, actor: str, batch: int, after: str = "") -> Iterator[list[dict]]:
        """Open lots, each with its member_id, a batch of accounts at a time."""
        read = chunks(self.store.accounts_from(after, batch), batch)
        rows = (
            [{**lot, "member_id": a["_id"]} for a in accounts for lot in a.get("lots") or []]
            for accounts in read
        )
        return self._logged(actor, {"export": "lots", "after": after}, (b for b in rows if b))

    def vouchers(self, actor: str, batch: int, after: str = "") -> Iterator[list[dict]]:
        read = chunks(self.store.vouchers_from(after, batch), batch)
        return self._logged(actor, {"export": "vouchers", "after": after}, read)

    def transactions(
        self,
        actor: str,
        batch: int,
        start: datetime,
        end: datetime,
        after: tuple[datetime, str] | None = None,
    ) -> Iterator[list[dict]]:
        what = {"export": "transactions", "start": start, "end": end, "after": list(after or ())}
        read = chunks(self.store.entries_from(start, end, after, batch), batch)
        return self._logged(actor, what, read)

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


def chunks(items: Iterator, size: int) -> Iterator[list]:
    """`items` in lists of `size` (the last one shorter), one list held at a time."""
    while chunk := list(itertools.islice(items, size)):
        yield chunk
