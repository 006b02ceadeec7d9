"""Member 360 in a real headless browser against the whole suite: support finds the shop's
member by part of the name typed without diacritics, sees consents, tier progress and the
welcome message, and sends it again, and a purchase's thank-you with its points (the same
SMS text again), but never a sign-in code; an admin erases a member only once the member's
name is typed exactly; a viewer sees no action and is refused one sent anyway.
The results list is docs/console/member-search.png."""

from __future__ import annotations

import uuid

from gateway.console.pages.vouchers import grouped
from tests.support.browser import screenshot
from tests.support.console import enrol_at_shop, open_page, sign_in, wcag_violations
from tests.support.gateway import ADMIN_KEY, Http, typed, voucher_reward
from tests.support.waiting import wait_for

# A ladder for a programme that has none yet (the gateway's tests set the same one).
LADDER = {
    "measure": "QUALIFYING_MEASURE_POINTS",
    "window": {"kind": "WINDOW_KIND_ROLLING_MONTHS", "months": 12},
    "tiers": [
        {"code": "member", "name": {"vi": "Thành viên", "en": "Member"}, "threshold_points": 0},
        {"code": "gold", "name": {"vi": "Vàng", "en": "Gold"}, "threshold_points": 5000},
    ],
    "downgrade": {
        "review_period_months": 12,
        "grace_period_days": 30,
        "mode": "DOWNGRADE_MODE_DROP_ONE_TIER",
    },
}


def _ladder(suite) -> None:
    admin = typed(Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})).admin
    if not admin.get_tier_ladder().get("ladder"):
        admin.set_tier_ladder({"ladder": LADDER, "expected_version": 0, "reason": "console tests"})


def _rows(page, table: str, text: str) -> int:
    return page.locator(f"#{table} tbody tr", has_text=text).count()


def _welcomes(page) -> int:
    page.reload()
    return _rows(page, "messages", "WELCOME")


def test_support_finds_a_member_by_name_sees_consents_tier_and_sends_the_welcome_again(
    suite, browser, shop
):
    _ladder(suite)
    # Two Hoas (at least): a list. The second gave consents at the till.
    namesake = enrol_at_shop(suite, shop, f"Trần Thị Hoa {shop['tag']}", sms=True, email=False)
    context, page = open_page(browser)
    sign_in(page, shop, "support")
    page.get_by_role("link", name="Hội viên").click()
    page.locator("#q").fill("tran thi HOA")
    page.locator("#q").press("Enter")
    found = page.locator("#found")
    assert found.locator(f"a[href$='/members/{shop['member_id']}']").count() == 1
    assert found.locator(f"a[href$='/members/{namesake}']").count() == 1
    assert "Trần Thị Hoa" in found.inner_text()
    screenshot(page, "member-search")
    found.locator(f"a[href$='/members/{shop['member_id']}']").click()
    assert page.locator("#member-name").inner_text() == "Trần Thị Hoa"
    assert page.locator("#member-id").inner_text() == shop["member_id"]
    # The tier and what the next one still needs.
    assert page.locator("#tier-name").inner_text() in ("Thành viên", "Vàng")
    assert page.locator("#tier-progress").count() + page.locator("#tier-top").count() == 1
    # The welcome the enrolment sent (asynchronously: the page is read again until it is
    # there), then the same message again: listed twice, and in the activity log.
    wait_for(lambda: _welcomes(page) >= 1, timeout=30, what="the welcome message")
    before = _rows(page, "messages", "WELCOME")
    page.locator("#messages tbody tr", has_text="WELCOME").first.get_by_role(
        "button", name="Gửi lại"
    ).click()
    assert "Đã gửi lại tin nhắn: WELCOME" in page.locator(".flash.ok").inner_text()
    assert _rows(page, "messages", "WELCOME") == before + 1
    # Support may not erase: the form is not offered.
    assert page.locator("#erase-confirm").count() == 0
    # One match goes straight to the member; their consents now, and how they came.
    page.locator("#q").fill(f"hoa {shop['tag']}")
    page.locator("#q").press("Enter")
    assert page.locator("#member-id").inner_text() == namesake
    sms = page.locator("#consents tbody tr", has_text="SMS").inner_text()
    assert "Có" in sms and f"pos:{shop['store']}" in sms
    assert "Không" in page.locator("#consents tbody tr", has_text="EMAIL").inner_text()
    assert _rows(page, "consent-history", f"pos:{shop['store']}") == 2
    context.close()


