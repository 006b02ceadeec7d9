"""The dashboard's filters in a real browser against the whole suite: by partner (the
shop's purchase at its till shows in the shop partner's KPIs, not another partner's) and
by period (the last N months, or from one month to another, bounded), every chart drawn
from the page's JSON by console.js."""

from __future__ import annotations

from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, now_text, typed
from tests.support.waiting import wait_for

CHARTS = ("members", "points", "net", "rates", "nps", "tiers")


def _figure(page, kpi: str) -> int:
    return int(page.locator(f"#kpi-{kpi}").inner_text().replace(".", ""))


def _filter(page, partner: str = "", months: str = "6", since: str = "", until: str = "") -> None:
    page.locator("#f-partner").select_option(partner)
    page.locator("#f-months").select_option(months)
    page.locator("#f-from").fill(since)
    page.locator("#f-to").fill(until)
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

    def shop_issued() -> bool:
        page.reload()
        return _figure(page, "issued") == points

    wait_for(shop_issued, what="the shop's earn in its partner's KPIs")
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
    screenshot(page, "dashboard-filtered")
    # Another partner: none of the shop's members or points.
    _filter(page, partner=other, months="3")
    assert (_figure(page, "issued"), _figure(page, "members")) == (0, 0)
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
