"""The directory's lists: batches, the CRM listing, consent history, referrals, birthdays,
and a QR token that can be replaced."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import grpc
import pytest

from loyalty.common.v1 import common_pb2
from loyalty.members.v1 import members_pb2
from tests.support.members import enrolment
from tests.support.protos import timestamp


def _enrol(members, index: int, birthday: str, **extra) -> members_pb2.Member:
    request = enrolment(
        f"e-{index}",
        name=f"Member {index}",
        phone=f"0912 000 {index:03d}",
        email=f"m{index}@example.vn",
        birthday=birthday,
    )
    for name, value in extra.items():
        setattr(request, name, value)
    return members.stub.EnrolMember(request).member


def test_birthdays_by_day_and_month_with_the_leap_day_on_the_28th(members):
    leap = _enrol(members, 1, "1992-02-29")
    feb28 = _enrol(members, 2, "1990-02-28")
    _enrol(members, 3, "1985-03-01")

    def listed(**when):
        reply = members.stub.ListBirthdays(members_pb2.ListBirthdaysRequest(**when))
        return {m.member_id for m in reply.members}

    assert listed(date="2027-02-28") == {leap.member_id, feb28.member_id}
    assert listed(date="2028-02-28") == {feb28.member_id}
    assert listed(date="2028-02-29") == {leap.member_id}
    assert len(listed(month=2)) == 2
    with pytest.raises(grpc.RpcError) as raised:
        members.stub.ListBirthdays(members_pb2.ListBirthdaysRequest(month=13))
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_referrals_are_listed_for_the_referrer(members):
    referrer = _enrol(members, 1, "1990-01-01")
    _enrol(members, 2, "1990-01-02", referral_code=referrer.referral_code)
    reply = members.stub.ListReferrals(
        members_pb2.ListReferralsRequest(member_id=referrer.member_id)
    )
    assert [r.state for r in reply.referrals] == [members_pb2.REFERRAL_STATE_PENDING]
    assert reply.qualified_count == 0


def test_lists_page_through_every_member_once(members):
    enrolled = {_enrol(members, i, "1990-01-01").member_id for i in range(7)}
    seen, cursor = [], ""
    while True:
        page = members.stub.ListMembers(
            members_pb2.ListMembersRequest(page={"page_size": 3, "cursor": cursor})
        )
        seen += [m.member_id for m in page.members]
        if not (cursor := page.page_info.next_cursor):
            break
    assert sorted(seen) == sorted(enrolled)
    batch = members.stub.BatchGetMembers(
        members_pb2.BatchGetMembersRequest(member_ids=[seen[0], "nobody", seen[1]])
    )
    assert [m.member_id for m in batch.members] == seen[:2]


def test_consent_history_newest_first_and_a_new_qr_token(members):
    member = _enrol(members, 1, "1990-01-01")
    members.stub.UpdateConsents(
        members_pb2.UpdateConsentsRequest(
            member_id=member.member_id,
            source="app",
            consents=[members_pb2.ConsentInput(channel=common_pb2.CHANNEL_EMAIL, granted=False)],
        )
    )
    history = members.stub.ListConsentHistory(
        members_pb2.ListConsentHistoryRequest(member_id=member.member_id)
    ).records
    assert [(r.granted, r.source) for r in history] == [(False, "app"), (True, "pos:sen-hcm-q1")]
    rotated = members.stub.RotateQrToken(
        members_pb2.RotateQrTokenRequest(idempotency_key="q-1", member_id=member.member_id)
    )
    assert rotated.qr_token != member.qr_token
    again = members.stub.RotateQrToken(
        members_pb2.RotateQrTokenRequest(idempotency_key="q-1", member_id=member.member_id)
    )
    assert (again.qr_token, again.replayed) == (rotated.qr_token, True)
    with pytest.raises(grpc.RpcError) as raised:
        members.stub.FindMember(members_pb2.FindMemberRequest(qr_token=member.qr_token))
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


def test_a_birthday_is_the_date_in_the_members_own_time_zone(members):
    hanoi = _enrol(members, 1, "1990-03-15")
    london = _enrol(members, 2, "1990-03-15")
    members.stub.UpdateMember(
        members_pb2.UpdateMemberRequest(
            member_id=london.member_id,
            profile=members_pb2.MemberProfile(time_zone="Europe/London"),
            update_mask={"paths": ["time_zone"]},
            actor="member",
        )
    )
    # 18:00 UTC on 14 March is already the 15th in Vietnam (UTC+7), still the 14th in London.
    evening = datetime(2027, 3, 14, 18, 0, tzinfo=UTC)
    listed = members.stub.ListBirthdays(members_pb2.ListBirthdaysRequest(at=timestamp(evening)))
    assert [m.member_id for m in listed.members] == [hanoi.member_id]
    morning = datetime(2027, 3, 15, 10, 0, tzinfo=UTC)  # the 15th in both
    listed = members.stub.ListBirthdays(members_pb2.ListBirthdaysRequest(at=timestamp(morning)))
    assert sorted(m.member_id for m in listed.members) == sorted(
        [hanoi.member_id, london.member_id]
    )


def test_a_member_born_on_29_february_is_greeted_on_the_local_28th_in_other_years(members):
    leap = _enrol(members, 1, "1992-02-29")

    def greeted(year, month, day, hour, minute) -> bool:
        local = datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        at = timestamp(local.astimezone(UTC))
        listed = members.stub.ListBirthdays(members_pb2.ListBirthdaysRequest(at=at)).members
        return [m.member_id for m in listed] == [leap.member_id]

    # Frozen on purpose; 00:01 in Viet Nam is 17:01 UTC on the day before.
    assert greeted(2027, 2, 28, 0, 1)  # 27 February in UTC
    assert greeted(2027, 2, 28, 23, 59)
    assert not greeted(2027, 3, 1, 0, 1)  # still 28 February in UTC
    assert not greeted(2028, 2, 28, 23, 59)  # a leap year has the day itself
    assert greeted(2028, 2, 29, 0, 1)
