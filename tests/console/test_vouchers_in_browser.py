"""Voucher batches in the console, in a real browser against the whole suite: a marketer
generates a batch of 20 codes, exports them as CSV and voids the batch; a viewer sees the
batches but no form to generate or void."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest

from common import clock
from gateway.console import text
from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, voucher_reward


@pytest.fixture(scope="module")
def flyer_reward(suite, shop) -> str:
    admin = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    name = f"Phiếu giảm 30.000 ₫ {shop['tag']}"
    return voucher_reward(admin, name, f"flyer-{shop['tag']}", 30_000)


def test_a_marketer_generates_exports_and_voids_a_batch(browser, shop, flyer_reward):
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    page.get_by_role("link", name="Lô phiếu").click()
    label = f"Tờ rơi khai trương {uuid.uuid4().hex[:4]}"
    page.locator("#vb-label").fill(label)
    page.locator("#vb-reward").select_option(flyer_reward)
    page.locator("#vb-count").fill("20")
    last_day = (clock.now().astimezone(text.ZONE) + timedelta(days=45)).date()
    page.locator("#vb-expires").fill(last_day.isoformat())
    page.get_by_role("button", name="Tạo mã").click()
    assert page.locator("#batch-label").inner_text() == label
    assert page.locator("#count-generated").inner_text() == "20"
    assert page.locator("#count-unused").inner_text() == "20"
    # Shown as the last day chosen, though it is stored as the instant after it ends.
    assert page.locator("#batch-expires").inner_text() == last_day.strftime("%d/%m/%Y")
    assert page.locator("#codes tbody tr").count() == 20
    screenshot(page, "voucher-batches")

    with page.expect_download() as downloading:
        page.locator("#export").click()
    download = downloading.value
    assert download.suggested_filename.startswith("voucher-batch-")
    with open(download.path(), encoding="utf-8") as exported:
        rows = list(csv.reader(io.StringIO(exported.read())))
    assert rows[0] == ["code", "printed_code", "state", "member_id", "used_at", "expires_at"]
    assert len(rows) == 21 and len({row[0] for row in rows[1:]}) == 20
    assert {row[2] for row in rows[1:]} == {"VOUCHER_STATE_ACTIVE"}
    shown = set(page.locator("#codes tbody tr td:first-child").all_inner_texts())
    assert shown == {row[1] for row in rows[1:]}

    # Voiding asks for a reason and a confirmation; without the tick nothing happens.
    page.locator("#vb-void-reason").fill("In sai giá trên tờ rơi")
    page.get_by_role("button", name="Hủy lô mã").click()
    assert page.locator("#batch-state").inner_text() == "Đang dùng được"
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Hủy lô mã").click()
    assert page.locator("#batch-state").inner_text() == "Đã hủy"
    assert page.locator("#count-voided").inner_text() == "20"
    assert page.locator("#count-unused").inner_text() == "0"
    assert "In sai giá trên tờ rơi" in page.locator("#void-reason").inner_text()
    assert page.locator("#vb-void").count() == 0  # nothing left to void
    page.get_by_role("link", name="Lô phiếu").click()
    assert label in page.locator("#batches").inner_text()
    context.close()


def test_a_viewer_sees_batches_but_cannot_generate_or_void(browser, shop, flyer_reward):
    admin = Http(shop["url"].removesuffix("/console"), {"X-API-Key": ADMIN_KEY})
    made = admin.post(
        "/v1/admin/voucher-batches",
        {"reward_id": flyer_reward, "count": 3, "label": "Viewer's view", "reason": "test"},
        key=f"viewer-{shop['tag']}",
    )
    assert made.status == 201, made.body
    context, page = open_page(browser, "en")
    sign_in(page, shop, "viewer")
    page.get_by_role("link", name="Lô phiếu").click()
    assert "Viewer's view" in page.locator("#batches").inner_text()
    assert page.locator("#vb-new").count() == 0
    page.get_by_role("link", name="Viewer's view").click()
    assert page.locator("#count-generated").inner_text() == "3"
    assert page.locator("#vb-void").count() == 0
    context.close()
