"""Driving the staff console in the browser: a tablet-sized page, signing in as one of
the shop's staff accounts (tests/console/conftest.py), reading the balance shown."""

from __future__ import annotations

import uuid

from tests.support.browser import TABLET
from tests.support.gateway import ADMIN_KEY, Http, has_account, typed
from tests.support.waiting import wait_for

# axe-core's rules for WCAG 2.1 A and AA.
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PASSWORD = "console-test-password"
ROLES = ("viewer", "support", "marketer", "admin")


def open_page(browser, language: str = "vi"):
    """A new browser context (its own cookies) and a page in it, tablet-sized."""
    context = browser.new_context(viewport=TABLET, locale=language)
    return context, context.new_page()


def sign_in(page, shop, role: str, password: str = PASSWORD) -> None:
    page.goto(shop["url"] + "/sign-in")
    page.get_by_label("E-mail").fill(shop["emails"][role])
    page.locator("#password").fill(password)
    with page.expect_navigation():  # the form's answer is a new page, whatever it says
        page.locator("form button[type=submit].primary").click()


def available(page) -> int:
    """The available points Member 360 shows."""
    return int(page.locator("#balance-available").inner_text().replace(".", ""))


def wcag_violations(page) -> list[str]:
    """What axe-core finds against WCAG 2.1 A/AA on the page, one line each."""
    from axe_playwright_python.sync_playwright import Axe  # a test dependency only

    found = Axe().run(page, options=WCAG).response["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in found
    ]


def enrol_at_shop(suite, shop, name: str, phone: str = "", **consents: bool) -> str:
    """A member of the shop's partner, enrolled at its till with these consents
    (sms=True, email=False ...), once their ledger account exists."""
    till = typed(Http(suite.gateway_url, {"X-API-Key": shop["till_key"]})).partner
    given = [{"channel": f"CHANNEL_{c.upper()}", "granted": g} for c, g in consents.items()]
    member_id = till.enrol_member(
        {
            "profile": {"name": name, "phone": phone or "+8490" + str(uuid.uuid4().int)[:7]},
            "store_id": shop["store"],
            "enrolment_channel": "pos",
            **({"consents": given, "consent_source": f"pos:{shop['store']}"} if given else {}),
        },
        idempotency_key=f"enrol-{uuid.uuid4().hex}",
    )["member"]["member_id"]
    admin_http = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    wait_for(lambda: has_account(admin_http, member_id), what="the member's ledger account")
    return member_id
