import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CustomEventSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CUSTOM_EVENT_SOURCE_UNSPECIFIED: _ClassVar[CustomEventSource]
    CUSTOM_EVENT_SOURCE_APP: _ClassVar[CustomEventSource]
    CUSTOM_EVENT_SOURCE_PARTNER: _ClassVar[CustomEventSource]
CUSTOM_EVENT_SOURCE_UNSPECIFIED: CustomEventSource
CUSTOM_EVENT_SOURCE_APP: CustomEventSource
CUSTOM_EVENT_SOURCE_PARTNER: CustomEventSource

class CustomEventType(_message.Message):
    __slots__ = ("name", "display_name", "description", "sources", "enabled", "version", "updated_at", "updated_by")
    class DisplayNameEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: _containers.ScalarMap[str, str]
    description: str
    sources: _containers.RepeatedScalarFieldContainer[CustomEventSource]
    enabled: bool
    version: int
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[_Mapping[str, str]] = ..., description: _Optional[str] = ..., sources: _Optional[_Iterable[_Union[CustomEventSource, str]]] = ..., enabled: _Optional[bool] = ..., version: _Optional[int] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class DefineCustomEventTypeRequest(_message.Message):
    __slots__ = ("event_type", "expected_version", "actor", "reason")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    event_type: CustomEventType
    expected_version: int
    actor: str
    reason: str
    def __init__(self, event_type: _Optional[_Union[CustomEventType, _Mapping]] = ..., expected_version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DefineCustomEventTypeResponse(_message.Message):
    __slots__ = ("event_type",)
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    event_type: CustomEventType
    def __init__(self, event_type: _Optional[_Union[CustomEventType, _Mapping]] = ...) -> None: ...

class ListCustomEventTypesRequest(_message.Message):
    __slots__ = ("enabled_only",)
    ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    enabled_only: bool
    def __init__(self, enabled_only: _Optional[bool] = ...) -> None: ...

class ListCustomEventTypesResponse(_message.Message):
    __slots__ = ("event_types",)
    EVENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    event_types: _containers.RepeatedCompositeFieldContainer[CustomEventType]
    def __init__(self, event_types: _Optional[_Iterable[_Union[CustomEventType, _Mapping]]] = ...) -> None: ...

class CustomEvent(_message.Message):
    __slots__ = ("event_id", "member_id", "name", "attributes", "occurred_at", "recorded_at", "source", "partner_id", "store_id")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    member_id: str
    name: str
    attributes: _containers.ScalarMap[str, str]
    occurred_at: _timestamp_pb2.Timestamp
    recorded_at: _timestamp_pb2.Timestamp
    source: CustomEventSource
    partner_id: str
    store_id: str
    def __init__(self, event_id: _Optional[str] = ..., member_id: _Optional[str] = ..., name: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recorded_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[_Union[CustomEventSource, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class CustomEventAward(_message.Message):
    __slots__ = ("bonus_rule_id", "points", "entry_id", "withheld")
    BONUS_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    WITHHELD_FIELD_NUMBER: _ClassVar[int]
    bonus_rule_id: str
    points: int
    entry_id: str
    withheld: str
    def __init__(self, bonus_rule_id: _Optional[str] = ..., points: _Optional[int] = ..., entry_id: _Optional[str] = ..., withheld: _Optional[str] = ...) -> None: ...

class RecordCustomEventRequest(_message.Message):
    __slots__ = ("idempotency_key", "member_id", "name", "attributes", "occurred_at", "source", "partner_id", "store_id")
    class AttributesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    idempotency_key: str
    member_id: str
    name: str
    attributes: _containers.ScalarMap[str, str]
    occurred_at: _timestamp_pb2.Timestamp
    source: CustomEventSource
    partner_id: str
    store_id: str
    def __init__(self, idempotency_key: _Optional[str] = ..., member_id: _Optional[str] = ..., name: _Optional[str] = ..., attributes: _Optional[_Mapping[str, str]] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[_Union[CustomEventSource, str]] = ..., partner_id: _Optional[str] = ..., store_id: _Optional[str] = ...) -> None: ...

class RecordCustomEventResponse(_message.Message):
    __slots__ = ("event", "awards", "points", "replayed")
    EVENT_FIELD_NUMBER: _ClassVar[int]
    AWARDS_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    event: CustomEvent
    awards: _containers.RepeatedCompositeFieldContainer[CustomEventAward]
    points: int
    replayed: bool
    def __init__(self, event: _Optional[_Union[CustomEvent, _Mapping]] = ..., awards: _Optional[_Iterable[_Union[CustomEventAward, _Mapping]]] = ..., points: _Optional[int] = ..., replayed: _Optional[bool] = ...) -> None: ...
