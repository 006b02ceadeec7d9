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

class StaffRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STAFF_ROLE_UNSPECIFIED: _ClassVar[StaffRole]
    STAFF_ROLE_VIEWER: _ClassVar[StaffRole]
    STAFF_ROLE_SUPPORT: _ClassVar[StaffRole]
    STAFF_ROLE_MARKETER: _ClassVar[StaffRole]
    STAFF_ROLE_ADMIN: _ClassVar[StaffRole]

class StaffStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STAFF_STATUS_UNSPECIFIED: _ClassVar[StaffStatus]
    STAFF_STATUS_ACTIVE: _ClassVar[StaffStatus]
    STAFF_STATUS_DISABLED: _ClassVar[StaffStatus]
STAFF_ROLE_UNSPECIFIED: StaffRole
STAFF_ROLE_VIEWER: StaffRole
STAFF_ROLE_SUPPORT: StaffRole
STAFF_ROLE_MARKETER: StaffRole
STAFF_ROLE_ADMIN: StaffRole
STAFF_STATUS_UNSPECIFIED: StaffStatus
STAFF_STATUS_ACTIVE: StaffStatus
STAFF_STATUS_DISABLED: StaffStatus

class StaffMember(_message.Message):
    __slots__ = ("staff_id", "email", "name", "role", "status", "language", "locked_until", "last_sign_in_at", "created_at", "created_by", "version", "password_changed_at")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LOCKED_UNTIL_FIELD_NUMBER: _ClassVar[int]
    LAST_SIGN_IN_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_CHANGED_AT_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    email: str
    name: str
    role: StaffRole
    status: StaffStatus
    language: str
    locked_until: _timestamp_pb2.Timestamp
    last_sign_in_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    created_by: str
    version: int
    password_changed_at: _timestamp_pb2.Timestamp
    def __init__(self, staff_id: _Optional[str] = ..., email: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[StaffRole, str]] = ..., status: _Optional[_Union[StaffStatus, str]] = ..., language: _Optional[str] = ..., locked_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_sign_in_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_by: _Optional[str] = ..., version: _Optional[int] = ..., password_changed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateStaffRequest(_message.Message):
    __slots__ = ("email", "name", "role", "password", "language", "actor")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    email: str
    name: str
    role: StaffRole
    password: str
    language: str
    actor: str
    def __init__(self, email: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[StaffRole, str]] = ..., password: _Optional[str] = ..., language: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class CreateStaffResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: StaffMember
    def __init__(self, staff: _Optional[_Union[StaffMember, _Mapping]] = ...) -> None: ...

class UpdateStaffRequest(_message.Message):
    __slots__ = ("staff_id", "expected_version", "role", "status", "name", "password", "language", "actor")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    expected_version: int
    role: StaffRole
    status: StaffStatus
    name: str
    password: str
    language: str
    actor: str
    def __init__(self, staff_id: _Optional[str] = ..., expected_version: _Optional[int] = ..., role: _Optional[_Union[StaffRole, str]] = ..., status: _Optional[_Union[StaffStatus, str]] = ..., name: _Optional[str] = ..., password: _Optional[str] = ..., language: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class UpdateStaffResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: StaffMember
    def __init__(self, staff: _Optional[_Union[StaffMember, _Mapping]] = ...) -> None: ...

class GetStaffRequest(_message.Message):
    __slots__ = ("staff_id",)
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    def __init__(self, staff_id: _Optional[str] = ...) -> None: ...

class GetStaffResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: StaffMember
    def __init__(self, staff: _Optional[_Union[StaffMember, _Mapping]] = ...) -> None: ...

class ListStaffRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListStaffResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: _containers.RepeatedCompositeFieldContainer[StaffMember]
    def __init__(self, staff: _Optional[_Iterable[_Union[StaffMember, _Mapping]]] = ...) -> None: ...

class SignInRequest(_message.Message):
    __slots__ = ("email", "password", "client_address")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ADDRESS_FIELD_NUMBER: _ClassVar[int]
    email: str
    password: str
    client_address: str
    def __init__(self, email: _Optional[str] = ..., password: _Optional[str] = ..., client_address: _Optional[str] = ...) -> None: ...

class SignInResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: StaffMember
    def __init__(self, staff: _Optional[_Union[StaffMember, _Mapping]] = ...) -> None: ...

class ChangeOwnPasswordRequest(_message.Message):
    __slots__ = ("staff_id", "current_password", "new_password")
    STAFF_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    NEW_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    staff_id: str
    current_password: str
    new_password: str
    def __init__(self, staff_id: _Optional[str] = ..., current_password: _Optional[str] = ..., new_password: _Optional[str] = ...) -> None: ...

class ChangeOwnPasswordResponse(_message.Message):
    __slots__ = ("staff",)
    STAFF_FIELD_NUMBER: _ClassVar[int]
    staff: StaffMember
    def __init__(self, staff: _Optional[_Union[StaffMember, _Mapping]] = ...) -> None: ...

class Activity(_message.Message):
    __slots__ = ("activity_id", "at", "actor", "action", "subject", "detail")
    ACTIVITY_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    activity_id: str
    at: _timestamp_pb2.Timestamp
    actor: str
    action: str
    subject: str
    detail: str
    def __init__(self, activity_id: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., subject: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class RecordActivityRequest(_message.Message):
    __slots__ = ("actor", "action", "subject", "detail")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    actor: str
    action: str
    subject: str
    detail: str
    def __init__(self, actor: _Optional[str] = ..., action: _Optional[str] = ..., subject: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class RecordActivityResponse(_message.Message):
    __slots__ = ("activity",)
    ACTIVITY_FIELD_NUMBER: _ClassVar[int]
    activity: Activity
    def __init__(self, activity: _Optional[_Union[Activity, _Mapping]] = ...) -> None: ...

class ListActivityRequest(_message.Message):
    __slots__ = ("actor", "subject", "page")
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    actor: str
    subject: str
    page: _common_pb2.PageRequest
    def __init__(self, actor: _Optional[str] = ..., subject: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListActivityResponse(_message.Message):
    __slots__ = ("activities", "page_info")
    ACTIVITIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    activities: _containers.RepeatedCompositeFieldContainer[Activity]
    page_info: _common_pb2.PageInfo
    def __init__(self, activities: _Optional[_Iterable[_Union[Activity, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...