def test_support_sends_a_thank_you_again_with_the_points_it_was_sent_with(suite, browser, shop):
    """A thank-you's points came with the purchase: the service sends the message again
    with them (before, a resend was refused for the missing variable)."""
    context, page = open_page(browser)
    sign_in(page, shop, "support")
    page.goto(f"{shop['url']}/members/{shop['member_id']}")

    def thanks() -> int:
        page.reload()
        return _rows(page, "messages", "PURCHASE_THANK_YOU")

    before = wait_for(thanks, timeout=30, what="the purchases' thank-yous")
    row = page.locator("#messages tbody tr", has_text="PURCHASE_THANK_YOU").first
    original = row.get_attribute("data-message")
    row.get_by_role("button", name="Gửi lại").click()
    assert "Đã gửi lại tin nhắn: PURCHASE_THANK_YOU" in page.locator(".flash.ok").inner_text()
    assert _rows(page, "messages", "PURCHASE_THANK_YOU") == before + 1
    newest = page.locator("#messages tbody tr", has_text="PURCHASE_THANK_YOU").first
    again = newest.get_attribute("data-message")
    assert again != original
    # The same words reach the member's phone as the first time.

    def text_of(message_id: str) -> str:
        sent = suite.webhooks.received("/sms", 200)
        return next(
            (s["json"]["text"] for s in sent if s["json"]["delivery_id"].startswith(message_id)), ""
        )

    first = wait_for(lambda: text_of(original), timeout=30, what="the first thank-you's SMS")
    assert wait_for(lambda: text_of(again), timeout=30, what="the resent SMS") == first
    assert " điểm" in first
    context.close()


def test_support_sends_a_message_again_on_the_channels_ticked(suite, browser, shop):
    """A message that went out on SMS and to the inbox: sent again on the inbox alone, and
    never on none."""
    member_id = enrol_at_shop(suite, shop, f"Hai Kênh {shop['tag']}")
    admin_http = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    apology = {
        "message_type": "MESSAGE_TYPE_APOLOGY",
        "channels": ["CHANNEL_SMS", "CHANNEL_INBOX"],
        "variables": {"code": "XIN-LOI-50", "reward": "50.000 ₫", "valid_until": "2099-12-31"},
    }

    def send():  # refused until the enrolment event reaches the notifications service
        sent = admin_http.post(f"/v1/admin/members/{member_id}/messages", apology, key=member_id)
        return sent.body["message"]["message_id"] if sent.status == 201 else None

    original = wait_for(send, what="the apology accepted")

    def apologies() -> dict[str, set[str]]:
        listed = admin_http.get(f"/v1/admin/members/{member_id}/deliveries").body
        found: dict[str, set[str]] = {}
        for d in listed.get("deliveries", []):
            if d["message_type"] == "MESSAGE_TYPE_APOLOGY":
                found.setdefault(d["message_id"], set()).add(d["channel"])
        return found

    context, page = open_page(browser)
    sign_in(page, shop, "support")
    page.goto(f"{shop['url']}/members/{member_id}")
    form = page.locator(f"#messages tr[data-message='{original}'] form")
    assert sorted(form.locator("input[name=channel]").evaluate_all("i => i.map(x => x.value)")) == [
        "INBOX",
        "SMS",
    ]
    # Neither ticked: refused, naming the field; nothing sent.
    form.locator("input[value=SMS]").uncheck()
    form.locator("input[value=INBOX]").uncheck()
    form.get_by_role("button", name="Gửi lại").click()
    assert "channel:" in page.locator(".flash.error").inner_text()
    assert set(apologies()) == {original}
    # The inbox alone: one new message, on that channel only.
    form = page.locator(f"#messages tr[data-message='{original}'] form")
    form.locator("input[value=SMS]").uncheck()
    form.get_by_role("button", name="Gửi lại").click()
    assert "Đã gửi lại tin nhắn: APOLOGY" in page.locator(".flash.ok").inner_text()
    sent = apologies()
    assert len(sent) == 2 and sent[original] == {"CHANNEL_SMS", "CHANNEL_INBOX"}
    assert [channels for m, channels in sent.items() if m != original] == [{"CHANNEL_INBOX"}]
    context.close()


def test_a_sign_in_code_is_never_sent_again_from_the_console(suite, browser, shop):
    phone = "+8490" + str(uuid.uuid4().int)[:7]
    member_id = enrol_at_shop(suite, shop, f"Đỗ Mã {shop['tag']}", phone=phone)
    assert Http(suite.gateway_url).post("/v1/auth/code", {"phone": phone}).status == 202
    context, page = open_page(browser)
    sign_in(page, shop, "support")
    page.goto(f"{shop['url']}/members/{member_id}")

    def codes() -> int:
        page.reload()
        return _rows(page, "messages", "SIGN_IN_CODE")

    wait_for(codes, timeout=30, what="the sign-in code's delivery")
    row = page.locator("#messages tbody tr", has_text="SIGN_IN_CODE").first
    assert row.get_by_role("button").count() == 0  # not offered
    # Sent anyway, as a crafted form would: refused with the API's reason, nothing sent.
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    message_id = row.get_attribute("data-message")
    answer = page.request.post(
        f"{shop['url']}/members/{member_id}/messages/{message_id}/resend",
        form={"csrf_token": csrf, "key": uuid.uuid4().hex},
    )
    assert "staff cannot send sign-in codes" in answer.text()
    assert codes() == 1
    context.close()


