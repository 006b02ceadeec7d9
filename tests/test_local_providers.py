"""The local message providers print what they receive for the developer: whom it went
to is masked, the text (a sign-in code) stays readable (issue #20)."""

from __future__ import annotations

import json
import smtplib
import urllib.request
from email.message import EmailMessage

from cli.local_providers import SmtpCatcher, WebhookCatcher, masked_address
from tests.support.waiting import wait_for


def test_an_sms_line_masks_the_phone_and_keeps_the_code():
    lines: list[str] = []
    with WebhookCatcher(lines.append) as provider:
        body = {
            "channel": "sms",
            "to": "+84912345678",
            "text": "Mã đăng nhập của bạn là 482913, có hiệu lực trong 5 phút.",
        }
        request = urllib.request.Request(
            provider.url("/sms"),
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as reply:
            assert reply.status == 200
        # The tests still read what was sent, whole.
        assert provider.received("/sms", 200)[0]["json"]["to"] == "+84912345678"

    assert lines == [
        "sms to +84 9** *** 678: Mã đăng nhập của bạn là 482913, có hiệu lực trong 5 phút."
    ]


def test_an_e_mail_line_masks_the_address_and_keeps_the_subject():
    lines: list[str] = []
    server = SmtpCatcher(lines.append)
    server.start()
    try:
        mail = EmailMessage()
        mail["From"] = "Sen Mart <loyalty@example.vn>"
        mail["To"] = "Nguyễn Thị Lan <lan.nguyen@example.vn>"
        mail["Subject"] = "Mã đăng nhập 482913"
        mail.set_content("482913")
        with smtplib.SMTP("127.0.0.1", server.port, timeout=5) as client:
            client.send_message(mail)
        wait_for(lambda: lines, what="the printed line")
    finally:
        server.stop()

    assert lines == ["e-mail to l***@example.vn: Mã đăng nhập 482913"]
    assert "lan.nguyen" not in lines[0]


def test_addresses_are_masked_as_support_would_read_them():
    assert masked_address("sms", "+84 912 345 678") == "+84 9** *** 678"
    assert masked_address("sms", "+14155552671") == "+14******671"
    assert masked_address("email", "duc@example.com") == "d***@example.com"
    assert masked_address("push", "66183e4782974f97bc2eeeae255e3967") == (
        "66183e4782974f97bc2eeeae255e3967"
    )
