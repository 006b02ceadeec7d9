import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from loyalty.points.v1 import presence_pb2 as _presence_pb2
from loyalty.points.v1 import rules_pb2 as _rules_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EntryType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENTRY_TYPE_UNSPECIFIED: _ClassVar[EntryType]
    ENTRY_TYPE_EARN: _ClassVar[EntryType]
    ENTRY_TYPE_BONUS: _ClassVar[EntryType]
    ENTRY_TYPE_ACTIVATE: _ClassVar[EntryType]
    ENTRY_TYPE_REDEEM: _ClassVar[EntryType]
    ENTRY_TYPE_REFUND: _ClassVar[EntryType]
    ENTRY_TYPE_HOLD: _ClassVar[EntryType]
    ENTRY_TYPE_CAPTURE: _ClassVar[EntryType]
    ENTRY_TYPE_RELEASE: _ClassVar[EntryType]
    ENTRY_TYPE_HOLD_EXPIRE: _ClassVar[EntryType]
    ENTRY_TYPE_REVERSAL: _ClassVar[EntryType]
    ENTRY_TYPE_EXPIRE: _ClassVar[EntryType]
    ENTRY_TYPE_ADJUST: _ClassVar[EntryType]

class RedeemPurpose(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REDEEM_PURPOSE_UNSPECIFIED: _ClassVar[RedeemPurpose]
    REDEEM_PURPOSE_REWARD: _ClassVar[RedeemPurpose]
    REDEEM_PURPOSE_PAYMENT: _ClassVar[RedeemPurpose]

class LotSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOT_SOURCE_UNSPECIFIED: _ClassVar[LotSource]
    LOT_SOURCE_PURCHASE: _ClassVar[LotSource]
    LOT_SOURCE_BONUS: _ClassVar[LotSource]
    LOT_SOURCE_ADJUSTMENT: _ClassVar[LotSource]

class LotState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOT_STATE_UNSPECIFIED: _ClassVar[LotState]
    LOT_STATE_PENDING: _ClassVar[LotState]
    LOT_STATE_AVAILABLE: _ClassVar[LotState]
    LOT_STATE_SPENT: _ClassVar[LotState]
    LOT_STATE_EXPIRED: _ClassVar[LotState]
    LOT_STATE_REVERSED: _ClassVar[LotState]

class HoldState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HOLD_STATE_UNSPECIFIED: _ClassVar[HoldState]
    HOLD_STATE_HELD: _ClassVar[HoldState]
    HOLD_STATE_CAPTURED: _ClassVar[HoldState]
    HOLD_STATE_RELEASED: _ClassVar[HoldState]
    HOLD_STATE_EXPIRED: _ClassVar[HoldState]

class ExpiryRounding(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EXPIRY_ROUNDING_UNSPECIFIED: _ClassVar[ExpiryRounding]
    EXPIRY_ROUNDING_NONE: _ClassVar[ExpiryRounding]
    EXPIRY_ROUNDING_END_OF_DAY: _ClassVar[ExpiryRounding]
    EXPIRY_ROUNDING_END_OF_MONTH: _ClassVar[ExpiryRounding]

class ReturnPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RETURN_POLICY_UNSPECIFIED: _ClassVar[ReturnPolicy]
    RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL: _ClassVar[ReturnPolicy]
    RETURN_POLICY_ALLOW_NEGATIVE: _ClassVar[ReturnPolicy]
    RETURN_POLICY_ABSORB: _ClassVar[ReturnPolicy]
ENTRY_TYPE_UNSPECIFIED: EntryType
ENTRY_TYPE_EARN: EntryType
ENTRY_TYPE_BONUS: EntryType
ENTRY_TYPE_ACTIVATE: EntryType
ENTRY_TYPE_REDEEM: EntryType
ENTRY_TYPE_REFUND: EntryType
ENTRY_TYPE_HOLD: EntryType
ENTRY_TYPE_CAPTURE: EntryType
ENTRY_TYPE_RELEASE: EntryType
ENTRY_TYPE_HOLD_EXPIRE: EntryType
ENTRY_TYPE_REVERSAL: EntryType
ENTRY_TYPE_EXPIRE: EntryType
ENTRY_TYPE_ADJUST: EntryType
REDEEM_PURPOSE_UNSPECIFIED: RedeemPurpose
REDEEM_PURPOSE_REWARD: RedeemPurpose
REDEEM_PURPOSE_PAYMENT: RedeemPurpose
LOT_SOURCE_UNSPECIFIED: LotSource
LOT_SOURCE_PURCHASE: LotSource
LOT_SOURCE_BONUS: LotSource
LOT_SOURCE_ADJUSTMENT: LotSource
LOT_STATE_UNSPECIFIED: LotState
LOT_STATE_PENDING: LotState
LOT_STATE_AVAILABLE: LotState
LOT_STATE_SPENT: LotState
LOT_STATE_EXPIRED: LotState
LOT_STATE_REVERSED: LotState
HOLD_STATE_UNSPECIFIED: HoldState
HOLD_STATE_HELD: HoldState
HOLD_STATE_CAPTURED: HoldState
HOLD_STATE_RELEASED: HoldState
HOLD_STATE_EXPIRED: HoldState
EXPIRY_ROUNDING_UNSPECIFIED: ExpiryRounding
EXPIRY_ROUNDING_NONE: ExpiryRounding
EXPIRY_ROUNDING_END_OF_DAY: ExpiryRounding
EXPIRY_ROUNDING_END_OF_MONTH: ExpiryRounding
RETURN_POLICY_UNSPECIFIED: ReturnPolicy
RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL: ReturnPolicy
RETURN_POLICY_ALLOW_NEGATIVE: ReturnPolicy
RETURN_POLICY_ABSORB: ReturnPolicy

class Balance(_message.Message):
    __slots__ = ("member_id", "available", "pending", "held", "lifetime_earned", "lifetime_redeemed", "next_expiry_date", "next_expiry_at", "next_expiry_points", "expiring_soon_points", "expiring_soon_days", "shortfall", "version")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_EARNED_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    NEXT_EXPIRY_DATE_FIELD_NUMBER: _ClassVar[int]
    NEXT_EXPIRY_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_EXPIRY_POINTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_SOON_POINTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_SOON_DAYS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    available: int
    pending: int
    held: int
    lifetime_earned: int
    lifetime_redeemed: int
    next_expiry_date: str
    next_expiry_at: _timestamp_pb2.Timestamp
    next_expiry_points: int
    expiring_soon_points: int
    expiring_soon_days: int
    shortfall: int
    version: int
    def __init__(self, member_id: _Optional[str] = ..., available: _Optional[int] = ..., pending: _Optional[int] = ..., held: _Optional[int] = ..., lifetime_earned: _Optional[int] = ..., lifetime_redeemed: _Optional[int] = ..., next_expiry_date: _Optional[str] = ..., next_expiry_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_expiry_points: _Optional[int] = ..., expiring_soon_points: _Optional[int] = ..., expiring_soon_days: _Optional[int] = ..., shortfall: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class Entry(_message.Message):
    __slots__ = ("entry_id", "member_id", "type", "points", "available_delta", "pending_delta", "held_delta", "balance_after", "pending_after", "held_after", "partner_id", "store_id", "transaction_id", "reference", "reason", "actor", "lot_ids", "related_entry_id", "hold_id", "purpose", "amount", "shortfall_points", "occurred_at", "created_at")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_DELTA_FIELD_NUMBER: _ClassVar[int]
    PENDING_DELTA_FIELD_NUMBER: _ClassVar[int]
    HELD_DELTA_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    PENDING_AFTER_FIELD_NUMBER: _ClassVar[int]
    HELD_AFTER_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    LOT_IDS_FIELD_NUMBER: _ClassVar[int]
    RELATED_ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_POINTS_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    member_id: str
    type: EntryType
    points: int
    available_delta: int
    pending_delta: int
    held_delta: int
    balance_after: int
    pending_after: int
    held_after: int
    partner_id: str
    store_id: str
    transaction_id: str
    reference: str
    reason: str
    actor: str
    lot_ids: _containers.RepeatedScalarFieldContainer[str]
    related_entry_id: str
    hold_id: str
    purpose: RedeemPurpose
    amount: _common_pb2.Money
    shortfall_points: int
    occurred_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, entry_id: _Optional[str] = ..., member_id: _Optional[str] = ..., type: _Optional[_Union[EntryType, str]] = ..., points: _Optional[int] = ..., available_delta: _Optional[int] = ..., pending_delta: _Optional[int] = ..., held_delta: _Optional[int] = ..., balance_after: _Optional[int] = ..., pending_after: _Optional[int] = ..., held_after: _Optional[int] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., reference: _Optional[str] = ..., reason: _Optional[str] = ..., actor: _Optional[str] = ..., lot_ids: _Optional[_Iterable[str]] = ..., related_entry_id: _Optional[str] = ..., hold_id: _Optional[str] = ..., purpose: _Optional[_Union[RedeemPurpose, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., shortfall_points: _Optional[int] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Lot(_message.Message):
    __slots__ = ("lot_id", "member_id", "source", "state", "points", "remaining", "held", "spent", "expired", "reversed", "earned_at", "available_at", "expires_at", "expiry_date", "partner_id", "store_id", "transaction_id", "entry_id")
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    SPENT_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    EARNED_AT_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_DATE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    lot_id: str
    member_id: str
    source: LotSource
    state: LotState
    points: int
    remaining: int
    held: int
    spent: int
    expired: int
    reversed: int
    earned_at: _timestamp_pb2.Timestamp
    available_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    expiry_date: str
    partner_id: str
    store_id: str
    transaction_id: str
    entry_id: str
    def __init__(self, lot_id: _Optional[str] = ..., member_id: _Optional[str] = ..., source: _Optional[_Union[LotSource, str]] = ..., state: _Optional[_Union[LotState, str]] = ..., points: _Optional[int] = ..., remaining: _Optional[int] = ..., held: _Optional[int] = ..., spent: _Optional[int] = ..., expired: _Optional[int] = ..., reversed: _Optional[int] = ..., earned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expiry_date: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., entry_id: _Optional[str] = ...) -> None: ...

class Hold(_message.Message):
    __slots__ = ("hold_id", "member_id", "points", "captured_points", "state", "purpose", "partner_id", "store_id", "reference", "transaction_id", "created_at", "expires_at", "resolved_at")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    CAPTURED_POINTS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    member_id: str
    points: int
    captured_points: int
    state: HoldState
    purpose: RedeemPurpose
    partner_id: str
    store_id: str
    reference: str
    transaction_id: str
    created_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    resolved_at: _timestamp_pb2.Timestamp
    def __init__(self, hold_id: _Optional[str] = ..., member_id: _Optional[str] = ..., points: _Optional[int] = ..., captured_points: _Optional[int] = ..., state: _Optional[_Union[HoldState, str]] = ..., purpose: _Optional[_Union[RedeemPurpose, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., reference: _Optional[str] = ..., transaction_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class EarnRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "partner_id", "store_id", "transaction_id", "amount", "lines", "occurred_at", "language")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    amount: _common_pb2.Money
    lines: _containers.RepeatedCompositeFieldContainer[_rules_pb2.LineItem]
    occurred_at: _timestamp_pb2.Timestamp
    language: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[_rules_pb2.LineItem, _Mapping]]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ...) -> None: ...

class EarnResponse(_message.Message):
    __slots__ = ("entry", "points_awarded", "pending_points", "available_points", "available_at", "qualifying_points", "breakdown", "lot_id", "balance", "first_purchase", "replayed")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    POINTS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    PENDING_POINTS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_POINTS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    BREAKDOWN_FIELD_NUMBER: _ClassVar[int]
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    FIRST_PURCHASE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    entry: Entry
    points_awarded: int
    pending_points: int
    available_points: int
    available_at: _timestamp_pb2.Timestamp
    qualifying_points: int
    breakdown: _containers.RepeatedCompositeFieldContainer[_rules_pb2.RuleContribution]
    lot_id: str
    balance: Balance
    first_purchase: bool
    replayed: bool
    def __init__(self, entry: _Optional[_Union[Entry, _Mapping]] = ..., points_awarded: _Optional[int] = ..., pending_points: _Optional[int] = ..., available_points: _Optional[int] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., qualifying_points: _Optional[int] = ..., breakdown: _Optional[_Iterable[_Union[_rules_pb2.RuleContribution, _Mapping]]] = ..., lot_id: _Optional[str] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., first_purchase: _Optional[bool] = ..., replayed: _Optional[bool] = ...) -> None: ...

class RedeemRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "points", "purpose", "reference", "partner_id", "store_id", "presence")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    points: int
    purpose: RedeemPurpose
    reference: str
    partner_id: str
    store_id: str
    presence: _presence_pb2.PresenceProof
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., points: _Optional[int] = ..., purpose: _Optional[_Union[RedeemPurpose, str]] = ..., reference: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., presence: _Optional[_Union[_presence_pb2.PresenceProof, _Mapping]] = ...) -> None: ...

class RedeemResponse(_message.Message):
    __slots__ = ("entry", "balance", "replayed")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    entry: Entry
    balance: Balance
    replayed: bool
    def __init__(self, entry: _Optional[_Union[Entry, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class RefundRedemptionRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "redeem_entry_id", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REDEEM_ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    redeem_entry_id: str
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., redeem_entry_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RefundRedemptionResponse(_message.Message):
    __slots__ = ("entry", "balance", "replayed")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    entry: Entry
    balance: Balance
    replayed: bool
    def __init__(self, entry: _Optional[_Union[Entry, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class PlaceHoldRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "points", "purpose", "partner_id", "store_id", "reference", "ttl_seconds", "presence")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    points: int
    purpose: RedeemPurpose
    partner_id: str
    store_id: str
    reference: str
    ttl_seconds: int
    presence: _presence_pb2.PresenceProof
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., points: _Optional[int] = ..., purpose: _Optional[_Union[RedeemPurpose, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., reference: _Optional[str] = ..., ttl_seconds: _Optional[int] = ..., presence: _Optional[_Union[_presence_pb2.PresenceProof, _Mapping]] = ...) -> None: ...

class PlaceHoldResponse(_message.Message):
    __slots__ = ("hold", "entry", "balance", "replayed")
    HOLD_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    hold: Hold
    entry: Entry
    balance: Balance
    replayed: bool
    def __init__(self, hold: _Optional[_Union[Hold, _Mapping]] = ..., entry: _Optional[_Union[Entry, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class CaptureHoldRequest(_message.Message):
    __slots__ = ("idempotency_key", "hold_id", "partner_id", "points", "transaction_id")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    hold_id: str
    partner_id: str
    points: int
    transaction_id: str
    def __init__(self, idempotency_key: _Optional[str] = ..., hold_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., points: _Optional[int] = ..., transaction_id: _Optional[str] = ...) -> None: ...

class CaptureHoldResponse(_message.Message):
    __slots__ = ("hold", "entry", "released_points", "balance", "replayed")
    HOLD_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    RELEASED_POINTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    hold: Hold
    entry: Entry
    released_points: int
    balance: Balance
    replayed: bool
    def __init__(self, hold: _Optional[_Union[Hold, _Mapping]] = ..., entry: _Optional[_Union[Entry, _Mapping]] = ..., released_points: _Optional[int] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ReleaseHoldRequest(_message.Message):
    __slots__ = ("idempotency_key", "hold_id", "partner_id", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    hold_id: str
    partner_id: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., hold_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReleaseHoldResponse(_message.Message):
    __slots__ = ("hold", "entry", "balance", "replayed")
    HOLD_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    hold: Hold
    entry: Entry
    balance: Balance
    replayed: bool
    def __init__(self, hold: _Optional[_Union[Hold, _Mapping]] = ..., entry: _Optional[_Union[Entry, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetHoldRequest(_message.Message):
    __slots__ = ("hold_id", "partner_id")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    partner_id: str
    def __init__(self, hold_id: _Optional[str] = ..., partner_id: _Optional[str] = ...) -> None: ...

class GetHoldResponse(_message.Message):
    __slots__ = ("hold",)
    HOLD_FIELD_NUMBER: _ClassVar[int]
    hold: Hold
    def __init__(self, hold: _Optional[_Union[Hold, _Mapping]] = ...) -> None: ...

class ReturnLine(_message.Message):
    __slots__ = ("line_id", "quantity")
    LINE_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    line_id: str
    quantity: int
    def __init__(self, line_id: _Optional[str] = ..., quantity: _Optional[int] = ...) -> None: ...

class ReturnLines(_message.Message):
    __slots__ = ("lines",)
    LINES_FIELD_NUMBER: _ClassVar[int]
    lines: _containers.RepeatedCompositeFieldContainer[ReturnLine]
    def __init__(self, lines: _Optional[_Iterable[_Union[ReturnLine, _Mapping]]] = ...) -> None: ...

class ReturnRequest(_message.Message):
    __slots__ = ("idempotency_key", "partner_id", "store_id", "return_id", "original_transaction_id", "member_id", "full", "lines", "amount", "occurred_at")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    RETURN_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    FULL_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    partner_id: str
    store_id: str
    return_id: str
    original_transaction_id: str
    member_id: str
    full: bool
    lines: ReturnLines
    amount: _common_pb2.Money
    occurred_at: _timestamp_pb2.Timestamp
    def __init__(self, idempotency_key: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., return_id: _Optional[str] = ..., original_transaction_id: _Optional[str] = ..., member_id: _Optional[str] = ..., full: _Optional[bool] = ..., lines: _Optional[_Union[ReturnLines, _Mapping]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReturnResponse(_message.Message):
    __slots__ = ("entry", "points_to_reverse", "reversed_points", "shortfall_points", "qualifying_points_reversed", "returned_amount", "fully_returned", "balance", "replayed")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    POINTS_TO_REVERSE_FIELD_NUMBER: _ClassVar[int]
    REVERSED_POINTS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_REVERSED_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    FULLY_RETURNED_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    entry: Entry
    points_to_reverse: int
    reversed_points: int
    shortfall_points: int
    qualifying_points_reversed: int
    returned_amount: _common_pb2.Money
    fully_returned: bool
    balance: Balance
    replayed: bool
    def __init__(self, entry: _Optional[_Union[Entry, _Mapping]] = ..., points_to_reverse: _Optional[int] = ..., reversed_points: _Optional[int] = ..., shortfall_points: _Optional[int] = ..., qualifying_points_reversed: _Optional[int] = ..., returned_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fully_returned: _Optional[bool] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class AdjustRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "points", "expires_at", "counts_for_tier", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FOR_TIER_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    points: int
    expires_at: _timestamp_pb2.Timestamp
    counts_for_tier: bool
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., points: _Optional[int] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., counts_for_tier: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AdjustResponse(_message.Message):
    __slots__ = ("entry", "balance", "replayed")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    entry: Entry
    balance: Balance
    replayed: bool
    def __init__(self, entry: _Optional[_Union[Entry, _Mapping]] = ..., balance: _Optional[_Union[Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetBalanceRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetBalanceResponse(_message.Message):
    __slots__ = ("balance",)
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    balance: Balance
    def __init__(self, balance: _Optional[_Union[Balance, _Mapping]] = ...) -> None: ...

class ListEntriesRequest(_message.Message):
    __slots__ = ("member_id", "types", "created_from", "created_to", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    CREATED_FROM_FIELD_NUMBER: _ClassVar[int]
    CREATED_TO_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    types: _containers.RepeatedScalarFieldContainer[EntryType]
    created_from: _timestamp_pb2.Timestamp
    created_to: _timestamp_pb2.Timestamp
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., types: _Optional[_Iterable[_Union[EntryType, str]]] = ..., created_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_to: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListEntriesResponse(_message.Message):
    __slots__ = ("entries", "page_info")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[Entry]
    page_info: _common_pb2.PageInfo
    def __init__(self, entries: _Optional[_Iterable[_Union[Entry, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ListLotsRequest(_message.Message):
    __slots__ = ("member_id", "states", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    states: _containers.RepeatedScalarFieldContainer[LotState]
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., states: _Optional[_Iterable[_Union[LotState, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListLotsResponse(_message.Message):
    __slots__ = ("lots", "page_info")
    LOTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    lots: _containers.RepeatedCompositeFieldContainer[Lot]
    page_info: _common_pb2.PageInfo
    def __init__(self, lots: _Optional[_Iterable[_Union[Lot, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ListExpiringPointsRequest(_message.Message):
    __slots__ = ("window_start", "window_end", "min_points", "page")
    WINDOW_START_FIELD_NUMBER: _ClassVar[int]
    WINDOW_END_FIELD_NUMBER: _ClassVar[int]
    MIN_POINTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    window_start: _timestamp_pb2.Timestamp
    window_end: _timestamp_pb2.Timestamp
    min_points: int
    page: _common_pb2.PageRequest
    def __init__(self, window_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., window_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., min_points: _Optional[int] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ExpiringPoints(_message.Message):
    __slots__ = ("member_id", "expiry_date", "expires_at", "points")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_DATE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    expiry_date: str
    expires_at: _timestamp_pb2.Timestamp
    points: int
    def __init__(self, member_id: _Optional[str] = ..., expiry_date: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., points: _Optional[int] = ...) -> None: ...

class ListExpiringPointsResponse(_message.Message):
    __slots__ = ("items", "page_info")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ExpiringPoints]
    page_info: _common_pb2.PageInfo
    def __init__(self, items: _Optional[_Iterable[_Union[ExpiringPoints, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class RunExpiryRequest(_message.Message):
    __slots__ = ("as_of", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class RunExpiryResponse(_message.Message):
    __slots__ = ("lots_expired", "points_expired", "members_affected", "more")
    LOTS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    POINTS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_AFFECTED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    lots_expired: int
    points_expired: int
    members_affected: int
    more: bool
    def __init__(self, lots_expired: _Optional[int] = ..., points_expired: _Optional[int] = ..., members_affected: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...

class ActivatePendingRequest(_message.Message):
    __slots__ = ("as_of", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class ActivatePendingResponse(_message.Message):
    __slots__ = ("lots_activated", "points_activated", "members_affected", "more")
    LOTS_ACTIVATED_FIELD_NUMBER: _ClassVar[int]
    POINTS_ACTIVATED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_AFFECTED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    lots_activated: int
    points_activated: int
    members_affected: int
    more: bool
    def __init__(self, lots_activated: _Optional[int] = ..., points_activated: _Optional[int] = ..., members_affected: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...

class ExpireHoldsRequest(_message.Message):
    __slots__ = ("as_of", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class ExpireHoldsResponse(_message.Message):
    __slots__ = ("holds_expired", "points_released", "more")
    HOLDS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    POINTS_RELEASED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    holds_expired: int
    points_released: int
    more: bool
    def __init__(self, holds_expired: _Optional[int] = ..., points_released: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...

class ProgrammeTotals(_message.Message):
    __slots__ = ("issued", "available", "pending", "held", "redeemed", "expired", "reversed", "shortfall", "accounts")
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    REDEEMED_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    issued: int
    available: int
    pending: int
    held: int
    redeemed: int
    expired: int
    reversed: int
    shortfall: int
    accounts: int
    def __init__(self, issued: _Optional[int] = ..., available: _Optional[int] = ..., pending: _Optional[int] = ..., held: _Optional[int] = ..., redeemed: _Optional[int] = ..., expired: _Optional[int] = ..., reversed: _Optional[int] = ..., shortfall: _Optional[int] = ..., accounts: _Optional[int] = ...) -> None: ...

class Drift(_message.Message):
    __slots__ = ("member_id", "field", "expected", "actual")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_FIELD_NUMBER: _ClassVar[int]
    ACTUAL_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    field: str
    expected: int
    actual: int
    def __init__(self, member_id: _Optional[str] = ..., field: _Optional[str] = ..., expected: _Optional[int] = ..., actual: _Optional[int] = ...) -> None: ...

class AuditRequest(_message.Message):
    __slots__ = ("member_ids",)
    MEMBER_IDS_FIELD_NUMBER: _ClassVar[int]
    member_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, member_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class AuditResponse(_message.Message):
    __slots__ = ("accounts_checked", "totals", "drifts", "clean", "started_at", "finished_at")
    ACCOUNTS_CHECKED_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    DRIFTS_FIELD_NUMBER: _ClassVar[int]
    CLEAN_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    accounts_checked: int
    totals: ProgrammeTotals
    drifts: _containers.RepeatedCompositeFieldContainer[Drift]
    clean: bool
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, accounts_checked: _Optional[int] = ..., totals: _Optional[_Union[ProgrammeTotals, _Mapping]] = ..., drifts: _Optional[_Iterable[_Union[Drift, _Mapping]]] = ..., clean: _Optional[bool] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetSettlementRequest(_message.Message):
    __slots__ = ("partner_id", "period_start", "period_end")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    period_start: _timestamp_pb2.Timestamp
    period_end: _timestamp_pb2.Timestamp
    def __init__(self, partner_id: _Optional[str] = ..., period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PartnerSettlement(_message.Message):
    __slots__ = ("partner_id", "issued", "redeemed", "reversed", "expired", "purchases", "returns", "shortfall", "carried_negative")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    REDEEMED_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    PURCHASES_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_FIELD_NUMBER: _ClassVar[int]
    CARRIED_NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    issued: int
    redeemed: int
    reversed: int
    expired: int
    purchases: int
    returns: int
    shortfall: int
    carried_negative: int
    def __init__(self, partner_id: _Optional[str] = ..., issued: _Optional[int] = ..., redeemed: _Optional[int] = ..., reversed: _Optional[int] = ..., expired: _Optional[int] = ..., purchases: _Optional[int] = ..., returns: _Optional[int] = ..., shortfall: _Optional[int] = ..., carried_negative: _Optional[int] = ...) -> None: ...

class GetSettlementResponse(_message.Message):
    __slots__ = ("period_start", "period_end", "partners")
    PERIOD_START_FIELD_NUMBER: _ClassVar[int]
    PERIOD_END_FIELD_NUMBER: _ClassVar[int]
    PARTNERS_FIELD_NUMBER: _ClassVar[int]
    period_start: _timestamp_pb2.Timestamp
    period_end: _timestamp_pb2.Timestamp
    partners: _containers.RepeatedCompositeFieldContainer[PartnerSettlement]
    def __init__(self, period_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., period_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., partners: _Optional[_Iterable[_Union[PartnerSettlement, _Mapping]]] = ...) -> None: ...

class GetLiabilityRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetLiabilityResponse(_message.Message):
    __slots__ = ("available", "pending", "held", "total", "negative_balances", "members_with_points", "computed_at")
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    NEGATIVE_BALANCES_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_WITH_POINTS_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    available: int
    pending: int
    held: int
    total: int
    negative_balances: int
    members_with_points: int
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, available: _Optional[int] = ..., pending: _Optional[int] = ..., held: _Optional[int] = ..., total: _Optional[int] = ..., negative_balances: _Optional[int] = ..., members_with_points: _Optional[int] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ProgrammeSettings(_message.Message):
    __slots__ = ("time_zone", "base_rates", "pending_days", "expiry_months", "expiry_rounding", "return_policy", "hold_ttl_seconds", "expiring_soon_days", "version", "updated_at", "updated_by", "max_purchase_amount_minor", "max_adjustment_points", "max_earn_age_days", "presence_waived_below_points")
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    BASE_RATES_FIELD_NUMBER: _ClassVar[int]
    PENDING_DAYS_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_MONTHS_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_ROUNDING_FIELD_NUMBER: _ClassVar[int]
    RETURN_POLICY_FIELD_NUMBER: _ClassVar[int]
    HOLD_TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_SOON_DAYS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    MAX_PURCHASE_AMOUNT_MINOR_FIELD_NUMBER: _ClassVar[int]
    MAX_ADJUSTMENT_POINTS_FIELD_NUMBER: _ClassVar[int]
    MAX_EARN_AGE_DAYS_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_WAIVED_BELOW_POINTS_FIELD_NUMBER: _ClassVar[int]
    time_zone: str
    base_rates: _containers.RepeatedCompositeFieldContainer[_rules_pb2.BaseRate]
    pending_days: int
    expiry_months: int
    expiry_rounding: ExpiryRounding
    return_policy: ReturnPolicy
    hold_ttl_seconds: int
    expiring_soon_days: int
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    max_purchase_amount_minor: int
    max_adjustment_points: int
    max_earn_age_days: int
    presence_waived_below_points: int
    def __init__(self, time_zone: _Optional[str] = ..., base_rates: _Optional[_Iterable[_Union[_rules_pb2.BaseRate, _Mapping]]] = ..., pending_days: _Optional[int] = ..., expiry_months: _Optional[int] = ..., expiry_rounding: _Optional[_Union[ExpiryRounding, str]] = ..., return_policy: _Optional[_Union[ReturnPolicy, str]] = ..., hold_ttl_seconds: _Optional[int] = ..., expiring_soon_days: _Optional[int] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ..., max_purchase_amount_minor: _Optional[int] = ..., max_adjustment_points: _Optional[int] = ..., max_earn_age_days: _Optional[int] = ..., presence_waived_below_points: _Optional[int] = ...) -> None: ...

class GetProgrammeSettingsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetProgrammeSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: ProgrammeSettings
    def __init__(self, settings: _Optional[_Union[ProgrammeSettings, _Mapping]] = ...) -> None: ...

class UpdateProgrammeSettingsRequest(_message.Message):
    __slots__ = ("settings", "expected_version", "actor", "reason")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    settings: ProgrammeSettings
    expected_version: int
    actor: str
    reason: str
    def __init__(self, settings: _Optional[_Union[ProgrammeSettings, _Mapping]] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateProgrammeSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: ProgrammeSettings
    def __init__(self, settings: _Optional[_Union[ProgrammeSettings, _Mapping]] = ...) -> None: ...

class ImportedAccount(_message.Message):
    __slots__ = ("member_id", "member_version", "tier_code", "points", "expires_at", "idempotency_key", "earn_multiplier_bp")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    EARN_MULTIPLIER_BP_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    member_version: int
    tier_code: str
    points: int
    expires_at: _timestamp_pb2.Timestamp
    idempotency_key: str
    earn_multiplier_bp: int
    def __init__(self, member_id: _Optional[str] = ..., member_version: _Optional[int] = ..., tier_code: _Optional[str] = ..., points: _Optional[int] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., idempotency_key: _Optional[str] = ..., earn_multiplier_bp: _Optional[int] = ...) -> None: ...

class OpenImportedAccountsRequest(_message.Message):
    __slots__ = ("import_id", "accounts")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    accounts: _containers.RepeatedCompositeFieldContainer[ImportedAccount]
    def __init__(self, import_id: _Optional[str] = ..., accounts: _Optional[_Iterable[_Union[ImportedAccount, _Mapping]]] = ...) -> None: ...

class ImportedAccountOutcome(_message.Message):
    __slots__ = ("member_id", "applied", "replayed", "refused")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    REFUSED_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    applied: bool
    replayed: bool
    refused: str
    def __init__(self, member_id: _Optional[str] = ..., applied: _Optional[bool] = ..., replayed: _Optional[bool] = ..., refused: _Optional[str] = ...) -> None: ...

class OpenImportedAccountsResponse(_message.Message):
    __slots__ = ("outcomes",)
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    outcomes: _containers.RepeatedCompositeFieldContainer[ImportedAccountOutcome]
    def __init__(self, outcomes: _Optional[_Iterable[_Union[ImportedAccountOutcome, _Mapping]]] = ...) -> None: ...
