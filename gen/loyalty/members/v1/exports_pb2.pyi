import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportMembersRequest(_message.Message):
    __slots__ = ("actor", "batch_size", "segment_id", "computation_id", "after")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    SEGMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPUTATION_ID_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    actor: str
    batch_size: int
    segment_id: str
    computation_id: str
    after: str
    def __init__(self, actor: _Optional[str] = ..., batch_size: _Optional[int] = ..., segment_id: _Optional[str] = ..., computation_id: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class ExportedMember(_message.Message):
    __slots__ = ("member_id", "member_number", "status", "tier_code", "enrolled_at", "name", "phone", "email", "birthday", "language", "marketing_consents", "erased_at")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MEMBER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIER_CODE_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_AT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    BIRTHDAY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MARKETING_CONSENTS_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    member_number: str
    status: str
    tier_code: str
    enrolled_at: _timestamp_pb2.Timestamp
    name: str
    phone: str
    email: str
    birthday: str
    language: str
    marketing_consents: _containers.RepeatedScalarFieldContainer[str]
    erased_at: _timestamp_pb2.Timestamp
    def __init__(self, member_id: _Optional[str] = ..., member_number: _Optional[str] = ..., status: _Optional[str] = ..., tier_code: _Optional[str] = ..., enrolled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., name: _Optional[str] = ..., phone: _Optional[str] = ..., email: _Optional[str] = ..., birthday: _Optional[str] = ..., language: _Optional[str] = ..., marketing_consents: _Optional[_Iterable[str]] = ..., erased_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ExportMembersResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[ExportedMember]
    def __init__(self, rows: _Optional[_Iterable[_Union[ExportedMember, _Mapping]]] = ...) -> None: ...
