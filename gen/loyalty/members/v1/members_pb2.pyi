import datetime

from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MemberStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MEMBER_STATUS_UNSPECIFIED: _ClassVar[MemberStatus]
    MEMBER_STATUS_ACTIVE: _ClassVar[MemberStatus]
    MEMBER_STATUS_BLOCKED: _ClassVar[MemberStatus]
    MEMBER_STATUS_ERASED: _ClassVar[MemberStatus]

class ReferralState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REFERRAL_STATE_UNSPECIFIED: _ClassVar[ReferralState]
    REFERRAL_STATE_PENDING: _ClassVar[ReferralState]
    REFERRAL_STATE_QUALIFIED: _ClassVar[ReferralState]
MEMBER_STATUS_UNSPECIFIED: MemberStatus
MEMBER_STATUS_ACTIVE: MemberStatus
MEMBER_STATUS_BLOCKED: MemberStatus
MEMBER_STATUS_ERASED: MemberStatus
REFERRAL_STATE_UNSPECIFIED: ReferralState
REFERRAL_STATE_PENDING: ReferralState
REFERRAL_STATE_QUALIFIED: ReferralState

class Consent(_message.Message):
    __slots__ = ("channel", "granted", "at", "source")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    granted: bool
    at: _timestamp_pb2.Timestamp
    source: str
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., granted: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[str] = ...) -> None: ...

class ConsentRecord(_message.Message):
    __slots__ = ("channel", "granted", "at", "source", "actor")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    granted: bool
    at: _timestamp_pb2.Timestamp
    source: str
    actor: str
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., granted: _Optional[bool] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class ConsentInput(_message.Message):
    __slots__ = ("channel", "granted")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    granted: bool
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., granted: _Optional[bool] = ...) -> None: ...

