"""The programme's KPIs over the last months, as figures, charts and a table."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from flask import g, render_template

from common import clock
from gateway.console import text
from gateway.console.calls import rpc_call

PLACE = 10

KPIS = "loyalty.members.v1.InsightsService/GetKpis"
MENU = [("console.dashboard", "dashboard", KPIS)]
CHART_WORDS = ("members_total", "new_members", "issued", "redeemed", "retention", "repeat", "tiers")


def register(bp) -> None:
    @bp.get("/")
    def dashboard():
        kpis = []
        for start, end in _months(6):
            reply = rpc_call(
                KPIS, period_start=_rfc3339(start), period_end=_rfc3339(end), currency="VND"
            )
            kpis.append((start, reply.kpis))
        latest = kpis[-1][1]
        charts = {
            "labels": [f"{start:%m/%Y}" for start, _ in kpis],
            "members": [k.members_total for _, k in kpis],
            "new_members": [k.new_members for _, k in kpis],
            "issued": [k.points_issued for _, k in kpis],
            "redeemed": [k.points_redeemed for _, k in kpis],
            "retention": [round(k.retention_rate * 100, 1) for _, k in kpis],
            "repeat": [round(k.repeat_purchase_rate * 100, 1) for _, k in kpis],
            "tiers": [[t.tier_code, t.members] for t in latest.tier_distribution],
            "words": {key: text.word(key, g.language) for key in CHART_WORDS},
        }
        return render_template(
            "console/dashboard.html",
            latest=latest,
            kpis=kpis,
            charts=json.dumps(charts).replace("<", "\\u003c"),
        )


def _months(count: int) -> list[tuple[datetime, datetime]]:
    """The last `count` calendar months (local), the current one last and cut at now."""
    now = clock.now().astimezone(text.ZONE)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    months = []
    for _ in range(count):
        end = (start + timedelta(days=32)).replace(day=1)
        months.append((start, min(end, now + timedelta(seconds=1))))
        start = (start - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _rfc3339(value: datetime) -> str:
    return value.astimezone().isoformat()
