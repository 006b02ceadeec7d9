import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from loyalty.members.v1 import members_pb2 as _members_pb2
from loyalty.members.v1 import tiers_pb2 as _tiers_pb2
from loyalty.notifications.v1 import templates_pb2 as _templates_pb2
from loyalty.points.v1 import custom_events_pb2 as _custom_events_pb2
from loyalty.points.v1 import ledger_pb2 as _ledger_pb2
from loyalty.points.v1 import rewards_pb2 as _rewards_pb2
from loyalty.points.v1 import rules_pb2 as _rules_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Envelope(_message.Message):
    __slots__ = ("event_id", "type", "occurred_at", "producer", "member_id", "request_id", "schema_version", "points_earned", "points_activated", "points_redeemed", "points_refunded", "points_reversed", "points_expired", "points_adjusted", "hold_placed", "hold_captured", "hold_released", "hold_expired", "bonus_awarded", "reward_redeemed", "voucher_issued", "voucher_used", "redemption_cancelled", "custom_event_recorded", "member_enrolled", "member_updated", "member_blocked", "member_unblocked", "member_erased", "consent_changed", "tier_changed", "tier_ladder_changed", "referral_qualified", "message_delivered", "message_failed")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    PRODUCER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_VERSION_FIELD_NUMBER: _ClassVar[int]
    POINTS_EARNED_FIELD_NUMBER: _ClassVar[int]
    POINTS_ACTIVATED_FIELD_NUMBER: _ClassVar[int]
    POINTS_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    POINTS_REFUNDED_FIELD_NUMBER: _ClassVar[int]
    POINTS_REVERSED_FIELD_NUMBER: _ClassVar[int]
    POINTS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    POINTS_ADJUSTED_FIELD_NUMBER: _ClassVar[int]
    HOLD_PLACED_FIELD_NUMBER: _ClassVar[int]
    HOLD_CAPTURED_FIELD_NUMBER: _ClassVar[int]
    HOLD_RELEASED_FIELD_NUMBER: _ClassVar[int]
    HOLD_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    BONUS_AWARDED_FIELD_NUMBER: _ClassVar[int]
    REWARD_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_ISSUED_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_USED_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_CANCELLED_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_EVENT_RECORDED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ENROLLED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_UPDATED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_BLOCKED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_UNBLOCKED_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ERASED_FIELD_NUMBER: _ClassVar[int]
    CONSENT_CHANGED_FIELD_NUMBER: _ClassVar[int]
    TIER_CHANGED_FIELD_NUMBER: _ClassVar[int]
    TIER_LADDER_CHANGED_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_DELIVERED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FAILED_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    type: str
    occurred_at: _timestamp_pb2.Timestamp
    producer: str
    member_id: str
    request_id: str
    schema_version: int
    points_earned: PointsEarned
    points_activated: PointsActivated
    points_redeemed: PointsRedeemed
    points_refunded: PointsRefunded
    points_reversed: PointsReversed
    points_expired: PointsExpired
    points_adjusted: PointsAdjusted
    hold_placed: HoldPlaced
    hold_captured: HoldCaptured
    hold_released: HoldReleased
    hold_expired: HoldExpired
    bonus_awarded: BonusAwarded
    reward_redeemed: RewardRedeemed
    voucher_issued: VoucherIssued
    voucher_used: VoucherUsed
    redemption_cancelled: RedemptionCancelled
    custom_event_recorded: CustomEventRecorded
    member_enrolled: MemberEnrolled
    member_updated: MemberUpdated
    member_blocked: MemberBlocked
    member_unblocked: MemberUnblocked
    member_erased: MemberErased
    consent_changed: ConsentChanged
    tier_changed: TierChanged
    tier_ladder_changed: TierLadderChanged
    referral_qualified: ReferralQualified
    message_delivered: MessageDelivered
    message_failed: MessageFailed
    def __init__(self, event_id: _Optional[str] = ..., type: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., producer: _Optional[str] = ..., member_id: _Optional[str] = ..., request_id: _Optional[str] = ..., schema_version: _Optional[int] = ..., points_earned: _Optional[_Union[PointsEarned, _Mapping]] = ..., points_activated: _Optional[_Union[PointsActivated, _Mapping]] = ..., points_redeemed: _Optional[_Union[PointsRedeemed, _Mapping]] = ..., points_refunded: _Optional[_Union[PointsRefunded, _Mapping]] = ..., points_reversed: _Optional[_Union[PointsReversed, _Mapping]] = ..., points_expired: _Optional[_Union[PointsExpired, _Mapping]] = ..., points_adjusted: _Optional[_Union[PointsAdjusted, _Mapping]] = ..., hold_placed: _Optional[_Union[HoldPlaced, _Mapping]] = ..., hold_captured: _Optional[_Union[HoldCaptured, _Mapping]] = ..., hold_released: _Optional[_Union[HoldReleased, _Mapping]] = ..., hold_expired: _Optional[_Union[HoldExpired, _Mapping]] = ..., bonus_awarded: _Optional[_Union[BonusAwarded, _Mapping]] = ..., reward_redeemed: _Optional[_Union[RewardRedeemed, _Mapping]] = ..., voucher_issued: _Optional[_Union[VoucherIssued, _Mapping]] = ..., voucher_used: _Optional[_Union[VoucherUsed, _Mapping]] = ..., redemption_cancelled: _Optional[_Union[RedemptionCancelled, _Mapping]] = ..., custom_event_recorded: _Optional[_Union[CustomEventRecorded, _Mapping]] = ..., member_enrolled: _Optional[_Union[MemberEnrolled, _Mapping]] = ..., member_updated: _Optional[_Union[MemberUpdated, _Mapping]] = ..., member_blocked: _Optional[_Union[MemberBlocked, _Mapping]] = ..., member_unblocked: _Optional[_Union[MemberUnblocked, _Mapping]] = ..., member_erased: _Optional[_Union[MemberErased, _Mapping]] = ..., consent_changed: _Optional[_Union[ConsentChanged, _Mapping]] = ..., tier_changed: _Optional[_Union[TierChanged, _Mapping]] = ..., tier_ladder_changed: _Optional[_Union[TierLadderChanged, _Mapping]] = ..., referral_qualified: _Optional[_Union[ReferralQualified, _Mapping]] = ..., message_delivered: _Optional[_Union[MessageDelivered, _Mapping]] = ..., message_failed: _Optional[_Union[MessageFailed, _Mapping]] = ...) -> None: ...

