"""The call centre finds a member by the number on their card and in their welcome
message (member_number), from the same index and lookup cache as the till's keys."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of
from loyalty.members.v1 import members_pb2
from tests.support.members import enrolment


def _find(members, number: str) -> members_pb2.Member:
    return members.stub.FindMember(members_pb2.FindMemberRequest(member_number=number)).member


def _refusal(members, number: str) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        _find(members, number)
    return raised.value


def test_a_member_is_found_by_their_member_number(members):
    lan = members.stub.EnrolMember(enrolment("e-1")).member
    hoa = members.stub.EnrolMember(
        enrolment("e-2", name="Trần Thị Hoa", phone="0933 111 222", email="hoa@example.vn")
    ).member
    assert lan.member_number != hoa.member_number
    assert _find(members, lan.member_number).member_id == lan.member_id
    assert _find(members, hoa.member_number).member_id == hoa.member_id
    # Asked again: served from the lookup cache, still the right member.
    assert _find(members, hoa.member_number).member_id == hoa.member_id


def test_an_unknown_member_number_finds_nobody(members):
    members.stub.EnrolMember(enrolment("e-1"))
    error = _refusal(members, "M999999999")
    assert error.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize("number", ["000000001", "M12", "m000000001", "M00000000x", " "])
def test_a_value_that_is_no_member_number_is_refused_naming_the_field(members, number):
    error = _refusal(members, number)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in details_of(error)[0]] == ["member_number"]


def test_an_erased_member_is_found_by_number_as_erased(members):
    member = members.stub.EnrolMember(enrolment("e-1")).member
    assert _find(members, member.member_number).status == members_pb2.MEMBER_STATUS_ACTIVE
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(
            member_id=member.member_id, actor="admin:dpo", reason="request"
        )
    )
    found = _find(members, member.member_number)
    assert (found.member_id, found.status, found.name) == (
        member.member_id,
        members_pb2.MEMBER_STATUS_ERASED,
        "",
    )
