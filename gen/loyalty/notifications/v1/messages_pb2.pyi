import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from loyalty.events.v1 import events_pb2 as _events_pb2
from loyalty.notifications.v1 import templates_pb2 as _templates_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeliveryStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_STATUS_UNSPECIFIED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_QUEUED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_SENT: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_DEFERRED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_SUPPRESSED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_FAILED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_DEAD_LETTERED: _ClassVar[DeliveryStatus]

class DeliveryReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_REASON_UNSPECIFIED: _ClassVar[DeliveryReason]
    DELIVERY_REASON_NO_CONSENT: _ClassVar[DeliveryReason]
    DELIVERY_REASON_NO_ADDRESS: _ClassVar[DeliveryReason]
    DELIVERY_REASON_QUIET_HOURS: _ClassVar[DeliveryReason]
    DELIVERY_REASON_DAILY_CAP: _ClassVar[DeliveryReason]
    DELIVERY_REASON_DUPLICATE: _ClassVar[DeliveryReason]
    DELIVERY_REASON_MEMBER_ERASED: _ClassVar[DeliveryReason]
    DELIVERY_REASON_MEMBER_BLOCKED: _ClassVar[DeliveryReason]
    DELIVERY_REASON_SCHEDULED: _ClassVar[DeliveryReason]
    DELIVERY_REASON_NO_TEMPLATE: _ClassVar[DeliveryReason]
    DELIVERY_REASON_PROVIDER_ERROR: _ClassVar[DeliveryReason]
    DELIVERY_REASON_PROVIDER_REJECTED: _ClassVar[DeliveryReason]
    DELIVERY_REASON_MAX_ATTEMPTS: _ClassVar[DeliveryReason]
    DELIVERY_REASON_CANCELLED: _ClassVar[DeliveryReason]

class BulkSendState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BULK_SEND_STATE_UNSPECIFIED: _ClassVar[BulkSendState]
    BULK_SEND_STATE_SCHEDULED: _ClassVar[BulkSendState]
    BULK_SEND_STATE_RUNNING: _ClassVar[BulkSendState]
    BULK_SEND_STATE_COMPLETED: _ClassVar[BulkSendState]
    BULK_SEND_STATE_CANCELLED: _ClassVar[BulkSendState]
    BULK_SEND_STATE_FAILED: _ClassVar[BulkSendState]
DELIVERY_STATUS_UNSPECIFIED: DeliveryStatus
DELIVERY_STATUS_QUEUED: DeliveryStatus
DELIVERY_STATUS_SENT: DeliveryStatus
DELIVERY_STATUS_DEFERRED: DeliveryStatus
DELIVERY_STATUS_SUPPRESSED: DeliveryStatus
DELIVERY_STATUS_FAILED: DeliveryStatus
DELIVERY_STATUS_DEAD_LETTERED: DeliveryStatus
DELIVERY_REASON_UNSPECIFIED: DeliveryReason
DELIVERY_REASON_NO_CONSENT: DeliveryReason
DELIVERY_REASON_NO_ADDRESS: DeliveryReason
DELIVERY_REASON_QUIET_HOURS: DeliveryReason
DELIVERY_REASON_DAILY_CAP: DeliveryReason
DELIVERY_REASON_DUPLICATE: DeliveryReason
DELIVERY_REASON_MEMBER_ERASED: DeliveryReason
DELIVERY_REASON_MEMBER_BLOCKED: DeliveryReason
DELIVERY_REASON_SCHEDULED: DeliveryReason
DELIVERY_REASON_NO_TEMPLATE: DeliveryReason
DELIVERY_REASON_PROVIDER_ERROR: DeliveryReason
DELIVERY_REASON_PROVIDER_REJECTED: DeliveryReason
DELIVERY_REASON_MAX_ATTEMPTS: DeliveryReason
DELIVERY_REASON_CANCELLED: DeliveryReason
BULK_SEND_STATE_UNSPECIFIED: BulkSendState
BULK_SEND_STATE_SCHEDULED: BulkSendState
BULK_SEND_STATE_RUNNING: BulkSendState
BULK_SEND_STATE_COMPLETED: BulkSendState
BULK_SEND_STATE_CANCELLED: BulkSendState
BULK_SEND_STATE_FAILED: BulkSendState

