import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class QualifyingMeasure(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    QUALIFYING_MEASURE_UNSPECIFIED: _ClassVar[QualifyingMeasure]
    QUALIFYING_MEASURE_POINTS: _ClassVar[QualifyingMeasure]
    QUALIFYING_MEASURE_SPEND: _ClassVar[QualifyingMeasure]

class WindowKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WINDOW_KIND_UNSPECIFIED: _ClassVar[WindowKind]
    WINDOW_KIND_ROLLING_MONTHS: _ClassVar[WindowKind]
    WINDOW_KIND_CALENDAR_YEAR: _ClassVar[WindowKind]

class DowngradeMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOWNGRADE_MODE_UNSPECIFIED: _ClassVar[DowngradeMode]
    DOWNGRADE_MODE_DROP_ONE_TIER: _ClassVar[DowngradeMode]
    DOWNGRADE_MODE_RECALCULATE: _ClassVar[DowngradeMode]

class TierChangeReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TIER_CHANGE_REASON_UNSPECIFIED: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_ENROLMENT: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_THRESHOLD_REACHED: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_REVIEW_DROP_ONE: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_REVIEW_RECALCULATED: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_MANUAL: _ClassVar[TierChangeReason]
    TIER_CHANGE_REASON_TIER_REMOVED: _ClassVar[TierChangeReason]
QUALIFYING_MEASURE_UNSPECIFIED: QualifyingMeasure
QUALIFYING_MEASURE_POINTS: QualifyingMeasure
QUALIFYING_MEASURE_SPEND: QualifyingMeasure
WINDOW_KIND_UNSPECIFIED: WindowKind
WINDOW_KIND_ROLLING_MONTHS: WindowKind
WINDOW_KIND_CALENDAR_YEAR: WindowKind
DOWNGRADE_MODE_UNSPECIFIED: DowngradeMode
DOWNGRADE_MODE_DROP_ONE_TIER: DowngradeMode
DOWNGRADE_MODE_RECALCULATE: DowngradeMode
TIER_CHANGE_REASON_UNSPECIFIED: TierChangeReason
TIER_CHANGE_REASON_ENROLMENT: TierChangeReason
TIER_CHANGE_REASON_THRESHOLD_REACHED: TierChangeReason
TIER_CHANGE_REASON_REVIEW_DROP_ONE: TierChangeReason
TIER_CHANGE_REASON_REVIEW_RECALCULATED: TierChangeReason
TIER_CHANGE_REASON_MANUAL: TierChangeReason
TIER_CHANGE_REASON_TIER_REMOVED: TierChangeReason

class TierBenefits(_message.Message):
    __slots__ = ("earn_multiplier_bp", "free_shipping", "priority_service", "exclusive_rewards", "flags")
    EARN_MULTIPLIER_BP_FIELD_NUMBER: _ClassVar[int]
    FREE_SHIPPING_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_SERVICE_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_REWARDS_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    earn_multiplier_bp: int
    free_shipping: bool
    priority_service: bool
    exclusive_rewards: bool
    flags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, earn_multiplier_bp: _Optional[int] = ..., free_shipping: _Optional[bool] = ..., priority_service: _Optional[bool] = ..., exclusive_rewards: _Optional[bool] = ..., flags: _Optional[_Iterable[str]] = ...) -> None: ...

class Tier(_message.Message):
    __slots__ = ("code", "name", "rank", "threshold_points", "threshold_spend", "benefits")
    class NameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_POINTS_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_SPEND_FIELD_NUMBER: _ClassVar[int]
    BENEFITS_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: _containers.ScalarMap[str, str]
    rank: int
    threshold_points: int
    threshold_spend: _common_pb2.Money
    benefits: TierBenefits
    def __init__(self, code: _Optional[str] = ..., name: _Optional[_Mapping[str, str]] = ..., rank: _Optional[int] = ..., threshold_points: _Optional[int] = ..., threshold_spend: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., benefits: _Optional[_Union[TierBenefits, _Mapping]] = ...) -> None: ...

