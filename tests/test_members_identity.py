"""Members' identifiers: phones in E.164, e-mails, birthdays, card numbers with Luhn."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.grpc_client import open_channel
from loyalty.members.v1 import members_pb2, members_pb2_grpc
from services.members.directory.domain import identity


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("0912 345 678", "VN", "+84912345678"),
        ("0912.345.678", "VN", "+84912345678"),
        ("+84 912 345 678", "VN", "+84912345678"),
        ("(028) 3822 1234", "VN", "+842838221234"),
        ("+44 7911 123456", "VN", "+447911123456"),
        ("07911 123456", "GB", "+447911123456"),
    ],
)
def test_phones_are_stored_in_e164(raw, region, expected):
    assert identity.normalize_phone(raw, region) == expected


@pytest.mark.parametrize("raw", ["", "12", "0912 345", "not a phone", "+84 000 000 000"])
def test_malformed_phones_are_refused(raw):
    with pytest.raises(ValueError):
        identity.normalize_phone(raw)


def test_emails_are_lower_cased_and_checked():
    assert identity.normalize_email("Lan.Nguyen@Example.VN") == "lan.nguyen@example.vn"
    for raw in ("lan", "lan@", "@example.vn", "lan nguyen@example.vn"):
        with pytest.raises(ValueError):
            identity.normalize_email(raw)


def test_birthdays_must_be_real_past_dates():
    # Frozen on purpose: noon UTC on 23 November 2026, already the 24th in Kiribati (UTC+14).
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert identity.check_birthday("1992-02-29", now) == date(1992, 2, 29)
    assert identity.check_birthday("2026-11-24", now) == date(2026, 11, 24)
    for raw, why in [
        ("1993-02-29", "YYYY-MM-DD"),
        ("2026-11-25", "future"),
        ("1899-12-31", "1900"),
        ("14/03/1992", "YYYY-MM-DD"),
    ]:
        with pytest.raises(ValueError, match=why):
            identity.check_birthday(raw, now)


def test_a_known_card_number_passes_luhn():
    assert identity.is_card_number("4539578763621486")  # a published Luhn example
    assert not identity.is_card_number("4539578763621487")


@given(st.integers(min_value=0, max_value=10**11 - 1), st.integers(0, 15), st.integers(1, 9))
def test_card_numbers_carry_a_check_digit_that_catches_a_mistyped_digit(digits, at, delta):
    number = identity.card_number(digits)
    assert identity.is_card_number(number)
    assert number.startswith(identity.CARD_PREFIX)
    mistyped = number[:at] + str((int(number[at]) + delta) % 10) + number[at + 1 :]
    assert not identity.is_card_number(mistyped)


def test_new_card_numbers_are_drawn_at_random_and_the_sequential_ones_stay_valid():
    drawn = [identity.new_card_number() for _ in range(1000)]
    assert len(set(drawn)) == 1000
    assert all(identity.is_card_number(n) and n.startswith(identity.CARD_PREFIX) for n in drawn)
    assert not _adjacent(drawn)
    # What serial 42 was given before: still a card number (the till's check digit test).
    assert identity.is_card_number("9704000000000422")


@pytest.mark.suite
def test_enrolments_get_random_cards_and_a_sequential_card_is_still_found(suite):
    with open_channel(suite.grpc_address("members"), 10) as channel:
        _enrol_and_find_cards(members_pb2_grpc.MembersServiceStub(channel))


def _enrol_and_find_cards(stub) -> None:
    tag = uuid.uuid4().hex[:6]
    enrolled = [
        stub.EnrolMember(_enrolment(f"card-{tag}-{n}", f"0905 710 {n:03d}")).member
        for n in range(2)
    ]
    cards = [member.card_number for member in enrolled]
    assert all(identity.is_card_number(card) for card in cards)
    assert not _adjacent(cards)
    # A card numbered from a serial, as every card was before, is recognised at the till.
    old = identity.card_number(int(tag, 16))
    request = _enrolment(f"card-{tag}-old", "0905 710 099")
    request.card_number = old
    member_id = stub.EnrolMember(request).member.member_id
    found = stub.FindMember(members_pb2.FindMemberRequest(card_number=old)).member
    assert found.member_id == member_id


def _adjacent(cards: list[str]) -> bool:
    """Whether two of the cards carry consecutive digits (as serials gave them)."""
    carried = sorted(int(card[len(identity.CARD_PREFIX) : -1]) for card in cards)
    return any(b - a == 1 for a, b in itertools.pairwise(carried))


def _enrolment(key: str, phone: str) -> members_pb2.EnrolMemberRequest:
    return members_pb2.EnrolMemberRequest(
        idempotency_key=key,
        profile=members_pb2.MemberProfile(name="Trần Văn Thẻ", phone=phone, language="vi"),
        consent_source="pos:cards",
    )


def test_tokens_and_codes_are_unguessable_and_readable():
    tokens = {identity.new_qr_token() for _ in range(1000)}
    assert len(tokens) == 1000
    assert all(len(token) == 32 for token in tokens)
    code = identity.new_referral_code()
    assert len(code) == 8
    assert set(code) <= set(identity.REFERRAL_ALPHABET)
    assert identity.member_number(42) == "M000000042"