class BalanceAfter(_message.Message):
    __slots__ = ("available", "pending", "held", "account_version")
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_VERSION_FIELD_NUMBER: _ClassVar[int]
    available: int
    pending: int
    held: int
    account_version: int
    def __init__(self, available: _Optional[int] = ..., pending: _Optional[int] = ..., held: _Optional[int] = ..., account_version: _Optional[int] = ...) -> None: ...

class PointsEarned(_message.Message):
    __slots__ = ("entry_id", "partner_id", "store_id", "transaction_id", "amount", "points", "qualifying_points", "pending_points", "available_at", "expires_at", "lot_id", "purchased_at", "first_purchase", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    PENDING_POINTS_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    PURCHASED_AT_FIELD_NUMBER: _ClassVar[int]
    FIRST_PURCHASE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    amount: _common_pb2.Money
    points: int
    qualifying_points: int
    pending_points: int
    available_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    lot_id: str
    purchased_at: _timestamp_pb2.Timestamp
    first_purchase: bool
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., points: _Optional[int] = ..., qualifying_points: _Optional[int] = ..., pending_points: _Optional[int] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., lot_id: _Optional[str] = ..., purchased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., first_purchase: _Optional[bool] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class PointsActivated(_message.Message):
    __slots__ = ("entry_id", "lot_ids", "points", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    LOT_IDS_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    lot_ids: _containers.RepeatedScalarFieldContainer[str]
    points: int
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., lot_ids: _Optional[_Iterable[str]] = ..., points: _Optional[int] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class PointsRedeemed(_message.Message):
    __slots__ = ("entry_id", "points", "purpose", "reference", "partner_id", "store_id", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    points: int
    purpose: _ledger_pb2.RedeemPurpose
    reference: str
    partner_id: str
    store_id: str
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., points: _Optional[int] = ..., purpose: _Optional[_Union[_ledger_pb2.RedeemPurpose, str]] = ..., reference: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class PointsRefunded(_message.Message):
    __slots__ = ("entry_id", "redeem_entry_id", "points", "reference", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    REDEEM_ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    redeem_entry_id: str
    points: int
    reference: str
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., redeem_entry_id: _Optional[str] = ..., points: _Optional[int] = ..., reference: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class PointsReversed(_message.Message):
    __slots__ = ("entry_id", "partner_id", "store_id", "return_id", "original_transaction_id", "purchased_at", "returned_amount", "points_to_reverse", "reversed_points", "shortfall_points", "qualifying_points", "fully_returned", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    RETURN_ID_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PURCHASED_AT_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    POINTS_TO_REVERSE_FIELD_NUMBER: _ClassVar[int]
    REVERSED_POINTS_FIELD_NUMBER: _ClassVar[int]
    SHORTFALL_POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    FULLY_RETURNED_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    partner_id: str
    store_id: str
    return_id: str
    original_transaction_id: str
    purchased_at: _timestamp_pb2.Timestamp
    returned_amount: _common_pb2.Money
    points_to_reverse: int
    reversed_points: int
    shortfall_points: int
    qualifying_points: int
    fully_returned: bool
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., return_id: _Optional[str] = ..., original_transaction_id: _Optional[str] = ..., purchased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., returned_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., points_to_reverse: _Optional[int] = ..., reversed_points: _Optional[int] = ..., shortfall_points: _Optional[int] = ..., qualifying_points: _Optional[int] = ..., fully_returned: _Optional[bool] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class ExpiredLot(_message.Message):
    __slots__ = ("lot_id", "points", "expires_at")
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    lot_id: str
    points: int
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, lot_id: _Optional[str] = ..., points: _Optional[int] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PointsExpired(_message.Message):
    __slots__ = ("entry_id", "points", "lots", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    LOTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    points: int
    lots: _containers.RepeatedCompositeFieldContainer[ExpiredLot]
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., points: _Optional[int] = ..., lots: _Optional[_Iterable[_Union[ExpiredLot, _Mapping]]] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class PointsAdjusted(_message.Message):
    __slots__ = ("entry_id", "points", "qualifying_points", "actor", "reason", "balance")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    points: int
    qualifying_points: int
    actor: str
    reason: str
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., points: _Optional[int] = ..., qualifying_points: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class HoldPlaced(_message.Message):
    __slots__ = ("hold_id", "points", "partner_id", "store_id", "reference", "expires_at", "balance")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    points: int
    partner_id: str
    store_id: str
    reference: str
    expires_at: _timestamp_pb2.Timestamp
    balance: BalanceAfter
    def __init__(self, hold_id: _Optional[str] = ..., points: _Optional[int] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., reference: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class HoldCaptured(_message.Message):
    __slots__ = ("hold_id", "entry_id", "captured_points", "released_points", "purpose", "partner_id", "store_id", "transaction_id", "balance")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    CAPTURED_POINTS_FIELD_NUMBER: _ClassVar[int]
    RELEASED_POINTS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    entry_id: str
    captured_points: int
    released_points: int
    purpose: _ledger_pb2.RedeemPurpose
    partner_id: str
    store_id: str
    transaction_id: str
    balance: BalanceAfter
    def __init__(self, hold_id: _Optional[str] = ..., entry_id: _Optional[str] = ..., captured_points: _Optional[int] = ..., released_points: _Optional[int] = ..., purpose: _Optional[_Union[_ledger_pb2.RedeemPurpose, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class HoldReleased(_message.Message):
    __slots__ = ("hold_id", "entry_id", "points", "partner_id", "reason", "balance")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    entry_id: str
    points: int
    partner_id: str
    reason: str
    balance: BalanceAfter
    def __init__(self, hold_id: _Optional[str] = ..., entry_id: _Optional[str] = ..., points: _Optional[int] = ..., partner_id: _Optional[str] = ..., reason: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class HoldExpired(_message.Message):
    __slots__ = ("hold_id", "entry_id", "points", "partner_id", "balance")
    HOLD_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    hold_id: str
    entry_id: str
    points: int
    partner_id: str
    balance: BalanceAfter
    def __init__(self, hold_id: _Optional[str] = ..., entry_id: _Optional[str] = ..., points: _Optional[int] = ..., partner_id: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class BonusAwarded(_message.Message):
    __slots__ = ("entry_id", "trigger", "bonus_rule_id", "grant_id", "name", "points", "qualifying_points", "lot_id", "expires_at", "reference", "voucher_code", "balance")
    class NameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    BONUS_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POINTS_FIELD_NUMBER: _ClassVar[int]
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    trigger: _rules_pb2.BonusTrigger
    bonus_rule_id: str
    grant_id: str
    name: _containers.ScalarMap[str, str]
    points: int
    qualifying_points: int
    lot_id: str
    expires_at: _timestamp_pb2.Timestamp
    reference: str
    voucher_code: str
    balance: BalanceAfter
    def __init__(self, entry_id: _Optional[str] = ..., trigger: _Optional[_Union[_rules_pb2.BonusTrigger, str]] = ..., bonus_rule_id: _Optional[str] = ..., grant_id: _Optional[str] = ..., name: _Optional[_Mapping[str, str]] = ..., points: _Optional[int] = ..., qualifying_points: _Optional[int] = ..., lot_id: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., reference: _Optional[str] = ..., voucher_code: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class RewardRedeemed(_message.Message):
    __slots__ = ("redemption_id", "reward_id", "reward_name", "reward_type", "points_spent", "entry_id", "voucher_code", "voucher_expires_at", "value", "balance")
    class RewardNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    REWARD_TYPE_FIELD_NUMBER: _ClassVar[int]
    POINTS_SPENT_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    reward_id: str
    reward_name: _containers.ScalarMap[str, str]
    reward_type: _rewards_pb2.RewardType
    points_spent: int
    entry_id: str
    voucher_code: str
    voucher_expires_at: _timestamp_pb2.Timestamp
    value: _common_pb2.Money
    balance: BalanceAfter
    def __init__(self, redemption_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., reward_name: _Optional[_Mapping[str, str]] = ..., reward_type: _Optional[_Union[_rewards_pb2.RewardType, str]] = ..., points_spent: _Optional[int] = ..., entry_id: _Optional[str] = ..., voucher_code: _Optional[str] = ..., voucher_expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class VoucherIssued(_message.Message):
    __slots__ = ("voucher_id", "voucher_code", "issue_reason", "reward_id", "reward_name", "reward_type", "percent_off_bp", "fixed_value", "expires_at", "actor", "complaint_reference")
    class RewardNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    VOUCHER_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    ISSUE_REASON_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_NAME_FIELD_NUMBER: _ClassVar[int]
    REWARD_TYPE_FIELD_NUMBER: _ClassVar[int]
    PERCENT_OFF_BP_FIELD_NUMBER: _ClassVar[int]
    FIXED_VALUE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    COMPLAINT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    voucher_id: str
    voucher_code: str
    issue_reason: _rewards_pb2.VoucherReason
    reward_id: str
    reward_name: _containers.ScalarMap[str, str]
    reward_type: _rewards_pb2.RewardType
    percent_off_bp: int
    fixed_value: _common_pb2.Money
    expires_at: _timestamp_pb2.Timestamp
    actor: str
    complaint_reference: str
    def __init__(self, voucher_id: _Optional[str] = ..., voucher_code: _Optional[str] = ..., issue_reason: _Optional[_Union[_rewards_pb2.VoucherReason, str]] = ..., reward_id: _Optional[str] = ..., reward_name: _Optional[_Mapping[str, str]] = ..., reward_type: _Optional[_Union[_rewards_pb2.RewardType, str]] = ..., percent_off_bp: _Optional[int] = ..., fixed_value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., complaint_reference: _Optional[str] = ...) -> None: ...

class VoucherUsed(_message.Message):
    __slots__ = ("voucher_id", "voucher_code", "redemption_id", "partner_id", "store_id", "transaction_id", "used_at")
    VOUCHER_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    USED_AT_FIELD_NUMBER: _ClassVar[int]
    voucher_id: str
    voucher_code: str
    redemption_id: str
    partner_id: str
    store_id: str
    transaction_id: str
    used_at: _timestamp_pb2.Timestamp
    def __init__(self, voucher_id: _Optional[str] = ..., voucher_code: _Optional[str] = ..., redemption_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., used_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RedemptionCancelled(_message.Message):
    __slots__ = ("redemption_id", "reward_id", "voucher_code", "points_refunded", "actor", "reason", "balance")
    REDEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    VOUCHER_CODE_FIELD_NUMBER: _ClassVar[int]
    POINTS_REFUNDED_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    redemption_id: str
    reward_id: str
    voucher_code: str
    points_refunded: int
    actor: str
    reason: str
    balance: BalanceAfter
    def __init__(self, redemption_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., voucher_code: _Optional[str] = ..., points_refunded: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ..., balance: _Optional[_Union[BalanceAfter, _Mapping]] = ...) -> None: ...

class MemberContact(_message.Message):
    __slots__ = ("name", "phone", "email", "language", "time_zone", "preferred_channels", "consents", "status")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    CONSENTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone: str
    email: str
    language: str
    time_zone: str
    preferred_channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    consents: _containers.RepeatedCompositeFieldContainer[_members_pb2.Consent]
    status: _members_pb2.MemberStatus
    def __init__(self, name: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ..., language: _Optional[str] = ..., time_zone: _Optional[str] = ..., preferred_channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ..., consents: _Optional[_Iterable[_Union[_members_pb2.Consent, _Mapping]]] = ..., status: _Optional[_Union[_members_pb2.MemberStatus, str]] = ...) -> None: ...

class MemberEnrolled(_message.Message):
    __slots__ = ("member_number", "contact", "tier_code", "referral_code", "referred_by", "enrolment_channel", "partner_id", "store_id", "enrolled_at", "member_version", "quiet")
    MEMBER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    REFERRAL_CODE_FIELD_NUMBER: _ClassVar[int]
    REFERRED_BY_FIELD_NUMBER: _ClassVar[int]
    ENROLMENT_CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_AT_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    QUIET_FIELD_NUMBER: _ClassVar[int]
    member_number: str
    contact: MemberContact
    tier_code: str
    referral_code: str
    referred_by: str
    enrolment_channel: str
    partner_id: str
    store_id: str
    enrolled_at: _timestamp_pb2.Timestamp
    member_version: int
    quiet: bool
    def __init__(self, member_number: _Optional[str] = ..., contact: _Optional[_Union[MemberContact, _Mapping]] = ..., tier_code: _Optional[str] = ..., referral_code: _Optional[str] = ..., referred_by: _Optional[str] = ..., enrolment_channel: _Optional[str] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., enrolled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., member_version: _Optional[int] = ..., quiet: _Optional[bool] = ...) -> None: ...

class MemberUpdated(_message.Message):
    __slots__ = ("contact", "changed_fields", "member_version")
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    contact: MemberContact
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    member_version: int
    def __init__(self, contact: _Optional[_Union[MemberContact, _Mapping]] = ..., changed_fields: _Optional[_Iterable[str]] = ..., member_version: _Optional[int] = ...) -> None: ...

class MemberBlocked(_message.Message):
    __slots__ = ("actor", "reason", "member_version")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    actor: str
    reason: str
    member_version: int
    def __init__(self, actor: _Optional[str] = ..., reason: _Optional[str] = ..., member_version: _Optional[int] = ...) -> None: ...

class MemberUnblocked(_message.Message):
    __slots__ = ("actor", "reason", "member_version")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    actor: str
    reason: str
    member_version: int
    def __init__(self, actor: _Optional[str] = ..., reason: _Optional[str] = ..., member_version: _Optional[int] = ...) -> None: ...

class MemberErased(_message.Message):
    __slots__ = ("erased_at", "member_version")
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    erased_at: _timestamp_pb2.Timestamp
    member_version: int
    def __init__(self, erased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., member_version: _Optional[int] = ...) -> None: ...

class ConsentChanged(_message.Message):
    __slots__ = ("consent", "contact", "member_version")
    CONSENT_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    consent: _members_pb2.Consent
    contact: MemberContact
    member_version: int
    def __init__(self, consent: _Optional[_Union[_members_pb2.Consent, _Mapping]] = ..., contact: _Optional[_Union[MemberContact, _Mapping]] = ..., member_version: _Optional[int] = ...) -> None: ...

class TierChanged(_message.Message):
    __slots__ = ("from_tier", "to_tier", "upgrade", "reason", "qualifying_value", "tier_change_id", "ladder_version", "effective_at")
    FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_FIELD_NUMBER: _ClassVar[int]
    UPGRADE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIER_CHANGE_ID_FIELD_NUMBER: _ClassVar[int]
    LADDER_VERSION_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_AT_FIELD_NUMBER: _ClassVar[int]
    from_tier: _tiers_pb2.Tier
    to_tier: _tiers_pb2.Tier
    upgrade: bool
    reason: _tiers_pb2.TierChangeReason
    qualifying_value: int
    tier_change_id: str
    ladder_version: int
    effective_at: _timestamp_pb2.Timestamp
    def __init__(self, from_tier: _Optional[_Union[_tiers_pb2.Tier, _Mapping]] = ..., to_tier: _Optional[_Union[_tiers_pb2.Tier, _Mapping]] = ..., upgrade: _Optional[bool] = ..., reason: _Optional[_Union[_tiers_pb2.TierChangeReason, str]] = ..., qualifying_value: _Optional[int] = ..., tier_change_id: _Optional[str] = ..., ladder_version: _Optional[int] = ..., effective_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TierLadderChanged(_message.Message):
    __slots__ = ("ladder",)
    LADDER_FIELD_NUMBER: _ClassVar[int]
    ladder: _tiers_pb2.TierLadder
    def __init__(self, ladder: _Optional[_Union[_tiers_pb2.TierLadder, _Mapping]] = ...) -> None: ...

class ReferralQualified(_message.Message):
    __slots__ = ("referral_id", "referrer_member_id", "referee_member_id", "partner_id", "transaction_id", "qualified_at")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    REFERRER_MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REFEREE_MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_AT_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    referrer_member_id: str
    referee_member_id: str
    partner_id: str
    transaction_id: str
    qualified_at: _timestamp_pb2.Timestamp
    def __init__(self, referral_id: _Optional[str] = ..., referrer_member_id: _Optional[str] = ..., referee_member_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., qualified_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MessageFailed(_message.Message):
    __slots__ = ("message_id", "delivery_id", "channel", "message_type", "category", "attempts", "reason", "failed_at")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    delivery_id: str
    channel: _common_pb2.Channel
    message_type: _templates_pb2.MessageType
    category: _templates_pb2.MessageCategory
    attempts: int
    reason: str
    failed_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., delivery_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., attempts: _Optional[int] = ..., reason: _Optional[str] = ..., failed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class MessageDelivered(_message.Message):
    __slots__ = ("message_id", "delivery_id", "channel", "message_type", "category", "attempts", "provider_message_id", "sent_at")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    delivery_id: str
    channel: _common_pb2.Channel
    message_type: _templates_pb2.MessageType
    category: _templates_pb2.MessageCategory
    attempts: int
    provider_message_id: str
    sent_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., delivery_id: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., attempts: _Optional[int] = ..., provider_message_id: _Optional[str] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CustomEventRecorded(_message.Message):
    __slots__ = ("custom_event_id", "name", "attributes", "occurred_at", "source", "partner_id", "store_id")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CUSTOM_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    custom_event_id: str
    name: str
    attributes: _containers.ScalarMap[str, str]
    occurred_at: _timestamp_pb2.Timestamp
    source: _custom_events_pb2.CustomEventSource
    partner_id: str
    store_id: str
    def __init__(self, custom_event_id: _Optional[str] = ..., name: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[_Union[_custom_events_pb2.CustomEventSource, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...
