"""The programme's configuration in a real browser against the whole suite: a draft
campaign tried beside the programme as it is now, a bonus rule, the tier ladder edited
(the members service's field error for thresholds out of order, then saved), a reward
with its stock; a marketer adjusts the stock but is refused the ladder. A campaign
refused by the service keeps what was typed, is published only when confirmed, shows as
scheduled before its start and is ended with a reason; a marketer is offered none of
that. Screenshots "campaign-draft", "campaign-scheduled", "bonuses", "tier-ladder" and
"rewards" go to docs/console/."""

from __future__ import annotations

from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, set_ladder, typed
from tests.support.waiting import wait_for


def _signed_in_in_english(browser, shop, role: str):
    """A page signed in as the shop's `role`, who has switched the console to English."""
    context, page = open_page(browser, "en")
    sign_in(page, shop, role)
    page.locator("#language").select_option("en")
    page.locator("#language + button").click()
    return context, page


def _set_ladder(suite) -> None:
    set_ladder(typed(Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})).admin)


def _number(page, selector: str) -> int:
    return int(page.locator(selector).inner_text().replace(".", ""))


def _menu(page, name: str) -> None:
    page.locator("header nav").get_by_role("link", name=name, exact=True).click()


def test_an_admin_tries_a_draft_and_configures_bonuses_tiers_and_rewards(browser, shop, suite):
    _set_ladder(suite)
    context, page = _signed_in_in_english(browser, shop, "admin")
    # A x2 draft, tried beside the programme as it is now: twice the points, named.
    _menu(page, "Programme")
    name = f"Double draft {shop['tag']}"
    page.get_by_label("Name").fill(name)
    page.get_by_label("Multiplier (e.g. 2 = double)").fill("2")
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("#rule-status").inner_text() == "Draft"
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_label("Amount (₫)").fill("1000000")
    page.get_by_role("button", name="Simulate").click()
    wait_for(lambda: page.locator("#draft-points").count() == 1, what="the draft's simulation")
    now, drafted = _number(page, "#simulated-points"), _number(page, "#draft-points")
    assert now > 0 and drafted == 2 * now
    assert name not in page.locator("#simulation").inner_text()
    assert name in page.locator("#simulation-draft").inner_text()
    screenshot(page, "campaign-draft")
    assert page.locator("#rule-status").inner_text() == "Draft"  # trying published nothing
    # A bonus rule: a welcome bonus of 150 points.
    _menu(page, "Bonuses")
    bonus = f"Welcome {shop['tag']}"
    page.get_by_label("Name", exact=True).fill(bonus)
    page.get_by_label("Occasion").select_option("BONUS_TRIGGER_WELCOME")
    page.get_by_label("Bonus points").fill("0")  # no points and no voucher: refused
    page.get_by_label("Reason").fill("welcome offer")
    page.get_by_role("button", name="Save the rule").click()
    assert "rule.points" in page.locator(".flash.error").inner_text()
    assert bonus not in page.locator("#bonus-rules").inner_text()
    page.get_by_label("Name", exact=True).fill(bonus)
    page.get_by_label("Occasion").select_option("BONUS_TRIGGER_WELCOME")
    page.get_by_label("Bonus points").fill("150")
    page.get_by_label("Reason").fill("welcome offer")
    page.get_by_role("button", name="Save the rule").click()
    assert page.locator("#bonus-name").inner_text() == bonus
    assert page.locator("#bonus-status").inner_text() == "Enabled"
    page.get_by_label("Bonus points").fill("200")  # edited: the form holds the rule
    page.locator("#b-reason").fill("a bigger welcome")
    page.get_by_role("button", name="Save the rule").click()
    assert page.get_by_label("Bonus points").input_value() == "200"
    page.get_by_role("link", name="← Bonus rules").click()
    row = page.locator("#bonus-rules tr", has_text=bonus)
    assert row.locator("td").nth(1).inner_text() == "Welcome" and "200" in row.inner_text()
    screenshot(page, "bonuses")
    # A second rule, archived: it stays listed, as archived.
    old = f"Old birthday {shop['tag']}"
    page.get_by_label("Name", exact=True).fill(old)
    page.get_by_label("Occasion").select_option("BONUS_TRIGGER_BIRTHDAY")
    page.get_by_label("Bonus points").fill("50")
    page.get_by_label("Reason").fill("last year's")
    page.get_by_role("button", name="Save the rule").click()
    page.locator("#a-reason").fill("replaced")
    page.get_by_role("button", name="Archive the rule").click()
    row = page.locator("#bonus-rules tr", has_text=old)
    assert row.locator("td").last.inner_text() == "Archived"
    # The tier ladder: a new top tier below Gold is refused with the service's field
    # error on its row; above Gold it saves.
    _menu(page, "Tier ladder")
    assert "gold" in page.locator("#ladder").inner_text()
    page.locator("#code-2").fill("DIAMOND")
    page.locator("#name-vi-2").fill("Kim cương")
    page.locator("#name-en-2").fill("Diamond")
    page.locator("#threshold-2").fill("3000")
    page.locator("#multiplier-2").fill("2")
    page.get_by_role("button", name="Check and save").click()
    assert "thresholds must rise strictly" in page.locator("#tier-2-errors").inner_text()
    assert page.locator("#threshold-2").get_attribute("aria-invalid") == "true"
    assert "DIAMOND" not in page.locator("#ladder").inner_text()  # nothing saved
    page.locator("#threshold-2").fill("50000000")
    page.get_by_role("button", name="Check", exact=True).click()  # checked, not saved
    assert "valid (not saved yet)" in page.locator(".flash.ok").inner_text()
    assert "DIAMOND" not in page.locator("#ladder").inner_text()
    assert page.locator("#threshold-2").input_value() == "50000000"  # the form kept
    page.get_by_label("Reason").fill("a top tier for 2027")
    page.get_by_role("button", name="Check and save").click()
    assert "Tier ladder saved" in page.locator(".flash.ok").inner_text()
    ladder = page.locator("#ladder").inner_text()
    assert "DIAMOND" in ladder and "50.000.000" in ladder and "\N{MULTIPLICATION SIGN}2" in ladder
    screenshot(page, "tier-ladder")
    # A reward with 40 units of stock.
    _menu(page, "Rewards")
    reward = f"Coffee voucher {shop['tag']}"
    page.get_by_label("Name (vi)").fill(f"Phiếu cà phê {shop['tag']}")
    page.get_by_label("Name (en)").fill(reward)
    page.get_by_label("Type").select_option("REWARD_TYPE_FIXED_VOUCHER")
    page.get_by_label("Status").select_option("REWARD_STATUS_ACTIVE")
    page.get_by_label("Cost").fill("800")
    page.get_by_label("Amount off (₫)").fill("50000")
    page.get_by_label("Initial stock").fill("40")
    page.get_by_label("Reason").fill("coffee week")
    page.get_by_role("button", name="Save the reward").click()
    assert page.locator("#reward-name").inner_text() == reward
    assert page.locator("#stock-left").inner_text() == "40"
    page.get_by_label("Cost").fill("750")  # an edit leaves the stock as it is
    page.get_by_label("Voucher valid for (days)").fill("0")
    page.get_by_label("Or vouchers expire at (with 0 days)").fill("2099-12-31T23:59")
    page.locator("#w-reason").fill("cheaper for the launch")
    page.get_by_role("button", name="Save the reward").click()
    assert page.get_by_label("Cost").input_value() == "750"
    assert page.locator("#w-expires").input_value() == "2099-12-31T23:59"
    assert page.locator("#stock-left").inner_text() == "40"
    context.close()
    # A marketer adds stock with a reason, sees it left, and is refused the ladder.
    context, page = _signed_in_in_english(browser, shop, "marketer")
    _menu(page, "Rewards")
    page.locator("#rewards").get_by_role("link", name=reward).click()
    assert page.locator("#reward-edit-h").count() == 0  # editing the reward is an admin's
    page.get_by_label("Units (+ add, - remove)").fill("25")
    page.get_by_label("Reason").fill("delivery from the roaster")
    page.get_by_role("button", name="Adjust stock").click()
    assert page.locator("#stock-left").inner_text() == "65"
    assert page.locator("#stock-total").inner_text() == "65"
    page.get_by_role("link", name="← Rewards and stock").click()
    row = page.locator("#rewards tr", has_text=reward)
    assert "65" in row.inner_text() and "750" in row.inner_text()
    screenshot(page, "rewards")
    _menu(page, "Tier ladder")
    assert "DIAMOND" in page.locator("#ladder").inner_text()  # a marketer reads it
    assert page.locator("#ladder-form").count() == 0
    answer = page.request.post(
        f"{shop['url']}/programme/tiers",
        form={
            "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
            "code_0": "member",
            "name_vi_0": "Thành viên",
            "intent": "save",
        },
        max_redirects=0,
    )
    assert answer.status == 403 and "admin" in answer.text()
    context.close()


