"""The staff console in a real headless browser (chromium driven by Playwright) against
the whole suite: signing in, the dashboard, Member 360 with an adjustment, a campaign
simulated then published, a marketer refused an admin's action, the staff and activity
pages. Each page's screenshot is written to docs/console/ (the README shows them)."""

from __future__ import annotations

import re

from tests.support.browser import screenshot
from tests.support.console import available, open_page, sign_in
from tests.support.waiting import wait_for

VND = re.compile(r"^-?\d{1,3}(\.\d{3})* ₫$")


def test_an_admin_signs_in_sees_the_dashboard_finds_a_member_and_adjusts_points(browser, shop):
    context, page = open_page(browser)
    page.goto(shop["url"] + "/")
    assert page.url.endswith("/console/sign-in")  # not signed in: the sign-in page
    screenshot(page, "sign-in")
    before = {c["name"]: c["value"] for c in context.cookies()}["loyalty_console"]
    sign_in(page, shop, "admin", password="not-the-password")
    assert "Sai e-mail hoặc mật khẩu" in page.locator("#sign-in-error").inner_text()
    sign_in(page, shop, "admin")
    assert page.url.endswith("/console/")
    cookie = next(c for c in context.cookies() if c["name"] == "loyalty_console")
    assert cookie["value"] != before  # a new session at sign-in
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Lax", "/console")
    # The dashboard: KPIs as charts (drawn by the vendored Chart.js), VND as 1.250.000 ₫.
    assert VND.match(page.locator("#kpi-clv").inner_text())
    for chart in ("members", "points", "rates", "tiers"):
        canvas = page.locator(f"#chart-{chart}")
        wait_for(
            lambda canvas=canvas: canvas.evaluate("c => Chart.getChart(c) !== undefined"),
            what=f"the {chart} chart",
        )
    screenshot(page, "dashboard")
    # Member 360: found by phone, balance, lots and history, then an adjustment.
    page.get_by_role("link", name="Hội viên").click()
    page.locator("#q").fill(shop["phone"])
    page.locator("#q").press("Enter")
    assert page.locator("#member-name").inner_text() == "Trần Thị Hoa"
    assert available(page) == shop["points"]
    assert page.locator("#lots tbody tr").count() >= 1
    page.locator("#points").fill("500")
    page.locator("#reason").fill("Khiếu nại: thiếu điểm hóa đơn 0042")
    page.get_by_role("button", name="Điều chỉnh").click()
    assert available(page) == shop["points"] + 500
    first = page.locator("#history tbody tr").first.inner_text()
    assert "+500" in first and f"staff:{shop['emails']['admin']}" in first
    assert "Khiếu nại: thiếu điểm hóa đơn 0042" in first
    screenshot(page, "member-360")
    # The programme's bound, stated by the form and enforced by the ledger: a form sent
    # past it (as a crafted one would) is refused naming the field, and nothing changes.
    assert page.locator("#points-hint").inner_text().endswith("±1.000.000")
    page.locator("#points").fill("2000000")
    page.locator("#points").evaluate("e => e.removeAttribute('max')")
    page.locator("#reason").fill("too much")
    page.get_by_role("button", name="Điều chỉnh").click()
    assert "points: must be at most 1,000,000" in page.locator(".flash.error").inner_text()
    assert available(page) == shop["points"] + 500
    # Block, then unblock, with a reason.
    page.locator("#block-reason").fill("nghi gian lận")
    page.get_by_role("button", name="Khóa hội viên").click()
    assert page.locator("#member-status").inner_text().startswith("BLOCKED")
    page.locator("#block-reason").fill("đã xác minh")
    page.get_by_role("button", name="Mở khóa hội viên").click()
    assert page.locator("#member-status").inner_text() == "ACTIVE"
    # Everything above is in the activity log, with who.
    page.get_by_role("link", name="Nhật ký").click()
    log = page.locator("#activity").inner_text()
    for action in ("points.adjusted", "member.blocked", "member.unblocked", "signed_in"):
        assert action in log
    screenshot(page, "activity")
    page.get_by_role("button", name="Đăng xuất").click()
    assert page.url.endswith("/console/sign-in")
    page.goto(shop["url"] + "/")
    assert page.url.endswith("/console/sign-in")
    context.close()


