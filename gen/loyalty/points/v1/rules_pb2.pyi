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

class EarningRuleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EARNING_RULE_KIND_UNSPECIFIED: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_BASE_RATE: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_TIER_MULTIPLIER: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_CATEGORY_MULTIPLIER: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_SKU_MULTIPLIER: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_CATEGORY_EXCLUSION: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_SKU_EXCLUSION: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_MINIMUM_SPEND: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_CAMPAIGN: _ClassVar[EarningRuleKind]
    EARNING_RULE_KIND_EARNING_CAP: _ClassVar[EarningRuleKind]

class Stacking(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STACKING_UNSPECIFIED: _ClassVar[Stacking]
    STACKING_MULTIPLY: _ClassVar[Stacking]
    STACKING_ADD: _ClassVar[Stacking]

class Weekday(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    WEEKDAY_UNSPECIFIED: _ClassVar[Weekday]
    WEEKDAY_MONDAY: _ClassVar[Weekday]
    WEEKDAY_TUESDAY: _ClassVar[Weekday]
    WEEKDAY_WEDNESDAY: _ClassVar[Weekday]
    WEEKDAY_THURSDAY: _ClassVar[Weekday]
    WEEKDAY_FRIDAY: _ClassVar[Weekday]
    WEEKDAY_SATURDAY: _ClassVar[Weekday]
    WEEKDAY_SUNDAY: _ClassVar[Weekday]

class BonusTrigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BONUS_TRIGGER_UNSPECIFIED: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_WELCOME: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_FIRST_PURCHASE: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_BIRTHDAY: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_REFERRAL_REFERRER: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_REFERRAL_REFEREE: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_GIFT: _ClassVar[BonusTrigger]
    BONUS_TRIGGER_CUSTOM_EVENT: _ClassVar[BonusTrigger]

class GiftGrantState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GIFT_GRANT_STATE_UNSPECIFIED: _ClassVar[GiftGrantState]
    GIFT_GRANT_STATE_RUNNING: _ClassVar[GiftGrantState]
    GIFT_GRANT_STATE_COMPLETED: _ClassVar[GiftGrantState]
    GIFT_GRANT_STATE_FAILED: _ClassVar[GiftGrantState]
EARNING_RULE_KIND_UNSPECIFIED: EarningRuleKind
EARNING_RULE_KIND_BASE_RATE: EarningRuleKind
EARNING_RULE_KIND_TIER_MULTIPLIER: EarningRuleKind
EARNING_RULE_KIND_CATEGORY_MULTIPLIER: EarningRuleKind
EARNING_RULE_KIND_SKU_MULTIPLIER: EarningRuleKind
EARNING_RULE_KIND_CATEGORY_EXCLUSION: EarningRuleKind
EARNING_RULE_KIND_SKU_EXCLUSION: EarningRuleKind
EARNING_RULE_KIND_MINIMUM_SPEND: EarningRuleKind
EARNING_RULE_KIND_CAMPAIGN: EarningRuleKind
EARNING_RULE_KIND_EARNING_CAP: EarningRuleKind
STACKING_UNSPECIFIED: Stacking
STACKING_MULTIPLY: Stacking
STACKING_ADD: Stacking
WEEKDAY_UNSPECIFIED: Weekday
WEEKDAY_MONDAY: Weekday
WEEKDAY_TUESDAY: Weekday
WEEKDAY_WEDNESDAY: Weekday
WEEKDAY_THURSDAY: Weekday
WEEKDAY_FRIDAY: Weekday
WEEKDAY_SATURDAY: Weekday
WEEKDAY_SUNDAY: Weekday
BONUS_TRIGGER_UNSPECIFIED: BonusTrigger
BONUS_TRIGGER_WELCOME: BonusTrigger
BONUS_TRIGGER_FIRST_PURCHASE: BonusTrigger
BONUS_TRIGGER_BIRTHDAY: BonusTrigger
BONUS_TRIGGER_REFERRAL_REFERRER: BonusTrigger
BONUS_TRIGGER_REFERRAL_REFEREE: BonusTrigger
BONUS_TRIGGER_GIFT: BonusTrigger
BONUS_TRIGGER_CUSTOM_EVENT: BonusTrigger
GIFT_GRANT_STATE_UNSPECIFIED: GiftGrantState
GIFT_GRANT_STATE_RUNNING: GiftGrantState
GIFT_GRANT_STATE_COMPLETED: GiftGrantState
GIFT_GRANT_STATE_FAILED: GiftGrantState

class CustomEventTrigger(_message.Message):
    __slots__ = ("event_name", "attribute_equals", "caps")
    class AttributeEqualsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EVENT_NAME_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTE_EQUALS_FIELD_NUMBER: _ClassVar[int]
    CAPS_FIELD_NUMBER: _ClassVar[int]
    event_name: str
    attribute_equals: _containers.ScalarMap[str, str]
    caps: CustomEventCaps
    def __init__(self, event_name: _Optional[str] = ..., attribute_equals: _Optional[_Mapping[str, str]] = ..., caps: _Optional[_Union[CustomEventCaps, _Mapping]] = ...) -> None: ...

class CustomEventCaps(_message.Message):
    __slots__ = ("per_member_day", "per_member_week", "per_member_lifetime", "points_budget")
    PER_MEMBER_DAY_FIELD_NUMBER: _ClassVar[int]
    PER_MEMBER_WEEK_FIELD_NUMBER: _ClassVar[int]
    PER_MEMBER_LIFETIME_FIELD_NUMBER: _ClassVar[int]
    POINTS_BUDGET_FIELD_NUMBER: _ClassVar[int]
    per_member_day: int
    per_member_week: int
    per_member_lifetime: int
    points_budget: int
    def __init__(self, per_member_day: _Optional[int] = ..., per_member_week: _Optional[int] = ..., per_member_lifetime: _Optional[int] = ..., points_budget: _Optional[int] = ...) -> None: ...

class LineItem(_message.Message):
    __slots__ = ("line_id", "sku", "category", "quantity", "amount")
    LINE_ID_FIELD_NUMBER: _ClassVar[int]
    SKU_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    line_id: str
    sku: str
    category: str
    quantity: int
    amount: _common_pb2.Money
    def __init__(self, line_id: _Optional[str] = ..., sku: _Optional[str] = ..., category: _Optional[str] = ..., quantity: _Optional[int] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class BaseRate(_message.Message):
    __slots__ = ("spend_unit", "points_per_unit")
    SPEND_UNIT_FIELD_NUMBER: _ClassVar[int]
    POINTS_PER_UNIT_FIELD_NUMBER: _ClassVar[int]
    spend_unit: _common_pb2.Money
    points_per_unit: int
    def __init__(self, spend_unit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., points_per_unit: _Optional[int] = ...) -> None: ...

class RuleScope(_message.Message):
    __slots__ = ("partner_ids", "store_ids", "tier_codes", "segment_ids", "categories", "skus", "currency")
    PARTNER_IDS_FIELD_NUMBER: _ClassVar[int]
    STORE_IDS_FIELD_NUMBER: _ClassVar[int]
    TIER_CODES_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    SKUS_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    partner_ids: _containers.RepeatedScalarFieldContainer[str]
    store_ids: _containers.RepeatedScalarFieldContainer[str]
    tier_codes: _containers.RepeatedScalarFieldContainer[str]
    segment_ids: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    skus: _containers.RepeatedScalarFieldContainer[str]
    currency: str
    def __init__(self, partner_ids: _Optional[_Iterable[str]] = ..., store_ids: _Optional[_Iterable[str]] = ..., tier_codes: _Optional[_Iterable[str]] = ..., segment_ids: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., skus: _Optional[_Iterable[str]] = ..., currency: _Optional[str] = ...) -> None: ...

class RuleSchedule(_message.Message):
    __slots__ = ("starts_at", "ends_at", "days_of_week", "start_time", "end_time")
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    DAYS_OF_WEEK_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    starts_at: _timestamp_pb2.Timestamp
    ends_at: _timestamp_pb2.Timestamp
    days_of_week: _containers.RepeatedScalarFieldContainer[Weekday]
    start_time: str
    end_time: str
    def __init__(self, starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., days_of_week: _Optional[_Iterable[_Union[Weekday, str]]] = ..., start_time: _Optional[str] = ..., end_time: _Optional[str] = ...) -> None: ...

class EarningCaps(_message.Message):
    __slots__ = ("per_transaction", "per_member_day", "per_member_month")
    PER_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    PER_MEMBER_DAY_FIELD_NUMBER: _ClassVar[int]
    PER_MEMBER_MONTH_FIELD_NUMBER: _ClassVar[int]
    per_transaction: int
    per_member_day: int
    per_member_month: int
    def __init__(self, per_transaction: _Optional[int] = ..., per_member_day: _Optional[int] = ..., per_member_month: _Optional[int] = ...) -> None: ...

class EarningRule(_message.Message):
    __slots__ = ("rule_id", "name", "display_name", "description", "kind", "enabled", "priority", "stacking", "stop_further_rules", "scope", "schedule", "multiplier_bp", "fixed_points", "base_rate", "minimum_spend", "caps", "max_points_per_transaction", "excluded_from_tier", "archived", "version", "created_at", "updated_at", "updated_by")
    class DisplayNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    STACKING_FIELD_NUMBER: _ClassVar[int]
    STOP_FURTHER_RULES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BP_FIELD_NUMBER: _ClassVar[int]
    FIXED_POINTS_FIELD_NUMBER: _ClassVar[int]
    BASE_RATE_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_SPEND_FIELD_NUMBER: _ClassVar[int]
    CAPS_FIELD_NUMBER: _ClassVar[int]
    MAX_POINTS_PER_TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    name: str
    display_name: _containers.ScalarMap[str, str]
    description: str
    kind: EarningRuleKind
    enabled: bool
    priority: int
    stacking: Stacking
    stop_further_rules: bool
    scope: RuleScope
    schedule: RuleSchedule
    multiplier_bp: int
    fixed_points: int
    base_rate: BaseRate
    minimum_spend: _common_pb2.Money
    caps: EarningCaps
    max_points_per_transaction: int
    excluded_from_tier: bool
    archived: bool
    version: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, rule_id: _Optional[str] = ..., name: _Optional[str] = ..., display_name: _Optional[_Mapping[str, str]] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[EarningRuleKind, str]] = ..., enabled: _Optional[bool] = ..., priority: _Optional[int] = ..., stacking: _Optional[_Union[Stacking, str]] = ..., stop_further_rules: _Optional[bool] = ..., scope: _Optional[_Union[RuleScope, _Mapping]] = ..., schedule: _Optional[_Union[RuleSchedule, _Mapping]] = ..., multiplier_bp: _Optional[int] = ..., fixed_points: _Optional[int] = ..., base_rate: _Optional[_Union[BaseRate, _Mapping]] = ..., minimum_spend: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., caps: _Optional[_Union[EarningCaps, _Mapping]] = ..., max_points_per_transaction: _Optional[int] = ..., excluded_from_tier: _Optional[bool] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class CreateEarningRuleRequest(_message.Message):
    __slots__ = ("idempotency_key", "rule", "validate_only", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    rule: EarningRule
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., rule: _Optional[_Union[EarningRule, _Mapping]] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CreateEarningRuleResponse(_message.Message):
    __slots__ = ("rule", "replayed")
    RULE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    rule: EarningRule
    replayed: bool
    def __init__(self, rule: _Optional[_Union[EarningRule, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class UpdateEarningRuleRequest(_message.Message):
    __slots__ = ("rule", "expected_version", "validate_only", "actor", "reason")
    RULE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rule: EarningRule
    expected_version: int
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, rule: _Optional[_Union[EarningRule, _Mapping]] = ..., expected_version: _Optional[int] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateEarningRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EarningRule
    def __init__(self, rule: _Optional[_Union[EarningRule, _Mapping]] = ...) -> None: ...

class GetEarningRuleRequest(_message.Message):
    __slots__ = ("rule_id",)
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    def __init__(self, rule_id: _Optional[str] = ...) -> None: ...

class GetEarningRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EarningRule
    def __init__(self, rule: _Optional[_Union[EarningRule, _Mapping]] = ...) -> None: ...

class ListEarningRulesRequest(_message.Message):
    __slots__ = ("kinds", "include_archived", "active_at", "page")
    KINDS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    kinds: _containers.RepeatedScalarFieldContainer[EarningRuleKind]
    include_archived: bool
    active_at: _timestamp_pb2.Timestamp
    page: _common_pb2.PageRequest
    def __init__(self, kinds: _Optional[_Iterable[_Union[EarningRuleKind, str]]] = ..., include_archived: _Optional[bool] = ..., active_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListEarningRulesResponse(_message.Message):
    __slots__ = ("rules", "page_info")
    RULES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[EarningRule]
    page_info: _common_pb2.PageInfo
    def __init__(self, rules: _Optional[_Iterable[_Union[EarningRule, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class DeleteEarningRuleRequest(_message.Message):
    __slots__ = ("rule_id", "actor", "reason")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    actor: str
    reason: str
    def __init__(self, rule_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DeleteEarningRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: EarningRule
    def __init__(self, rule: _Optional[_Union[EarningRule, _Mapping]] = ...) -> None: ...

class BonusRule(_message.Message):
    __slots__ = ("bonus_rule_id", "name", "display_name", "trigger", "enabled", "points", "voucher_reward_id", "starts_at", "ends_at", "tier_codes", "counts_for_tier", "archived", "version", "created_at", "updated_at", "updated_by", "custom_event", "points_awarded")
    class DisplayNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BONUS_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    TIER_CODES_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FOR_TIER_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_EVENT_FIELD_NUMBER: _ClassVar[int]
    POINTS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    bonus_rule_id: str
    name: str
    display_name: _containers.ScalarMap[str, str]
    trigger: BonusTrigger
    enabled: bool
    points: int
    voucher_reward_id: str
    starts_at: _timestamp_pb2.Timestamp
    ends_at: _timestamp_pb2.Timestamp
    tier_codes: _containers.RepeatedScalarFieldContainer[str]
    counts_for_tier: bool
    archived: bool
    version: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    custom_event: CustomEventTrigger
    points_awarded: int
    def __init__(self, bonus_rule_id: _Optional[str] = ..., name: _Optional[str] = ..., display_name: _Optional[_Mapping[str, str]] = ..., trigger: _Optional[_Union[BonusTrigger, str]] = ..., enabled: _Optional[bool] = ..., points: _Optional[int] = ..., voucher_reward_id: _Optional[str] = ..., starts_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., ends_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tier_codes: _Optional[_Iterable[str]] = ..., counts_for_tier: _Optional[bool] = ..., archived: _Optional[bool] = ..., version: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ..., custom_event: _Optional[_Union[CustomEventTrigger, _Mapping]] = ..., points_awarded: _Optional[int] = ...) -> None: ...

class CreateBonusRuleRequest(_message.Message):
    __slots__ = ("idempotency_key", "rule", "validate_only", "actor", "reason")
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    rule: BonusRule
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., rule: _Optional[_Union[BonusRule, _Mapping]] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CreateBonusRuleResponse(_message.Message):
    __slots__ = ("rule", "replayed")
    RULE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    rule: BonusRule
    replayed: bool
    def __init__(self, rule: _Optional[_Union[BonusRule, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class UpdateBonusRuleRequest(_message.Message):
    __slots__ = ("rule", "expected_version", "validate_only", "actor", "reason")
    RULE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    rule: BonusRule
    expected_version: int
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, rule: _Optional[_Union[BonusRule, _Mapping]] = ..., expected_version: _Optional[int] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateBonusRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: BonusRule
    def __init__(self, rule: _Optional[_Union[BonusRule, _Mapping]] = ...) -> None: ...

class GetBonusRuleRequest(_message.Message):
    __slots__ = ("bonus_rule_id",)
    BONUS_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    bonus_rule_id: str
    def __init__(self, bonus_rule_id: _Optional[str] = ...) -> None: ...

class GetBonusRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: BonusRule
    def __init__(self, rule: _Optional[_Union[BonusRule, _Mapping]] = ...) -> None: ...

class ListBonusRulesRequest(_message.Message):
    __slots__ = ("triggers", "include_archived", "page")
    TRIGGERS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    triggers: _containers.RepeatedScalarFieldContainer[BonusTrigger]
    include_archived: bool
    page: _common_pb2.PageRequest
    def __init__(self, triggers: _Optional[_Iterable[_Union[BonusTrigger, str]]] = ..., include_archived: _Optional[bool] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListBonusRulesResponse(_message.Message):
    __slots__ = ("rules", "page_info")
    RULES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[BonusRule]
    page_info: _common_pb2.PageInfo
    def __init__(self, rules: _Optional[_Iterable[_Union[BonusRule, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class DeleteBonusRuleRequest(_message.Message):
    __slots__ = ("bonus_rule_id", "actor", "reason")
    BONUS_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    bonus_rule_id: str
    actor: str
    reason: str
    def __init__(self, bonus_rule_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DeleteBonusRuleResponse(_message.Message):
    __slots__ = ("rule",)
    RULE_FIELD_NUMBER: _ClassVar[int]
    rule: BonusRule
    def __init__(self, rule: _Optional[_Union[BonusRule, _Mapping]] = ...) -> None: ...

class GrantGiftRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "segment_id", "points", "reward_id", "points_expire_at", "note", "actor", "reason")
    class NoteEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_EXPIRE_AT_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    segment_id: str
    points: int
    reward_id: str
    points_expire_at: _timestamp_pb2.Timestamp
    note: _containers.ScalarMap[str, str]
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., segment_id: _Optional[str] = ..., points: _Optional[int] = ..., reward_id: _Optional[str] = ..., points_expire_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., note: _Optional[_Mapping[str, str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GiftGrant(_message.Message):
    __slots__ = ("grant_id", "member_id", "segment_id", "points", "reward_id", "state", "members_total", "members_granted", "members_skipped", "entry_id", "voucher_code", "error", "actor", "reason", "created_at", "completed_at")
    GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_GRANTED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    grant_id: str
    member_id: str
    segment_id: str
    points: int
    reward_id: str
    state: GiftGrantState
    members_total: int
    members_granted: int
    members_skipped: int
    entry_id: str
    voucher_code: str
    error: str
    actor: str
    reason: str
    created_at: _timestamp_pb2.Timestamp
    completed_at: _timestamp_pb2.Timestamp
    def __init__(self, grant_id: _Optional[str] = ..., member_id: _Optional[str] = ..., segment_id: _Optional[str] = ..., points: _Optional[int] = ..., reward_id: _Optional[str] = ..., state: _Optional[_Union[GiftGrantState, str]] = ..., members_total: _Optional[int] = ..., members_granted: _Optional[int] = ..., members_skipped: _Optional[int] = ..., entry_id: _Optional[str] = ..., voucher_code: _Optional[str] = ..., error: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GrantGiftResponse(_message.Message):
    __slots__ = ("grant", "replayed")
    GRANT_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    grant: GiftGrant
    replayed: bool
    def __init__(self, grant: _Optional[_Union[GiftGrant, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetGiftGrantRequest(_message.Message):
    __slots__ = ("grant_id",)
    GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    grant_id: str
    def __init__(self, grant_id: _Optional[str] = ...) -> None: ...

class GetGiftGrantResponse(_message.Message):
    __slots__ = ("grant",)
    GRANT_FIELD_NUMBER: _ClassVar[int]
    grant: GiftGrant
    def __init__(self, grant: _Optional[_Union[GiftGrant, _Mapping]] = ...) -> None: ...

class RuleContribution(_message.Message):
    __slots__ = ("rule_id", "rule_name", "kind", "stacking", "points", "multiplier_bp", "line_ids", "capped", "qualifying", "note")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STACKING_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    MULTIPLIER_BP_FIELD_NUMBER: _ClassVar[int]
    LINE_IDS_FIELD_NUMBER: _ClassVar[int]
    CAPPED_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    rule_name: str
    kind: EarningRuleKind
    stacking: Stacking
    points: int
    multiplier_bp: int
    line_ids: _containers.RepeatedScalarFieldContainer[str]
    capped: bool
    qualifying: bool
    note: str
    def __init__(self, rule_id: _Optional[str] = ..., rule_name: _Optional[str] = ..., kind: _Optional[_Union[EarningRuleKind, str]] = ..., stacking: _Optional[_Union[Stacking, str]] = ..., points: _Optional[int] = ..., multiplier_bp: _Optional[int] = ..., line_ids: _Optional[_Iterable[str]] = ..., capped: _Optional[bool] = ..., qualifying: _Optional[bool] = ..., note: _Optional[str] = ...) -> None: ...

class SimulateRequest(_message.Message):
    __slots__ = ("member_id", "tier_code", "segment_ids", "partner_id", "store_id", "amount", "lines", "occurred_at", "language", "with_rule_ids")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    WITH_RULE_IDS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    tier_code: str
    segment_ids: _containers.RepeatedScalarFieldContainer[str]
    partner_id: str
    store_id: str
    amount: _common_pb2.Money
    lines: _containers.RepeatedCompositeFieldContainer[LineItem]
    occurred_at: _timestamp_pb2.Timestamp
    language: str
    with_rule_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, member_id: _Optional[str] = ..., tier_code: _Optional[str] = ..., segment_ids: _Optional[_Iterable[str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., lines: _Optional[_Iterable[_Union[LineItem, _Mapping]]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., language: _Optional[str] = ..., with_rule_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class SimulateResponse(_message.Message):
    __slots__ = ("points", "qualifying_points", "breakdown", "excluded_line_ids", "minimum_spend_met", "pending", "available_at", "tier_code")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    BREAKDOWN_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_LINE_IDS_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_SPEND_MET_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    points: int
    qualifying_points: int
    breakdown: _containers.RepeatedCompositeFieldContainer[RuleContribution]
    excluded_line_ids: _containers.RepeatedScalarFieldContainer[str]
    minimum_spend_met: bool
    pending: bool
    available_at: _timestamp_pb2.Timestamp
    tier_code: str
    def __init__(self, points: _Optional[int] = ..., qualifying_points: _Optional[int] = ..., breakdown: _Optional[_Iterable[_Union[RuleContribution, _Mapping]]] = ..., excluded_line_ids: _Optional[_Iterable[str]] = ..., minimum_spend_met: _Optional[bool] = ..., pending: _Optional[bool] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tier_code: _Optional[str] = ...) -> None: ...

class RunBirthdayBonusesRequest(_message.Message):
    __slots__ = ("as_of", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class RunBirthdayBonusesResponse(_message.Message):
    __slots__ = ("members_awarded", "points_awarded", "vouchers_issued", "members_skipped", "more")
    MEMBERS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    POINTS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    VOUCHERS_ISSUED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_SKIPPED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    members_awarded: int
    points_awarded: int
    vouchers_issued: int
    members_skipped: int
    more: bool
    def __init__(self, members_awarded: _Optional[int] = ..., points_awarded: _Optional[int] = ..., vouchers_issued: _Optional[int] = ..., members_skipped: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...
