"""PointsExportsService over gRPC: checks the request, then streams the batches."""

from __future__ import annotations

from common import events as bus
from common.grpc_errors import answering_refusals
from common.validation import Checks
from loyalty.points.v1 import exports_pb2 as pb
from loyalty.points.v1 import exports_pb2_grpc
from services.points.exports.domain import MAX_BATCH, batch_size, period_problem
from services.points.exports.service import PointsExports

DOMAIN = "loyalty.points.v1"
rpc = answering_refusals(DOMAIN)


class PointsExportsServicer(exports_pb2_grpc.PointsExportsServiceServicer):
    def __init__(self, exports: PointsExports) -> None:
        self.exports = exports

    @rpc
    def ExportBalances(self, request, context):
        batches = self.exports.balances(request.actor, _checked(request), request.after)
        return (
            pb.ExportBalancesResponse(rows=[pb.BalanceRow(**vars(row)) for row in b])
            for b in batches
        )

    @rpc
    def ExportLots(self, request, context):
        batches = self.exports.lots(request.actor, _checked(request), request.after)
        return (pb.ExportLotsResponse(rows=[_lot(lot) for lot in b]) for b in batches)

    @rpc
    def ExportTransactions(self, request, context):
        start, end = bus.instant(request, "start"), bus.instant(request, "end")
        at = bus.instant(request, "after_created_at")
        problem = period_problem(start, end)
        if problem is None and (at is None) != (not request.after_entry_id):
            problem = ("after_entry_id", "give after_created_at and after_entry_id, or neither")
        size = _checked(request, problem)
        after = (at, request.after_entry_id) if at is not None else None
        batches = self.exports.transactions(request.actor, size, start, end, after)
        return (pb.ExportTransactionsResponse(rows=[_entry(e) for e in b]) for b in batches)

    @rpc
    def ExportVouchers(self, request, context):
        batches = self.exports.vouchers(request.actor, _checked(request), request.after)
        return (pb.ExportVouchersResponse(rows=[_voucher(v) for v in b]) for b in batches)


def _checked(request, problem: tuple[str, str] | None = None) -> int:
    """The batch size, once the request is checked (every bad field named)."""
    checks = Checks(DOMAIN)
    checks.text("actor", request.actor)
    size = batch_size(request.batch_size)
    checks.check(size is not None, "batch_size", f"must be 0 (500) or 1..{MAX_BATCH}")
    if problem is not None:
        checks.fail(*problem)
    checks.done()
    return size


def _lot(lot: dict) -> pb.LotRow:
    return pb.LotRow(
        member_id=lot["member_id"],
        lot_id=lot["lot_id"],
        source=lot.get("source", ""),
        points=lot.get("points", 0),
        remaining=lot.get("remaining", 0),
        held=lot.get("held", 0),
        pending=lot.get("pending", False),
        earned_at=bus.timestamp(lot.get("earned_at")),
        available_at=bus.timestamp(lot.get("available_at")),
        expires_at=bus.timestamp(lot.get("expires_at")),
        partner_id=lot.get("partner_id", ""),
        transaction_id=lot.get("transaction_id", ""),
    )


def _entry(doc: dict) -> pb.TransactionRow:
    return pb.TransactionRow(
        entry_id=doc["_id"],
        **{k: doc.get(k) or "" for k in ("member_id", "type", "partner_id", "store_id")},
        **{k: doc.get(k) or "" for k in ("transaction_id", "reference", "currency")},
        **{k: doc.get(k) or "" for k in ("actor", "reason")},
        points=doc.get("points", 0),
        balance_after=doc.get("balance_after", 0),
        amount_minor=doc.get("amount_minor", 0),
        occurred_at=bus.timestamp(doc.get("occurred_at")),
        created_at=bus.timestamp(doc.get("created_at")),
    )


def _voucher(doc: dict) -> pb.VoucherRow:
    return pb.VoucherRow(
        voucher_id=doc["_id"],
        code=doc.get("code", ""),
        member_id=doc.get("member_id", ""),
        reward_id=doc.get("reward_id", ""),
        state=doc.get("state", ""),
        issue_reason=doc.get("issue_reason", ""),
        issued_at=bus.timestamp(doc.get("issued_at")),
        expires_at=bus.timestamp(doc.get("expires_at")),
        used_at=bus.timestamp(doc.get("used_at")),
    )