class Delivery(_message.Message):
    __slots__ = ("delivery_id", "message_id", "member_id", "message_type", "channel", "status", "reason", "detail", "attempts", "next_attempt_at", "address", "subject", "provider_message_id", "created_at", "updated_at", "sent_at", "attempt_log")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_AT_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_LOG_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    message_id: str
    member_id: str
    message_type: _templates_pb2.MessageType
    channel: _common_pb2.Channel
    status: DeliveryStatus
    reason: DeliveryReason
    detail: str
    attempts: int
    next_attempt_at: _timestamp_pb2.Timestamp
    address: str
    subject: str
    provider_message_id: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    sent_at: _timestamp_pb2.Timestamp
    attempt_log: _containers.RepeatedCompositeFieldContainer[DeliveryAttempt]
    def __init__(self, delivery_id: _Optional[str] = ..., message_id: _Optional[str] = ..., member_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., status: _Optional[_Union[DeliveryStatus, str]] = ..., reason: _Optional[_Union[DeliveryReason, str]] = ..., detail: _Optional[str] = ..., attempts: _Optional[int] = ..., next_attempt_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., address: _Optional[str] = ..., subject: _Optional[str] = ..., provider_message_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sent_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempt_log: _Optional[_Iterable[_Union[DeliveryAttempt, _Mapping]]] = ...) -> None: ...

class DeliveryAttempt(_message.Message):
    __slots__ = ("at", "attempt", "outcome", "detail")
    AT_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    attempt: int
    outcome: str
    detail: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., attempt: _Optional[int] = ..., outcome: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class Message(_message.Message):
    __slots__ = ("message_id", "member_id", "message_type", "category", "language", "dedupe_key", "source_event_id", "bulk_send_id", "actor", "created_at", "deliveries", "resent_from")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    DEDUPE_KEY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    BULK_SEND_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    RESENT_FROM_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    member_id: str
    message_type: _templates_pb2.MessageType
    category: _templates_pb2.MessageCategory
    language: str
    dedupe_key: str
    source_event_id: str
    bulk_send_id: str
    actor: str
    created_at: _timestamp_pb2.Timestamp
    deliveries: _containers.RepeatedCompositeFieldContainer[Delivery]
    resent_from: str
    def __init__(self, message_id: _Optional[str] = ..., member_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., language: _Optional[str] = ..., dedupe_key: _Optional[str] = ..., source_event_id: _Optional[str] = ..., bulk_send_id: _Optional[str] = ..., actor: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deliveries: _Optional[_Iterable[_Union[Delivery, _Mapping]]] = ..., resent_from: _Optional[str] = ...) -> None: ...

