"""`loyalty import`: a CSV file of members, voucher codes or stores into the programme.

    loyalty import members FILE.csv [--import-id ID] [--skip-bad-rows] [--notify-members]
    loyalty import vouchers FILE.csv ...
    loyalty import stores FILE.csv ...

The file is UTF-8 (a byte-order mark is allowed), comma- or semicolon-separated (told from
the header line), with a header naming the columns (docs/IMPORTS.md). It is read here,
where it enters; its rows go to the members service's ImportsService in pages (at most
1,000 rows a call, and well under the 1 MiB a gRPC message may hold). The import id is
the file's own by default (its kind and a hash of its bytes), so running the same file
again changes nothing, and a run interrupted anywhere is finished by running it again.
A progress bar on stderr follows the import; at the end the errors (row, field, reason)
are written as CSV beside the file (FILE.errors.csv, or --errors).
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc

from common.grpc_client import open_channel
from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import imports_pb2, imports_pb2_grpc

KINDS = {
    "members": imports_pb2.IMPORT_KIND_MEMBERS,
    "vouchers": imports_pb2.IMPORT_KIND_VOUCHER_CODES,
    "stores": imports_pb2.IMPORT_KIND_STORES,
}
PAGE_ROWS = 1_000
PAGE_BYTES = 512 * 1024  # a page's fields, well under gRPC's 1 MiB
MAX_ROWS = 1_000_000
DEADLINE_SECONDS = 60.0
POLL_SECONDS = 0.5
STATE_NAMES = {
    value: name.removeprefix("IMPORT_STATE_").lower()
    for name, value in imports_pb2.ImportState.items()
}
FINISHED = (imports_pb2.IMPORT_STATE_COMPLETED, imports_pb2.IMPORT_STATE_REJECTED)


class BadFile(Exception):
    """The file cannot be read as an import: why, naming the line."""


@dataclasses.dataclass(frozen=True)
class CsvFile:
    columns: list[str]
    rows: list[dict[str, str]]
    delimiter: str
    digest: str  # SHA-256 of the file's bytes


def read_csv(path: Path) -> CsvFile:
    """The file's rows as {column: text}, every value kept as written (the service
    judges them); BadFile for a file that is not UTF-8 CSV with a header."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadFile(f"line {line} is not UTF-8 text (save the file as UTF-8)") from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        names = next(reader)
    except StopIteration:
        raise BadFile("the file is empty: a header line is needed") from None
    columns = [name.strip().lower().replace(" ", "_") for name in names]
    if not any(columns) or "" in columns:
        raise BadFile("line 1: every column of the header needs a name")
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if twice:
        raise BadFile(f"line 1: the column {twice[0]!r} is named twice")
    rows = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue  # a blank line
            if len(values) > len(columns):
                raise BadFile(
                    f"line {reader.line_num}: {len(values)} values for {len(columns)} columns"
                )
            rows.append(dict(zip(columns, values, strict=False)))
            if len(rows) > MAX_ROWS:
                raise BadFile(f"more than {MAX_ROWS:,} rows: split the file")
    except csv.Error as error:
        raise BadFile(f"line {reader.line_num}: {error}") from None
    if not rows:
        raise BadFile("the file has a header but no rows")
    return CsvFile(columns, rows, delimiter, hashlib.sha256(data).hexdigest())


def pages(rows: list[dict[str, str]]) -> Iterator[tuple[int, list[dict[str, str]]]]:
    """(first row number, rows) of at most PAGE_ROWS rows and about PAGE_BYTES."""
    first, page, size = 1, [], 0
    for number, row in enumerate(rows, start=1):
        row_size = sum(len(k) + len(v.encode()) + 8 for k, v in row.items())
        if page and (len(page) == PAGE_ROWS or size + row_size > PAGE_BYTES):
            yield first, page
            first, page, size = number, [], 0
        page.append(row)
        size += row_size
    if page:
        yield first, page


@dataclasses.dataclass
class Outcome:
    imported: imports_pb2.Import
    errors: list[imports_pb2.ImportError]


