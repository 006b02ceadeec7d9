import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from loyalty.common.v1 import common_pb2 as _common_pb2
from loyalty.notifications.v1 import templates_pb2 as _templates_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class InboxMessage(_message.Message):
    __slots__ = ("inbox_message_id", "member_id", "message_id", "message_type", "title", "body", "created_at", "read_at")
    INBOX_MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    inbox_message_id: str
    member_id: str
    message_id: str
    message_type: _templates_pb2.MessageType
    title: str
    body: str
    created_at: _timestamp_pb2.Timestamp
    read_at: _timestamp_pb2.Timestamp
    def __init__(self, inbox_message_id: _Optional[str] = ..., member_id: _Optional[str] = ..., message_id: _Optional[str] = ..., message_type: _Optional[_Union[_templates_pb2.MessageType, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListInboxMessagesRequest(_message.Message):
    __slots__ = ("member_id", "unread_only", "page")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    unread_only: bool
    page: _common_pb2.PageRequest
    def __init__(self, member_id: _Optional[str] = ..., unread_only: _Optional[bool] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListInboxMessagesResponse(_message.Message):
    __slots__ = ("messages", "unread_count", "page_info")
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[InboxMessage]
    unread_count: int
    page_info: _common_pb2.PageInfo
    def __init__(self, messages: _Optional[_Iterable[_Union[InboxMessage, _Mapping]]] = ..., unread_count: _Optional[int] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class GetUnreadCountRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class GetUnreadCountResponse(_message.Message):
    __slots__ = ("unread_count",)
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    unread_count: int
    def __init__(self, unread_count: _Optional[int] = ...) -> None: ...

class MarkInboxReadRequest(_message.Message):
    __slots__ = ("member_id", "inbox_message_ids", "all", "idempotency_key")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    INBOX_MESSAGE_IDS_FIELD_NUMBER: _ClassVar[int]
    ALL_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    inbox_message_ids: _containers.RepeatedScalarFieldContainer[str]
    all: bool
    idempotency_key: str
    def __init__(self, member_id: _Optional[str] = ..., inbox_message_ids: _Optional[_Iterable[str]] = ..., all: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class MarkInboxReadResponse(_message.Message):
    __slots__ = ("marked", "unread_count", "replayed")
    MARKED_FIELD_NUMBER: _ClassVar[int]
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    marked: int
    unread_count: int
    replayed: bool
    def __init__(self, marked: _Optional[int] = ..., unread_count: _Optional[int] = ..., replayed: _Optional[bool] = ...) -> None: ...
