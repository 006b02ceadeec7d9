"""Finding members by name (ListMembers.name_query): as staff type it, without diacritics
or case, by the start of each word; a name changed is found by its new words only; an
erased member is never found; members stored before the search get their words at
migration; a query too long or without a word is refused, naming the field."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from loyalty.members.v1 import members_pb2
from tests.support.members import enrolment


def _enrol(members, index: int, name: str) -> str:
    request = enrolment(
        f"e-{index}", name=name, phone=f"0912 000 {index:03d}", email=f"m{index}@example.vn"
    )
    return members.stub.EnrolMember(request).member.member_id


def _named(members, query: str, **request) -> list[str]:
    reply = members.stub.ListMembers(members_pb2.ListMembersRequest(name_query=query, **request))
    return [m.member_id for m in reply.members]


def test_names_are_found_without_diacritics_or_case_by_the_start_of_each_word(members):
    hoa = _enrol(members, 1, "Trần Thị Hoa")
    duc = _enrol(members, 2, "ĐẶNG Văn Đức")
    hoang = _enrol(members, 3, "Lê Hoàng")
    assert _named(members, "hoa") == [hoang, hoa]  # newest first; "hoa" starts "hoàng"
    assert _named(members, "tran hoa") == [hoa]
    assert _named(members, "  TRẦN  thi ") == [hoa]
    assert _named(members, "dang duc") == [duc]
    assert _named(members, "đức") == [duc]
    assert _named(members, "oa") == []  # a word's middle is not its start
    assert _named(members, "tran duc") == []  # every word must match
    assert len(_named(members, "")) == 3  # no query: every member
    assert _named(members, "hoa", page={"page_size": 1}) == [hoang]


def test_a_renamed_member_is_found_by_the_new_name_and_an_erased_one_never(members):
    member = _enrol(members, 1, "Phạm Minh Tuấn")
    members.stub.UpdateMember(
        members_pb2.UpdateMemberRequest(
            idempotency_key="rename",
            member_id=member,
            profile=members_pb2.MemberProfile(name="Phạm Minh Khôi"),
            update_mask=FieldMask(paths=["name"]),
            actor="member",
        )
    )
    assert _named(members, "tuan") == []
    assert _named(members, "khoi") == [member]
    members.stub.EraseMember(
        members_pb2.EraseMemberRequest(member_id=member, actor="admin:dpo", reason="request")
    )
    erased = [members_pb2.MEMBER_STATUS_ERASED]
    assert _named(members, "khoi") == []
    assert _named(members, "khoi", statuses=erased) == []
    doc = members.parts.member_store.members.find_one({"_id": member})
    assert "name_words" not in doc and "name" not in doc


def test_members_stored_before_the_search_get_their_words_at_migration(members):
    member = _enrol(members, 1, "Võ Thị Sáu")
    store = members.parts.member_store
    store.members.update_one({"_id": member}, {"$unset": {"name_words": ""}})  # as stored then
    assert _named(members, "sau") == []
    assert store.add_name_words() == 1
    assert _named(members, "vo sau") == [member]
    assert store.add_name_words() == 0  # once


@pytest.mark.parametrize(
    ("query", "description"),
    [("x" * 101, "longer than 100 characters"), ("!?  -", "no letter or digit")],
)
def test_a_query_too_long_or_without_a_word_is_refused_naming_the_field(
    members, query, description
):
    _enrol(members, 1, "Trần Thị Hoa")
    with pytest.raises(grpc.RpcError) as raised:
        _named(members, query)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "name_query" in raised.value.details() and description in raised.value.details()
