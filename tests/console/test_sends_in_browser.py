"""The marketer's bulk sends and gifts in the console, in a real browser against the whole
suite: a message to a segment holding the shop's member, followed until it is done; one
scheduled an hour ahead and cancelled; a gift of points to the shop's member seen on
Member 360; a gift to every member of a segment, confirmed and followed until done; a
voucher issued to them; a viewer sees none of the forms and a forged POST
is refused."""

from __future__ import annotations

import uuid
from datetime import timedelta

import grpc
import pytest

from common import clock
from gateway.console import text
from loyalty.points.v1 import staff_pb2, staff_pb2_grpc
from tests.support.browser import screenshot
from tests.support.console import (
    available,
    enrol_at_shop,
    open_page,
    sign_in,
    wcag_violations,
)
from tests.support.gateway import ADMIN_KEY, Http, typed, voucher_reward
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite


@pytest.fixture(scope="module")
def admin_http(suite):
    return Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})


@pytest.fixture(scope="module")
def gift_reward(shop, admin_http) -> str:
    name = f"Phiếu xin lỗi {shop['tag']}"
    return voucher_reward(admin_http, name, f"apology-{shop['tag']}", 20_000)


def _smallest_segment_of(admin, member_id: str) -> str:
    """The member's segment with the fewest members: the send reaches them soonest."""
    theirs = set(admin.get_member_segment(member_id)["member_segment"]["segment_ids"])
    counts = {s["segment_id"]: int(s["member_count"]) for s in admin.list_segments()["segments"]}
    return min(theirs & set(counts), key=counts.get)


def _activity_of(suite, shop, role: str) -> list[str]:
    """The actions in the staff activity log by the shop's staff member of `role`, read
    from the staff service (the console's activity page lists only its reader's own)."""
    with grpc.insecure_channel(suite.grpc_address("points")) as channel:
        reply = staff_pb2_grpc.StaffServiceStub(channel).ListActivity(
            staff_pb2.ListActivityRequest(actor=f"staff:{shop['emails'][role]}"), timeout=10
        )
    return [activity.action for activity in reply.activities]


def _state(page) -> str:
    return page.locator("#send-state").get_attribute("data-state") or ""


def _start_send(page, segment_id: str, name: str, scheduled_at: str = "") -> None:
    page.locator("#snd-name").fill(name)
    page.locator("#snd-segment").select_option(segment_id)
    page.locator("#snd-type").select_option("MESSAGE_TYPE_MARKETING")
    page.locator("#snd-title").fill("Tuần lễ vàng")
    page.locator("#snd-text").fill("Giảm 20% toàn bộ cửa hàng cuối tuần này.")
    page.locator("#snd-rate").fill("1000")
    if scheduled_at:
        page.locator("#snd-when").fill(scheduled_at)
    page.get_by_role("button", name="Bắt đầu gửi").click()


