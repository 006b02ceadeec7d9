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

class Behaviour(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BEHAVIOUR_UNSPECIFIED: _ClassVar[Behaviour]
    BEHAVIOUR_NEW: _ClassVar[Behaviour]
    BEHAVIOUR_REGULAR: _ClassVar[Behaviour]
    BEHAVIOUR_OCCASIONAL: _ClassVar[Behaviour]
    BEHAVIOUR_LAPSED: _ClassVar[Behaviour]

class ValueBand(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VALUE_BAND_UNSPECIFIED: _ClassVar[ValueBand]
    VALUE_BAND_HIGH: _ClassVar[ValueBand]
    VALUE_BAND_LOW: _ClassVar[ValueBand]

class LifecycleStage(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LIFECYCLE_STAGE_UNSPECIFIED: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_ATTRACT: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_ESTABLISH: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_DEVELOP: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_MAINTAIN: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_CONSOLIDATE: _ClassVar[LifecycleStage]
    LIFECYCLE_STAGE_LOYAL: _ClassVar[LifecycleStage]

class SegmentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEGMENT_KIND_UNSPECIFIED: _ClassVar[SegmentKind]
    SEGMENT_KIND_BEHAVIOUR: _ClassVar[SegmentKind]
    SEGMENT_KIND_LOYAL: _ClassVar[SegmentKind]
    SEGMENT_KIND_VALUE: _ClassVar[SegmentKind]
    SEGMENT_KIND_LIFECYCLE: _ClassVar[SegmentKind]
    SEGMENT_KIND_RFM: _ClassVar[SegmentKind]
    SEGMENT_KIND_TIER: _ClassVar[SegmentKind]
    SEGMENT_KIND_FREQUENCY: _ClassVar[SegmentKind]
    SEGMENT_KIND_REFERRALS: _ClassVar[SegmentKind]
    SEGMENT_KIND_EVENT: _ClassVar[SegmentKind]
BEHAVIOUR_UNSPECIFIED: Behaviour
BEHAVIOUR_NEW: Behaviour
BEHAVIOUR_REGULAR: Behaviour
BEHAVIOUR_OCCASIONAL: Behaviour
BEHAVIOUR_LAPSED: Behaviour
VALUE_BAND_UNSPECIFIED: ValueBand
VALUE_BAND_HIGH: ValueBand
VALUE_BAND_LOW: ValueBand
LIFECYCLE_STAGE_UNSPECIFIED: LifecycleStage
LIFECYCLE_STAGE_ATTRACT: LifecycleStage
LIFECYCLE_STAGE_ESTABLISH: LifecycleStage
LIFECYCLE_STAGE_DEVELOP: LifecycleStage
LIFECYCLE_STAGE_MAINTAIN: LifecycleStage
LIFECYCLE_STAGE_CONSOLIDATE: LifecycleStage
LIFECYCLE_STAGE_LOYAL: LifecycleStage
SEGMENT_KIND_UNSPECIFIED: SegmentKind
SEGMENT_KIND_BEHAVIOUR: SegmentKind
SEGMENT_KIND_LOYAL: SegmentKind
SEGMENT_KIND_VALUE: SegmentKind
SEGMENT_KIND_LIFECYCLE: SegmentKind
SEGMENT_KIND_RFM: SegmentKind
SEGMENT_KIND_TIER: SegmentKind
SEGMENT_KIND_FREQUENCY: SegmentKind
SEGMENT_KIND_REFERRALS: SegmentKind
SEGMENT_KIND_EVENT: SegmentKind

class SegmentationParams(_message.Message):
    __slots__ = ("window_months", "new_days", "lapsed_days", "regular_min_purchases", "currency", "frequency_days", "frequency_regular_min", "frequency_frequent_min", "ambassador_min_referrals")
    WINDOW_MONTHS_FIELD_NUMBER: _ClassVar[int]
    NEW_DAYS_FIELD_NUMBER: _ClassVar[int]
    LAPSED_DAYS_FIELD_NUMBER: _ClassVar[int]
    REGULAR_MIN_PURCHASES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_DAYS_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_REGULAR_MIN_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FREQUENT_MIN_FIELD_NUMBER: _ClassVar[int]
    AMBASSADOR_MIN_REFERRALS_FIELD_NUMBER: _ClassVar[int]
    window_months: int
    new_days: int
    lapsed_days: int
    regular_min_purchases: int
    currency: str
    frequency_days: int
    frequency_regular_min: int
    frequency_frequent_min: int
    ambassador_min_referrals: int
    def __init__(self, window_months: _Optional[int] = ..., new_days: _Optional[int] = ..., lapsed_days: _Optional[int] = ..., regular_min_purchases: _Optional[int] = ..., currency: _Optional[str] = ..., frequency_days: _Optional[int] = ..., frequency_regular_min: _Optional[int] = ..., frequency_frequent_min: _Optional[int] = ..., ambassador_min_referrals: _Optional[int] = ...) -> None: ...

class RfmScores(_message.Message):
    __slots__ = ("recency_score", "frequency_score", "monetary_score", "recency_days", "frequency", "monetary")
    RECENCY_SCORE_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_SCORE_FIELD_NUMBER: _ClassVar[int]
    MONETARY_SCORE_FIELD_NUMBER: _ClassVar[int]
    RECENCY_DAYS_FIELD_NUMBER: _ClassVar[int]
    FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    MONETARY_FIELD_NUMBER: _ClassVar[int]
    recency_score: int
    frequency_score: int
    monetary_score: int
    recency_days: int
    frequency: int
    monetary: _common_pb2.Money
    def __init__(self, recency_score: _Optional[int] = ..., frequency_score: _Optional[int] = ..., monetary_score: _Optional[int] = ..., recency_days: _Optional[int] = ..., frequency: _Optional[int] = ..., monetary: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class MemberSegment(_message.Message):
    __slots__ = ("member_id", "rfm", "behaviour", "loyal", "value", "lifecycle_stage", "segment_ids", "purchases_total", "lifetime_spend", "computation_id", "computed_at", "recent_purchases", "referrals")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    RFM_FIELD_NUMBER: _ClassVar[int]
    BEHAVIOUR_FIELD_NUMBER: _ClassVar[int]
    LOYAL_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LIFECYCLE_STAGE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    PURCHASES_TOTAL_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_SPEND_FIELD_NUMBER: _ClassVar[int]
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    RECENT_PURCHASES_FIELD_NUMBER: _ClassVar[int]
    REFERRALS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    rfm: RfmScores
    behaviour: Behaviour
    loyal: bool
    value: ValueBand
    lifecycle_stage: LifecycleStage
    segment_ids: _containers.RepeatedScalarFieldContainer[str]
    purchases_total: int
    lifetime_spend: _common_pb2.Money
    computation_id: str
    computed_at: _timestamp_pb2.Timestamp
    recent_purchases: int
    referrals: int
    def __init__(self, member_id: _Optional[str] = ..., rfm: _Optional[_Union[RfmScores, _Mapping]] = ..., behaviour: _Optional[_Union[Behaviour, str]] = ..., loyal: _Optional[bool] = ..., value: _Optional[_Union[ValueBand, str]] = ..., lifecycle_stage: _Optional[_Union[LifecycleStage, str]] = ..., segment_ids: _Optional[_Iterable[str]] = ..., purchases_total: _Optional[int] = ..., lifetime_spend: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., computation_id: _Optional[str] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recent_purchases: _Optional[int] = ..., referrals: _Optional[int] = ...) -> None: ...

class Segment(_message.Message):
    __slots__ = ("segment_id", "kind", "name", "member_count")
    class NameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    segment_id: str
    kind: SegmentKind
    name: _containers.ScalarMap[str, str]
    member_count: int
    def __init__(self, segment_id: _Optional[str] = ..., kind: _Optional[_Union[SegmentKind, str]] = ..., name: _Optional[_Mapping[str, str]] = ..., member_count: _Optional[int] = ...) -> None: ...

class RecomputeSegmentsRequest(_message.Message):
    __slots__ = ("as_of", "params")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    params: SegmentationParams
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., params: _Optional[_Union[SegmentationParams, _Mapping]] = ...) -> None: ...

class RecomputeSegmentsResponse(_message.Message):
    __slots__ = ("computation_id", "members", "segments", "started_at", "finished_at")
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    computation_id: str
    members: int
    segments: _containers.RepeatedCompositeFieldContainer[Segment]
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, computation_id: _Optional[str] = ..., members: _Optional[int] = ..., segments: _Optional[_Iterable[_Union[Segment, _Mapping]]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetMemberSegmentRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetMemberSegmentResponse(_message.Message):
    __slots__ = ("member_segment",)
    MEMBER_SEGMENT_FIELD_NUMBER: _ClassVar[int]
    member_segment: MemberSegment
    def __init__(self, member_segment: _Optional[_Union[MemberSegment, _Mapping]] = ...) -> None: ...

class ListSegmentsRequest(_message.Message):
    __slots__ = ("kind",)
    KIND_FIELD_NUMBER: _ClassVar[int]
    kind: SegmentKind
    def __init__(self, kind: _Optional[_Union[SegmentKind, str]] = ...) -> None: ...

class ListSegmentsResponse(_message.Message):
    __slots__ = ("computation_id", "segments", "computed_at")
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    computation_id: str
    segments: _containers.RepeatedCompositeFieldContainer[Segment]
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, computation_id: _Optional[str] = ..., segments: _Optional[_Iterable[_Union[Segment, _Mapping]]] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListSegmentMembersRequest(_message.Message):
    __slots__ = ("segment_id", "computation_id", "page")
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    segment_id: str
    computation_id: str
    page: _common_pb2.PageRequest
    def __init__(self, segment_id: _Optional[str] = ..., computation_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListSegmentMembersResponse(_message.Message):
    __slots__ = ("computation_id", "member_ids", "total", "page_info")
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_IDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    computation_id: str
    member_ids: _containers.RepeatedScalarFieldContainer[str]
    total: int
    page_info: _common_pb2.PageInfo
    def __init__(self, computation_id: _Optional[str] = ..., member_ids: _Optional[_Iterable[str]] = ..., total: _Optional[int] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class TierShare(_message.Message):
    __slots__ = ("tier_code", "members", "share")
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    tier_code: str
    members: int
    share: float
    def __init__(self, tier_code: _Optional[str] = ..., members: _Optional[int] = ..., share: _Optional[float] = ...) -> None: ...

class Kpis(_message.Message):
    __slots__ = ("period_start", "period_end", "currency", "members_total", "new_members", "purchasing_members", "retention_rate", "repeat_purchase_rate", "purchase_frequency", "average_clv", "tier_distribution", "points_liability", "points_issued", "points_redeemed", "redemption_rate", "nps", "nps_responses", "nps_promoters", "nps_passives", "nps_detractors", "computed_at", "retention_base", "retained_members", "partner_id", "points_expired", "active_members", "points_liability_at_end", "liability_at_end_known", "liability_history_from")
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    NEW_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PURCHASING_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    RETENTION_RATE_FIELD_NUMBER: _ClassVar[int]
    REPEAT_PURCHASE_RATE_FIELD_NUMBER: _ClassVar[int]
    PURCHASE_FREQUENCY_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_CLV_FIELD_NUMBER: _ClassVar[int]
    TIER_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    POINTS_LIABILITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_ISSUED_FIELD_NUMBER: _ClassVar[int]
    POINTS_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_RATE_FIELD_NUMBER: _ClassVar[int]
    NPS_FIELD_NUMBER: _ClassVar[int]
    NPS_RESPONSES_FIELD_NUMBER: _ClassVar[int]
    NPS_PROMOTERS_FIELD_NUMBER: _ClassVar[int]
    NPS_PASSIVES_FIELD_NUMBER: _ClassVar[int]
    NPS_DETRACTORS_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    RETENTION_BASE_FIELD_NUMBER: _ClassVar[int]
    RETAINED_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    POINTS_LIABILITY_AT_END_FIELD_NUMBER: _ClassVar[int]
    LIABILITY_AT_END_KNOWN_FIELD_NUMBER: _ClassVar[int]
    LIABILITY_HISTORY_FROM_FIELD_NUMBER: _ClassVar[int]
    period_start: _timestamp_pb2.Timestamp
    period_end: _timestamp_pb2.Timestamp
    currency: str
    members_total: int
    new_members: int
    purchasing_members: int
    retention_rate: float
    repeat_purchase_rate: float
    purchase_frequency: float
    average_clv: _common_pb2.Money
    tier_distribution: _containers.RepeatedCompositeFieldContainer[TierShare]
    points_liability: int
    points_issued: int
    points_redeemed: int
    redemption_rate: float
    nps: float
    nps_responses: int
    nps_promoters: int
    nps_passives: int
    nps_detractors: int
    computed_at: _timestamp_pb2.Timestamp
    retention_base: int
    retained_members: int
    partner_id: str
    points_expired: int
    active_members: int
    points_liability_at_end: int
    liability_at_end_known: bool
    liability_history_from: _timestamp_pb2.Timestamp
    def __init__(self, period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., currency: _Optional[str] = ..., members_total: _Optional[int] = ..., new_members: _Optional[int] = ..., purchasing_members: _Optional[int] = ..., retention_rate: _Optional[float] = ..., repeat_purchase_rate: _Optional[float] = ..., purchase_frequency: _Optional[float] = ..., average_clv: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., tier_distribution: _Optional[_Iterable[_Union[TierShare, _Mapping]]] = ..., points_liability: _Optional[int] = ..., points_issued: _Optional[int] = ..., points_redeemed: _Optional[int] = ..., redemption_rate: _Optional[float] = ..., nps: _Optional[float] = ..., nps_responses: _Optional[int] = ..., nps_promoters: _Optional[int] = ..., nps_passives: _Optional[int] = ..., nps_detractors: _Optional[int] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., retention_base: _Optional[int] = ..., retained_members: _Optional[int] = ..., partner_id: _Optional[str] = ..., points_expired: _Optional[int] = ..., active_members: _Optional[int] = ..., points_liability_at_end: _Optional[int] = ..., liability_at_end_known: _Optional[bool] = ..., liability_history_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetKpisRequest(_message.Message):
    __slots__ = ("period_start", "period_end", "currency", "partner_id")
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    period_start: _timestamp_pb2.Timestamp
    period_end: _timestamp_pb2.Timestamp
    currency: str
    partner_id: str
    def __init__(self, period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., currency: _Optional[str] = ..., partner_id: _Optional[str] = ...) -> None: ...

class GetKpisResponse(_message.Message):
    __slots__ = ("kpis",)
    KPIS_FIELD_NUMBER: _ClassVar[int]
    kpis: Kpis
    def __init__(self, kpis: _Optional[_Union[Kpis, _Mapping]] = ...) -> None: ...

class GetKpisSeriesRequest(_message.Message):
    __slots__ = ("boundaries", "currency", "partner_id")
    BOUNDARIES_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    boundaries: _containers.RepeatedCompositeFieldContainer[_timestamp_pb2.Timestamp]
    currency: str
    partner_id: str
    def __init__(self, boundaries: _Optional[_Iterable[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]]] = ..., currency: _Optional[str] = ..., partner_id: _Optional[str] = ...) -> None: ...

class GetKpisSeriesResponse(_message.Message):
    __slots__ = ("kpis",)
    KPIS_FIELD_NUMBER: _ClassVar[int]
    kpis: _containers.RepeatedCompositeFieldContainer[Kpis]
    def __init__(self, kpis: _Optional[_Iterable[_Union[Kpis, _Mapping]]] = ...) -> None: ...

class RecordNpsAnswerRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "score", "comment", "answered_at", "survey")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_AT_FIELD_NUMBER: _ClassVar[int]
    SURVEY_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    score: int
    comment: str
    answered_at: _timestamp_pb2.Timestamp
    survey: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ..., answered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., survey: _Optional[str] = ...) -> None: ...

class RecordNpsAnswerResponse(_message.Message):
    __slots__ = ("answer_id", "replayed")
    ANSWER_ID_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    answer_id: str
    replayed: bool
    def __init__(self, answer_id: _Optional[str] = ..., replayed: _Optional[bool] = ...) -> None: ...

class EventSegment(_message.Message):
    __slots__ = ("segment_id", "event_name", "min_count", "days", "display_name", "created_at", "created_by")
    class DisplayNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_COUNT_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    segment_id: str
    event_name: str
    min_count: int
    days: int
    display_name: _containers.ScalarMap[str, str]
    created_at: _timestamp_pb2.Timestamp
    created_by: str
    def __init__(self, segment_id: _Optional[str] = ..., event_name: _Optional[str] = ..., min_count: _Optional[int] = ..., days: _Optional[int] = ..., display_name: _Optional[_Mapping[str, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_by: _Optional[str] = ...) -> None: ...

class DefineEventSegmentRequest(_message.Message):
    __slots__ = ("segment", "actor")
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    segment: EventSegment
    actor: str
    def __init__(self, segment: _Optional[_Union[EventSegment, _Mapping]] = ..., actor: _Optional[str] = ...) -> None: ...

class DefineEventSegmentResponse(_message.Message):
    __slots__ = ("segment",)
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    segment: EventSegment
    def __init__(self, segment: _Optional[_Union[EventSegment, _Mapping]] = ...) -> None: ...

class ListEventSegmentsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListEventSegmentsResponse(_message.Message):
    __slots__ = ("segments",)
    SEGMENTS_FIELD_NUMBER: _ClassVar[int]
    segments: _containers.RepeatedCompositeFieldContainer[EventSegment]
    def __init__(self, segments: _Optional[_Iterable[_Union[EventSegment, _Mapping]]] = ...) -> None: ...

class DeleteEventSegmentRequest(_message.Message):
    __slots__ = ("segment_id", "actor")
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    segment_id: str
    actor: str
    def __init__(self, segment_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class DeleteEventSegmentResponse(_message.Message):
    __slots__ = ("segment",)
    SEGMENT_FIELD_NUMBER: _ClassVar[int]
    segment: EventSegment
    def __init__(self, segment: _Optional[_Union[EventSegment, _Mapping]] = ...) -> None: ...