def test_a_viewer_reads_bonuses_the_ladder_and_rewards_but_gets_no_forms(browser, shop):
    context, page = _signed_in_in_english(browser, shop, "viewer")
    for menu, table, form in (
        ("Bonuses", "#bonus-rules", "#bonus-new-h"),
        ("Tier ladder", "#ladder", "#ladder-form"),
        ("Rewards", "#rewards", "#reward-new-h"),
    ):
        _menu(page, menu)
        assert page.locator(table).count() == 1, menu
        assert page.locator(form).count() == 0, menu
    answer = page.request.post(
        f"{shop['url']}/programme/bonuses",
        form={
            "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
            "name": "forged",
            "trigger": "BONUS_TRIGGER_WELCOME",
            "points": "100",
        },
        max_redirects=0,
    )
    assert answer.status == 403 and "admin" in answer.text()
    context.close()


def _forged(page, shop, path: str, form: dict):
    """A POST the page did not offer, with the session's own CSRF token."""
    token = page.locator("input[name=csrf_token]").first.input_value()
    return page.request.post(
        f"{shop['url']}{path}",
        form={"csrf_token": token, **form},
        max_redirects=0,
    )


def test_an_admin_publishes_with_a_confirmation_and_ends_a_campaign_a_marketer_only_reads(
    browser, shop
):
    context, page = _signed_in_in_english(browser, shop, "admin")
    _menu(page, "Programme")
    # Refused by the service (it ends before it starts): the form comes back as typed.
    name = f"Weekend x3 {shop['tag']}"
    page.get_by_label("Name").fill(name)
    page.get_by_label("Multiplier (e.g. 2 = double)").fill("3")
    starts, ends = page.locator("#c-starts").input_value(), page.locator("#c-ends").input_value()
    page.locator("#c-starts").fill("2099-03-10T00:00")
    page.locator("#c-ends").fill("2099-03-01T00:00")
    with page.expect_response(lambda answer: answer.request.method == "POST") as refused:
        page.get_by_role("button", name="Save draft").click()
    assert refused.value.status == 400
    assert page.locator(".flash.error").count() == 1
    assert page.get_by_label("Name").input_value() == name
    assert page.get_by_label("Multiplier (e.g. 2 = double)").input_value() == "3"
    assert page.locator("#c-starts").input_value() == "2099-03-10T00:00"
    assert page.locator("#c-ends").input_value() == "2099-03-01T00:00"
    assert name not in page.locator("#rules").inner_text()
    # From tomorrow (the form's own default): a draft, then published only when confirmed.
    page.locator("#c-starts").fill(starts)
    page.locator("#c-ends").fill(ends)
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("#rule-status").inner_text() == "Draft"
    rule_id = page.url.rsplit("/", 1)[1]
    page.get_by_role("button", name="Publish").click()
    assert page.locator(".flash.error").inner_text().strip() == "Tick the confirmation to publish"
    assert page.locator("#rule-status").inner_text() == "Draft"
    page.get_by_label("I understand: members earn by this rule from its start").check()
    page.get_by_role("button", name="Publish").click()
    assert page.locator("#rule-status").inner_text() == "Scheduled"  # its start is ahead
    assert page.locator("#publish-form").count() == 0
    screenshot(page, "campaign-scheduled")
    page.get_by_role("link", name="← Programme").click()
    row = page.locator("#rules tr", has_text=name)
    assert row.locator(".rule-state").inner_text() == "Scheduled"
    # The simulator applies it within its schedule...
    row.get_by_role("link", name=name).click()
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_role("button", name="Simulate").click()
    wait_for(lambda: page.locator("#simulated-points").count() == 1, what="the simulation")
    assert name in page.locator("#simulation").inner_text()
    # ...until an admin ends it, with a reason and the confirmation.
    page.get_by_label("Reason").fill("stock ran out")
    page.get_by_role("button", name="End and archive the rule").click()
    assert "Tick the confirmation" in page.locator(".flash.error").inner_text()
    page.get_by_label("Reason").fill("stock ran out")
    page.get_by_label(
        "I understand: the rule stops applying at once and cannot be turned back on"
    ).check()
    page.get_by_role("button", name="End and archive the rule").click()
    assert f"{name}: Archived" in page.locator(".flash.ok").inner_text()
    row = page.locator("#rules tr", has_text=name)
    assert row.locator(".rule-state").inner_text() == "Archived"
    row.get_by_role("link", name=name).click()
    assert page.locator("#rule-status").inner_text() == "Archived"
    assert page.locator("#end-form").count() == 0
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_role("button", name="Simulate").click()
    wait_for(lambda: page.locator("#simulated-points").count() == 1, what="the simulation")
    assert name not in page.locator("#simulation").inner_text()
    page.goto(f"{shop['url']}/activity?subject={rule_id}")
    log = page.locator("#activity").inner_text()
    assert "rule.published" in log and "rule.archived" in log and "stock ran out" in log
    # A second draft, left for the marketer to read.
    _menu(page, "Programme")
    draft = f"Marketer reads {shop['tag']}"
    page.get_by_label("Name").fill(draft)
    page.get_by_role("button", name="Save draft").click()
    draft_path = page.url.split("/console", 1)[1]
    context.close()
    # A marketer reads the programme and tries a basket, but is offered no form that
    # configures it, and a forged one is still refused.
    context, page = _signed_in_in_english(browser, shop, "marketer")
    _menu(page, "Programme")
    assert draft in page.locator("#rules").inner_text()
    assert page.locator("#campaign-form").count() == 0
    assert page.locator("#programme-read-only").count() == 1
    answer = _forged(
        page,
        shop,
        "/programme/campaigns",
        {"name": "forged", "multiplier": "2", "starts": starts, "ends": ends},
    )
    assert answer.status == 403 and "admin" in answer.text()
    page.locator("#rules").get_by_role("link", name=draft).click()
    assert page.locator("#publish-form").count() == 0 and page.locator("#end-form").count() == 0
    page.get_by_label("Partner").select_option(shop["partner"])
    page.get_by_role("button", name="Simulate").click()
    wait_for(lambda: page.locator("#draft-points").count() == 1, what="the draft's simulation")
    for action in ("publish", "archive"):
        answer = _forged(page, shop, f"{draft_path}/{action}", {"confirm": "yes", "reason": "x"})
        assert answer.status == 403 and "admin" in answer.text(), action
    assert page.locator("#rule-status").inner_text() == "Draft"
    context.close()