def test_a_marketer_sends_to_a_segment_and_cancels_a_scheduled_send(suite, browser, shop):
    admin = typed(Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})).admin
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    # The segments are computed from the console first, so the shop's member is in them.
    page.get_by_role("link", name="Phân khúc", exact=True).click()
    page.get_by_role("button", name="Tính lại phân khúc").click()
    assert "Đã tính lại phân khúc" in page.locator(".flash.ok").inner_text()
    segment_id = _smallest_segment_of(admin, shop["member_id"])

    page.get_by_role("link", name="Gửi hàng loạt", exact=True).click()
    # A message without its text is refused naming the field, and nothing is started.
    sends_before = page.locator("#sends tbody tr").count()
    answer = page.request.post(
        shop["url"] + "/sends",
        form={
            "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
            "name": "thiếu nội dung",
            "segment_id": segment_id,
            "message_type": "MESSAGE_TYPE_MARKETING",
            "title": "Tuần lễ vàng",
        },
    )
    assert answer.ok and "text: bắt buộc" in answer.text()
    page.reload()
    assert page.locator("#sends tbody tr").count() == sends_before
    name = f"Tuần lễ vàng {shop['tag']}"
    _start_send(page, segment_id, name)
    assert page.locator("#send-name").inner_text() == name
    assert "Đã tạo đợt gửi" in page.locator(".flash.ok").inner_text()
    # The counts fragment refreshes itself (htmx) until the send is done: no reload here.
    wait_for(lambda: _state(page) == "BULK_SEND_STATE_COMPLETED", timeout=60, what="the send done")
    assert page.locator("#send-state").inner_text() == "Đã xong"
    done, total = page.locator("#count-processed").inner_text().split(" / ")
    assert done == total and int(total.replace(".", "")) >= 1
    # Every member processed is counted somewhere: queued, sent, deferred or suppressed.
    bulk_send_id = page.url.rsplit("/", 1)[-1]
    reached = admin.get_bulk_send(bulk_send_id)["bulk_send"]
    counted = sum(
        int(reached.get(k, 0))
        for k in ("queued", "sent", "deferred", "suppressed", "failed", "dead_lettered")
    )
    assert counted >= 1
    assert page.locator("#count-sent").inner_text() == text.points(int(reached.get("sent", 0)))
    assert page.locator("#snd-cancel").count() == 0  # done: nothing left to cancel

    # One scheduled an hour from now waits, and is cancelled after a confirmation.
    page.get_by_role("link", name="← Gửi tin hàng loạt").click()
    later = (clock.now().astimezone(text.ZONE) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    _start_send(page, segment_id, f"Hẹn giờ {shop['tag']}", scheduled_at=later)
    assert _state(page) == "BULK_SEND_STATE_SCHEDULED"
    assert page.locator("#send-scheduled").inner_text() == (
        f"{later[8:10]}/{later[5:7]}/{later[:4]} {later[11:]}"
    )
    page.locator("#snd-cancel-reason").fill("đổi lịch khuyến mãi")
    page.locator("#snd-cancel input[name=confirm]").check()
    page.get_by_role("button", name="Dừng đợt gửi").click()
    assert "Đã dừng đợt gửi" in page.locator(".flash.ok").inner_text()
    assert _state(page) == "BULK_SEND_STATE_CANCELLED"
    assert page.locator("#count-processed").inner_text().startswith("0 /")

    # The page follows a send by itself: one cancelled elsewhere (the REST API) shows
    # cancelled, its cancel form gone, with no reload.
    page.get_by_role("link", name="← Gửi tin hàng loạt").click()
    _start_send(page, segment_id, f"Hẹn giờ khác {shop['tag']}", scheduled_at=later)
    assert page.locator("#snd-cancel").count() == 1
    assert not wcag_violations(page)
    elsewhere = page.url.rsplit("/", 1)[-1]
    admin.cancel_bulk_send(elsewhere, {"reason": "cancelled through the API"})
    wait_for(
        lambda: _state(page) == "BULK_SEND_STATE_CANCELLED", timeout=10, what="the page updated"
    )
    assert page.locator("#snd-cancel").count() == 0

    page.get_by_role("link", name="← Gửi tin hàng loạt").click()
    rows = page.locator("#sends").inner_text()
    assert name in rows and f"Hẹn giờ {shop['tag']}" in rows and "Đã dừng" in rows
    screenshot(page, "bulk-sends")
    log = _activity_of(suite, shop, "marketer")
    assert "bulk_send.started" in log and "bulk_send.cancelled" in log
    context.close()


def test_a_marketer_gives_the_member_points_and_a_voucher(
    suite, browser, shop, admin_http, gift_reward
):
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    page.goto(f"{shop['url']}/members/{shop['member_id']}")
    before = available(page)
    page.locator("#gift-link").click()  # Member 360 leads to the gift form, member filled
    assert page.locator("#gift-member").input_value() == shop["member_id"]
    assert not wcag_violations(page)  # every form the marketer sees
    page.locator("#gift-points").fill("250")
    page.locator("#gift-reason").fill("cảm ơn góp ý khảo sát")
    page.get_by_role("button", name="Tặng quà").click()
    assert "Đã tặng quà" in page.locator(".flash.ok").inner_text()
    assert page.locator("#gift-state").inner_text() == "Đã xong"
    assert page.locator("#gift-points-given").inner_text() == "250"
    assert not wcag_violations(page)
    page.locator("#gift-member-link").click()
    assert available(page) == before + 250

    # Points out of bounds are refused naming the field, and nothing is given.
    page.goto(f"{shop['url']}/sends?member_id={shop['member_id']}")
    page.locator("#gift-points").fill("0")
    page.locator("#gift-reason").fill("quên chọn quà")
    page.get_by_role("button", name="Tặng quà").click()
    assert "points: give points, a reward_id or both" in page.locator(".flash.error").inner_text()
    # Past the programme's largest credit, which the form states (as a crafted form would).
    assert page.locator("label[for=gift-points]").inner_text().endswith("1.000.000)")
    page.locator("#gift-points").evaluate("e => e.removeAttribute('max')")
    page.locator("#gift-points").fill("1000001")
    page.locator("#gift-reason").fill("nhầm số")
    page.get_by_role("button", name="Tặng quà").click()
    assert "points: must be at most 1,000,000" in page.locator(".flash.error").inner_text()

    # A compensation voucher: its code is shown once to read out, and it is the member's.
    page.locator("#iv-member").fill(shop["member_id"])
    page.locator("#iv-reward").select_option(gift_reward)
    page.locator("#iv-why").select_option("VOUCHER_REASON_COMPENSATION")
    page.locator("#iv-complaint").fill(f"KN-{shop['tag']}")
    page.locator("#iv-reason").fill("giao hàng trễ")
    page.get_by_role("button", name="Phát phiếu").click()
    flash = page.locator(".flash.ok").inner_text()
    assert flash.startswith("Đã phát phiếu: ")
    code = flash.split(": ", 1)[1].replace("-", "")
    voucher = admin_http.get(f"/v1/admin/vouchers/{code}").body["voucher"]
    assert voucher["member_id"] == shop["member_id"]
    assert voucher["issue_reason"] == "VOUCHER_REASON_COMPENSATION"
    assert voucher["reward_id"] == gift_reward
    assert available(page) == before + 250  # a voucher costs the member no points

    log = _activity_of(suite, shop, "marketer")
    assert "gift.granted" in log and "voucher.issued" in log
    context.close()


def test_a_marketer_gives_a_member_found_by_phone_or_member_number(
    suite, browser, shop, admin_http, gift_reward
):
    """The member fields take what staff know of the member (a phone as typed nationally,
    a member number read out), not only the internal id; a value naming nobody is refused
    naming member_id and nothing is given. A compensation voucher without its complaint's
    reference is refused by the service, and the console says so. Their delivery log is
    found by phone too."""
    digits = str(uuid.uuid4().int)[:7]
    member_id = enrol_at_shop(suite, shop, f"Quà Theo Số {shop['tag']}", phone=f"+8490{digits}")
    member = admin_http.get(f"/v1/admin/members/{member_id}").body["member"]
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    page.goto(f"{shop['url']}/members/{member_id}")
    before = available(page)

    page.goto(f"{shop['url']}/sends")
    page.locator("#gift-member").fill(f"090 {digits[:3]} {digits[3:]}")
    page.locator("#gift-points").fill("120")
    page.locator("#gift-reason").fill("khách gọi tổng đài")
    page.get_by_role("button", name="Tặng quà").click()
    assert "Đã tặng quà" in page.locator(".flash.ok").inner_text()
    assert page.locator("#gift-member-link").inner_text() == member_id
    page.locator("#gift-member-link").click()
    assert available(page) == before + 120

    # A phone nobody has: refused naming member_id, nothing given to anyone.
    page.goto(f"{shop['url']}/sends")
    page.locator("#gift-member").fill("0999 000 000")
    page.locator("#gift-points").fill("120")
    page.locator("#gift-reason").fill("nhầm số")
    page.get_by_role("button", name="Tặng quà").click()
    assert page.locator(".flash.error").inner_text().startswith("member_id: ")
    assert page.locator(".flash.ok").count() == 0
    page.goto(f"{shop['url']}/members/{member_id}")
    assert available(page) == before + 120

    # A voucher to the member number read out; a compensation names its complaint.
    page.goto(f"{shop['url']}/sends")
    page.locator("#iv-member").fill(member["member_number"].lower())
    page.locator("#iv-reward").select_option(gift_reward)
    page.locator("#iv-why").select_option("VOUCHER_REASON_COMPENSATION")
    page.locator("#iv-reason").fill("giao hàng trễ")
    page.get_by_role("button", name="Phát phiếu").click()
    assert "complaint_reference" in page.locator(".flash.error").inner_text()
    page.locator("#iv-member").fill(member["member_number"].lower())
    page.locator("#iv-reward").select_option(gift_reward)
    page.locator("#iv-why").select_option("VOUCHER_REASON_COMPENSATION")
    page.locator("#iv-complaint").fill(f"KN-{digits}")
    page.locator("#iv-reason").fill("giao hàng trễ")
    page.get_by_role("button", name="Phát phiếu").click()
    code = page.locator(".flash.ok").inner_text().split(": ", 1)[1].replace("-", "")
    voucher = admin_http.get(f"/v1/admin/vouchers/{code}").body["voucher"]
    assert (voucher["member_id"], voucher["complaint_reference"]) == (member_id, f"KN-{digits}")
    assert page.url.endswith(f"/members/{member_id}")  # the member's page, their voucher
    vouchers = admin_http.get(f"/v1/admin/members/{member_id}/vouchers").body["vouchers"]
    assert [v["code"] for v in vouchers] == [code]  # the refused one was never issued

    # Their delivery log asked by phone: the welcome their enrolment sent.
    def welcomed() -> bool:
        page.goto(f"{shop['url']}/deliveries?member=090{digits}")
        return page.locator("#delivery-log tbody tr", has_text="WELCOME").count() >= 1

    wait_for(welcomed, timeout=30, what="the welcome in the delivery log")
    page.goto(f"{shop['url']}/deliveries?member=0999000000")
    assert page.locator("#log-error").inner_text().startswith("member: ")
    context.close()


def _segment_of_two(suite, shop, admin_http) -> tuple[str, list[str]]:
    """A custom event segment two new members are in (each did the event at the shop's
    till), computed: only they are given what is given to it."""
    event, admin = f"gift_day_{shop['tag']}", typed(admin_http).admin
    defined = admin_http.request(
        "PUT",
        f"/v1/admin/custom-event-types/{event}",
        {
            "event_type": {"sources": ["CUSTOM_EVENT_SOURCE_PARTNER"], "enabled": True},
            "reason": "t",
        },
    )
    assert defined.status == 200, defined.body
    segment_id = admin.define_event_segment(
        {"segment": {"event_name": event, "min_count": 1, "days": 30}}
    )["segment"]["segment_id"]
    members = [enrol_at_shop(suite, shop, f"Ngày Quà {i} {shop['tag']}") for i in range(2)]
    till = Http(suite.gateway_url, {"X-API-Key": shop["till_key"]})
    for member_id in members:
        body = {"member_id": member_id, "name": event, "store_id": shop["store"]}
        assert till.post("/v1/partner/events", body, key=f"ev-{member_id}").status == 200

    def counted() -> bool:  # the events reach the members service on its stream
        admin.recompute_segments({})
        found = {s["segment_id"]: s["member_count"] for s in admin.list_segments()["segments"]}
        return int(found.get(segment_id, 0)) == 2

    wait_for(counted, timeout=60, what="the segment of the two members")
    return segment_id, members


def test_a_marketer_gives_every_member_of_a_segment_points_once_confirmed(
    suite, browser, shop, admin_http
):
    segment_id, members = _segment_of_two(suite, shop, admin_http)
    admin = typed(admin_http).admin

    def balances() -> list[int]:
        return [int(admin.get_balance(m)["balance"]["available"]) for m in members]

    before = balances()
    context, page = open_page(browser)
    sign_in(page, shop, "marketer")
    page.goto(f"{shop['url']}/sends")

    def give(member_id: str = "", confirm: bool = False) -> None:
        page.locator("#gift-member").fill(member_id)
        page.locator("#gift-segment").select_option(segment_id)
        page.locator("#gift-points").fill("75")
        page.locator("#gift-reason").fill("tri ân khách dự ngày hội")
        page.locator("#gift-confirm").set_checked(confirm)
        page.get_by_role("button", name="Tặng quà").click()

    # A member and a segment at once, or a segment without the confirmation: refused,
    # naming what is wrong, and nobody is given anything.
    give(member_id=members[0], confirm=True)
    assert "member_id / segment_id" in page.locator(".flash.error").inner_text()
    give()
    assert "đánh dấu ô xác nhận" in page.locator(".flash.error").inner_text()
    assert balances() == before
    give(confirm=True)
    assert "Đã tặng quà" in page.locator(".flash.ok").inner_text()
    assert page.locator("#gift-segment-link").inner_text() == segment_id
    # The page follows the grant by itself until every member is given the gift.
    wait_for(
        lambda: page.locator("#gift-state").inner_text() == "Đã xong",
        timeout=60,
        what="the grant to finish",
    )
    assert page.locator("#gift-granted").inner_text() == "2 / 2"
    screenshot(page, "gift-to-a-segment")
    assert balances() == [b + 75 for b in before]
    assert "gift.granted" in _activity_of(suite, shop, "marketer")
    context.close()


def test_a_viewer_sees_bulk_sends_but_no_forms_and_a_forged_post_is_refused(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "viewer")
    page.get_by_role("link", name="Gửi hàng loạt", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gửi tin hàng loạt"
    assert page.locator("main form").count() == 0
    token = page.locator("input[name=csrf_token]").first.input_value()
    forged = {
        "/sends": {"name": "x", "segment_id": "s", "message_type": "MESSAGE_TYPE_MARKETING"},
        "/gifts": {"member_id": shop["member_id"], "points": "100", "reason": "x"},
        "/gifts/voucher": {"member_id": shop["member_id"], "reward_id": "r", "reason": "x"},
        f"/sends/{uuid.uuid4().hex}/cancel": {"reason": "x", "confirm": "yes"},
    }
    for path, form in forged.items():
        answer = page.request.post(
            shop["url"] + path, form={"csrf_token": token, **form}, max_redirects=0
        )
        assert answer.status == 403 and "marketer" in answer.text(), path
    page.goto(shop["url"] + "/sends")
    page.locator("#language").select_option("en")
    page.locator("#language + button").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bulk sends"
    context.close()
