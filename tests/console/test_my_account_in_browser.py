"""A staff member changes their own password in the console: the current one proven,
mistakes named by field, and every other session of the account ended at its next
request while the one that changed it goes on."""

from __future__ import annotations

import uuid

import grpc

from loyalty.points.v1 import staff_pb2, staff_pb2_grpc
from tests.support.browser import screenshot
from tests.support.console import open_page


def _support_account(suite) -> tuple[str, str]:
    """A staff account of this test alone (the shop's accounts keep their passwords)."""
    email, password = f"minh-{uuid.uuid4().hex[:6]}@sen.vn", "minh-password-1"
    with grpc.insecure_channel(suite.grpc_address("points")) as channel:
        staff_pb2_grpc.StaffServiceStub(channel).CreateStaff(
            staff_pb2.CreateStaffRequest(
                email=email,
                name="Minh",
                role=staff_pb2.STAFF_ROLE_SUPPORT,
                password=password,
                actor="staff:tests",
            ),
            timeout=10,
        )
    return email, password


def _sign_in(page, shop, email: str, password: str) -> None:
    page.goto(shop["url"] + "/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("form button[type=submit].primary").click()


def test_changing_ones_password_ends_the_other_sessions(browser, shop, suite):
    email, password = _support_account(suite)
    laptop, page = open_page(browser)
    tablet, other = open_page(browser)
    for signed_in in (page, other):
        _sign_in(signed_in, shop, email, password)
        assert signed_in.url.endswith("/console/")
    page.get_by_role("link", name="Minh").click()
    assert email in page.locator("#my-account").inner_text()

    def change(current: str, new: str, again: str) -> None:
        page.locator("#current_password").fill(current)
        page.locator("#new_password").fill(new)
        page.locator("#repeat_password").fill(again)
        page.locator("form button[type=submit].primary").click()

    change(password, "minh-password-2", "minh-password-3")
    assert page.locator("#repeat_password-error").is_visible()
    change("not-the-password", "minh-password-2", "minh-password-2")
    assert page.locator("#current_password-error").is_visible()
    change(password, "minh-password-2", "minh-password-2")
    assert "Đã đổi mật khẩu" in page.locator(".flash.ok").inner_text()  # their language
    screenshot(page, "my-account")
    change("minh-password-2", "minh-password-2", "minh-password-2")  # the service refuses
    assert "current password" in page.locator("#new_password-error").inner_text()
    page.goto(shop["url"] + "/")
    assert page.url.endswith("/console/")  # this session goes on
    other.goto(shop["url"] + "/")
    assert other.url.endswith("/console/sign-in")  # the other one ended
    _sign_in(other, shop, email, password)
    assert other.url.endswith("/console/sign-in")  # the old password no longer works
    _sign_in(other, shop, email, "minh-password-2")
    assert other.url.endswith("/console/")
    laptop.close()
    tablet.close()