class DeliverySettings(_message.Message):
    __slots__ = ("quiet_hours_start", "quiet_hours_end", "marketing_daily_cap", "max_attempts", "retry_base_delay_seconds", "retry_max_delay_seconds", "expiry_reminder_days", "bulk_rate_per_second", "version", "updated_at", "updated_by")
    QUIET_HOURS_START_FIELD_NUMBER: _ClassVar[int]
    QUIET_HOURS_END_FIELD_NUMBER: _ClassVar[int]
    MARKETING_DAILY_CAP_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    RETRY_BASE_DELAY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RETRY_MAX_DELAY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_REMINDER_DAYS_FIELD_NUMBER: _ClassVar[int]
    BULK_RATE_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    quiet_hours_start: str
    quiet_hours_end: str
    marketing_daily_cap: int
    max_attempts: int
    retry_base_delay_seconds: int
    retry_max_delay_seconds: int
    expiry_reminder_days: int
    bulk_rate_per_second: int
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, quiet_hours_start: _Optional[str] = ..., quiet_hours_end: _Optional[str] = ..., marketing_daily_cap: _Optional[int] = ..., max_attempts: _Optional[int] = ..., retry_base_delay_seconds: _Optional[int] = ..., retry_max_delay_seconds: _Optional[int] = ..., expiry_reminder_days: _Optional[int] = ..., bulk_rate_per_second: _Optional[int] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class BulkSend(_message.Message):
    __slots__ = ("bulk_send_id", "name", "segment_id", "computation_id", "message_type", "category", "channels", "variables", "state", "rate_per_second", "scheduled_at", "members_total", "members_processed", "queued", "sent", "deferred", "suppressed", "failed", "dead_lettered", "error", "actor", "created_at", "started_at", "finished_at")
    class VariablesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BULK_SEND_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    RATE_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_PROCESSED_FIELD_NUMBER: _ClassVar[int]
    QUEUED_FIELD_NUMBER: _ClassVar[int]
    SENT_FIELD_NUMBER: _ClassVar[int]
    DEFERRED_FIELD_NUMBER: _ClassVar[int]
    SUPPRESSED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    DEAD_LETTERED_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    bulk_send_id: str
    name: str
    segment_id: str
    computation_id: str
    message_type: _templates_pb2.MessageType
    category: _templates_pb2.MessageCategory
    channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    variables: _containers.ScalarMap[str, str]
    state: BulkSendState
    rate_per_second: int
    scheduled_at: _timestamp_pb2.Timestamp
    members_total: int
    members_processed: int
    queued: int
    sent: int
    deferred: int
    suppressed: int
    failed: int
    dead_lettered: int
    error: str
    actor: str
    created_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, bulk_send_id: _Optional[str] = ..., name: _Optional[str] = ..., segment_id: _Optional[str] = ..., computation_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ..., variables: _Optional[_Mapping[str, str]] = ..., state: _Optional[_Union[BulkSendState, str]] = ..., rate_per_second: _Optional[int] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., members_total: _Optional[int] = ..., members_processed: _Optional[int] = ..., queued: _Optional[int] = ..., sent: _Optional[int] = ..., deferred: _Optional[int] = ..., suppressed: _Optional[int] = ..., failed: _Optional[int] = ..., dead_lettered: _Optional[int] = ..., error: _Optional[str] = ..., actor: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SendMessageRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "message_type", "channels", "category", "variables", "language", "not_before", "to_phone", "actor")
    class VariablesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    TO_PHONE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    message_type: _templates_pb2.MessageType
    channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    category: _templates_pb2.MessageCategory
    variables: _containers.ScalarMap[str, str]
    language: str
    not_before: _timestamp_pb2.Timestamp
    to_phone: str
    actor: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., variables: _Optional[_Mapping[str, str]] = ..., language: _Optional[str] = ..., not_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., to_phone: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class SendMessageResponse(_message.Message):
    __slots__ = ("message", "replayed")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    message: Message
    replayed: bool
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ResendMessageRequest(_message.Message):
    __slots__ = ("message_id", "idempotency_key", "actor", "channels")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    idempotency_key: str
    actor: str
    channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    def __init__(self, message_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., actor: _Optional[str] = ..., channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ...) -> None: ...

class ResendMessageResponse(_message.Message):
    __slots__ = ("message", "replayed")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    message: Message
    replayed: bool
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetMessageRequest(_message.Message):
    __slots__ = ("message_id",)
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    def __init__(self, message_id: _Optional[str] = ...) -> None: ...

class GetMessageResponse(_message.Message):
    __slots__ = ("message",)
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    message: Message
    def __init__(self, message: _Optional[_Union[Message, _Mapping]] = ...) -> None: ...

