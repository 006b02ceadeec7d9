"""The console's segments in a real browser against the whole suite: recomputed from the
console, listed with their member counts, a segment's members, and its CSV download
(member ids from one computation, nothing more personal)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, typed

pytestmark = pytest.mark.suite


def test_segments_are_recomputed_counted_and_exported_as_csv(suite, browser, shop):
    admin = typed(Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})).admin
    event_segment = admin.define_event_segment(
        {
            "segment": {
                "event_name": f"check_in_{shop['tag']}",
                "min_count": 3,
                "days": 30,
                "display_name": {"vi": f"Hay check-in {shop['tag']}", "en": "Checks in often"},
            }
        }
    )["segment"]["segment_id"]
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.get_by_role("link", name="Phân khúc", exact=True).click()
    page.get_by_role("button", name="Tính lại phân khúc").click()
    assert "Đã tính lại phân khúc" in page.locator(".flash.ok").inner_text()
    # The shop's member is in the new computation; its segments show with their counts.
    member_segments = admin.get_member_segment(shop["member_id"])["member_segment"]["segment_ids"]
    segment_id = member_segments[0]
    row = page.locator(f"#segments tr[data-segment='{segment_id}']")
    assert int(row.locator("td.num").inner_text().replace(".", "")) >= 1
    events = page.locator("#event-segments").inner_text()
    assert f"Hay check-in {shop['tag']}" in events and "≥ 3 lần trong 30 ngày" in events
    screenshot(page, "segments")
    # Its members, a page at a time, each linking to Member 360.
    row.locator("a").first.click()
    assert page.locator("#segment-name code").inner_text() == segment_id
    total = int(page.locator("#segment-total").inner_text().replace(".", ""))
    assert total >= 1
    # The download: an attachment, a header row, one row per member, the shop's among them.
    with page.expect_download() as caught:
        page.locator("#export").click()
    download = caught.value
    assert download.suggested_filename.startswith(f"segment-{segment_id}-")
    content = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["segment_id", "computation_id", "member_id"]
    assert len(rows) - 1 == total
    assert [segment_id, shop["member_id"]] in [[r[0], r[2]] for r in rows[1:]]
    assert shop["phone"] not in content
    page.goto(shop["url"] + "/activity")
    log = page.locator("#activity").inner_text()
    assert "segments.recomputed" in log and "segment.exported" in log
    admin.delete_event_segment(event_segment)
    context.close()


def test_a_viewer_sees_segments_but_may_not_recompute(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "viewer")
    page.get_by_role("link", name="Phân khúc", exact=True).click()
    assert page.get_by_role("button", name="Tính lại phân khúc").count() == 0
    answer = page.request.post(
        shop["url"] + "/segments/recompute",
        form={"csrf_token": page.locator("input[name=csrf_token]").first.input_value()},
        max_redirects=0,
    )
    assert answer.status == 403 and "marketer" in answer.text()
    page.goto(shop["url"] + "/segments")
    page.locator("#language").select_option("en")
    page.locator("#language + button").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Member segments"
    assert page.get_by_role("link", name="Segments", exact=True).count() == 1
    context.close()
