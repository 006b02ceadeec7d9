"""/v1/admin/exports: bulk exports for the CRM team and accounting (issue #22): members
(or a segment's), balances, open lots, a period's transactions and voucher codes, as CSV
(UTF-8; `bom=true` puts the byte-order mark Excel wants) or JSON Lines.

Each export is a server stream of batches from the service that owns the data; the view
writes each batch out (chunked) before it reads the next, so neither the service nor the
gateway holds more than a batch however many rows there are. The first batch is read
before the answer starts, so a refusal (a bad period, an unknown segment) is an ordinary
error answer; a failure later cuts the stream short (the chunked answer never ends, which
every HTTP client reports). Roles: reading balances, lots and transactions needs a viewer;
members' personal data and voucher codes (they are worth money) an operator. Every export
is logged by the gateway and by the service (who, what, when, rows).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
from collections.abc import Iterator
from datetime import datetime

import grpc
from flask import Blueprint, Response, current_app, g, request, stream_with_context
from google.protobuf.message import Message

from common import logs
from common.contracts import message_classes
from gateway.access import authenticate
from gateway.api import Custom
from gateway.calls import api_error
from gateway.errors import ApiError, FieldViolation
from loyalty.members.v1 import exports_pb2 as members_pb
from loyalty.points.v1 import exports_pb2 as points_pb

log = logging.getLogger("loyalty.gateway.exports")
blueprint = Blueprint("exports", __name__)
# An export of a few hundred thousand rows takes minutes; a stream has until then.
EXPORT_DEADLINE_SECONDS = 3600
MAX_RESUMES = 1000  # times one export asks again after its stream was cut
TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
MEDIA = ("text/csv", "application/x-ndjson")
FILE = {
    "type": "string",
    "description": "The rows: CSV with a header line, or one JSON object per line",
    "example": "member_id,member_number,status\nm-1,100001,active\n",
}
FORMAT = {
    "type": "string",
    "enum": ["csv", "jsonl"],
    "description": "csv (the default) or jsonl (JSON Lines)",
    "example": "csv",
}
BOM = {
    "type": "string",
    "enum": ["true", "false"],
    "description": "true: the CSV starts with a UTF-8 byte-order mark (for Excel)",
    "example": "false",
}
INSTANT = {"type": "string", "format": "date-time"}
POINTS = "loyalty.points.v1.PointsExportsService"
MEMBERS = "loyalty.members.v1.MembersExportsService"


def _export(operation_id: str, path: str, summary: str, role: str, text: str, **query) -> Custom:
    return Custom(
        "GET",
        path,
        summary,
        "staff",
        operation_id,
        FILE,
        query={"format": FORMAT, "bom": BOM, **query},
        role=role,
        media_types=MEDIA,
        description=text
        + " Streamed in batches (constant memory), as CSV or JSON Lines; logged (who, "
        "what, when). Errors: INVALID_ARGUMENT (format, bom or a filter named).",
    )


OPERATIONS = [
    _export(
        "exportMembers",
        "/v1/admin/exports/members",
        "Export members (or a segment's), with their personal data",
        "operator",
        "Every member by member id, or the members of a segment: number, status, tier, "
        "enrolment, name, phone, e-mail, birthday, language and marketing consents. An "
        "erased member has its id, number, status and dates and no personal data.",
        segment_id={
            "type": "string",
            "maxLength": 128,
            "description": "Only this segment's members (e.g. value.high)",
            "example": "value.high",
        },
        computation_id={
            "type": "string",
            "maxLength": 128,
            "description": "The segment computation to read; empty = the latest",
            "example": "5f2c9a7e41d84b0c9e6f3a1b2c4d5e6f",
        },
    ),
    _export(
        "exportBalances",
        "/v1/admin/exports/balances",
        "Export every member's points balance",
        "viewer",
        "Every account by member id: available, pending, held, debt, points issued and "
        "redeemed for ever, open lots.",
    ),
    _export(
        "exportLots",
        "/v1/admin/exports/lots",
        "Export the open lots (points not yet spent, expired or reversed)",
        "viewer",
        "Every open lot by member id: its source, points, remaining, held, when earned, "
        "available and expiring, and the purchase that earned it.",
    ),
    _export(
        "exportTransactions",
        "/v1/admin/exports/transactions",
        "Export the ledger's transactions of a period (for accounting)",
        "viewer",
        "The ledger's entries created in [start, end), by creation time: type, points, "
        "balance after, partner, store, transaction, amount, actor and reason. At most "
        "366 days.",
        start={
            **INSTANT,
            "description": "First instant of the period (RFC 3339, inclusive); required",
            "example": "2026-01-01T00:00:00+07:00",
        },
        end={
            **INSTANT,
            "description": "End of the period (RFC 3339, exclusive); required",
            "example": "2026-02-01T00:00:00+07:00",
        },
    ),
    _export(
        "exportVouchers",
        "/v1/admin/exports/vouchers",
        "Export voucher codes and their states",
        "operator",
        "Every voucher by id: its code, member, reward, state, why issued, when issued, "
        "expiring and used.",
    ),
]
BY_ID = {operation.operation_id: operation for operation in OPERATIONS}


@blueprint.get("/v1/admin/exports/members")
def export_members():
    asked = members_pb.ExportMembersRequest(
        segment_id=request.args.get("segment_id", ""),
        computation_id=request.args.get("computation_id", ""),
    )
    return _stream(
        "exportMembers",
        "members",
        f"{MEMBERS}/ExportMembers",
        asked,
        "members",
        _after("member_id"),
    )


@blueprint.get("/v1/admin/exports/balances")
def export_balances():
    asked = points_pb.ExportPointsRequest()
    resume = _after("member_id")
    return _stream(
        "exportBalances", "points", f"{POINTS}/ExportBalances", asked, "balances", resume
    )


@blueprint.get("/v1/admin/exports/lots")
def export_lots():
    asked = points_pb.ExportPointsRequest()
    resume = _after("member_id")
    return _stream("exportLots", "points", f"{POINTS}/ExportLots", asked, "lots", resume)


@blueprint.get("/v1/admin/exports/transactions")
def export_transactions():
    _caller("exportTransactions")  # before the period is looked at
    asked = points_pb.ExportTransactionsRequest()
    problems = []
    for name in ("start", "end"):
        given = request.args.get(name, "")
        try:
            getattr(asked, name).FromDatetime(datetime.fromisoformat(given))
        except ValueError:
            problems.append(FieldViolation(name, "give an RFC 3339 instant with its offset"))
    if problems:
        raise ApiError(400, "invalid_argument", "the period is not valid", problems)
    return _stream(
        "exportTransactions",
        "points",
        f"{POINTS}/ExportTransactions",
        asked,
        "transactions",
        _after_entry,
    )


@blueprint.get("/v1/admin/exports/vouchers")
def export_vouchers():
    asked = points_pb.ExportPointsRequest()
    resume = _after("voucher_id")
    return _stream(
        "exportVouchers", "points", f"{POINTS}/ExportVouchers", asked, "vouchers", resume
    )


def _after(key: str):
    """Resumes a request after the last row's `key` (its `after` field)."""

    def resume(asked: Message, last) -> None:
        asked.after = getattr(last, key)

    return resume


