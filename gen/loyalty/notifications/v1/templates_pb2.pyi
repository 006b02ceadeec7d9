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

class MessageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MESSAGE_TYPE_UNSPECIFIED: _ClassVar[MessageType]
    MESSAGE_TYPE_WELCOME: _ClassVar[MessageType]
    MESSAGE_TYPE_PURCHASE_THANK_YOU: _ClassVar[MessageType]
    MESSAGE_TYPE_TIER_UPGRADE: _ClassVar[MessageType]
    MESSAGE_TYPE_REWARD_REDEEMED: _ClassVar[MessageType]
    MESSAGE_TYPE_POINTS_EXPIRING: _ClassVar[MessageType]
    MESSAGE_TYPE_BIRTHDAY: _ClassVar[MessageType]
    MESSAGE_TYPE_APOLOGY: _ClassVar[MessageType]
    MESSAGE_TYPE_GIFT: _ClassVar[MessageType]
    MESSAGE_TYPE_MARKETING: _ClassVar[MessageType]
    MESSAGE_TYPE_WIN_BACK: _ClassVar[MessageType]
    MESSAGE_TYPE_SIGN_IN_CODE: _ClassVar[MessageType]
    MESSAGE_TYPE_GENERIC: _ClassVar[MessageType]
    MESSAGE_TYPE_POINTS_REVERSED: _ClassVar[MessageType]

class MessageCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MESSAGE_CATEGORY_UNSPECIFIED: _ClassVar[MessageCategory]
    MESSAGE_CATEGORY_TRANSACTIONAL: _ClassVar[MessageCategory]
    MESSAGE_CATEGORY_MARKETING: _ClassVar[MessageCategory]
MESSAGE_TYPE_UNSPECIFIED: MessageType
MESSAGE_TYPE_WELCOME: MessageType
MESSAGE_TYPE_PURCHASE_THANK_YOU: MessageType
MESSAGE_TYPE_TIER_UPGRADE: MessageType
MESSAGE_TYPE_REWARD_REDEEMED: MessageType
MESSAGE_TYPE_POINTS_EXPIRING: MessageType
MESSAGE_TYPE_BIRTHDAY: MessageType
MESSAGE_TYPE_APOLOGY: MessageType
MESSAGE_TYPE_GIFT: MessageType
MESSAGE_TYPE_MARKETING: MessageType
MESSAGE_TYPE_WIN_BACK: MessageType
MESSAGE_TYPE_SIGN_IN_CODE: MessageType
MESSAGE_TYPE_GENERIC: MessageType
MESSAGE_TYPE_POINTS_REVERSED: MessageType
MESSAGE_CATEGORY_UNSPECIFIED: MessageCategory
MESSAGE_CATEGORY_TRANSACTIONAL: MessageCategory
MESSAGE_CATEGORY_MARKETING: MessageCategory

class Template(_message.Message):
    __slots__ = ("template_id", "message_type", "language", "channel", "subject", "body", "version", "category", "is_default", "updated_at", "updated_by")
    TEMPLATE_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    IS_DEFAULT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    template_id: str
    message_type: MessageType
    language: str
    channel: _common_pb2.Channel
    subject: str
    body: str
    version: int
    category: MessageCategory
    is_default: bool
    updated_at: _timestamp_pb2.Timestamp
    updated_by: str
    def __init__(self, template_id: _Optional[str] = ..., message_type: _Optional[_Union[MessageType, str]] = ..., language: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., subject: _Optional[str] = ..., body: _Optional[str] = ..., version: _Optional[int] = ..., category: _Optional[_Union[MessageCategory, str]] = ..., is_default: _Optional[bool] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ...) -> None: ...

class TemplateVariable(_message.Message):
    __slots__ = ("name", "description", "example")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    description: str
    example: str
    def __init__(self, name: _Optional[str] = ..., description: _Optional[str] = ..., example: _Optional[str] = ...) -> None: ...

