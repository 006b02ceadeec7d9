import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from loyalty.points.v1 import presence_pb2 as _presence_pb2
from loyalty.points.v1 import ledger_pb2 as _ledger_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RewardType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REWARD_TYPE_UNSPECIFIED: _ClassVar[RewardType]
    REWARD_TYPE_PERCENTAGE_VOUCHER: _ClassVar[RewardType]
    REWARD_TYPE_FIXED_VOUCHER: _ClassVar[RewardType]
    REWARD_TYPE_FREE_ITEM: _ClassVar[RewardType]
    REWARD_TYPE_GIFT: _ClassVar[RewardType]
    REWARD_TYPE_EVENT_TICKET: _ClassVar[RewardType]
    REWARD_TYPE_POINTS_AS_PAYMENT: _ClassVar[RewardType]

class RewardStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REWARD_STATUS_UNSPECIFIED: _ClassVar[RewardStatus]
    REWARD_STATUS_DRAFT: _ClassVar[RewardStatus]
    REWARD_STATUS_ACTIVE: _ClassVar[RewardStatus]
    REWARD_STATUS_ARCHIVED: _ClassVar[RewardStatus]

class VoucherReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOUCHER_REASON_UNSPECIFIED: _ClassVar[VoucherReason]
    VOUCHER_REASON_REDEMPTION: _ClassVar[VoucherReason]
    VOUCHER_REASON_BIRTHDAY: _ClassVar[VoucherReason]
    VOUCHER_REASON_COMPENSATION: _ClassVar[VoucherReason]
    VOUCHER_REASON_GIFT: _ClassVar[VoucherReason]
    VOUCHER_REASON_BONUS: _ClassVar[VoucherReason]
    VOUCHER_REASON_IMPORT: _ClassVar[VoucherReason]
    VOUCHER_REASON_BATCH: _ClassVar[VoucherReason]

class VoucherState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOUCHER_STATE_UNSPECIFIED: _ClassVar[VoucherState]
    VOUCHER_STATE_ACTIVE: _ClassVar[VoucherState]
    VOUCHER_STATE_USED: _ClassVar[VoucherState]
    VOUCHER_STATE_EXPIRED: _ClassVar[VoucherState]
    VOUCHER_STATE_CANCELLED: _ClassVar[VoucherState]

