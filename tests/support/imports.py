"""Bulk imports as the tests drive them: files of members made up row by row (with the
bad rows a test asks for), the import run as `loyalty import` runs it, and what the
stores hold after."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from cli import imports as cli_imports
from common import clock
from loyalty.members.v1 import imports_pb2_grpc

NAMES = ("Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Đức Anh", "Võ Minh Khôi")
TIERS = ("member", "silver", "gold")


def member_rows(count: int, bad: dict[int, dict[str, str]] | None = None) -> list[dict]:
    """`count` good members (row n has phone 0912 0nn nnn and n * 37 % 50,000 points),
    with the fields of some rows replaced (`bad`: row number -> fields)."""
    expiry = (clock.now() + timedelta(days=400)).date().isoformat()
    rows = []
    for number in range(1, count + 1):
        row = {
            "name": f"{NAMES[number % len(NAMES)]} {number}",
            "phone": f"0912 {number // 1000:03d} {number % 1000:03d}",
            "email": f"member{number}@example.vn" if number % 2 else "",
            "birthday": f"19{60 + number % 40}-0{1 + number % 9}-1{number % 10}",
            "language": "vi" if number % 4 else "en",
            "tier": TIERS[number % 3],
            "points": str(number * 37 % 50_000),
            "points_expire_on": expiry if number % 5 == 0 else "",
            "consent_sms": "có" if number % 3 else "không",
        }
        row.update((bad or {}).get(number, {}))
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[dict], delimiter: str = ",") -> Path:
    out = io.StringIO()
    columns = list(dict.fromkeys(name for row in rows for name in row))
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run_file(members, kind: str, path: Path, import_id: str, **options):
    """The file imported through the members service as `loyalty import` does it."""
    stub = imports_pb2_grpc.ImportsServiceStub(members.channel)
    return cli_imports.run_import(
        stub, kind, cli_imports.read_csv(path), import_id, timeout=300, **options
    )


def opening_points(rows: list[dict], bad_rows: set[int]) -> int:
    """The points the good rows of a file give."""
    return sum(int(r["points"] or 0) for n, r in enumerate(rows, start=1) if n not in bad_rows)
