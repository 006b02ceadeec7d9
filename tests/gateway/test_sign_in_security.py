"""Sign-in against guessing and probing: a code's five tries hold under concurrent
guesses, codes are sent a few times per phone (a member's or not) and per client address,
and a wrong code and an unknown phone get one answer after the same work."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from common import stores
from common.settings import SettingsError
from gateway.app import create_app
from gateway.auth import Authenticator
from gateway.config import GatewaySettings
from gateway.downstream import Downstream
from gateway.errors import ApiError
from tests.support.gateway import an_address, enrol, send_code, settings_for

pytestmark = pytest.mark.suite
WRONG = {
    "error": {
        "code": "unauthenticated",
        "message": "the code is wrong or has expired",
        "fields": [],
    }
}


def a_phone() -> str:
    """A phone of this run only: the send counts live in Redis for a day."""
    number = secrets.randbelow(10**6)
    return f"0906 {number // 1000:03d} {number % 1000:03d}"


@pytest.fixture
def authenticator(suite):
    """The gateway's Authenticator in this process, on the suite's Redis and services."""
    downstream = Downstream(settings_for(suite))
    yield Authenticator(downstream, Recording.from_url(suite.redis_url), "not-a-secret", 900)
    downstream.close()


class Recording(redis.Redis):
    """A Redis client that notes the name of every command it sends."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[str] = []

    def execute_command(self, *args, **options):
        self.sent.append(args[0])
        return super().execute_command(*args, **options)


def test_concurrent_wrong_guesses_each_use_a_try_and_spend_the_code(
    suite, programme, authenticator, monkeypatch
):
    phone = a_phone()
    enrol(programme, f"{programme.partner}-q1", phone, name="Đoàn Văn Đoán")
    code = send_code(suite, programme, phone)
    digest = hashlib.sha256(code.encode()).hexdigest()
    compared = []
    compare = hmac.compare_digest
    monkeypatch.setattr(
        hmac, "compare_digest", lambda a, b: compared.append((a, b)) or compare(a, b)
    )

    def guess(n: int) -> int:
        try:
            authenticator.check_code(phone, f"{(int(code) + 1 + n) % 10**6:06d}")
        except ApiError as refused:
            return refused.status
        return 200

    with ThreadPoolExecutor(20) as pool:
        assert list(pool.map(guess, range(20))) == [401] * 20
    assert sum(digest in pair for pair in compared) == 5  # five tries, not one more
    late = programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": code})
    assert (late.status, late.body) == (401, WRONG)


def test_a_wrong_code_a_spent_one_and_an_unknown_phone_get_one_answer(suite, programme):
    phone = a_phone()
    enrol(programme, f"{programme.partner}-q1", phone, name="Lâm Thị Một")
    code = send_code(suite, programme, phone)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    answers = [
        programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": wrong}),
        programme.anonymous.post("/v1/auth/token", {"phone": a_phone(), "code": code}),
    ]
    for _ in range(4):
        programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": wrong})
    answers.append(programme.anonymous.post("/v1/auth/token", {"phone": phone, "code": code}))
    assert [(a.status, a.body) for a in answers] == [(401, WRONG)] * 3
    assert len({a.headers["WWW-Authenticate"] for a in answers}) == 1


def test_a_wrong_code_and_an_unknown_phone_do_the_same_work(
    suite, programme, authenticator, monkeypatch
):
    phone = a_phone()
    enrol(programme, f"{programme.partner}-q1", phone, name="Quách Văn Hai")
    code = send_code(suite, programme, phone)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    compared = []
    compare = hmac.compare_digest
    monkeypatch.setattr(
        hmac, "compare_digest", lambda a, b: compared.append(len(a)) or compare(a, b)
    )

    def work(phone: str) -> tuple[list[str], list[int], tuple]:
        authenticator.store.sent.clear()
        compared.clear()
        with pytest.raises(ApiError) as refused:
            authenticator.check_code(phone, wrong)
        error = refused.value
        answer = (error.status, error.body(), error.headers)
        return list(authenticator.store.sent), list(compared), answer

    work(a_phone())  # the scripts loaded into this client first, like any first call
    member, stranger = work(phone), work(a_phone())
    assert member == stranger
    assert member[:2] == (["EVALSHA"], [64])  # one round trip, one comparison of digests


def test_codes_are_sent_a_few_times_per_phone_member_or_not(suite, programme):
    member = a_phone()
    enrol(programme, f"{programme.partner}-q1", member, name="Hứa Thị Ba")
    client = create_app(settings_for(suite)).test_client()
    address = an_address()

    def ask(phone: str):
        return client.post(
            "/v1/auth/code", json={"phone": phone}, headers={"X-Forwarded-For": address}
        )

    refusals = []
    for phone in (member, a_phone()):
        assert [ask(phone).status_code for _ in range(3)] == [202] * 3
        # The same phone written another way is the same phone.
        refused = ask("+84" + phone.lstrip("0").replace(" ", ""))
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 600
        refusals.append(refused.json)
    # Nothing tells the member's phone from the stranger's.
    assert refusals[0] == refusals[1]
    assert refusals[0]["error"]["code"] == "resource_exhausted"


def test_a_phone_gets_a_few_codes_a_day(suite):
    client = create_app(settings_for(suite, SIGN_IN_CODES_PER_PHONE_DAY="2")).test_client()
    phone, address = a_phone(), an_address()
    answers = [
        client.post("/v1/auth/code", json={"phone": phone}, headers={"X-Forwarded-For": address})
        for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert 600 < int(answers[-1].headers["Retry-After"]) <= 86400


def test_a_client_address_asks_for_a_few_codes_then_429(suite):
    settings = settings_for(suite, SIGN_IN_CODES_PER_ADDRESS_10_MINUTES="4")
    client = create_app(settings).test_client()
    address = an_address()

    def ask(address: str) -> int:
        return client.post(
            "/v1/auth/code", json={"phone": a_phone()}, headers={"X-Forwarded-For": address}
        ).status_code

    assert [ask(address) for _ in range(5)] == [202] * 4 + [429]
    assert ask(an_address()) == 202  # another client goes on


def test_send_counts_are_kept_without_phone_numbers(suite):
    phone = a_phone()
    client = create_app(settings_for(suite)).test_client()
    address = an_address()
    client.post("/v1/auth/code", json={"phone": phone}, headers={"X-Forwarded-For": address})
    keys = stores.connect_redis(suite.redis_url).keys("gateway:sends:*")
    assert keys and not any(phone.replace(" ", "")[1:].encode() in key for key in keys)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("SIGN_IN_CODES_PER_PHONE_10_MINUTES", "0"),
        ("SIGN_IN_CODES_PER_PHONE_DAY", "101"),
        ("SIGN_IN_CODES_PER_ADDRESS_10_MINUTES", "many"),
    ],
)
def test_the_send_limits_are_bounded(name, raw):
    with pytest.raises(SettingsError, match=name):
        GatewaySettings.from_env({name: raw})
