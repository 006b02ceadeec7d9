"""The programme's KPIs month by month, as figures, charts and a table: for the whole
programme or one partner (GetKpisRequest.partner_id), over the last N months or from one
month to another (at most MAX_MONTHS). All the months come from one GetKpisSeries, with
the local month starts as its boundaries: the members service reads the members, their
purchases and the ledger's figures once for the whole series (a GetKpis per month was a
full pass per month)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask import g, render_template, request

from common import clock
from gateway.console import text
from gateway.console.calls import rpc_call

PLACE = 10

KPIS = "loyalty.members.v1.InsightsService/GetKpisSeries"
PARTNERS = "loyalty.points.v1.PartnersService/ListPartners"
MENU = [("console.dashboard", "dashboard", KPIS)]
MONTHS_OFFERED = (3, 6, 12, 24)
DEFAULT_MONTHS, MAX_MONTHS = 6, 24
PARTNERS_LISTED = 500  # the filter's choices (ListPartners' largest page)
CHART_WORDS = (
    "members_total",
    "new_members",
    "issued",
    "redeemed",
    "retention",
    "repeat",
    "tiers",
    "dash_active",
    "dash_expired",
    "dash_net",
    "dash_liability_end",
    "nps",
)
WORDS = {
    "dash_filter": ("Lọc", "Filter"),
    "dash_whole": ("Toàn chương trình", "Whole programme"),
    "dash_months": ("Số tháng gần nhất", "Last months"),
    "dash_from": ("Từ tháng", "From month"),
    "dash_to": ("Đến tháng", "To month"),
    "dash_range_hint": (
        "Hoặc chọn từ tháng … đến tháng (tối đa 24 tháng); để trống để dùng số tháng.",
        "Or a from … to month (at most 24 months); leave empty to use the last months.",
    ),
    "dash_apply": ("Áp dụng", "Apply"),
    "dash_active": ("Hội viên hoạt động (mua trong 90 ngày)", "Active members (bought in 90 days)"),
    "dash_expired": ("Điểm hết hạn", "Points expired"),
    "dash_net": (
        "Điểm ròng (phát hành - đổi - hết hạn)",
        "Net points (issued - redeemed - expired)",
    ),
    "dash_liability_now": (
        "Điểm chưa đổi (hiện tại, toàn chương trình)",
        "Points liability (now, whole programme)",
    ),
    "dash_liability_end": ("Điểm chưa đổi cuối tháng", "Points liability at month end"),
    "dash_unknown": ("không rõ", "not known"),
    "dash_nps_note": (
        "NPS và điểm chưa đổi luôn tính toàn chương trình.",
        "NPS and the liability are always the whole programme's.",
    ),
    "dash_scope": ("Phạm vi", "Showing"),
    "dash_latest": ("Tháng gần nhất", "Latest month"),
    "dash_bad_months": ("months: phải là 1..24", "months: must be 1..24"),
    "dash_bad_range": (
        "from/to: tháng dạng YYYY-MM, from không sau to, không quá 24 tháng, không sau tháng này",
        "from/to: months as YYYY-MM, from not after to, at most 24 months, not after this month",
    ),
}


def register(bp) -> None:
    @bp.get("/")
    def dashboard():
        partner_id = request.args.get("partner", "")[:64]
        months, problem = _period(request.args)
        kpis = list(zip((start for start, _ in months), _kpis(months, partner_id), strict=True))
        latest = kpis[-1][1]
        charts = {
            "labels": [f"{start:%m/%Y}" for start, _ in kpis],
            "members": [k.members_total for _, k in kpis],
            "active": [k.active_members for _, k in kpis],
            "new_members": [k.new_members for _, k in kpis],
            "issued": [k.points_issued for _, k in kpis],
            "redeemed": [k.points_redeemed for _, k in kpis],
            "expired": [k.points_expired for _, k in kpis],
            "net": [k.points_issued - k.points_redeemed - k.points_expired for _, k in kpis],
            # None (a gap) for a month whose end is before the history the service kept.
            "liability": [
                k.points_liability_at_end if k.liability_at_end_known else None for _, k in kpis
            ],
            "retention": [round(k.retention_rate * 100, 1) for _, k in kpis],
            "repeat": [round(k.repeat_purchase_rate * 100, 1) for _, k in kpis],
            "nps": [round(k.nps * 100) for _, k in kpis],
            "tiers": [[t.tier_code, t.members] for t in latest.tier_distribution],
            "words": {key: text.word(key, g.language) for key in CHART_WORDS},
        }
        partners = rpc_call(PARTNERS, page={"page_size": PARTNERS_LISTED}).partners
        return render_template(
            "console/dashboard.html",
            latest=latest,
            kpis=kpis,
            charts=json.dumps(charts).replace("<", "\\u003c"),
            partners=partners,
            partner_id=partner_id,
            chosen=request.args,
            months_offered=MONTHS_OFFERED,
            problem=problem,
        )


def _kpis(months: list[tuple[datetime, datetime]], partner_id: str) -> list:
    """Each month's KPIs, in order, from one call: the months are consecutive, so their
    boundaries are every month's start and the last month's end."""
    boundaries = [start for start, _ in months] + [months[-1][1]]
    return list(
        rpc_call(
            KPIS,
            boundaries=[_rfc3339(b) for b in boundaries],
            currency="VND",
            partner_id=partner_id,
        ).kpis
    )


def _period(args) -> tuple[list[tuple[datetime, datetime]], str]:
    """The months asked for (from/to, else the last `months`), and what was wrong with
    the request ("" if nothing; then the last DEFAULT_MONTHS)."""
    now = clock.now().astimezone(text.ZONE)
    this_month = _month_start(now)
    since, until = args.get("from", "")[:7], args.get("to", "")[:7]
    if since or until:
        try:
            first = _month_start(datetime.strptime(since, "%Y-%m").replace(tzinfo=text.ZONE))
            last = _month_start(
                datetime.strptime(until or since, "%Y-%m").replace(tzinfo=text.ZONE)
            )
        except ValueError:
            first = last = None
        count = _months_between(first, last) + 1 if first and last else 0
        if not first or not 1 <= count <= MAX_MONTHS or last > this_month:
            return _last_months(DEFAULT_MONTHS, now), text.word("dash_bad_range", g.language)
        return _months_from(first, count, now), ""
    try:
        count = int(args.get("months", DEFAULT_MONTHS))
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_MONTHS:
        return _last_months(DEFAULT_MONTHS, now), text.word("dash_bad_months", g.language)
    return _last_months(count, now), ""


def _last_months(count: int, now: datetime) -> list[tuple[datetime, datetime]]:
    """The last `count` calendar months (local), the current one last and cut at now."""
    first = _month_start(now)
    for _ in range(count - 1):
        first = _month_start(first - timedelta(days=1))
    return _months_from(first, count, now)


def _months_from(first: datetime, count: int, now: datetime) -> list[tuple[datetime, datetime]]:
    months, start = [], first
    for _ in range(count):
        end = _month_start(start + timedelta(days=32))
        months.append((start, min(end, now + timedelta(seconds=1))))
        start = end
    return months


def _month_start(value: datetime) -> datetime:
    return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _months_between(first: datetime, last: datetime) -> int:
    return (last.year - first.year) * 12 + last.month - first.month


def _rfc3339(value: datetime) -> str:
    return value.astimezone().isoformat()