def _campaign(page, name: str, starts: str, ends: str) -> None:
    """A campaign drafted from the programme's form (the rule's page opens)."""
    page.locator("header nav").get_by_role("link", name="Programme", exact=True).click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Multiplier (e.g. 2 = double)").fill("1.1")
    page.locator("#c-starts").fill(starts)
    page.locator("#c-ends").fill(ends)
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("#rule-name").inner_text() == name


def _publish(page) -> None:
    page.get_by_label("I understand: members earn by this rule from its start").check()
    page.get_by_role("button", name="Publish").click()


def test_a_campaigns_state_follows_its_schedule_and_a_draft_is_discarded(browser, shop):
    context, page = _signed_in_in_english(browser, shop, "admin")
    # Published and within its schedule (fixed dates around any day a test runs): running,
    # until it is ended.
    running = f"Always on {shop['tag']}"
    _campaign(page, running, "2000-01-01T00:00", "2099-12-31T00:00")
    _publish(page)
    assert page.locator("#rule-status").inner_text() == "Running"
    page.get_by_label("Reason").fill("only for the test")
    page.get_by_label(
        "I understand: the rule stops applying at once and cannot be turned back on"
    ).check()
    page.get_by_role("button", name="End and archive the rule").click()
    assert page.locator("#rules tr", has_text=running).locator(".rule-state").inner_text() == (
        "Archived"
    )
    # Published after its end: ended.
    ended = f"Year 2000 {shop['tag']}"
    _campaign(page, ended, "2000-01-01T00:00", "2000-01-02T00:00")
    _publish(page)
    assert page.locator("#rule-status").inner_text() == "Ended"
    page.get_by_role("link", name="← Programme").click()
    assert page.locator("#rules tr", has_text=ended).locator(".rule-state").inner_text() == (
        "Ended"
    )
    # A draft is discarded the same way, and the list keeps it as archived.
    discarded = f"Second thoughts {shop['tag']}"
    _campaign(page, discarded, "2099-01-01T00:00", "2099-01-02T00:00")
    page.get_by_label("Reason").fill("not this year")
    page.get_by_label(
        "I understand: the rule stops applying at once and cannot be turned back on"
    ).check()
    page.get_by_role("button", name="Discard the draft").click()
    assert f"{discarded}: Archived" in page.locator(".flash.ok").inner_text()
    row = page.locator("#rules tr", has_text=discarded)
    assert row.locator(".rule-state").inner_text() == "Archived"
    context.close()
