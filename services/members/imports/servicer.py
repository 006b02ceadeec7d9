"""ImportsService over gRPC: checks and translates; the rules are the import desk's."""

from __future__ import annotations

from common import events as bus
from common.grpc_errors import answering_refusals
from common.paging import Page
from common.validation import Checks
from loyalty.members.v1 import imports_pb2, imports_pb2_grpc
from services.members.imports import domain as rules
from services.members.imports.domain import Import, RowError
from services.members.imports.service import ImportDesk

DOMAIN = "loyalty.members.v1"
rpc = answering_refusals(DOMAIN)
KINDS = {
    imports_pb2.IMPORT_KIND_MEMBERS: "members",
    imports_pb2.IMPORT_KIND_VOUCHER_CODES: "voucher_codes",
    imports_pb2.IMPORT_KIND_STORES: "stores",
}
MODES = {
    imports_pb2.IMPORT_MODE_ALL_OR_NOTHING: "all_or_nothing",
    imports_pb2.IMPORT_MODE_SKIP_BAD_ROWS: "skip_bad_rows",
}
STATES = {
    rules.RECEIVING: imports_pb2.IMPORT_STATE_RECEIVING,
    rules.VALIDATING: imports_pb2.IMPORT_STATE_VALIDATING,
    rules.APPLYING: imports_pb2.IMPORT_STATE_APPLYING,
    rules.STOPPED: imports_pb2.IMPORT_STATE_STOPPED,
    rules.COMPLETED: imports_pb2.IMPORT_STATE_COMPLETED,
    rules.REJECTED: imports_pb2.IMPORT_STATE_REJECTED,
}


class ImportsServicer(imports_pb2_grpc.ImportsServiceServicer):
    def __init__(self, desk: ImportDesk) -> None:
        self.desk = desk

    @rpc
    def CreateImport(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        checks.check(request.kind in KINDS, "kind", "is required: MEMBERS, VOUCHER_CODES or STORES")
        checks.check(request.mode in MODES, "mode", "is required: ALL_OR_NOTHING or SKIP_BAD_ROWS")
        checks.check(
            1 <= request.rows_total <= rules.MAX_ROWS_TOTAL,
            "rows_total",
            f"must be 1..{rules.MAX_ROWS_TOTAL:,}",
        )
        checks.text("actor", request.actor, required=False)
        checks.done()
        created, replayed = self.desk.create(
            request.import_id,
            KINDS[request.kind],
            MODES[request.mode],
            request.rows_total,
            request.notify_members,
            request.actor,
        )
        return imports_pb2.CreateImportResponse(
            bulk_import=self._message(created), replayed=replayed
        )

    @rpc
    def AddImportRows(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        checks.check(request.first_row_number >= 1, "first_row_number", "must be 1 or more")
        count = len(request.rows)
        checks.check(
            1 <= count <= rules.MAX_ROWS_PER_PAGE,
            "rows",
            f"give 1..{rules.MAX_ROWS_PER_PAGE:,} rows",
        )
        rows = []
        for index, row in enumerate(request.rows[: rules.MAX_ROWS_PER_PAGE]):
            fields = {name.strip().lower(): value for name, value in row.fields.items() if value}
            where = f"rows[{index}].fields"
            checks.check(len(fields) <= rules.MAX_COLUMNS, where, f"at most {rules.MAX_COLUMNS}")
            for name, value in fields.items():
                checks.check(
                    0 < len(name) <= rules.MAX_COLUMN_NAME,
                    where,
                    f"a column name is 1..{rules.MAX_COLUMN_NAME} characters",
                )
                checks.check(
                    len(value) <= rules.MAX_VALUE,
                    f"{where}.{name[:64]}",
                    f"is longer than {rules.MAX_VALUE} characters",
                )
            rows.append(fields)
        checks.done()
        received, replayed = self.desk.add_rows(request.import_id, request.first_row_number, rows)
        return imports_pb2.AddImportRowsResponse(rows_received=received, rows_replayed=replayed)

    @rpc
    def StartImport(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        checks.done()
        started = self.desk.start(request.import_id)
        return imports_pb2.StartImportResponse(bulk_import=self._message(started))

    @rpc
    def StopImport(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        checks.done()
        stopped = self.desk.stop(request.import_id)
        return imports_pb2.StopImportResponse(bulk_import=self._message(stopped))

    @rpc
    def GetImport(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        checks.done()
        return imports_pb2.GetImportResponse(
            bulk_import=self._message(self.desk.get(request.import_id))
        )

    @rpc
    def ListImportErrors(self, request, context):
        checks = Checks(DOMAIN)
        _import_id(checks, request.import_id)
        page = Page.asked(checks, request.page)
        checks.done()
        read = self.desk.errors(request.import_id, page.skip, page.reading)
        return imports_pb2.ListImportErrorsResponse(
            errors=page.shown(read, _error), page_info=page.info(read)
        )

    def _message(self, value: Import) -> imports_pb2.Import:
        first = self.desk.errors(value.import_id, 0, rules.ERRORS_SHOWN)
        return imports_pb2.Import(
            import_id=value.import_id,
            kind=next(k for k, name in KINDS.items() if name == value.kind),
            mode=next(m for m, name in MODES.items() if name == value.mode),
            state=STATES[value.state],
            notify_members=value.notify_members,
            rows_total=value.rows_total,
            rows_received=value.rows_received,
            rows_validated=value.rows_validated,
            rows_applied=value.rows_applied,
            rows_failed=value.rows_failed,
            errors=[_error(e) for e in first],
            created_by=value.created_by,
            created_at=bus.timestamp(value.created_at),
            started_at=bus.timestamp(value.started_at),
            finished_at=bus.timestamp(value.finished_at),
        )


def _import_id(checks: Checks, import_id: str) -> None:
    if not import_id:
        checks.fail("import_id", "is required")
    else:
        checks.check(
            bool(rules.IMPORT_ID.match(import_id)),
            "import_id",
            "must be 1..64 letters, digits, '-', '_' or '.', starting with a letter or digit",
        )


def _error(error: RowError) -> imports_pb2.ImportError:
    return imports_pb2.ImportError(row=error.row, field=error.field, reason=error.reason)