class QualificationWindow(_message.Message):
    __slots__ = ("kind", "months")
    KIND_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    kind: WindowKind
    months: int
    def __init__(self, kind: _Optional[_Union[WindowKind, str]] = ..., months: _Optional[int] = ...) -> None: ...

class DowngradePolicy(_message.Message):
    __slots__ = ("review_period_months", "grace_period_days", "mode")
    REVIEW_PERIOD_MONTHS_FIELD_NUMBER: _ClassVar[int]
    GRACE_PERIOD_DAYS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    review_period_months: int
    grace_period_days: int
    mode: DowngradeMode
    def __init__(self, review_period_months: _Optional[int] = ..., grace_period_days: _Optional[int] = ..., mode: _Optional[_Union[DowngradeMode, str]] = ...) -> None: ...

class TierLadder(_message.Message):
    __slots__ = ("measure", "currency", "window", "tiers", "downgrade", "version", "updated_at", "updated_by")
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    TIERS_FIELD_NUMBER: _ClassVar[int]
    DOWNGRADE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    measure: QualifyingMeasure
    currency: str
    window: QualificationWindow
    tiers: _containers.RepeatedCompositeFieldContainer[Tier]
    downgrade: DowngradePolicy
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, measure: _Optional[_Union[QualifyingMeasure, str]] = ..., currency: _Optional[str] = ..., window: _Optional[_Union[QualificationWindow, _Mapping]] = ..., tiers: _Optional[_Iterable[_Union[Tier, _Mapping]]] = ..., downgrade: _Optional[_Union[DowngradePolicy, _Mapping]] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class LadderProblem(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class MemberTier(_message.Message):
    __slots__ = ("member_id", "tier", "qualifying_value", "window_start", "window_end", "next_tier", "remaining_to_next", "progress", "achieved_at", "next_review_at", "below_threshold", "grace_until", "ladder_version")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_VALUE_FIELD_NUMBER: _ClassVar[int]
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    NEXT_TIER_FIELD_NUMBER: _ClassVar[int]
    REMAINING_TO_NEXT_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    ACHIEVED_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_REVIEW_AT_FIELD_NUMBER: _ClassVar[int]
    BELOW_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    GRACE_UNTIL_FIELD_NUMBER: _ClassVar[int]
    LADDER_VERSION_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    tier: Tier
    qualifying_value: int
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    next_tier: Tier
    remaining_to_next: int
    progress: float
    achieved_at: _timestamp_pb2.Timestamp
    next_review_at: _timestamp_pb2.Timestamp
    below_threshold: bool
    grace_until: _timestamp_pb2.Timestamp
    ladder_version: int
    def __init__(self, member_id: _Optional[str] = ..., tier: _Optional[_Union[Tier, _Mapping]] = ..., qualifying_value: _Optional[int] = ..., window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_tier: _Optional[_Union[Tier, _Mapping]] = ..., remaining_to_next: _Optional[int] = ..., progress: _Optional[float] = ..., achieved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_review_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., below_threshold: _Optional[bool] = ..., grace_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ladder_version: _Optional[int] = ...) -> None: ...

class TierChange(_message.Message):
    __slots__ = ("tier_change_id", "member_id", "from_tier_code", "to_tier_code", "reason", "detail", "qualifying_value", "event_id", "actor", "ladder_version", "changed_at")
    TIER_CHANGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_VALUE_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    LADDER_VERSION_FIELD_NUMBER: _ClassVar[int]
    CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    tier_change_id: str
    member_id: str
    from_tier_code: str
    to_tier_code: str
    reason: TierChangeReason
    detail: str
    qualifying_value: int
    event_id: str
    actor: str
    ladder_version: int
    changed_at: _timestamp_pb2.Timestamp
    def __init__(self, tier_change_id: _Optional[str] = ..., member_id: _Optional[str] = ..., from_tier_code: _Optional[str] = ..., to_tier_code: _Optional[str] = ..., reason: _Optional[_Union[TierChangeReason, str]] = ..., detail: _Optional[str] = ..., qualifying_value: _Optional[int] = ..., event_id: _Optional[str] = ..., actor: _Optional[str] = ..., ladder_version: _Optional[int] = ..., changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetTierLadderRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTierLadderResponse(_message.Message):
    __slots__ = ("ladder",)
    LADDER_FIELD_NUMBER: _ClassVar[int]
    ladder: TierLadder
    def __init__(self, ladder: _Optional[_Union[TierLadder, _Mapping]] = ...) -> None: ...

class SetTierLadderRequest(_message.Message):
    __slots__ = ("ladder", "expected_version", "actor", "reason")
    LADDER_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ladder: TierLadder
    expected_version: int
    actor: str
    reason: str
    def __init__(self, ladder: _Optional[_Union[TierLadder, _Mapping]] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetTierLadderResponse(_message.Message):
    __slots__ = ("ladder",)
    LADDER_FIELD_NUMBER: _ClassVar[int]
    ladder: TierLadder
    def __init__(self, ladder: _Optional[_Union[TierLadder, _Mapping]] = ...) -> None: ...

class ValidateTierLadderRequest(_message.Message):
    __slots__ = ("ladder",)
    LADDER_FIELD_NUMBER: _ClassVar[int]
    ladder: TierLadder
    def __init__(self, ladder: _Optional[_Union[TierLadder, _Mapping]] = ...) -> None: ...

class ValidateTierLadderResponse(_message.Message):
    __slots__ = ("valid", "problems")
    VALID_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    problems: _containers.RepeatedCompositeFieldContainer[LadderProblem]
    def __init__(self, valid: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[LadderProblem, _Mapping]]] = ...) -> None: ...

class GetMemberTierRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetMemberTierResponse(_message.Message):
    __slots__ = ("member_tier", "ladder_configured")
    MEMBER_TIER_FIELD_NUMBER: _ClassVar[int]
    LADDER_CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    member_tier: MemberTier
    ladder_configured: bool
    def __init__(self, member_tier: _Optional[_Union[MemberTier, _Mapping]] = ..., ladder_configured: _Optional[bool] = ...) -> None: ...

class ListTierHistoryRequest(_message.Message):
    __slots__ = ("member_id", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTierHistoryResponse(_message.Message):
    __slots__ = ("changes", "page_info")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[TierChange]
    page_info: _common_pb2.PageInfo
    def __init__(self, changes: _Optional[_Iterable[_Union[TierChange, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class SetMemberTierRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "tier_code", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    tier_code: str
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., tier_code: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SetMemberTierResponse(_message.Message):
    __slots__ = ("member_tier", "change", "replayed")
    MEMBER_TIER_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    member_tier: MemberTier
    change: TierChange
    replayed: bool
    def __init__(self, member_tier: _Optional[_Union[MemberTier, _Mapping]] = ..., change: _Optional[_Union[TierChange, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class RunTierReviewRequest(_message.Message):
    __slots__ = ("as_of", "dry_run", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    dry_run: bool
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dry_run: _Optional[bool] = ..., limit: _Optional[int] = ...) -> None: ...

class RunTierReviewResponse(_message.Message):
    __slots__ = ("reviewed", "retained", "grace_started", "in_grace", "downgraded", "more")
    REVIEWED_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    GRACE_STARTED_FIELD_NUMBER: _ClassVar[int]
    IN_GRACE_FIELD_NUMBER: _ClassVar[int]
    DOWNGRADED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    reviewed: int
    retained: int
    grace_started: int
    in_grace: int
    downgraded: int
    more: bool
    def __init__(self, reviewed: _Optional[int] = ..., retained: _Optional[int] = ..., grace_started: _Optional[int] = ..., in_grace: _Optional[int] = ..., downgraded: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...
