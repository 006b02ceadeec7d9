"""Partners, stores and till API keys in the console, in a real browser against the whole
suite: an admin registers a partner and a store, creates a till key whose secret is shown
once (the key then works against the gateway), and revokes it (then the gateway refuses
it); a viewer reads partners and stores but is offered no form to change them, nor keys."""

from __future__ import annotations

from tests.support.browser import screenshot
from tests.support.console import open_page, sign_in
from tests.support.gateway import Http
from tests.support.waiting import wait_for


def test_an_admin_registers_a_partner_and_a_store_and_gives_a_till_key_then_revokes_it(
    browser, shop, suite
):
    partner, store = f"bach-hoa-{shop['tag']}", f"bach-hoa-{shop['tag']}-q3"
    context, page = open_page(browser)
    sign_in(page, shop, "admin")
    page.get_by_role("link", name="Đối tác", exact=True).click()
    page.locator("#p-id").fill(partner)
    page.locator("#p-name").fill("Bách Hóa Xanh")
    page.locator("#new-partner button[type=submit]").click()
    assert page.locator("#partner-id").inner_text() == partner
    assert page.locator("#partner-name").inner_text() == "Bách Hóa Xanh"
    # A store; a store id already taken is refused, naming the field, and changes nothing.
    page.locator("#s-id").fill(store)
    page.locator("#s-name").fill("Quận 3")
    page.locator("#new-store button[type=submit]").click()
    assert "Quận 3" in page.locator(f"#store-{store}").inner_text()
    page.locator("#s-id").fill(shop["store"])
    page.locator("#s-name").fill("Taken")
    page.locator("#new-store button[type=submit]").click()
    assert page.locator(".flash.error").count() == 1
    assert page.locator("#stores tbody tr").count() == 1
    # A till key: its secret once, in the answer to its creation.
    page.locator("#k-name").fill("Quầy Q3")
    page.locator("#new-key button[type=submit]").click()
    secret = page.locator("#key-secret").input_value()
    assert secret.startswith("lsk_")
    till = Http(suite.gateway_url, {"X-API-Key": secret})
    stores = till.get("/v1/partner/stores")
    assert stores.status == 200, stores.body
    assert [s["store_id"] for s in stores.body["stores"]] == [store]
    page.reload()  # the page again: the key is listed, its secret never again
    assert page.locator("#key-secret").count() == 0
    assert secret not in page.content()
    key_id = secret.split("_")[1]
    row = page.locator(f"#key-{key_id}")
    assert "Quầy Q3" in row.inner_text()
    screenshot(page, "partners")
    # Revoking needs the confirmation ticked (the browser asks; the server checks too).
    row.locator("summary").click()
    row.locator("input[name=reason]").fill("máy bị mất")
    row.get_by_role("button", name="Thu hồi khóa").click()
    assert till.get("/v1/partner/stores").status == 200  # not submitted: unconfirmed
    row.locator("input[name=confirm]").check()
    row.get_by_role("button", name="Thu hồi khóa").click()
    assert "Đã thu hồi" in page.locator(f"#key-{key_id}").inner_text()
    # The console forgets the gateway's verified keys as the REST API's revocation does.
    wait_for(lambda: till.get("/v1/partner/stores").status == 401, what="the key refused")
    # Closing the store needs a reason too; then it shows closed.
    row = page.locator(f"#store-{store}")
    row.locator("summary").click()
    row.locator(f"#sr-{store}").fill("đóng cửa sửa chữa")
    row.get_by_role("button", name="Đóng cửa hàng").click()
    assert page.locator(f"#store-{store} .store-status").inner_text() == "Đã đóng"
    # Suspending the partner needs a reason, then it shows.
    page.locator("details:has(#edit-partner) > summary").click()
    page.locator("#e-status").select_option("suspended")
    page.locator("#e-reason").fill("hợp đồng tạm dừng")
    page.locator("#edit-partner button[type=submit]").click()
    assert page.locator("#partner-status").inner_text() == "Tạm ngưng"
    page.get_by_role("link", name="Nhật ký").click()
    log = page.locator("#activity").inner_text()
    actions = ("partner.created", "store.created", "store.updated", "partner.updated")
    for action in (*actions, "api_key.created", "api_key.revoked"):
        assert action in log
    assert secret.split("_", 2)[2] not in page.content()
    context.close()


def test_a_viewer_reads_partners_and_stores_but_changes_nothing(browser, shop):
    context, page = open_page(browser)
    sign_in(page, shop, "viewer")
    page.get_by_role("link", name="Đối tác", exact=True).click()
    assert page.locator("#partners tbody tr th a").count() >= 1
    assert page.locator("#new-partner").count() == 0
    page.goto(f"{shop['url']}/partners/{shop['partner']}")
    assert page.locator("#partner-id").inner_text() == shop["partner"]
    assert shop["store"] in page.locator("#stores").inner_text()
    for form in ("#edit-partner", "#new-store", "#new-key", "#keys", "form[action*='/stores/']"):
        assert page.locator(form).count() == 0, form
    context.close()