def _after_entry(asked: Message, last) -> None:
    asked.after_created_at.CopyFrom(last.created_at)
    asked.after_entry_id = last.entry_id


def _stream(
    operation_id: str, service: str, rpc: str, asked: Message, name: str, resume
) -> Response:
    who = _caller(operation_id)
    chosen = request.args.get("format", "csv")
    bom = request.args.get("bom", "false")
    problems = []
    if chosen not in TYPES:
        problems.append(FieldViolation("format", "csv or jsonl"))
    if bom not in ("true", "false"):
        problems.append(FieldViolation("bom", "true or false"))
    if problems:
        raise ApiError(400, "invalid_argument", "the request has invalid fields", problems)
    asked.actor = who.actor
    response_class = _response_class(asked, rpc)
    batches = _call(service, rpc, asked, response_class)
    try:
        first = next(batches, None)  # a refusal is still an ordinary error answer
    except grpc.RpcError as error:
        raise api_error(error) from None
    log.info(
        "export started",
        extra={"actor": who.actor, "export": name, "filters": dict(request.args)},
    )
    row_class = response_class.DESCRIPTOR.fields_by_name["rows"].message_type
    columns = [field.name for field in row_class.fields]
    render = _csv_lines if chosen == "csv" else _json_lines
    head = (("\ufeff" if bom == "true" else "") + _csv_row(columns)) if chosen == "csv" else ""

    def body() -> Iterator[str]:
        sent, stream, resumed = 0, batches, 0
        if head:
            yield head
        pending = [first] if first is not None else []
        while True:
            try:
                for batch in itertools.chain(pending, stream):
                    sent += len(batch.rows)
                    if batch.rows:
                        resume(asked, batch.rows[-1])
                    yield render(batch.rows, row_class)
                break
            except grpc.RpcError as error:
                # A server's connection age (or a rolling update) ends a long stream: ask
                # again from the last row sent, as many times as it takes while rows come.
                if error.code() != grpc.StatusCode.UNAVAILABLE or resumed > MAX_RESUMES:
                    raise
                resumed += 1
                log.info("export resumed", extra={"export": name, "rows": sent})
                pending, stream = [], _call(service, rpc, asked, response_class)
        log.info(
            "export finished",
            extra={"actor": who.actor, "export": name, "rows": sent, "resumed": resumed},
        )

    return Response(
        stream_with_context(body()),
        mimetype=TYPES[chosen].split(";")[0],
        content_type=TYPES[chosen],
        headers={
            "Content-Disposition": f'attachment; filename="{name}.{chosen}"',
            "X-Accel-Buffering": "no",  # a proxy passes each batch on as it comes
            "Cache-Control": "no-store",
        },
    )


def _caller(operation_id: str):
    """The caller, authenticated and counted once per request."""
    if "export_caller" not in g:
        g.export_caller = authenticate(BY_ID[operation_id])
    return g.export_caller


def _response_class(asked: Message, rpc: str):
    return message_classes(rpc)[1]


def _call(service: str, rpc: str, asked: Message, response_class) -> Iterator:
    client = current_app.extensions["downstream"].clients[service]
    method = client.channel().unary_stream(
        f"/{rpc}",
        request_serializer=type(asked).SerializeToString,
        response_deserializer=response_class.FromString,
    )
    return method(
        asked,
        timeout=EXPORT_DEADLINE_SECONDS,
        metadata=[(logs.REQUEST_ID_METADATA, logs.current_request_id())],
    )


def _values(row, row_class) -> dict:
    values = {}
    for field in row_class.fields:
        value = getattr(row, field.name)
        if field.message_type is not None and not field.is_repeated:
            value = value.ToJsonString() if row.HasField(field.name) else None
        elif field.is_repeated:
            value = list(value)
        values[field.name] = value
    return values


def _csv_row(values: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _csv_lines(rows, row_class) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(_cell(v) for v in _values(row, row_class).values())
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_lines(rows, row_class) -> str:
    return "".join(
        json.dumps(_values(row, row_class), ensure_ascii=False, separators=(",", ":")) + "\n"
        for row in rows
    )
