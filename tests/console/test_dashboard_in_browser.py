"""The dashboard's filters in a real browser against the whole suite: by partner (the
shop's purchase at its till shows in the shop partner's KPIs, not another partner's) and
by period (the last N months, or from one month to another, bounded), every chart drawn
from the page's JSON by console.js."""

from __future__ import annotations

from datetime import timedelta

from common import clock
from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, now_text, typed
from tests.support.waiting import wait_for

CHARTS = ("members", "points", "liability", "net", "rates", "nps", "tiers")


def _figure(page, kpi: str) -> int:
    return int(page.locator(f"#kpi-{kpi}").inner_text().replace(".", ""))


def _filter(page, partner: str = "", months: str = "6", since: str = "", until: str = "") -> None:
    page.locator("#f-partner").select_option(partner)
    page.locator("#f-months").select_option(months)
    page.locator("#f-from").fill(since)
    page.locator("#f-to").fill(until)
    # The filtered page loaded before anything on it is counted (a click only waits for
    # its navigation to start).
    with page.expect_navigation(wait_until="load"):
        page.locator("#kpi-filter button[type=submit]").click()


def test_the_dashboard_shows_one_partners_kpis_over_the_months_asked(browser, shop, suite):
    admin = typed(Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})).admin
    other = f"other-{shop['tag']}"
    admin.create_partner({"partner_id": other, "name": f"Other {shop['tag']}", "currency": "VND"})
    till = typed(Http(suite.gateway_url, {"X-API-Key": shop["till_key"]})).partner
    earned = till.earn(
        {
            "member_id": shop["member_id"],
            "store_id": shop["store"],
            "transaction_id": f"dashboard-{shop['tag']}",
            "amount": {"amount_minor": 750_000, "currency": "VND"},
            "occurred_at": now_text(),
        }
    )
    points = int(earned["points_awarded"])
    assert points > 0
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    _filter(page, partner=shop["partner"], months="3")
    assert page.locator("#kpi-months tbody tr").count() == 3

    # What the ledger's own settlement says the shop's partner issued (the shop's set-up
    # earns and this one), shown as the months' points issued (summed: a month may turn).
    settled = admin.get_settlement(
        partner_id=shop["partner"],
        period_start=(clock.now() - timedelta(days=1)).isoformat(),
        period_end=(clock.now() + timedelta(hours=1)).isoformat(),
    )["partners"]
    issued = sum(int(row["issued"]) for row in settled)
    assert issued >= points

    def months_issued() -> int:
        page.reload()
        cells = page.locator("#kpi-months tbody tr td:nth-of-type(4)").all_inner_texts()
        return sum(int(cell.replace(".", "")) for cell in cells)

    wait_for(lambda: months_issued() == issued, what="the shop's earns in its partner's KPIs")
    assert _figure(page, "members") == 1  # the shop's member, enrolled at its store
    assert _figure(page, "active") == 1  # and bought there in the last 90 days
    assert shop["partner"] in page.locator("#kpi-scope").inner_text()
    for chart in CHARTS:
        canvas = page.locator(f"#chart-{chart}")
        wait_for(
            lambda canvas=canvas: canvas.evaluate("c => Chart.getChart(c) !== undefined"),
            what=f"the {chart} chart",
        )
    drawn = page.locator("#chart-points").evaluate("c => Chart.getChart(c).data.datasets.length")
    assert drawn == 3  # issued, redeemed, expired
    # The liability at the end of the month so far is the ledger's now (the whole programme).
    assert page.locator("#kpi-months tbody tr").last.locator("td").nth(6).inner_text() == (
        page.locator("#kpi-liability").inner_text()
    )
    screenshot(page, "dashboard-filtered")
    # Another partner: none of the shop's members or points.
    _filter(page, partner=other, months="3")
    assert (_figure(page, "issued"), _figure(page, "members")) == (0, 0)
    assert months_issued() == 0
    # The whole programme counts the shop's points among everyone's.
    _filter(page, months="12")
    assert page.locator("#kpi-months tbody tr").count() == 12
    assert _figure(page, "issued") >= points
    # From one month to another (a past year, whatever today is), and bounds named.
    _filter(page, since="2025-01", until="2025-04")
    rows = page.locator("#kpi-months tbody th").all_inner_texts()
    assert rows == ["01/2025", "02/2025", "03/2025", "04/2025"]
    _filter(page, since="2023-01", until="2025-04")  # 28 months: over the 24 allowed
    assert "from/to" in page.locator("#kpi-problem").inner_text()
    assert page.locator("#kpi-months tbody tr").count() == 6  # the default, said so
    page.goto(shop["url"] + "/?months=99")
    assert "months" in page.locator("#kpi-problem").inner_text()
    page.goto(shop["url"] + "/?partner=no-such-partner")
    assert "partner_id" in page.locator(".flash.error").inner_text()
    context.close()
