"""What a tier answer tells an app and the CRM team (issue #20): a programme without a
ladder is a normal answer, not a bad request; everything an admin sets on a ladder comes
back as set, or is refused naming the field."""

from __future__ import annotations

import copy

import grpc
from google.protobuf import json_format

from common.grpc_errors import details_of
from loyalty.members.v1 import tiers_pb2
from tests.support.members import LADDER, enrolment, set_ladder
from tests.support.refusals import refused


def _violations(error: grpc.RpcError) -> dict[str, str]:
    return {v.field: v.description for v in details_of(error)[0]}


def test_a_member_without_a_ladder_is_told_there_is_none_not_refused(members):
    member_id = members.stub.EnrolMember(enrolment("no-ladder")).member.member_id

    answer = members.tiers.GetMemberTier(tiers_pb2.GetMemberTierRequest(member_id=member_id))

    assert not answer.ladder_configured
    assert not answer.HasField("member_tier")
    set_ladder(members, LADDER, 0)
    placed = members.tiers.GetMemberTier(tiers_pb2.GetMemberTierRequest(member_id=member_id))
    assert placed.ladder_configured
    assert placed.member_tier.tier.code == "member"


def test_an_unknown_member_is_still_not_found_without_a_ladder(members):
    error = refused(members.tiers.GetMemberTier, tiers_pb2.GetMemberTierRequest(member_id="nobody"))
    assert error.code() == grpc.StatusCode.NOT_FOUND


def test_benefit_flags_and_who_set_the_ladder_come_back_as_set(members):
    ladder = copy.deepcopy(LADDER)
    ladder["tiers"][2]["benefits"]["flags"] = ["lounge_access", "birthday_gift_2x"]

    stored = set_ladder(members, ladder, 0)
    read = members.tiers.GetTierLadder(tiers_pb2.GetTierLadderRequest()).ladder

    for answer in (stored, read):
        assert list(answer.tiers[2].benefits.flags) == ["lounge_access", "birthday_gift_2x"]
        assert list(answer.tiers[0].benefits.flags) == []
        assert answer.updated_by == "admin:crm"
        assert answer.HasField("updated_at")
    assert read == stored


def test_flags_that_cannot_be_kept_as_given_are_refused_naming_each(members):
    ladder = copy.deepcopy(LADDER)
    ladder["tiers"][1]["benefits"]["flags"] = ["Lounge Access", "ok_flag", "ok_flag"]
    message = json_format.ParseDict(ladder, tiers_pb2.TierLadder())

    error = refused(
        members.tiers.SetTierLadder,
        tiers_pb2.SetTierLadderRequest(ladder=message, actor="admin:crm", reason="flags"),
    )
    checked = members.tiers.ValidateTierLadder(tiers_pb2.ValidateTierLadderRequest(ladder=message))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(_violations(error)) == {
        "ladder.tiers[1].benefits.flags[0]",
        "ladder.tiers[1].benefits.flags[2]",
    }
    assert not checked.valid
    assert {p.field for p in checked.problems} == set(_violations(error))
    assert not members.tiers.GetTierLadder(tiers_pb2.GetTierLadderRequest()).HasField("ladder")


def test_thresholds_the_measure_would_not_read_are_refused(members):
    spend = copy.deepcopy(LADDER)
    spend["measure"] = "QUALIFYING_MEASURE_SPEND"
    spend["currency"] = "VND"
    spend["tiers"][1]["thresholdSpend"] = {"amountMinor": "1000000", "currency": "USD"}
    spend["tiers"][2]["thresholdSpend"] = {"amountMinor": "5000000", "currency": "VND"}
    del spend["tiers"][2]["thresholdPoints"]  # tiers[1] keeps its threshold in points too

    error = refused(
        members.tiers.SetTierLadder,
        tiers_pb2.SetTierLadderRequest(
            ladder=json_format.ParseDict(spend, tiers_pb2.TierLadder()),
            actor="admin:crm",
            reason="spend",
        ),
    )

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(_violations(error)) == {
        "ladder.tiers[1].threshold_points",
        "ladder.tiers[1].threshold_spend.currency",
    }
