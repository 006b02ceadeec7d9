"""How much of a purchase a return takes back: pure arithmetic, exact.

Returns are cumulative: each return moves the returned share of the purchase forward,
and the points to reverse are the difference between the rounded totals before and
after (rounded half up). So three returns of a third reverse exactly the purchase's
points, never one more or one less.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

from services.points.ledger.domain.model import LedgerError, refuse


@dataclasses.dataclass(frozen=True)
class Purchase:
    key: str
    member_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    amount_minor: int
    currency: str
    lines: dict[str, dict[str, int]]  # line_id -> {"quantity": q, "amount_minor": a}
    points: int
    qualifying: int
    lot_id: str
    entry_id: str
    occurred_at: Any


@dataclasses.dataclass(frozen=True)
class ReturnShare:
    points_to_reverse: int
    qualifying_to_reverse: int
    returned_amount_minor: int
    fully_returned: bool
    returned_so_far: dict[str, Any]  # the new cumulative record to store


def share(
    purchase: Purchase,
    so_far: dict[str, Any] | None,
    *,
    full: bool = False,
    amount_minor: int = 0,
    lines: list[tuple[str, int]] | None = None,
) -> ReturnShare:
    so_far = so_far or {"share": "0", "lines": {}, "points": 0, "qualifying": 0, "amount": 0}
    before = Fraction(so_far["share"])
    returned_lines = dict(so_far["lines"])
    if before >= 1:
        raise refuse("ALREADY_FULLY_RETURNED", "the whole purchase was already returned")
    if full:
        after = Fraction(1)
        returned_lines = {line_id: line["quantity"] for line_id, line in purchase.lines.items()}
    elif lines:
        after = before + _lines_share(purchase, returned_lines, lines)
    else:
        after = before + _amount_share(purchase, before, amount_minor)
    if after > 1:
        raise refuse("RETURN_EXCEEDS_PURCHASE", "returns would exceed the purchase")
    points_after = _round_half_up(purchase.points * after)
    qualifying_after = _round_half_up(purchase.qualifying * after)
    amount_after = _round_half_up(purchase.amount_minor * after)
    return ReturnShare(
        points_to_reverse=points_after - so_far["points"],
        qualifying_to_reverse=qualifying_after - so_far["qualifying"],
        returned_amount_minor=amount_after - so_far["amount"],
        fully_returned=after == 1,
        returned_so_far={
            "share": str(after),
            "lines": returned_lines,
            "points": points_after,
            "qualifying": qualifying_after,
            "amount": amount_after,
        },
    )


def _amount_share(purchase: Purchase, before: Fraction, amount_minor: int) -> Fraction:
    returned = Fraction(amount_minor, purchase.amount_minor)
    if before + returned > 1:
        left = purchase.amount_minor - _round_half_up(purchase.amount_minor * before)
        raise LedgerError(
            "precondition",
            "RETURN_EXCEEDS_PURCHASE",
            f"returns would exceed the purchase: at most {left} can still be returned",
            field="amount.amount_minor",
            metadata={"returnable": str(left), "requested": str(amount_minor)},
        )
    return returned


def _lines_share(
    purchase: Purchase, returned_lines: dict[str, int], lines: list[tuple[str, int]]
) -> Fraction:
    added = Fraction(0)
    for index, (line_id, quantity) in enumerate(lines):
        line = purchase.lines.get(line_id)
        if line is None:
            raise LedgerError(
                "invalid",
                "UNKNOWN_LINE",
                f"the purchase has no line {line_id!r}",
                field=f"lines.lines[{index}].line_id",
            )
        total = returned_lines.get(line_id, 0) + quantity
        if total > line["quantity"]:
            raise LedgerError(
                "precondition",
                "RETURN_EXCEEDS_PURCHASE",
                f"line {line_id!r}: {total} returned of {line['quantity']} bought",
                field=f"lines.lines[{index}].quantity",
                metadata={"bought": str(line["quantity"]), "returned": str(total)},
            )
        returned_lines[line_id] = total
        added += Fraction(line["amount_minor"] * quantity, line["quantity"] * purchase.amount_minor)
    return added


def _round_half_up(value: Fraction) -> int:
    return int((value + Fraction(1, 2)).__floor__())
