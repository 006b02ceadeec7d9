import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportPointsRequest(_message.Message):
    __slots__ = ("actor", "batch_size", "after")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    actor: str
    batch_size: int
    after: str
    def __init__(self, actor: _Optional[str] = ..., batch_size: _Optional[int] = ..., after: _Optional[str] = ...) -> None: ...

class ExportTransactionsRequest(_message.Message):
    __slots__ = ("actor", "batch_size", "start", "end", "after_created_at", "after_entry_id")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    AFTER_CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    AFTER_ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    actor: str
    batch_size: int
    start: _timestamp_pb2.Timestamp
    end: _timestamp_pb2.Timestamp
    after_created_at: _timestamp_pb2.Timestamp
    after_entry_id: str
    def __init__(self, actor: _Optional[str] = ..., batch_size: _Optional[int] = ..., start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., after_created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., after_entry_id: _Optional[str] = ...) -> None: ...

class BalanceRow(_message.Message):
    __slots__ = ("member_id", "status", "tier_code", "available", "pending", "held", "debt", "lifetime_issued", "lifetime_redeemed", "open_lots")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    DEBT_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_ISSUED_FIELD_NUMBER: _ClassVar[int]
    LIFETIME_REDEEMED_FIELD_NUMBER: _ClassVar[int]
    OPEN_LOTS_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    status: str
    tier_code: str
    available: int
    pending: int
    held: int
    debt: int
    lifetime_issued: int
    lifetime_redeemed: int
    open_lots: int
    def __init__(self, member_id: _Optional[str] = ..., status: _Optional[str] = ..., tier_code: _Optional[str] = ..., available: _Optional[int] = ..., pending: _Optional[int] = ..., held: _Optional[int] = ..., debt: _Optional[int] = ..., lifetime_issued: _Optional[int] = ..., lifetime_redeemed: _Optional[int] = ..., open_lots: _Optional[int] = ...) -> None: ...

class ExportBalancesResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[BalanceRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[BalanceRow, _Mapping]]] = ...) -> None: ...

class LotRow(_message.Message):
    __slots__ = ("member_id", "lot_id", "source", "points", "remaining", "held", "pending", "earned_at", "available_at", "expires_at", "partner_id", "transaction_id")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    LOT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    EARNED_AT_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    lot_id: str
    source: str
    points: int
    remaining: int
    held: int
    pending: bool
    earned_at: _timestamp_pb2.Timestamp
    available_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    partner_id: str
    transaction_id: str
    def __init__(self, member_id: _Optional[str] = ..., lot_id: _Optional[str] = ..., source: _Optional[str] = ..., points: _Optional[int] = ..., remaining: _Optional[int] = ..., held: _Optional[int] = ..., pending: _Optional[bool] = ..., earned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., available_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., partner_id: _Optional[str] = ..., transaction_id: _Optional[str] = ...) -> None: ...

class ExportLotsResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[LotRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[LotRow, _Mapping]]] = ...) -> None: ...

class TransactionRow(_message.Message):
    __slots__ = ("entry_id", "member_id", "type", "points", "balance_after", "occurred_at", "created_at", "partner_id", "store_id", "transaction_id", "reference", "amount_minor", "currency", "actor", "reason")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_MINOR_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    member_id: str
    type: str
    points: int
    balance_after: int
    occurred_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    partner_id: str
    store_id: str
    transaction_id: str
    reference: str
    amount_minor: int
    currency: str
    actor: str
    reason: str
    def __init__(self, entry_id: _Optional[str] = ..., member_id: _Optional[str] = ..., type: _Optional[str] = ..., points: _Optional[int] = ..., balance_after: _Optional[int] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ..., transaction_id: _Optional[str] = ..., reference: _Optional[str] = ..., amount_minor: _Optional[int] = ..., currency: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ExportTransactionsResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[TransactionRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[TransactionRow, _Mapping]]] = ...) -> None: ...

class VoucherRow(_message.Message):
    __slots__ = ("voucher_id", "code", "member_id", "reward_id", "state", "issue_reason", "issued_at", "expires_at", "used_at")
    VOUCHER_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REWARD_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ISSUE_REASON_FIELD_NUMBER: _ClassVar[int]
    ISSUED_AT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    USED_AT_FIELD_NUMBER: _ClassVar[int]
    voucher_id: str
    code: str
    member_id: str
    reward_id: str
    state: str
    issue_reason: str
    issued_at: _timestamp_pb2.Timestamp
    expires_at: _timestamp_pb2.Timestamp
    used_at: _timestamp_pb2.Timestamp
    def __init__(self, voucher_id: _Optional[str] = ..., code: _Optional[str] = ..., member_id: _Optional[str] = ..., reward_id: _Optional[str] = ..., state: _Optional[str] = ..., issue_reason: _Optional[str] = ..., issued_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., used_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExportVouchersResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[VoucherRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[VoucherRow, _Mapping]]] = ...) -> None: ...