def test_an_admin_erases_a_member_only_when_their_name_is_typed_exactly(suite, browser, shop):
    name = f"Lý Văn Xóa {shop['tag']}"
    member_id = enrol_at_shop(suite, shop, name)
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.goto(f"{shop['url']}/members?q=ly+van+xoa+{shop['tag']}")
    assert page.locator("#member-id").inner_text() == member_id
    assert page.locator("#erase-name").inner_text() == name
    # The name without its diacritics is not the name: refused, nothing erased.
    page.locator("#erase-confirm").fill(f"Ly Van Xoa {shop['tag']}")
    page.locator("#erase-reason").fill("Yêu cầu xóa dữ liệu (Nghị định 13)")
    page.get_by_role("button", name="Xóa dữ liệu cá nhân").click()
    assert "không khớp" in page.locator(".flash.error").inner_text()
    assert page.locator("#member-status").inner_text() == "ACTIVE"
    page.locator("#erase-confirm").fill(name)
    page.locator("#erase-reason").fill("Yêu cầu xóa dữ liệu (Nghị định 13)")
    page.get_by_role("button", name="Xóa dữ liệu cá nhân").click()
    assert "Đã xóa dữ liệu cá nhân" in page.locator(".flash.ok").inner_text()
    assert page.locator("#member-status").inner_text().startswith("ERASED")
    assert page.locator("#member-name").inner_text() == member_id  # no name any more
    assert page.locator("#erase-confirm").count() == 0  # nothing left to erase
    assert page.locator("#points").count() == 0 and page.locator("#block-reason").count() == 0
    # An erased member is found by no name, and the erasure is in the activity log.
    page.goto(f"{shop['url']}/members?q=ly+van+xoa+{shop['tag']}")
    assert "Không tìm thấy hội viên" in page.locator(".flash.error").inner_text()
    page.get_by_role("link", name="Nhật ký").click()
    log = page.locator("#activity").inner_text()
    assert "member.erased" in log and member_id in log and name not in log
    context.close()


def test_a_viewer_sees_the_member_but_no_action(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "viewer")
    page.goto(f"{shop['url']}/members/{shop['member_id']}")
    assert page.locator("#member-name").inner_text() == "Trần Thị Hoa"
    assert page.locator("#messages").count() == 1 and page.locator("#referrals").count() == 1
    for action in ("#points", "#block-reason", "#erase-confirm"):
        assert page.locator(action).count() == 0
    assert page.get_by_role("button", name="Gửi lại").count() == 0
    # An erasure sent anyway, with the right name, is refused for the role.
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    answer = page.request.post(
        f"{shop['url']}/members/{shop['member_id']}/erase",
        form={"csrf_token": csrf, "confirm": "Trần Thị Hoa", "reason": "thử"},
    )
    assert answer.status == 403 and "admin" in answer.text()
    page.reload()
    assert page.locator("#member-name").inner_text() == "Trần Thị Hoa"
    context.close()


def test_support_finds_a_member_by_member_number_and_sees_their_vouchers(suite, browser, shop):
    """The number the welcome SMS gives as the card's, typed as read out (any case), finds
    the member; a voucher issued to them is listed with its code as it is read out, its
    reward, why (the complaint it compensates), its state and expiry."""
    member_id = enrol_at_shop(suite, shop, f"Số Hội Viên {shop['tag']}")
    admin_http = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    number = admin_http.get(f"/v1/admin/members/{member_id}").body["member"]["member_number"]
    reward_id = voucher_reward(
        admin_http, f"Phiếu 360 {shop['tag']}", f"m360-{shop['tag']}", 30_000
    )
    issued = admin_http.post(
        "/v1/admin/vouchers",
        {
            "member_id": member_id,
            "reward_id": reward_id,
            "issue_reason": "VOUCHER_REASON_COMPENSATION",
            "complaint_reference": f"KN-{shop['tag']}",
            "reason": "giao hàng trễ",
        },
        key=f"m360-voucher-{shop['tag']}",
    )
    assert issued.status == 201, issued.body
    code = issued.body["voucher"]["code"]

    context, page = open_page(browser)
    sign_in(page, shop, "support")
    page.get_by_role("link", name="Hội viên").click()
    page.locator("#q").fill(number.lower())
    page.locator("#q").press("Enter")
    assert page.locator("#member-id").inner_text() == member_id
    listed = page.locator("#member-vouchers tbody tr")
    assert listed.count() == 1
    row = listed.first.inner_text()
    assert grouped(code) in row and "-" in grouped(code)
    for shown in (f"Phiếu 360 {shop['tag']}", "Bồi thường khiếu nại", f"KN-{shop['tag']}"):
        assert shown in row
    assert "Chưa dùng" in row  # unused, with an expiry
    assert listed.first.locator("td").nth(4).inner_text()
    assert not wcag_violations(page)
    screenshot(page, "member-vouchers")
    # Another member's number finds nobody: no member's page, the search says so.
    page.locator("#q").fill("M999999999")
    page.locator("#q").press("Enter")
    assert page.locator("#member-id").count() == 0
    context.close()