class MemberProfile(_message.Message):
    __slots__ = ("name", "phone", "email", "birthday", "language", "time_zone", "preferred_channels")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    BIRTHDAY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone: str
    email: str
    birthday: str
    language: str
    time_zone: str
    preferred_channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    def __init__(self, name: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ..., birthday: _Optional[str] = ..., language: _Optional[str] = ..., time_zone: _Optional[str] = ..., preferred_channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("member_id", "member_number", "card_number", "qr_token", "name", "phone", "email", "birthday", "language", "time_zone", "preferred_channels", "consents", "status", "tier_code", "referral_code", "referred_by", "enrolled_at", "updated_at", "enrolment_channel", "enrolment_partner_id", "enrolment_store_id", "blocked_reason", "blocked_at", "erased_at", "version")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    QR_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    BIRTHDAY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    CONSENTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_CODE_FIELD_NUMBER: _ClassVar[int]
    REFERRED_BY_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    ENROLMENT_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    ENROLMENT_PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    ENROLMENT_STORE_ID_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_REASON_FIELD_NUMBER: _ClassVar[int]
    BLOCKED_AT_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    member_number: str
    card_number: str
    qr_token: str
    name: str
    phone: str
    email: str
    birthday: str
    language: str
    time_zone: str
    preferred_channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    consents: _containers.RepeatedCompositeFieldContainer[Consent]
    status: MemberStatus
    tier_code: str
    referral_code: str
    referred_by: str
    enrolled_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    enrolment_channel: str
    enrolment_partner_id: str
    enrolment_store_id: str
    blocked_reason: str
    blocked_at: _timestamp_pb2.Timestamp
    erased_at: _timestamp_pb2.Timestamp
    version: int
    def __init__(self, member_id: _Optional[str] = ..., member_number: _Optional[str] = ..., card_number: _Optional[str] = ..., qr_token: _Optional[str] = ..., name: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ..., birthday: _Optional[str] = ..., language: _Optional[str] = ..., time_zone: _Optional[str] = ..., preferred_channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ..., consents: _Optional[_Iterable[_Union[Consent, _Mapping]]] = ..., status: _Optional[_Union[MemberStatus, str]] = ..., tier_code: _Optional[str] = ..., referral_code: _Optional[str] = ..., referred_by: _Optional[str] = ..., enrolled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enrolment_channel: _Optional[str] = ..., enrolment_partner_id: _Optional[str] = ..., enrolment_store_id: _Optional[str] = ..., blocked_reason: _Optional[str] = ..., blocked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., erased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class Referral(_message.Message):
    __slots__ = ("referral_id", "referrer_member_id", "referee_member_id", "referral_code", "state", "created_at", "qualified_at", "qualifying_transaction_id")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    REFERRER_MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REFEREE_MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_AT_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    referrer_member_id: str
    referee_member_id: str
    referral_code: str
    state: ReferralState
    created_at: _timestamp_pb2.Timestamp
    qualified_at: _timestamp_pb2.Timestamp
    qualifying_transaction_id: str
    def __init__(self, referral_id: _Optional[str] = ..., referrer_member_id: _Optional[str] = ..., referee_member_id: _Optional[str] = ..., referral_code: _Optional[str] = ..., state: _Optional[_Union[ReferralState, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., qualified_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., qualifying_transaction_id: _Optional[str] = ...) -> None: ...

class EnrolMemberRequest(_message.Message):
    __slots__ = ("idempotency_key", "profile", "phone_region", "consents", "consent_source", "referral_code", "card_number", "enrolment_channel", "partner_id", "store_id")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    PHONE_REGION_FIELD_NUMBER: _ClassVar[int]
    CONSENTS_FIELD_NUMBER: _ClassVar[int]
    CONSENT_SOURCE_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_CODE_FIELD_NUMBER: _ClassVar[int]
    CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ENROLMENT_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    profile: MemberProfile
    phone_region: str
    consents: _containers.RepeatedCompositeFieldContainer[ConsentInput]
    consent_source: str
    referral_code: str
    card_number: str
    enrolment_channel: str
    partner_id: str
    store_id: str
    def __init__(self, idempotency_key: _Optional[str] = ..., profile: _Optional[_Union[MemberProfile, _Mapping]] = ..., phone_region: _Optional[str] = ..., consents: _Optional[_Iterable[_Union[ConsentInput, _Mapping]]] = ..., consent_source: _Optional[str] = ..., referral_code: _Optional[str] = ..., card_number: _Optional[str] = ..., enrolment_channel: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class EnrolMemberResponse(_message.Message):
    __slots__ = ("member", "replayed")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    member: Member
    replayed: bool
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetMemberRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: Member
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ...) -> None: ...

class BatchGetMembersRequest(_message.Message):
    __slots__ = ("member_ids",)
    MEMBER_IDS_FIELD_NUMBER: _ClassVar[int]
    member_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, member_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class BatchGetMembersResponse(_message.Message):
    __slots__ = ("members",)
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[Member]
    def __init__(self, members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ...) -> None: ...

class FindMemberRequest(_message.Message):
    __slots__ = ("phone", "email", "card_number", "qr_token", "member_number", "phone_region")
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    CARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    QR_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MEMBER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PHONE_REGION_FIELD_NUMBER: _ClassVar[int]
    phone: str
    email: str
    card_number: str
    qr_token: str
    member_number: str
    phone_region: str
    def __init__(self, phone: _Optional[str] = ..., email: _Optional[str] = ..., card_number: _Optional[str] = ..., qr_token: _Optional[str] = ..., member_number: _Optional[str] = ..., phone_region: _Optional[str] = ...) -> None: ...

class FindMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: Member
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ...) -> None: ...

class ListMembersRequest(_message.Message):
    __slots__ = ("statuses", "tier_codes", "enrolled_from", "enrolled_to", "page", "name_query")
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    TIER_CODES_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_FROM_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_TO_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    NAME_QUERY_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[MemberStatus]
    tier_codes: _containers.RepeatedScalarFieldContainer[str]
    enrolled_from: _timestamp_pb2.Timestamp
    enrolled_to: _timestamp_pb2.Timestamp
    page: _common_pb2.PageRequest
    name_query: str
    def __init__(self, statuses: _Optional[_Iterable[_Union[MemberStatus, str]]] = ..., tier_codes: _Optional[_Iterable[str]] = ..., enrolled_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., enrolled_to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ..., name_query: _Optional[str] = ...) -> None: ...

class ListMembersResponse(_message.Message):
    __slots__ = ("members", "page_info")
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[Member]
    page_info: _common_pb2.PageInfo
    def __init__(self, members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class UpdateMemberRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "profile", "update_mask", "phone_region", "expected_version", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    PHONE_REGION_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    profile: MemberProfile
    update_mask: _field_mask_pb2.FieldMask
    phone_region: str
    expected_version: int
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., profile: _Optional[_Union[MemberProfile, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., phone_region: _Optional[str] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateMemberResponse(_message.Message):
    __slots__ = ("member", "replayed")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    member: Member
    replayed: bool
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class UpdateConsentsRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "consents", "source", "actor")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CONSENTS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    consents: _containers.RepeatedCompositeFieldContainer[ConsentInput]
    source: str
    actor: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., consents: _Optional[_Iterable[_Union[ConsentInput, _Mapping]]] = ..., source: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class UpdateConsentsResponse(_message.Message):
    __slots__ = ("member", "replayed")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    member: Member
    replayed: bool
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ListConsentHistoryRequest(_message.Message):
    __slots__ = ("member_id", "channel", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    channel: _common_pb2.Channel
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListConsentHistoryResponse(_message.Message):
    __slots__ = ("records", "page_info")
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[ConsentRecord]
    page_info: _common_pb2.PageInfo
    def __init__(self, records: _Optional[_Iterable[_Union[ConsentRecord, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class BlockMemberRequest(_message.Message):
    __slots__ = ("member_id", "actor", "reason")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    actor: str
    reason: str
    def __init__(self, member_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BlockMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: Member
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ...) -> None: ...

class UnblockMemberRequest(_message.Message):
    __slots__ = ("member_id", "actor", "reason")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    actor: str
    reason: str
    def __init__(self, member_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UnblockMemberResponse(_message.Message):
    __slots__ = ("member",)
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    member: Member
    def __init__(self, member: _Optional[_Union[Member, _Mapping]] = ...) -> None: ...

class EraseMemberRequest(_message.Message):
    __slots__ = ("member_id", "actor", "reason", "idempotency_key")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    actor: str
    reason: str
    idempotency_key: str
    def __init__(self, member_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class EraseMemberResponse(_message.Message):
    __slots__ = ("member_id", "erased_at", "replayed")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    erased_at: _timestamp_pb2.Timestamp
    replayed: bool
    def __init__(self, member_id: _Optional[str] = ..., erased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class RotateQrTokenRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ...) -> None: ...

class RotateQrTokenResponse(_message.Message):
    __slots__ = ("qr_token", "replayed")
    QR_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    qr_token: str
    replayed: bool
    def __init__(self, qr_token: _Optional[str] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ListReferralsRequest(_message.Message):
    __slots__ = ("member_id", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListReferralsResponse(_message.Message):
    __slots__ = ("referrals", "qualified_count", "page_info")
    REFERRALS_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    referrals: _containers.RepeatedCompositeFieldContainer[Referral]
    qualified_count: int
    page_info: _common_pb2.PageInfo
    def __init__(self, referrals: _Optional[_Iterable[_Union[Referral, _Mapping]]] = ..., qualified_count: _Optional[int] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ListBirthdaysRequest(_message.Message):
    __slots__ = ("date", "at", "month", "page")
    DATE_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    date: str
    at: _timestamp_pb2.Timestamp
    month: int
    page: _common_pb2.PageRequest
    def __init__(self, date: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., month: _Optional[int] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class BirthdayMember(_message.Message):
    __slots__ = ("member_id", "birthday", "time_zone", "language", "tier_code")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    BIRTHDAY_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    birthday: str
    time_zone: str
    language: str
    tier_code: str
    def __init__(self, member_id: _Optional[str] = ..., birthday: _Optional[str] = ..., time_zone: _Optional[str] = ..., language: _Optional[str] = ..., tier_code: _Optional[str] = ...) -> None: ...

class ListBirthdaysResponse(_message.Message):
    __slots__ = ("members", "page_info")
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[BirthdayMember]
    page_info: _common_pb2.PageInfo
    def __init__(self, members: _Optional[_Iterable[_Union[BirthdayMember, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...