class VoucherProblem(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOUCHER_PROBLEM_UNSPECIFIED: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_USED: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_EXPIRED: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_CANCELLED: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_WRONG_PARTNER: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_WRONG_MEMBER: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_BELOW_MIN_PURCHASE: _ClassVar[VoucherProblem]
    VOUCHER_PROBLEM_MEMBER_BLOCKED: _ClassVar[VoucherProblem]

class RedeemBlocker(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REDEEM_BLOCKER_UNSPECIFIED: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_INSUFFICIENT_POINTS: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_OUT_OF_STOCK: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_MEMBER_LIMIT_REACHED: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_NOT_AVAILABLE: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_NOT_VISIBLE: _ClassVar[RedeemBlocker]
    REDEEM_BLOCKER_MEMBER_BLOCKED: _ClassVar[RedeemBlocker]

class RedemptionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REDEMPTION_STATE_UNSPECIFIED: _ClassVar[RedemptionState]
    REDEMPTION_STATE_COMPLETED: _ClassVar[RedemptionState]
    REDEMPTION_STATE_CANCELLED: _ClassVar[RedemptionState]

class VoucherBatchState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    VOUCHER_BATCH_STATE_UNSPECIFIED: _ClassVar[VoucherBatchState]
    VOUCHER_BATCH_STATE_ACTIVE: _ClassVar[VoucherBatchState]
    VOUCHER_BATCH_STATE_VOID: _ClassVar[VoucherBatchState]
    VOUCHER_BATCH_STATE_GENERATING: _ClassVar[VoucherBatchState]
REWARD_TYPE_UNSPECIFIED: RewardType
REWARD_TYPE_PERCENTAGE_VOUCHER: RewardType
REWARD_TYPE_FIXED_VOUCHER: RewardType
REWARD_TYPE_FREE_ITEM: RewardType
REWARD_TYPE_GIFT: RewardType
REWARD_TYPE_EVENT_TICKET: RewardType
REWARD_TYPE_POINTS_AS_PAYMENT: RewardType
REWARD_STATUS_UNSPECIFIED: RewardStatus
REWARD_STATUS_DRAFT: RewardStatus
REWARD_STATUS_ACTIVE: RewardStatus
REWARD_STATUS_ARCHIVED: RewardStatus
VOUCHER_REASON_UNSPECIFIED: VoucherReason
VOUCHER_REASON_REDEMPTION: VoucherReason
VOUCHER_REASON_BIRTHDAY: VoucherReason
VOUCHER_REASON_COMPENSATION: VoucherReason
VOUCHER_REASON_GIFT: VoucherReason
VOUCHER_REASON_BONUS: VoucherReason
VOUCHER_REASON_IMPORT: VoucherReason
VOUCHER_REASON_BATCH: VoucherReason
VOUCHER_STATE_UNSPECIFIED: VoucherState
VOUCHER_STATE_ACTIVE: VoucherState
VOUCHER_STATE_USED: VoucherState
VOUCHER_STATE_EXPIRED: VoucherState
VOUCHER_STATE_CANCELLED: VoucherState
VOUCHER_PROBLEM_UNSPECIFIED: VoucherProblem
VOUCHER_PROBLEM_USED: VoucherProblem
VOUCHER_PROBLEM_EXPIRED: VoucherProblem
VOUCHER_PROBLEM_CANCELLED: VoucherProblem
VOUCHER_PROBLEM_WRONG_PARTNER: VoucherProblem
VOUCHER_PROBLEM_WRONG_MEMBER: VoucherProblem
VOUCHER_PROBLEM_BELOW_MIN_PURCHASE: VoucherProblem
VOUCHER_PROBLEM_MEMBER_BLOCKED: VoucherProblem
REDEEM_BLOCKER_UNSPECIFIED: RedeemBlocker
REDEEM_BLOCKER_INSUFFICIENT_POINTS: RedeemBlocker
REDEEM_BLOCKER_OUT_OF_STOCK: RedeemBlocker
REDEEM_BLOCKER_MEMBER_LIMIT_REACHED: RedeemBlocker
REDEEM_BLOCKER_NOT_AVAILABLE: RedeemBlocker
REDEEM_BLOCKER_NOT_VISIBLE: RedeemBlocker
REDEEM_BLOCKER_MEMBER_BLOCKED: RedeemBlocker
REDEMPTION_STATE_UNSPECIFIED: RedemptionState
REDEMPTION_STATE_COMPLETED: RedemptionState
REDEMPTION_STATE_CANCELLED: RedemptionState
VOUCHER_BATCH_STATE_UNSPECIFIED: VoucherBatchState
VOUCHER_BATCH_STATE_ACTIVE: VoucherBatchState
VOUCHER_BATCH_STATE_VOID: VoucherBatchState
VOUCHER_BATCH_STATE_GENERATING: VoucherBatchState

class PaymentRate(_message.Message):
    __slots__ = ("points", "value", "min_points", "max_points")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    MIN_POINTS_FIELD_NUMBER: _ClassVar[int]
    MAX_POINTS_FIELD_NUMBER: _ClassVar[int]
    points: int
    value: _common_pb2.Money
    min_points: int
    max_points: int
    def __init__(self, points: _Optional[int] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., min_points: _Optional[int] = ..., max_points: _Optional[int] = ...) -> None: ...

class RewardVisibility(_message.Message):
    __slots__ = ("min_tier_code", "tier_codes", "segment_ids", "exclusive")
    MIN_TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    TIER_CODES_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_FIELD_NUMBER: _ClassVar[int]
    min_tier_code: str
    tier_codes: _containers.RepeatedScalarFieldContainer[str]
    segment_ids: _containers.RepeatedScalarFieldContainer[str]
    exclusive: bool
    def __init__(self, min_tier_code: _Optional[str] = ..., tier_codes: _Optional[_Iterable[str]] = ..., segment_ids: _Optional[_Iterable[str]] = ..., exclusive: _Optional[bool] = ...) -> None: ...

class Reward(_message.Message):
    __slots__ = ("reward_id", "name", "description", "terms", "image_url", "type", "status", "points_cost", "percent_off_bp", "max_discount", "fixed_value", "min_purchase", "item_sku", "payment_rate", "event_at", "unlimited_stock", "stock_total", "stock_remaining", "available_from", "available_until", "voucher_validity_days", "voucher_expires_at", "per_member_limit", "visibility", "partner_ids", "version", "created_at", "updated_at", "updated_by")
    class NameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class DescriptionEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class TermsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_URL_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OFF_BP_FIELD_NUMBER: _ClassVar[int]
    MAX_DISCOUNT_FIELD_NUMBER: _ClassVar[int]
    FIXED_VALUE_FIELD_NUMBER: _ClassVar[int]
    MIN_PURCHASE_FIELD_NUMBER: _ClassVar[int]
    ITEM_SKU_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    EVENT_AT_FIELD_NUMBER: _ClassVar[int]
    UNLIMITED_STOCK_FIELD_NUMBER: _ClassVar[int]
    STOCK_TOTAL_FIELD_NUMBER: _ClassVar[int]
    STOCK_REMAINING_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FROM_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_UNTIL_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_VALIDITY_DAYS_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    PER_MEMBER_LIMIT_FIELD_NUMBER: _ClassVar[int]
    VISIBILITY_FIELD_NUMBER: _ClassVar[int]
    PARTNER_IDS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    reward_id: str
    name: _containers.ScalarMap[str, str]
    description: _containers.ScalarMap[str, str]
    terms: _containers.ScalarMap[str, str]
    image_url: str
    type: RewardType
    status: RewardStatus
    points_cost: int
    percent_off_bp: int
    max_discount: _common_pb2.Money
    fixed_value: _common_pb2.Money
    min_purchase: _common_pb2.Money
    item_sku: str
    payment_rate: PaymentRate
    event_at: _timestamp_pb2.Timestamp
    unlimited_stock: bool
    stock_total: int
    stock_remaining: int
    available_from: _timestamp_pb2.Timestamp
    available_until: _timestamp_pb2.Timestamp
    voucher_validity_days: int
    voucher_expires_at: _timestamp_pb2.Timestamp
    per_member_limit: int
    visibility: RewardVisibility
    partner_ids: _containers.RepeatedScalarFieldContainer[str]
    version: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, reward_id: _Optional[str] = ..., name: _Optional[_Mapping[str, str]] = ..., description: _Optional[_Mapping[str, str]] = ..., terms: _Optional[_Mapping[str, str]] = ..., image_url: _Optional[str] = ..., type: _Optional[_Union[RewardType, str]] = ..., status: _Optional[_Union[RewardStatus, str]] = ..., points_cost: _Optional[int] = ..., percent_off_bp: _Optional[int] = ..., max_discount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fixed_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., min_purchase: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., item_sku: _Optional[str] = ..., payment_rate: _Optional[_Union[PaymentRate, _Mapping]] = ..., event_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., unlimited_stock: _Optional[bool] = ..., stock_total: _Optional[int] = ..., stock_remaining: _Optional[int] = ..., available_from: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., available_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., voucher_validity_days: _Optional[int] = ..., voucher_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., per_member_limit: _Optional[int] = ..., visibility: _Optional[_Union[RewardVisibility, _Mapping]] = ..., partner_ids: _Optional[_Iterable[str]] = ..., version: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class Voucher(_message.Message):
    __slots__ = ("voucher_id", "code", "member_id", "reward_id", "reward_name", "type", "issue_reason", "state", "percent_off_bp", "max_discount", "fixed_value", "min_purchase", "item_sku", "partner_ids", "redemption_id", "issued_at", "expires_at", "used_at", "used_partner_id", "used_store_id", "used_transaction_id", "cancelled_at", "issued_by", "note", "complaint_reference", "batch_id")
    class RewardNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VOUCHER_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ISSUE_REASON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OFF_BP_FIELD_NUMBER: _ClassVar[int]
    MAX_DISCOUNT_FIELD_NUMBER: _ClassVar[int]
    FIXED_VALUE_FIELD_NUMBER: _ClassVar[int]
    MIN_PURCHASE_FIELD_NUMBER: _ClassVar[int]
    ITEM_SKU_FIELD_NUMBER: _ClassVar[int]
    PARTNER_IDS_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    USED_AT_FIELD_NUMBER: _ClassVar[int]
    USED_PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    USED_STORE_ID_FIELD_NUMBER: _ClassVar[int]
    USED_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_AT_FIELD_NUMBER: _ClassVar[int]
    ISSUED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    voucher_id: str
    code: str
    member_id: str
    reward_id: str
    reward_name: _containers.ScalarMap[str, str]
    type: RewardType
    issue_reason: VoucherReason
    state: VoucherState
    percent_off_bp: int
    max_discount: _common_pb2.Money
    fixed_value: _common_pb2.Money
    min_purchase: _common_pb2.Money
    item_sku: str
    partner_ids: _containers.RepeatedScalarFieldContainer[str]
    redemption_id: str
    issued_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    used_at: _timestamp_pb2.Timestamp
    used_partner_id: str
    used_store_id: str
    used_transaction_id: str
    cancelled_at: _timestamp_pb2.Timestamp
    issued_by: str
    note: str
    complaint_reference: str
    batch_id: str
    def __init__(self, voucher_id: _Optional[str] = ..., code: _Optional[str] = ..., member_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., reward_name: _Optional[_Mapping[str, str]] = ..., type: _Optional[_Union[RewardType, str]] = ..., issue_reason: _Optional[_Union[VoucherReason, str]] = ..., state: _Optional[_Union[VoucherState, str]] = ..., percent_off_bp: _Optional[int] = ..., max_discount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fixed_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., min_purchase: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., item_sku: _Optional[str] = ..., partner_ids: _Optional[_Iterable[str]] = ..., redemption_id: _Optional[str] = ..., issued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_partner_id: _Optional[str] = ..., used_store_id: _Optional[str] = ..., used_transaction_id: _Optional[str] = ..., cancelled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., issued_by: _Optional[str] = ..., note: _Optional[str] = ..., complaint_reference: _Optional[str] = ..., batch_id: _Optional[str] = ...) -> None: ...

class Redemption(_message.Message):
    __slots__ = ("redemption_id", "member_id", "reward_id", "reward_type", "reward_name", "points_spent", "value", "entry_id", "voucher", "state", "partner_id", "store_id", "transaction_id", "created_at", "cancelled_at", "cancel_reason")
    class RewardNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_TYPE_FIELD_NUMBER: _ClassVar[int]
    REWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_SPENT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CANCELLED_AT_FIELD_NUMBER: _ClassVar[int]
    CANCEL_REASON_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    member_id: str
    reward_id: str
    reward_type: RewardType
    reward_name: _containers.ScalarMap[str, str]
    points_spent: int
    value: _common_pb2.Money
    entry_id: str
    voucher: Voucher
    state: RedemptionState
    partner_id: str
    store_id: str
    transaction_id: str
    created_at: _timestamp_pb2.Timestamp
    cancelled_at: _timestamp_pb2.Timestamp
    cancel_reason: str
    def __init__(self, redemption_id: _Optional[str] = ..., member_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., reward_type: _Optional[_Union[RewardType, str]] = ..., reward_name: _Optional[_Mapping[str, str]] = ..., points_spent: _Optional[int] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., entry_id: _Optional[str] = ..., voucher: _Optional[_Union[Voucher, _Mapping]] = ..., state: _Optional[_Union[RedemptionState, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancelled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cancel_reason: _Optional[str] = ...) -> None: ...

class CreateRewardRequest(_message.Message):
    __slots__ = ("idempotency_key", "reward", "validate_only", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    REWARD_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    reward: Reward
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., reward: _Optional[_Union[Reward, _Mapping]] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CreateRewardResponse(_message.Message):
    __slots__ = ("reward", "replayed")
    REWARD_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    replayed: bool
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class UpdateRewardRequest(_message.Message):
    __slots__ = ("reward", "expected_version", "validate_only", "actor", "reason")
    REWARD_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    expected_version: int
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ..., expected_version: _Optional[int] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateRewardResponse(_message.Message):
    __slots__ = ("reward",)
    REWARD_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ...) -> None: ...

class GetRewardRequest(_message.Message):
    __slots__ = ("reward_id",)
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    reward_id: str
    def __init__(self, reward_id: _Optional[str] = ...) -> None: ...

class GetRewardResponse(_message.Message):
    __slots__ = ("reward",)
    REWARD_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ...) -> None: ...

class ListRewardsRequest(_message.Message):
    __slots__ = ("statuses", "types", "page")
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    statuses: _containers.RepeatedScalarFieldContainer[RewardStatus]
    types: _containers.RepeatedScalarFieldContainer[RewardType]
    page: _common_pb2.PageRequest
    def __init__(self, statuses: _Optional[_Iterable[_Union[RewardStatus, str]]] = ..., types: _Optional[_Iterable[_Union[RewardType, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListRewardsResponse(_message.Message):
    __slots__ = ("rewards", "page_info")
    REWARDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    rewards: _containers.RepeatedCompositeFieldContainer[Reward]
    page_info: _common_pb2.PageInfo
    def __init__(self, rewards: _Optional[_Iterable[_Union[Reward, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ArchiveRewardRequest(_message.Message):
    __slots__ = ("reward_id", "actor", "reason")
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    reward_id: str
    actor: str
    reason: str
    def __init__(self, reward_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ArchiveRewardResponse(_message.Message):
    __slots__ = ("reward",)
    REWARD_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ...) -> None: ...

class AdjustRewardStockRequest(_message.Message):
    __slots__ = ("idempotency_key", "reward_id", "delta", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    reward_id: str
    delta: int
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., reward_id: _Optional[str] = ..., delta: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AdjustRewardStockResponse(_message.Message):
    __slots__ = ("reward", "replayed")
    REWARD_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    replayed: bool
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ListRewardsForMemberRequest(_message.Message):
    __slots__ = ("member_id", "include_not_visible", "affordable_only", "types", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_NOT_VISIBLE_FIELD_NUMBER: _ClassVar[int]
    AFFORDABLE_ONLY_FIELD_NUMBER: _ClassVar[int]
    TYPES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    include_not_visible: bool
    affordable_only: bool
    types: _containers.RepeatedScalarFieldContainer[RewardType]
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., include_not_visible: _Optional[bool] = ..., affordable_only: _Optional[bool] = ..., types: _Optional[_Iterable[_Union[RewardType, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class MemberReward(_message.Message):
    __slots__ = ("reward", "visible", "affordable", "points_short", "redeemable", "blocker", "remaining_for_member")
    REWARD_FIELD_NUMBER: _ClassVar[int]
    VISIBLE_FIELD_NUMBER: _ClassVar[int]
    AFFORDABLE_FIELD_NUMBER: _ClassVar[int]
    POINTS_SHORT_FIELD_NUMBER: _ClassVar[int]
    REDEEMABLE_FIELD_NUMBER: _ClassVar[int]
    BLOCKER_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FOR_MEMBER_FIELD_NUMBER: _ClassVar[int]
    reward: Reward
    visible: bool
    affordable: bool
    points_short: int
    redeemable: bool
    blocker: RedeemBlocker
    remaining_for_member: int
    def __init__(self, reward: _Optional[_Union[Reward, _Mapping]] = ..., visible: _Optional[bool] = ..., affordable: _Optional[bool] = ..., points_short: _Optional[int] = ..., redeemable: _Optional[bool] = ..., blocker: _Optional[_Union[RedeemBlocker, str]] = ..., remaining_for_member: _Optional[int] = ...) -> None: ...

class ListRewardsForMemberResponse(_message.Message):
    __slots__ = ("rewards", "available_points", "page_info")
    REWARDS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_POINTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    rewards: _containers.RepeatedCompositeFieldContainer[MemberReward]
    available_points: int
    page_info: _common_pb2.PageInfo
    def __init__(self, rewards: _Optional[_Iterable[_Union[MemberReward, _Mapping]]] = ..., available_points: _Optional[int] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class RedeemRewardRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "reward_id", "points", "partner_id", "store_id", "transaction_id")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    reward_id: str
    points: int
    partner_id: str
    store_id: str
    transaction_id: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., points: _Optional[int] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ...) -> None: ...

class RedeemRewardResponse(_message.Message):
    __slots__ = ("redemption", "balance", "replayed")
    REDEMPTION_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    redemption: Redemption
    balance: _ledger_pb2.Balance
    replayed: bool
    def __init__(self, redemption: _Optional[_Union[Redemption, _Mapping]] = ..., balance: _Optional[_Union[_ledger_pb2.Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class CancelRedemptionRequest(_message.Message):
    __slots__ = ("idempotency_key", "redemption_id", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    redemption_id: str
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., redemption_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelRedemptionResponse(_message.Message):
    __slots__ = ("redemption", "points_refunded", "balance", "replayed")
    REDEMPTION_FIELD_NUMBER: _ClassVar[int]
    POINTS_REFUNDED_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    redemption: Redemption
    points_refunded: int
    balance: _ledger_pb2.Balance
    replayed: bool
    def __init__(self, redemption: _Optional[_Union[Redemption, _Mapping]] = ..., points_refunded: _Optional[int] = ..., balance: _Optional[_Union[_ledger_pb2.Balance, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetRedemptionRequest(_message.Message):
    __slots__ = ("redemption_id",)
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    def __init__(self, redemption_id: _Optional[str] = ...) -> None: ...

class GetRedemptionResponse(_message.Message):
    __slots__ = ("redemption",)
    REDEMPTION_FIELD_NUMBER: _ClassVar[int]
    redemption: Redemption
    def __init__(self, redemption: _Optional[_Union[Redemption, _Mapping]] = ...) -> None: ...

class ListRedemptionsRequest(_message.Message):
    __slots__ = ("member_id", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListRedemptionsResponse(_message.Message):
    __slots__ = ("redemptions", "page_info")
    REDEMPTIONS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    redemptions: _containers.RepeatedCompositeFieldContainer[Redemption]
    page_info: _common_pb2.PageInfo
    def __init__(self, redemptions: _Optional[_Iterable[_Union[Redemption, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class IssueVoucherRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "reward_id", "issue_reason", "expires_at", "complaint_reference", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUE_REASON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    reward_id: str
    issue_reason: VoucherReason
    expires_at: _timestamp_pb2.Timestamp
    complaint_reference: str
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., issue_reason: _Optional[_Union[VoucherReason, str]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., complaint_reference: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class IssueVoucherResponse(_message.Message):
    __slots__ = ("voucher", "replayed")
    VOUCHER_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    voucher: Voucher
    replayed: bool
    def __init__(self, voucher: _Optional[_Union[Voucher, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetVoucherRequest(_message.Message):
    __slots__ = ("code",)
    CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    def __init__(self, code: _Optional[str] = ...) -> None: ...

class GetVoucherResponse(_message.Message):
    __slots__ = ("voucher",)
    VOUCHER_FIELD_NUMBER: _ClassVar[int]
    voucher: Voucher
    def __init__(self, voucher: _Optional[_Union[Voucher, _Mapping]] = ...) -> None: ...

class CheckVoucherRequest(_message.Message):
    __slots__ = ("code", "partner_id", "store_id", "member_id", "purchase_amount")
    CODE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PURCHASE_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    code: str
    partner_id: str
    store_id: str
    member_id: str
    purchase_amount: _common_pb2.Money
    def __init__(self, code: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., member_id: _Optional[str] = ..., purchase_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class CheckVoucherResponse(_message.Message):
    __slots__ = ("usable", "problem", "voucher", "discount")
    USABLE_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_FIELD_NUMBER: _ClassVar[int]
    usable: bool
    problem: VoucherProblem
    voucher: Voucher
    discount: _common_pb2.Money
    def __init__(self, usable: _Optional[bool] = ..., problem: _Optional[_Union[VoucherProblem, str]] = ..., voucher: _Optional[_Union[Voucher, _Mapping]] = ..., discount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class UseVoucherRequest(_message.Message):
    __slots__ = ("idempotency_key", "code", "partner_id", "store_id", "transaction_id", "member_id", "purchase_amount", "presence")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PURCHASE_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PRESENCE_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    code: str
    partner_id: str
    store_id: str
    transaction_id: str
    member_id: str
    purchase_amount: _common_pb2.Money
    presence: _presence_pb2.PresenceProof
    def __init__(self, idempotency_key: _Optional[str] = ..., code: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., member_id: _Optional[str] = ..., purchase_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., presence: _Optional[_Union[_presence_pb2.PresenceProof, _Mapping]] = ...) -> None: ...

class UseVoucherResponse(_message.Message):
    __slots__ = ("voucher", "discount", "replayed")
    VOUCHER_FIELD_NUMBER: _ClassVar[int]
    DISCOUNT_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    voucher: Voucher
    discount: _common_pb2.Money
    replayed: bool
    def __init__(self, voucher: _Optional[_Union[Voucher, _Mapping]] = ..., discount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ListMemberVouchersRequest(_message.Message):
    __slots__ = ("member_id", "states", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    states: _containers.RepeatedScalarFieldContainer[VoucherState]
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., states: _Optional[_Iterable[_Union[VoucherState, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListMemberVouchersResponse(_message.Message):
    __slots__ = ("vouchers", "page_info")
    VOUCHERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    vouchers: _containers.RepeatedCompositeFieldContainer[Voucher]
    page_info: _common_pb2.PageInfo
    def __init__(self, vouchers: _Optional[_Iterable[_Union[Voucher, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ImportedVoucher(_message.Message):
    __slots__ = ("idempotency_key", "code", "reward_id", "member_id", "expires_at")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    code: str
    reward_id: str
    member_id: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, idempotency_key: _Optional[str] = ..., code: _Optional[str] = ..., reward_id: _Optional[str] = ..., member_id: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImportVouchersRequest(_message.Message):
    __slots__ = ("import_id", "vouchers", "validate_only")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHERS_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    vouchers: _containers.RepeatedCompositeFieldContainer[ImportedVoucher]
    validate_only: bool
    def __init__(self, import_id: _Optional[str] = ..., vouchers: _Optional[_Iterable[_Union[ImportedVoucher, _Mapping]]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class ImportedVoucherOutcome(_message.Message):
    __slots__ = ("index", "field", "reason", "replayed")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    index: int
    field: str
    reason: str
    replayed: bool
    def __init__(self, index: _Optional[int] = ..., field: _Optional[str] = ..., reason: _Optional[str] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ImportVouchersResponse(_message.Message):
    __slots__ = ("outcomes",)
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    outcomes: _containers.RepeatedCompositeFieldContainer[ImportedVoucherOutcome]
    def __init__(self, outcomes: _Optional[_Iterable[_Union[ImportedVoucherOutcome, _Mapping]]] = ...) -> None: ...

class VoucherBatch(_message.Message):
    __slots__ = ("batch_id", "reward_id", "reward_name", "label", "state", "generated", "used", "voided", "expired", "unused", "expires_at", "created_at", "created_by", "voided_at", "voided_by", "void_reason", "count")
    class RewardNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    GENERATED_FIELD_NUMBER: _ClassVar[int]
    USED_FIELD_NUMBER: _ClassVar[int]
    VOIDED_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    UNUSED_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    VOIDED_AT_FIELD_NUMBER: _ClassVar[int]
    VOIDED_BY_FIELD_NUMBER: _ClassVar[int]
    VOID_REASON_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    reward_id: str
    reward_name: _containers.ScalarMap[str, str]
    label: str
    state: VoucherBatchState
    generated: int
    used: int
    voided: int
    expired: int
    unused: int
    expires_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    created_by: str
    voided_at: _timestamp_pb2.Timestamp
    voided_by: str
    void_reason: str
    count: int
    def __init__(self, batch_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., reward_name: _Optional[_Mapping[str, str]] = ..., label: _Optional[str] = ..., state: _Optional[_Union[VoucherBatchState, str]] = ..., generated: _Optional[int] = ..., used: _Optional[int] = ..., voided: _Optional[int] = ..., expired: _Optional[int] = ..., unused: _Optional[int] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_by: _Optional[str] = ..., voided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., voided_by: _Optional[str] = ..., void_reason: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class CreateVoucherBatchRequest(_message.Message):
    __slots__ = ("idempotency_key", "reward_id", "count", "label", "expires_at", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    reward_id: str
    count: int
    label: str
    expires_at: _timestamp_pb2.Timestamp
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., reward_id: _Optional[str] = ..., count: _Optional[int] = ..., label: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CreateVoucherBatchResponse(_message.Message):
    __slots__ = ("batch", "replayed")
    BATCH_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    batch: VoucherBatch
    replayed: bool
    def __init__(self, batch: _Optional[_Union[VoucherBatch, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetVoucherBatchRequest(_message.Message):
    __slots__ = ("batch_id",)
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    def __init__(self, batch_id: _Optional[str] = ...) -> None: ...

class GetVoucherBatchResponse(_message.Message):
    __slots__ = ("batch",)
    BATCH_FIELD_NUMBER: _ClassVar[int]
    batch: VoucherBatch
    def __init__(self, batch: _Optional[_Union[VoucherBatch, _Mapping]] = ...) -> None: ...

class ListVoucherBatchesRequest(_message.Message):
    __slots__ = ("reward_id", "page")
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    reward_id: str
    page: _common_pb2.PageRequest
    def __init__(self, reward_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListVoucherBatchesResponse(_message.Message):
    __slots__ = ("batches", "page_info")
    BATCHES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    batches: _containers.RepeatedCompositeFieldContainer[VoucherBatch]
    page_info: _common_pb2.PageInfo
    def __init__(self, batches: _Optional[_Iterable[_Union[VoucherBatch, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ListBatchVouchersRequest(_message.Message):
    __slots__ = ("batch_id", "page")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    page: _common_pb2.PageRequest
    def __init__(self, batch_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListBatchVouchersResponse(_message.Message):
    __slots__ = ("vouchers", "page_info")
    VOUCHERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    vouchers: _containers.RepeatedCompositeFieldContainer[Voucher]
    page_info: _common_pb2.PageInfo
    def __init__(self, vouchers: _Optional[_Iterable[_Union[Voucher, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class VoidVoucherBatchRequest(_message.Message):
    __slots__ = ("batch_id", "actor", "reason")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    actor: str
    reason: str
    def __init__(self, batch_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class VoidVoucherBatchResponse(_message.Message):
    __slots__ = ("batch", "replayed")
    BATCH_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    batch: VoucherBatch
    replayed: bool
    def __init__(self, batch: _Optional[_Union[VoucherBatch, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...