class SaveTemplateRequest(_message.Message):
    __slots__ = ("template", "expected_version", "validate_only", "actor", "reason")
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_VERSION_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    template: Template
    expected_version: int
    validate_only: bool
    actor: str
    reason: str
    def __init__(self, template: _Optional[_Union[Template, _Mapping]] = ..., expected_version: _Optional[int] = ..., validate_only: _Optional[bool] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SaveTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: Template
    def __init__(self, template: _Optional[_Union[Template, _Mapping]] = ...) -> None: ...

class GetTemplateRequest(_message.Message):
    __slots__ = ("message_type", "language", "channel", "version")
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    message_type: MessageType
    language: str
    channel: _common_pb2.Channel
    version: int
    def __init__(self, message_type: _Optional[_Union[MessageType, str]] = ..., language: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., version: _Optional[int] = ...) -> None: ...

class GetTemplateResponse(_message.Message):
    __slots__ = ("template",)
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    template: Template
    def __init__(self, template: _Optional[_Union[Template, _Mapping]] = ...) -> None: ...

class ListTemplatesRequest(_message.Message):
    __slots__ = ("message_type", "language", "channel", "page")
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    message_type: MessageType
    language: str
    channel: _common_pb2.Channel
    page: _common_pb2.PageRequest
    def __init__(self, message_type: _Optional[_Union[MessageType, str]] = ..., language: _Optional[str] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListTemplatesResponse(_message.Message):
    __slots__ = ("templates", "page_info")
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    templates: _containers.RepeatedCompositeFieldContainer[Template]
    page_info: _common_pb2.PageInfo
    def __init__(self, templates: _Optional[_Iterable[_Union[Template, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class PreviewTemplateRequest(_message.Message):
    __slots__ = ("member_id", "message_type", "channel", "language", "variables", "draft")
    class VariablesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    message_type: MessageType
    channel: _common_pb2.Channel
    language: str
    variables: _containers.ScalarMap[str, str]
    draft: Template
    def __init__(self, member_id: _Optional[str] = ..., message_type: _Optional[_Union[MessageType, str]] = ..., channel: _Optional[_Union[_common_pb2.Channel, str]] = ..., language: _Optional[str] = ..., variables: _Optional[_Mapping[str, str]] = ..., draft: _Optional[_Union[Template, _Mapping]] = ...) -> None: ...

class PreviewTemplateResponse(_message.Message):
    __slots__ = ("subject", "body", "language", "template_version")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_VERSION_FIELD_NUMBER: _ClassVar[int]
    subject: str
    body: str
    language: str
    template_version: int
    def __init__(self, subject: _Optional[str] = ..., body: _Optional[str] = ..., language: _Optional[str] = ..., template_version: _Optional[int] = ...) -> None: ...

class ListTemplateVariablesRequest(_message.Message):
    __slots__ = ("message_type",)
    MESSAGE_TYPE_FIELD_NUMBER: _ClassVar[int]
    message_type: MessageType
    def __init__(self, message_type: _Optional[_Union[MessageType, str]] = ...) -> None: ...

class ListTemplateVariablesResponse(_message.Message):
    __slots__ = ("variables",)
    VARIABLES_FIELD_NUMBER: _ClassVar[int]
    variables: _containers.RepeatedCompositeFieldContainer[TemplateVariable]
    def __init__(self, variables: _Optional[_Iterable[_Union[TemplateVariable, _Mapping]]] = ...) -> None: ...

class InstallDefaultTemplatesRequest(_message.Message):
    __slots__ = ("overwrite", "actor")
    OVERWRITE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    overwrite: bool
    actor: str
    def __init__(self, overwrite: _Optional[bool] = ..., actor: _Optional[str] = ...) -> None: ...

class InstallDefaultTemplatesResponse(_message.Message):
    __slots__ = ("installed", "skipped")
    INSTALLED_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    installed: int
    skipped: int
    def __init__(self, installed: _Optional[int] = ..., skipped: _Optional[int] = ...) -> None: ...
