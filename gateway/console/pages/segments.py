"""Segments of the latest computation with their member counts, a segment's members a
page at a time, and its member list as a CSV download for the CRM team's other tools.

The download holds what the REST API's segment members route gives (member ids, with the
segment and the computation they come from) and nothing more personal: whoever needs a
member's name or contact opens Member 360, where that reading is the member page's own.
It is streamed a page of the service's at a time, all from one computation (a
recomputation meanwhile changes nothing in it), and bounded."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from flask import Response, g, redirect, render_template, request, stream_with_context, url_for

from gateway.console import forms, roles, text
from gateway.console.calls import change, record, rpc_call
from gateway.errors import ApiError

PLACE = 60

INSIGHTS = "loyalty.members.v1.InsightsService"
PAGE_SIZE = 50
EXPORT_PAGE = 1000  # the service's largest page
EXPORT_LIMIT = 200_000  # rows in one download; a larger segment is refused, not cut
HEADER = ("segment_id", "computation_id", "member_id")

MENU = [("console.segments", "seg_menu", f"{INSIGHTS}/ListSegments")]

WORDS = {
    "seg_menu": ("Phân khúc", "Segments"),
    "seg_title": ("Phân khúc hội viên", "Member segments"),
    "seg_name": ("Phân khúc", "Segment"),
    "seg_id": ("Mã phân khúc", "Segment id"),
    "seg_kind": ("Nhóm", "Family"),
    "seg_count": ("Số hội viên", "Members"),
    "seg_computed": ("Tính lúc", "Computed at"),
    "seg_computation": ("Lần tính", "Computation"),
    "seg_not_computed": (
        "Phân khúc chưa được tính lần nào.",
        "The segments have not been computed yet.",
    ),
    "seg_recompute": ("Tính lại phân khúc", "Recompute segments"),
    "seg_recomputed": ("Đã tính lại phân khúc", "Segments recomputed"),
    "seg_members": ("Hội viên trong phân khúc", "Members of the segment"),
    "seg_export": ("Tải CSV", "Export CSV"),
    "seg_export_hint": (
        "Tệp CSV gồm mã hội viên (không có tên hay liên hệ).",
        "The CSV file holds member ids (no names or contacts).",
    ),
    "seg_too_large": (
        "Phân khúc quá lớn để tải một lần (tối đa 200.000 hội viên).",
        "The segment is too large for one download (at most 200,000 members).",
    ),
    "seg_events": ("Phân khúc theo sự kiện", "Event segments"),
    "seg_rule": ("Điều kiện", "Condition"),
    "seg_times_in_days": ("≥ {n} lần trong {d} ngày", "≥ {n} times in {d} days"),
}


def register(bp) -> None:
    @bp.get("/segments")
    def segments():
        listing = _latest()
        events = []
        if roles.may(g.role, f"{INSIGHTS}/ListEventSegments"):
            events = rpc_call(f"{INSIGHTS}/ListEventSegments").segments
        counts = {s.segment_id: s.member_count for s in listing.segments} if listing else {}
        return render_template(
            "console/segments.html",
            listing=listing,
            events=events,
            counts=counts,
            may_recompute=roles.may(g.role, f"{INSIGHTS}/RecomputeSegments"),
        )

    @bp.post("/segments/recompute")
    def recompute_segments():
        reply = change(
            f"{INSIGHTS}/RecomputeSegments",
            "segments.recomputed",
            "segments",
            "",
        )
        forms.flash(
            "ok",
            f"{text.word('seg_recomputed', g.language)}: {text.points(reply.members)} "
            f"{text.word('members', g.language).lower()}",
        )
        return redirect(url_for("console.segments"), 303)

    @bp.get("/segments/<segment_id>")
    def segment(segment_id: str):
        reply = rpc_call(
            f"{INSIGHTS}/ListSegmentMembers",
            segment_id=segment_id,
            computation_id=request.args.get("computation", "")[:64],
            page={"page_size": PAGE_SIZE, "cursor": request.args.get("cursor", "")[:200]},
        )
        return render_template(
            "console/segment.html",
            segment_id=segment_id,
            reply=reply,
            first=not request.args.get("cursor"),
        )

    @bp.get("/segments/<segment_id>/export.csv")
    def export_segment(segment_id: str):
        first = rpc_call(
            f"{INSIGHTS}/ListSegmentMembers",
            segment_id=segment_id,
            page={"page_size": EXPORT_PAGE},
        )
        if first.total > EXPORT_LIMIT:
            return render_template(
                "console/error.html", message=text.word("seg_too_large", g.language)
            ), 413
        record("segment.exported", segment_id, f"{first.total} members, {first.computation_id}")
        name = f"segment-{_safe(segment_id)}-{_safe(first.computation_id)}.csv"
        return Response(
            stream_with_context(_rows(segment_id, first)),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )


def _latest():
    """The latest computation's segments, or None before the first computation."""
    try:
        return rpc_call(f"{INSIGHTS}/ListSegments")
    except ApiError as error:
        if error.code == "segments_not_computed":
            return None
        raise


def _rows(segment_id: str, page) -> Iterator[str]:
    """The CSV a page of the service's at a time, every page from the first's computation."""
    yield _line(HEADER)
    computation = page.computation_id
    for _ in range(EXPORT_LIMIT // EXPORT_PAGE + 1):
        for member_id in page.member_ids:
            yield _line((segment_id, computation, member_id))
        cursor = page.page_info.next_cursor
        if not cursor:
            return
        page = rpc_call(
            f"{INSIGHTS}/ListSegmentMembers",
            segment_id=segment_id,
            computation_id=computation,
            page={"page_size": EXPORT_PAGE, "cursor": cursor},
        )


def _line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _safe(value: str) -> str:
    """A file name's part: letters, digits, dots and dashes only."""
    return "".join(c if c.isalnum() or c in ".-" else "-" for c in value)[:64]