def run_import(
    stub: imports_pb2_grpc.ImportsServiceStub,
    kind: str,
    file: CsvFile,
    import_id: str,
    *,
    skip_bad_rows: bool = False,
    notify_members: bool = False,
    progress: Callable[[imports_pb2.Import], None] = lambda _: None,
    timeout: float = 3600.0,
    actor: str = "cli",
) -> Outcome:
    """Creates (or finds) the import, sends every row, starts it, follows it to its end."""
    mode = (
        imports_pb2.IMPORT_MODE_SKIP_BAD_ROWS
        if skip_bad_rows
        else imports_pb2.IMPORT_MODE_ALL_OR_NOTHING
    )
    created = stub.CreateImport(
        imports_pb2.CreateImportRequest(
            import_id=import_id,
            kind=KINDS[kind],
            mode=mode,
            rows_total=len(file.rows),
            notify_members=notify_members,
            actor=actor,
        ),
        timeout=DEADLINE_SECONDS,
    ).bulk_import
    if created.state in (imports_pb2.IMPORT_STATE_RECEIVING, imports_pb2.IMPORT_STATE_STOPPED):
        if created.rows_received < created.rows_total:
            for first, page in pages(file.rows):
                stub.AddImportRows(
                    imports_pb2.AddImportRowsRequest(
                        import_id=import_id,
                        first_row_number=first,
                        rows=[imports_pb2.ImportRow(fields=row) for row in page],
                    ),
                    timeout=DEADLINE_SECONDS,
                )
        current = stub.StartImport(
            imports_pb2.StartImportRequest(import_id=import_id, actor=actor),
            timeout=DEADLINE_SECONDS,
        ).bulk_import
    else:
        current = created
    deadline = time.monotonic() + timeout
    while True:
        progress(current)
        if current.state in FINISHED or current.state == imports_pb2.IMPORT_STATE_STOPPED:
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"the import did not finish within {timeout:.0f}s")
        time.sleep(POLL_SECONDS)
        current = stub.GetImport(
            imports_pb2.GetImportRequest(import_id=import_id), timeout=DEADLINE_SECONDS
        ).bulk_import
    return Outcome(current, list(all_errors(stub, import_id)))


def all_errors(stub, import_id: str) -> Iterator[imports_pb2.ImportError]:
    cursor = ""
    while True:
        page = stub.ListImportErrors(
            imports_pb2.ListImportErrorsRequest(
                import_id=import_id,
                page=common_pb2.PageRequest(page_size=500, cursor=cursor),
            ),
            timeout=DEADLINE_SECONDS,
        )
        yield from page.errors
        cursor = page.page_info.next_cursor
        if not cursor:
            return


def default_import_id(kind: str, file: CsvFile) -> str:
    """The file's own id: the same bytes are the same import."""
    return f"{kind}-{file.digest[:16]}"


def error_report(errors: list[imports_pb2.ImportError]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "field", "reason"])
    for error in errors:
        writer.writerow([error.row, error.field, error.reason])
    return out.getvalue()


class ProgressBar:
    """One stderr line, rewritten in place: the state and how far it is."""

    def __init__(self, stream=None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.last = ""

    def __call__(self, current: imports_pb2.Import) -> None:
        total = max(current.rows_total, 1)
        state = STATE_NAMES.get(current.state, "?")
        if current.state == imports_pb2.IMPORT_STATE_VALIDATING:
            done, what = current.rows_validated, "validated"
        else:
            done, what = current.rows_applied + current.rows_failed, "done"
            if current.state == imports_pb2.IMPORT_STATE_REJECTED:
                done, what = current.rows_validated, "validated"
        filled = self.width * min(done, total) // total
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {100 * done // total:3d}% "
            f"{state}: {done:,}/{current.rows_total:,} rows {what}, "
            f"{current.rows_applied:,} applied, {current.rows_failed:,} bad"
        )
        if line != self.last:
            self.stream.write("\r" + line.ljust(len(self.last)))
            self.stream.flush()
            self.last = line

    def end(self) -> None:
        if self.last:
            self.stream.write("\n")
            self.stream.flush()


def main(kind: str, path: Path, addresses: dict[str, str], args) -> int:
    """The command: 0 when every row was imported, 1 when any was not, 2 for a file or
    request refused before anything started."""
    try:
        file = read_csv(path)
    except (BadFile, OSError) as error:
        print(f"loyalty import: {path}: {error}", file=sys.stderr)
        return 2
    import_id = args.import_id or default_import_id(kind, file)
    print(
        f"loyalty import: {len(file.rows):,} rows of {kind} from {path} "
        f"(separated by {file.delimiter!r}), import id {import_id}",
        file=sys.stderr,
    )
    bar = ProgressBar()
    channel = open_channel(addresses["members"], DEADLINE_SECONDS)
    try:
        outcome = run_import(
            imports_pb2_grpc.ImportsServiceStub(channel),
            kind,
            file,
            import_id,
            skip_bad_rows=args.skip_bad_rows,
            notify_members=args.notify_members,
            progress=bar,
        )
    except grpc.RpcError as error:
        bar.end()
        print(f"loyalty import: {error.code().name}: {error.details()}", file=sys.stderr)
        return 2
    finally:
        channel.close()
    bar.end()
    final = outcome.imported
    report = Path(args.errors) if args.errors else path.with_name(path.name + ".errors.csv")
    if outcome.errors:
        report.write_text(error_report(outcome.errors), encoding="utf-8")
    state = STATE_NAMES.get(final.state, "?")
    print(
        f"loyalty import: {import_id} {state}: {final.rows_applied:,} applied, "
        f"{final.rows_failed:,} bad of {final.rows_total:,} rows"
        + (f"; errors (row, field, reason) in {report}" if outcome.errors else ""),
        file=sys.stderr,
    )
    for error in outcome.errors[:10]:
        print(f"  row {error.row}, {error.field}: {error.reason}", file=sys.stderr)
    if len(outcome.errors) > 10:
        print(f"  ... and {len(outcome.errors) - 10:,} more in {report}", file=sys.stderr)
    return 0 if final.state == imports_pb2.IMPORT_STATE_COMPLETED and not final.rows_failed else 1
