"""Console sign-in tries are bounded per client address: the staff service locks one
account after five wrong passwords, but tries spread over many e-mails would each cost
the points service a slow scrypt check. The limit has a gateway of its own (the suite's
own gateway lets its tests sign in many times from one address)."""

from __future__ import annotations

import re

from gateway.app import create_app
from tests.support.gateway import an_address, settings_for

CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')


def test_a_client_address_gets_a_few_sign_in_tries_then_429_and_another_goes_on(suite):
    app = create_app(settings_for(suite, CONSOLE_SIGN_INS_PER_ADDRESS_10_MINUTES="3"))

    def tries(address: str, count: int) -> list[int]:
        browser = app.test_client()
        headers = {"X-Forwarded-For": address}
        form = browser.get("/console/sign-in", headers=headers)
        token = CSRF.search(form.data).group(1).decode()
        return [
            browser.post(
                "/console/sign-in",
                data={"csrf_token": token, "email": f"nobody{n}@sen.vn", "password": "wrong!"},
                headers=headers,
            )
            for n in range(count)
        ]

    address = an_address()
    answers = tries(address, 4)
    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert 0 < int(answers[-1].headers["Retry-After"]) <= 600
    assert "Quá nhiều lần đăng nhập từ địa chỉ này" in answers[-1].get_data(as_text=True)
    assert [a.status_code for a in tries(an_address(), 1)] == [401]
