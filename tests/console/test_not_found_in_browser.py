"""An address of the console no page has, or a page of something that does not exist,
answers the console's own page in the staff member's language (not the REST API's JSON),
saying the reason once."""

from __future__ import annotations

import pytest

from tests.support.console import open_page, sign_in

pytestmark = pytest.mark.suite


def test_missing_pages_answer_the_consoles_own_page(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "support")
    for path in ("/nope", "/templates/NOPE/SMS", "/programme/nothing/here"):
        answer = page.goto(shop["url"] + path)
        assert answer.status == 404 and answer.headers["content-type"].startswith("text/html")
        assert page.locator(".flash.error").inner_text() == "Không có trang này."
        assert page.locator("header nav").count() == 1  # the console around it
    answer = page.goto(shop["url"] + "/members/no-such-member")
    assert answer.status == 404
    assert page.locator(".flash.error").inner_text() == "member_id: no such member"
    icon = page.request.get(shop["url"] + "/static/favicon.svg")
    assert icon.status == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    context.close()


def test_a_missing_page_asks_a_stranger_to_sign_in_first(browser, shop):
    context, page = open_page(browser)
    page.goto(shop["url"] + "/nope")
    assert page.url.endswith("/console/sign-in")  # nothing said about what exists
    context.close()