class ListDeliveriesRequest(_message.Message):
    __slots__ = ("message_id", "member_id", "statuses", "page")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    member_id: str
    statuses: _containers.RepeatedScalarFieldContainer[DeliveryStatus]
    page: _common_pb2.PageRequest
    def __init__(self, message_id: _Optional[str] = ..., member_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[DeliveryStatus, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListDeliveriesResponse(_message.Message):
    __slots__ = ("deliveries", "page_info")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[Delivery]
    page_info: _common_pb2.PageInfo
    def __init__(self, deliveries: _Optional[_Iterable[_Union[Delivery, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class ListDeadLettersRequest(_message.Message):
    __slots__ = ("channel", "page")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    channel: _common_pb2.Channel
    page: _common_pb2.PageRequest
    def __init__(self, channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListDeadLettersResponse(_message.Message):
    __slots__ = ("deliveries", "page_info")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[Delivery]
    page_info: _common_pb2.PageInfo
    def __init__(self, deliveries: _Optional[_Iterable[_Union[Delivery, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class RetryDeadLettersRequest(_message.Message):
    __slots__ = ("delivery_ids", "actor", "reason")
    DELIVERY_IDS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    delivery_ids: _containers.RepeatedScalarFieldContainer[str]
    actor: str
    reason: str
    def __init__(self, delivery_ids: _Optional[_Iterable[str]] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RetryDeadLettersResponse(_message.Message):
    __slots__ = ("deliveries",)
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[Delivery]
    def __init__(self, deliveries: _Optional[_Iterable[_Union[Delivery, _Mapping]]] = ...) -> None: ...

class StartBulkSendRequest(_message.Message):
    __slots__ = ("idempotency_key", "name", "segment_id", "message_type", "category", "channels", "variables", "scheduled_at", "rate_per_second", "actor", "reason")
    class VariablesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_AT_FIELD_NUMBER: _ClassVar[int]
    RATE_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    name: str
    segment_id: str
    message_type: _templates_pb2.MessageType
    category: _templates_pb2.MessageCategory
    channels: _containers.RepeatedScalarFieldContainer[_common_pb2.Channel]
    variables: _containers.ScalarMap[str, str]
    scheduled_at: _timestamp_pb2.Timestamp
    rate_per_second: int
    actor: str
    reason: str
    def __init__(self, idempotency_key: _Optional[str] = ..., name: _Optional[str] = ..., segment_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., category: _Optional[_Union[_templates_pb2.MessageCategory, str]] = ..., channels: _Optional[_Iterable[_Union[_common_pb2.Channel, str]]] = ..., variables: _Optional[_Mapping[str, str]] = ..., scheduled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rate_per_second: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class StartBulkSendResponse(_message.Message):
    __slots__ = ("bulk_send", "replayed")
    BULK_SEND_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    bulk_send: BulkSend
    replayed: bool
    def __init__(self, bulk_send: _Optional[_Union[BulkSend, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetBulkSendRequest(_message.Message):
    __slots__ = ("bulk_send_id",)
    BULK_SEND_ID_FIELD_NUMBER: _ClassVar[int]
    bulk_send_id: str
    def __init__(self, bulk_send_id: _Optional[str] = ...) -> None: ...

class GetBulkSendResponse(_message.Message):
    __slots__ = ("bulk_send",)
    BULK_SEND_FIELD_NUMBER: _ClassVar[int]
    bulk_send: BulkSend
    def __init__(self, bulk_send: _Optional[_Union[BulkSend, _Mapping]] = ...) -> None: ...

class ListBulkSendsRequest(_message.Message):
    __slots__ = ("states", "page")
    STATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedScalarFieldContainer[BulkSendState]
    page: _common_pb2.PageRequest
    def __init__(self, states: _Optional[_Iterable[_Union[BulkSendState, str]]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListBulkSendsResponse(_message.Message):
    __slots__ = ("bulk_sends", "page_info")
    BULK_SENDS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    bulk_sends: _containers.RepeatedCompositeFieldContainer[BulkSend]
    page_info: _common_pb2.PageInfo
    def __init__(self, bulk_sends: _Optional[_Iterable[_Union[BulkSend, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class CancelBulkSendRequest(_message.Message):
    __slots__ = ("bulk_send_id", "actor", "reason")
    BULK_SEND_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    bulk_send_id: str
    actor: str
    reason: str
    def __init__(self, bulk_send_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CancelBulkSendResponse(_message.Message):
    __slots__ = ("bulk_send",)
    BULK_SEND_FIELD_NUMBER: _ClassVar[int]
    bulk_send: BulkSend
    def __init__(self, bulk_send: _Optional[_Union[BulkSend, _Mapping]] = ...) -> None: ...

class RunExpiryRemindersRequest(_message.Message):
    __slots__ = ("as_of", "days_ahead")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    DAYS_AHEAD_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    days_ahead: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., days_ahead: _Optional[int] = ...) -> None: ...

class RunExpiryRemindersResponse(_message.Message):
    __slots__ = ("messages_created", "already_sent", "skipped")
    MESSAGES_CREATED_FIELD_NUMBER: _ClassVar[int]
    ALREADY_SENT_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    messages_created: int
    already_sent: int
    skipped: int
    def __init__(self, messages_created: _Optional[int] = ..., already_sent: _Optional[int] = ..., skipped: _Optional[int] = ...) -> None: ...

class RunBirthdayGreetingsRequest(_message.Message):
    __slots__ = ("as_of",)
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class RunBirthdayGreetingsResponse(_message.Message):
    __slots__ = ("messages_created", "with_voucher", "already_sent", "skipped")
    MESSAGES_CREATED_FIELD_NUMBER: _ClassVar[int]
    WITH_VOUCHER_FIELD_NUMBER: _ClassVar[int]
    ALREADY_SENT_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    messages_created: int
    with_voucher: int
    already_sent: int
    skipped: int
    def __init__(self, messages_created: _Optional[int] = ..., with_voucher: _Optional[int] = ..., already_sent: _Optional[int] = ..., skipped: _Optional[int] = ...) -> None: ...

class DispatchDueRequest(_message.Message):
    __slots__ = ("as_of", "limit")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    as_of: _timestamp_pb2.Timestamp
    limit: int
    def __init__(self, as_of: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ...) -> None: ...

class DispatchDueResponse(_message.Message):
    __slots__ = ("attempted", "sent", "deferred", "failed", "dead_lettered", "more")
    ATTEMPTED_FIELD_NUMBER: _ClassVar[int]
    SENT_FIELD_NUMBER: _ClassVar[int]
    DEFERRED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    DEAD_LETTERED_FIELD_NUMBER: _ClassVar[int]
    MORE_FIELD_NUMBER: _ClassVar[int]
    attempted: int
    sent: int
    deferred: int
    failed: int
    dead_lettered: int
    more: bool
    def __init__(self, attempted: _Optional[int] = ..., sent: _Optional[int] = ..., deferred: _Optional[int] = ..., failed: _Optional[int] = ..., dead_lettered: _Optional[int] = ..., more: _Optional[bool] = ...) -> None: ...

class GetMemberContactRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetMemberContactResponse(_message.Message):
    __slots__ = ("member_id", "contact", "member_version", "updated_at")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    MEMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    contact: _events_pb2.MemberContact
    member_version: int
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, member_id: _Optional[str] = ..., contact: _Optional[_Union[_events_pb2.MemberContact, _Mapping]] = ..., member_version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetDeliverySettingsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetDeliverySettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: DeliverySettings
    def __init__(self, settings: _Optional[_Union[DeliverySettings, _Mapping]] = ...) -> None: ...

class UpdateDeliverySettingsRequest(_message.Message):
    __slots__ = ("settings", "expected_version", "actor", "reason")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    settings: DeliverySettings
    expected_version: int
    actor: str
    reason: str
    def __init__(self, settings: _Optional[_Union[DeliverySettings, _Mapping]] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateDeliverySettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: DeliverySettings
    def __init__(self, settings: _Optional[_Union[DeliverySettings, _Mapping]] = ...) -> None: ...
