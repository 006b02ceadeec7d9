"""Rules and rewards with the real members service: referral bonuses once and only after
the first purchase, birthday bonuses once a year, gifts to a segment, rewards for Gold
and up, and tiers the ladder does not know refused."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest

from common import events as bus
from common.grpc_errors import details_of
from loyalty.members.v1 import insights_pb2, tiers_pb2
from loyalty.points.v1 import ledger_pb2, rewards_pb2
from loyalty.points.v1 import rules_pb2 as pb
from tests.support.members import LADDER, enrolment, set_ladder
from tests.support.points import earn_request
from tests.support.protos import timestamp
from tests.support.waiting import group_caught_up, wait_for


@pytest.fixture
def linked(points, members):
    """The ledger asking this members service about tiers, segments and birthdays."""
    points.parts.members.retarget(members.address)
    return points


def bonus_rule(points, key: str, trigger: int, bonus: int, **fields) -> pb.BonusRule:
    return points.rules.CreateBonusRule(
        pb.CreateBonusRuleRequest(
            idempotency_key=key,
            rule=pb.BonusRule(name=key, trigger=trigger, enabled=True, points=bonus, **fields),
            actor="crm:mai",
            reason="programme",
        )
    ).rule


def enrol(members, points, key: str, **profile) -> str:
    member = members.stub.EnrolMember(enrolment(key, **profile)).member
    wait_for(lambda: points.store.load(member.member_id), what="the ledger account")
    return member.member_id


def bonuses(points, member_id: str) -> list[int]:
    entries = points.stub.ListEntries(ledger_pb2.ListEntriesRequest(member_id=member_id)).entries
    return [e.points for e in entries if e.type == ledger_pb2.ENTRY_TYPE_BONUS]


def test_a_referral_pays_both_members_once_and_only_after_the_first_purchase(
    linked, members, redis_client
):
    points = linked
    bonus_rule(points, "referrer", pb.BONUS_TRIGGER_REFERRAL_REFERRER, 100)
    bonus_rule(points, "referee", pb.BONUS_TRIGGER_REFERRAL_REFEREE, 50)
    referrer = members.stub.EnrolMember(enrolment("e-1")).member
    request = enrolment("e-2", name="Trần Văn Minh", phone="0987 654 321", email="minh@example.vn")
    request.referral_code = referrer.referral_code
    referee = members.stub.EnrolMember(request).member
    wait_for(lambda: points.store.load(referee.member_id), what="the referee's account")
    wait_for(lambda: points.store.load(referrer.member_id), what="the referrer's account")
    assert bonuses(points, referrer.member_id) == bonuses(points, referee.member_id) == []

    points.stub.Earn(earn_request(referee.member_id, "t-1"))
    wait_for(lambda: bonuses(points, referrer.member_id) == [100], what="the referrer's bonus")
    wait_for(lambda: bonuses(points, referee.member_id) == [50], what="the referee's bonus")
    # The first purchase's event delivered twice more, and a second purchase: nothing more.
    first = next(
        fields[b"envelope"]
        for _, fields in redis_client.xrange(bus.POINTS_STREAM)
        if bus.events_pb2.Envelope.FromString(fields[b"envelope"]).type == "points.earned"
    )
    bus.publish(redis_client, bus.POINTS_STREAM, [first, first])
    points.stub.Earn(earn_request(referee.member_id, "t-2"))
    # The second purchase's event on the stream before the groups are judged caught up
    # (its relay is woken, not waited for: they could be "caught up" without it).
    points.relay.drain()
    for stream, group in [
        (bus.POINTS_STREAM, "members"),
        (bus.POINTS_STREAM, "points-bonuses"),
        (bus.MEMBERS_STREAM, "points-bonuses"),
    ]:
        wait_for(lambda s=stream, g=group: group_caught_up(redis_client, s, g), what=group)
    members.relay.drain()
    wait_for(lambda: group_caught_up(redis_client, bus.MEMBERS_STREAM, "points-bonuses"))
    assert bonuses(points, referrer.member_id) == [100]
    assert bonuses(points, referee.member_id) == [50]
    assert points.balance(referrer.member_id).available == 100
    assert points.balance(referee.member_id).available == 50 + 100 + 100
    assert points.audit().clean


def test_birthday_bonuses_are_paid_once_a_year_with_their_voucher(linked, members):
    points = linked
    reward = points.rewards.CreateReward(
        rewards_pb2.CreateRewardRequest(
            idempotency_key="bday-reward",
            reward=rewards_pb2.Reward(
                name={"vi": "Giảm 20% sinh nhật"},
                type=rewards_pb2.REWARD_TYPE_PERCENTAGE_VOUCHER,
                status=rewards_pb2.REWARD_STATUS_ACTIVE,
                points_cost=1,
                percent_off_bp=2000,
                voucher_validity_days=31,
                unlimited_stock=True,
            ),
            actor="crm:mai",
            reason="birthdays",
        )
    ).reward
    bonus_rule(
        points, "birthday", pb.BONUS_TRIGGER_BIRTHDAY, 200, voucher_reward_id=reward.reward_id
    )
    march = enrol(members, points, "e-march", birthday="1992-03-14")
    enrol(
        members,
        points,
        "e-july",
        birthday="1990-07-01",
        phone="0912 000 002",
        email="july@example.vn",
    )
    run = pb.RunBirthdayBonusesRequest(as_of=timestamp(datetime(2026, 3, 2, 3, tzinfo=UTC)))

    first = points.rules.RunBirthdayBonuses(run)
    second = points.rules.RunBirthdayBonuses(run)

    assert (first.members_awarded, first.points_awarded, first.vouchers_issued) == (1, 200, 1)
    assert (second.points_awarded, second.vouchers_issued) == (0, 0)
    assert bonuses(points, march) == [200]
    vouchers = points.rewards.ListMemberVouchers(
        rewards_pb2.ListMemberVouchersRequest(member_id=march)
    ).vouchers
    assert [v.issue_reason for v in vouchers] == [rewards_pb2.VOUCHER_REASON_BIRTHDAY]


def test_a_gift_to_a_segment_reaches_each_member_once(linked, members):
    points = linked
    ids = [
        enrol(members, points, f"g-{n}", phone=f"0912 300 00{n}", email=f"g{n}@example.vn")
        for n in range(4)
    ]
    members.insights.RecomputeSegments(insights_pb2.RecomputeSegmentsRequest())
    grant = pb.GrantGiftRequest(
        idempotency_key="welcome-gift",
        segment_id="behaviour.new",
        points=25,
        actor="crm:mai",
        reason="opening week",
    )
    started = points.rules.GrantGift(grant).grant
    done = wait_for(
        lambda: (
            (
                g := points.rules.GetGiftGrant(
                    pb.GetGiftGrantRequest(grant_id=started.grant_id)
                ).grant
            ).state
            == pb.GIFT_GRANT_STATE_COMPLETED
            and g
        ),
        what="the grant completed",
    )
    assert (done.members_granted, done.members_skipped) == (4, 0)
    again = points.rules.GrantGift(grant)
    assert again.replayed
    for member_id in ids:
        assert bonuses(points, member_id) == [25]


def test_exclusive_rewards_are_for_gold_and_up_and_unknown_tiers_are_refused(linked, members):
    points = linked
    set_ladder(members, LADDER, 0)
    gold_only = points.rewards.CreateReward(
        rewards_pb2.CreateRewardRequest(
            idempotency_key="gold-lounge",
            reward=rewards_pb2.Reward(
                name={"vi": "Phòng chờ VIP"},
                type=rewards_pb2.REWARD_TYPE_GIFT,
                status=rewards_pb2.REWARD_STATUS_ACTIVE,
                points_cost=10,
                item_sku="lounge",
                voucher_validity_days=7,
                unlimited_stock=True,
                visibility=rewards_pb2.RewardVisibility(min_tier_code="gold"),
            ),
            actor="crm:mai",
            reason="vip",
        )
    ).reward
    member = enrol(members, points, "e-vip")
    members.tiers.SetMemberTier(
        tiers_pb2.SetMemberTierRequest(
            idempotency_key="t",
            member_id=member,
            tier_code="silver",
            actor="crm:mai",
            reason="test",
        )
    )
    plain = enrol(members, points, "e-plain", phone="0912 000 009", email="plain@example.vn")

    def sees(member_id: str) -> bool:
        listed = points.rewards.ListRewardsForMember(
            rewards_pb2.ListRewardsForMemberRequest(member_id=member_id)
        ).rewards
        return gold_only.reward_id in [r.reward.reward_id for r in listed]

    wait_for(lambda: points.store.load(member).tier_code == "silver", what="silver")
    assert not sees(plain)
    assert not sees(member)
    members.tiers.SetMemberTier(
        tiers_pb2.SetMemberTierRequest(
            idempotency_key="g", member_id=member, tier_code="gold", actor="crm:mai", reason="test"
        )
    )
    wait_for(lambda: points.store.load(member).tier_code == "gold", what="the tier change")
    assert sees(member)

    diamond = pb.CreateEarningRuleRequest(
        idempotency_key="diamond",
        rule=pb.EarningRule(
            name="x",
            kind=pb.EARNING_RULE_KIND_TIER_MULTIPLIER,
            stacking=pb.STACKING_MULTIPLY,
            scope=pb.RuleScope(tier_codes=["diamond"]),
        ),
        actor="crm:mai",
        reason="test",
    )
    with pytest.raises(grpc.RpcError) as refused:
        points.rules.CreateEarningRule(diamond)
    violations = details_of(refused.value)[0]
    assert [(v.field, v.description) for v in violations] == [
        ("rule.scope.tier_codes", "unknown tier code 'diamond'")
    ]


def test_a_new_ladder_reaches_the_rules_checks_at_once(linked, members):
    points = linked
    ladder = set_ladder(members, LADDER, 0)
    assert "diamond" not in points.parts.members.tier_codes()  # kept for 30 s from now
    diamond = {"code": "diamond", "name": {"vi": "Kim cương"}, "thresholdPoints": "20000"}
    set_ladder(members, {**LADDER, "tiers": [*LADDER["tiers"], diamond]}, ladder.version)
    # The ladder event makes the ledger forget its copy, well before the 30 s are over.
    wait_for(
        lambda: "diamond" in points.parts.members.tier_codes(),
        timeout=10,
        what="the new tier known to the points service",
    )


def test_a_birthday_bonus_lands_in_the_members_local_month_at_new_year(linked, members):
    """Frozen on purpose: the job runs at 23:59 on New Year's Eve and at 00:01 on New
    Year's Day in Viet Nam; in UTC both are 31 December."""
    points = linked
    bonus_rule(points, "birthday", pb.BONUS_TRIGGER_BIRTHDAY, 200)
    december = enrol(members, points, "e-dec", birthday="1990-12-20")
    january = enrol(
        members, points, "e-jan", birthday="1991-01-05", phone="0912 000 003", email="j@x.vn"
    )
    eve = datetime(2026, 12, 31, 16, 59, tzinfo=UTC)  # 23:59 on 31 December, local time
    new_year = datetime(2026, 12, 31, 17, 1, tzinfo=UTC)  # 00:01 on 1 January 2027

    at_eve = points.rules.RunBirthdayBonuses(pb.RunBirthdayBonusesRequest(as_of=timestamp(eve)))
    after = points.rules.RunBirthdayBonuses(pb.RunBirthdayBonusesRequest(as_of=timestamp(new_year)))

    # A job reading the UTC month would find December twice and pay January nobody.
    assert (at_eve.members_awarded, after.members_awarded) == (1, 1)
    assert (bonuses(points, december), bonuses(points, january)) == ([200], [200])
