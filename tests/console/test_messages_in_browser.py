"""The console's message areas in a real browser against the whole suite: a template
edited with its live vi/en preview (rendered by the notifications service as the staff
member types), the service's refusals shown beside the field, a save; then a message the
SMS provider refuses reaching the dead letters, and its webhook (a subscription whose
receiver fails) too, each sent again from the console and leaving the dead letters."""

from __future__ import annotations

import pytest

from tests.notifications.webhooks.receivers import Receiver
from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import ADMIN_KEY, Http, typed
from tests.support.waiting import wait_for

pytestmark = pytest.mark.suite

FINAL = {"DELIVERY_STATUS_SENT", "DELIVERY_STATUS_SUPPRESSED", "DELIVERY_STATUS_DEAD_LETTERED"}


def test_an_admin_edits_a_template_with_its_live_preview_and_saves_it(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.get_by_role("link", name="Mẫu tin nhắn").click()
    row = page.locator("#templates tbody tr").filter(has_text="WIN_BACK").filter(has_text="SMS")
    row.get_by_role("link").click()
    assert page.locator("#template-name").inner_text() == "WIN_BACK · SMS"
    assert "{name}" in page.locator("#variables").inner_text()
    before = page.locator("#edit-vi legend").inner_text()
    preview_for = page.get_by_label("Xem trước cho hội viên (điện thoại, số thẻ, e-mail hoặc mã)")
    # Nobody has this number: said in the preview's place.
    preview_for.fill("+84900000000")
    wait_for(lambda: page.locator("#preview-no-member").count() == 1, what="no member found")
    # The member by their phone number, as it is read out at the counter.
    preview_for.fill(shop["phone"])
    preview_for.press("Enter")  # saves nothing
    body = page.locator("#body_vi")
    # Typing changes the preview in place (htmx), rendered for the member: no page load.
    page.evaluate("window.__same_page = true")
    words = f"{{name}} ơi, Sen Mart nhớ bạn {shop['tag']}!"
    body.fill("")
    body.type(words)
    wait_for(
        lambda: (
            f"Trần Thị Hoa ơi, Sen Mart nhớ bạn {shop['tag']}!"
            in page.locator("#preview-vi").inner_text()
        ),
        what="the Vietnamese preview",
    )
    assert page.evaluate("window.__same_page") is True
    assert page.locator("#preview-en-body").inner_text()  # the English one beside it
    # A variable the type does not offer: the service's reason beside the language.
    body.type(" {khong_co}")
    wait_for(
        lambda: (
            "khong_co" in page.locator("#preview-vi").inner_text()
            and page.locator("#preview-vi-errors").count() == 1
        ),
        what="the unknown variable's refusal",
    )
    # Saving a text the SMS channel cannot carry is refused beside the field; nothing saved.
    body.fill("A" * 700)
    page.get_by_role("button", name="Lưu mẫu").click()
    assert page.locator("#body_vi-error").is_visible()
    assert page.locator("#body_vi").get_attribute("aria-invalid") == "true"
    assert page.locator("#edit-vi legend").inner_text() == before
    # A good text is saved as the next version and read back.
    page.locator("#body_vi").fill(words)
    page.get_by_role("button", name="Lưu mẫu").click()
    assert "Đã lưu mẫu" in page.locator(".flash.ok").inner_text()
    assert page.locator("#body_vi").input_value() == words
    assert page.locator("#edit-vi legend").inner_text() != before
    wait_for(
        lambda: f"Sen Mart nhớ bạn {shop['tag']}" in page.locator("#preview-vi").inner_text(),
        what="the preview after the save",
    )
    screenshot(page, "templates")
    # An e-mail template has a subject too, previewed in both languages.
    page.goto(f"{shop['url']}/templates/WIN_BACK/EMAIL?member={shop['member_id']}")
    wait_for(
        lambda: (
            page.locator("#preview-vi-subject").count() == 1
            and "Trần Thị Hoa" in page.locator("#preview-en-subject").inner_text()
        ),
        what="the e-mail's previewed subjects",
    )
    page.goto(shop["url"] + "/activity")
    assert "template.saved" in page.locator("#activity").inner_text()
    context.close()


def test_a_dead_letter_and_a_failed_webhook_are_sent_again_from_the_console(suite, browser, shop):
    admin_http = Http(suite.gateway_url, {"X-API-Key": ADMIN_KEY})
    admin = typed(admin_http).admin
    # A receiver for message.failed that fails its first call: with one attempt allowed,
    # that delivery is dead-lettered until replayed.
    with Receiver() as receiver:
        receiver.planned = [500]
        made = admin.create_subscription(
            {
                "url": receiver.url,
                "event_types": ["message.failed"],
                "description": f"console test {shop['tag']}",
                "policy": {"max_attempts": 1},
            }
        )
        receiver.secrets.append(made["secret"])
        subscription = made["subscription"]["subscription_id"]
        try:
            _dead_letters_sent_again(suite, browser, shop, admin, subscription, receiver)
        finally:
            admin_http.request("DELETE", f"/v1/admin/webhooks/subscriptions/{subscription}")


def _dead_letters_sent_again(suite, browser, shop, admin, subscription, receiver):
    member_id = shop["member_id"]
    # The member's earlier messages settle first, so the provider's refusal is this one's.
    wait_for(
        lambda: all(d["status"] in FINAL for d in admin.list_deliveries(member_id)["deliveries"]),
        what="the member's earlier messages to settle",
    )
    suite.webhooks.script("/sms", [400])  # a permanent refusal: dead-lettered at once
    sent = admin.send_message(
        member_id,
        {
            "message_type": "MESSAGE_TYPE_GENERIC",
            "category": "MESSAGE_CATEGORY_TRANSACTIONAL",
            "channels": ["CHANNEL_SMS"],
            "variables": {"title": "Thông báo", "text": f"Tin thử {shop['tag']}"},
        },
        idempotency_key=f"dead-{shop['tag']}",
    )
    delivery_id = sent["message"]["deliveries"][0]["delivery_id"]
    wait_for(
        lambda: _status(admin, member_id, delivery_id) == "DELIVERY_STATUS_DEAD_LETTERED",
        what="the dead letter",
    )

    # Support may send message dead letters again; webhooks stay an admin's.
    support_context, support = open_page(browser)
    sign_in(support, shop, "support")
    support.goto(shop["url"] + "/deliveries?channel=SMS")
    assert support.get_by_role("button", name="Gửi lại các tin đã chọn").count() == 1
    assert support.get_by_role("link", name="Webhook", exact=True).count() == 0
    support_context.close()

    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.get_by_role("link", name="Gửi tin", exact=True).click()
    page.get_by_label("Kênh", exact=True).select_option("SMS")
    page.get_by_role("button", name="Xem", exact=True).click()
    row = page.locator(f"#dead-letters tr[data-delivery='{delivery_id}']")
    assert "PROVIDER_REJECTED" in row.inner_text()
    assert shop["phone"] not in page.content()  # recipients masked, as the API gives them
    assert "****" in row.inner_text()
    screenshot(page, "deliveries")
    row.locator("input.pick").check()
    page.get_by_label("Lý do gửi lại (tùy chọn)").fill("nhà cung cấp đã sửa")
    page.get_by_role("button", name="Gửi lại các tin đã chọn").click()
    assert "Đã đưa lại vào hàng đợi: 1" in page.locator(".flash.ok").inner_text()
    wait_for(
        lambda: _status(admin, member_id, delivery_id) == "DELIVERY_STATUS_SENT",
        what="the retried message to be sent",
    )
    page.reload()
    assert page.locator(f"#dead-letters tr[data-delivery='{delivery_id}']").count() == 0
    page.get_by_label("Mã hội viên").fill(member_id)
    page.get_by_role("button", name="Xem", exact=True).click()
    assert "SENT" in page.locator("#delivery-log tbody tr").first.inner_text()

    # The webhook of the message's failure was refused once and dead-lettered.
    hook = f"{subscription}:"
    wait_for(
        lambda: any(
            d["delivery_id"].startswith(hook)
            for d in admin.list_webhook_dead_letters(subscription_id=subscription)["deliveries"]
        ),
        what="the webhook's dead letter",
    )
    page.get_by_role("link", name="Webhook", exact=True).click()
    hook_row = page.locator(f"#webhook-dead-letters tr[data-delivery^='{hook}']")
    assert "message.failed" in hook_row.inner_text()
    hook_row.locator("input.pick").check()
    page.get_by_role("button", name="Gửi lại các mục đã chọn").click()
    assert "Đã gửi lại: 1" in page.locator(".flash.ok").inner_text()
    wait_for(
        lambda: any(
            d["status"] == "WEBHOOK_DELIVERY_STATUS_DELIVERED"
            for d in admin.list_webhook_deliveries(subscription)["deliveries"]
        ),
        what="the replayed webhook to be delivered",
    )
    page.reload()
    assert page.locator(f"#webhook-dead-letters tr[data-delivery^='{hook}']").count() == 0
    assert receiver.accepted()[0].verified  # the replay signed as the first attempt
    page.locator("#subscriptions a", has_text=receiver.url).click()
    assert "DELIVERED" in page.locator("#webhook-deliveries").inner_text()
    page.goto(shop["url"] + "/activity")
    log = page.locator("#activity").inner_text()
    assert "dead_letters.retried" in log and "webhooks.replayed" in log
    context.close()


def test_a_viewer_sees_dead_letters_but_no_retry_and_no_webhooks(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "viewer")
    assert page.get_by_role("link", name="Gửi tin", exact=True).count() == 1
    assert page.get_by_role("link", name="Webhook", exact=True).count() == 0  # webhooks: admin's
    page.goto(shop["url"] + "/deliveries")
    assert page.get_by_role("button", name="Gửi lại các tin đã chọn").count() == 0
    answer = page.request.post(
        shop["url"] + "/deliveries/retry",
        form={
            "csrf_token": page.locator("input[name=csrf_token]").first.input_value(),
            "delivery_id": "forged",
        },
        max_redirects=0,
    )
    assert answer.status == 403 and "support" in answer.text()
    page.goto(shop["url"] + "/templates/WIN_BACK/SMS")
    assert page.get_by_role("button", name="Lưu mẫu").count() == 0  # admins change templates
    context.close()


def _status(admin, member_id: str, delivery_id: str) -> str:
    for delivery in admin.list_deliveries(member_id)["deliveries"]:
        if delivery["delivery_id"] == delivery_id:
            return delivery["status"]
    return ""