def test_a_campaign_is_simulated_then_published(browser, shop):
    context, page = open_page(browser, "en")
    sign_in(page, shop, "admin")
    page.locator("#language").select_option("en")
    page.locator("#language + button").click()
    page.get_by_role("link", name="Programme", exact=True).click()
    name = f"Double points {shop['tag']}"
    page.get_by_label("Name").fill(name)
    page.get_by_label("Multiplier (e.g. 2 = double)").fill("2")
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("#rule-name").inner_text() == name
    assert page.locator("#rule-status").inner_text() == "Draft"
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_label("Amount (₫)").fill("1000000")
    page.get_by_role("button", name="Simulate").click()  # htmx: the result in place
    wait_for(lambda: page.locator("#simulated-points").count() == 1, what="the simulation")
    before = int(page.locator("#simulated-points").inner_text().replace(".", ""))
    assert before > 0
    assert name not in page.locator("#simulation").inner_text()  # a draft earns nothing yet
    page.get_by_label("I understand: members earn by this rule from its start").check()
    page.get_by_role("button", name="Publish").click()
    assert page.locator("#rule-status").inner_text() == "Scheduled"  # it starts tomorrow
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_label("Amount (₫)").fill("1000000")
    page.get_by_role("button", name="Simulate").click()
    wait_for(lambda: name in page.locator("#simulation").inner_text(), what="the new result")
    after = int(page.locator("#simulated-points").inner_text().replace(".", ""))
    assert after == 2 * before
    screenshot(page, "campaign")
    page.get_by_role("link", name="Programme", exact=True).click()
    assert name in page.locator("#rules").inner_text()
    screenshot(page, "programme")
    page.get_by_role("link", name="Staff").click()
    assert shop["emails"]["marketer"] in page.locator("#staff").inner_text()
    screenshot(page, "staff")
    context.close()


def test_a_marketer_simulates_but_is_refused_publishing_and_adjusting(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    page.get_by_role("link", name="Chương trình").click()
    assert page.locator("#campaign-form").count() == 0  # creating a rule configures
    page.goto(shop["url"] + "/staff")  # staff accounts are an admin's
    refusal = page.locator("#refusal").inner_text()
    assert "marketer" in refusal and "admin" in refusal
    screenshot(page, "refused")
    page.goto(shop["url"] + "/programme")
    page.locator("#rules a").first.click()
    page.get_by_role("button", name="Tính thử").click()  # a marketer may simulate
    wait_for(lambda: page.locator("#simulated-points").count() == 1, what="the simulation")
    # The member's page has no adjustment form for a marketer, and a forged POST is
    # refused all the same.
    page.goto(f"{shop['url']}/members/{shop['member_id']}")
    assert page.locator("#points").count() == 0
    answer = page.request.post(
        f"{shop['url']}/members/{shop['member_id']}/adjust",
        form={
            "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
            "points": "100",
            "reason": "forged",
        },
        max_redirects=0,
    )
    assert answer.status == 403 and "support" in answer.text()
    context.close()


def test_an_admin_sees_every_staff_members_activity_and_filters_it_by_who(browser, shop):
    marketer = f"staff:{shop['emails']['marketer']}"
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")  # recorded: signed_in, by the marketer
    context.close()
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.get_by_role("link", name="Nhật ký").click()
    assert marketer in page.locator("#activity").inner_text()  # not only the admin's own
    page.locator("#a-actor").fill(marketer)
    page.locator("#a-actor").press("Enter")
    who = page.locator("#activity tbody tr td:nth-child(2)").all_inner_texts()
    assert who and set(who) == {marketer}
    context.close()
