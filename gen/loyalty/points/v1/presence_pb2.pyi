import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PresenceProof(_message.Message):
    __slots__ = ("code", "token")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    code: str
    token: str
    def __init__(self, code: _Optional[str] = ..., token: _Optional[str] = ...) -> None: ...

class IssuePresenceCodeRequest(_message.Message):
    __slots__ = ("member_id",)
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    def __init__(self, member_id: _Optional[str] = ...) -> None: ...

class IssuePresenceCodeResponse(_message.Message):
    __slots__ = ("code", "token", "expires_at", "refresh_after_seconds")
    CODE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    REFRESH_AFTER_SECONDS_FIELD_NUMBER: _ClassVar[int]
    code: str
    token: str
    expires_at: _timestamp_pb2.Timestamp
    refresh_after_seconds: int
    def __init__(self, code: _Optional[str] = ..., token: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., refresh_after_seconds: _Optional[int] = ...) -> None: ...
