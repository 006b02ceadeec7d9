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

class PartnerStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTNER_STATUS_UNSPECIFIED: _ClassVar[PartnerStatus]
    PARTNER_STATUS_ACTIVE: _ClassVar[PartnerStatus]
    PARTNER_STATUS_SUSPENDED: _ClassVar[PartnerStatus]

class ApiKeyRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    API_KEY_ROLE_UNSPECIFIED: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_PARTNER: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_VIEWER: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_OPERATOR: _ClassVar[ApiKeyRole]
    API_KEY_ROLE_ADMIN: _ClassVar[ApiKeyRole]
PARTNER_STATUS_UNSPECIFIED: PartnerStatus
PARTNER_STATUS_ACTIVE: PartnerStatus
PARTNER_STATUS_SUSPENDED: PartnerStatus
API_KEY_ROLE_UNSPECIFIED: ApiKeyRole
API_KEY_ROLE_PARTNER: ApiKeyRole
API_KEY_ROLE_VIEWER: ApiKeyRole
API_KEY_ROLE_OPERATOR: ApiKeyRole
API_KEY_ROLE_ADMIN: ApiKeyRole

class Partner(_message.Message):
    __slots__ = ("partner_id", "name", "currency", "status", "created_at", "version")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    name: str
    currency: str
    status: PartnerStatus
    created_at: _timestamp_pb2.Timestamp
    version: int
    def __init__(self, partner_id: _Optional[str] = ..., name: _Optional[str] = ..., currency: _Optional[str] = ..., status: _Optional[_Union[PartnerStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class Store(_message.Message):
    __slots__ = ("store_id", "partner_id", "name", "time_zone", "status", "created_at", "version")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    partner_id: str
    name: str
    time_zone: str
    status: PartnerStatus
    created_at: _timestamp_pb2.Timestamp
    version: int
    def __init__(self, store_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., name: _Optional[str] = ..., time_zone: _Optional[str] = ..., status: _Optional[_Union[PartnerStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class CreatePartnerRequest(_message.Message):
    __slots__ = ("partner_id", "name", "currency", "actor")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    name: str
    currency: str
    actor: str
    def __init__(self, partner_id: _Optional[str] = ..., name: _Optional[str] = ..., currency: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class CreatePartnerResponse(_message.Message):
    __slots__ = ("partner", "replayed")
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    partner: Partner
    replayed: bool
    def __init__(self, partner: _Optional[_Union[Partner, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetPartnerRequest(_message.Message):
    __slots__ = ("partner_id",)
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    def __init__(self, partner_id: _Optional[str] = ...) -> None: ...

class GetPartnerResponse(_message.Message):
    __slots__ = ("partner",)
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    partner: Partner
    def __init__(self, partner: _Optional[_Union[Partner, _Mapping]] = ...) -> None: ...

class ListPartnersRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _common_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListPartnersResponse(_message.Message):
    __slots__ = ("partners", "page")
    PARTNERS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    partners: _containers.RepeatedCompositeFieldContainer[Partner]
    page: _common_pb2.PageInfo
    def __init__(self, partners: _Optional[_Iterable[_Union[Partner, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class UpdatePartnerRequest(_message.Message):
    __slots__ = ("partner_id", "name", "status", "version", "actor", "reason")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    name: str
    status: PartnerStatus
    version: int
    actor: str
    reason: str
    def __init__(self, partner_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[PartnerStatus, str]] = ..., version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdatePartnerResponse(_message.Message):
    __slots__ = ("partner",)
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    partner: Partner
    def __init__(self, partner: _Optional[_Union[Partner, _Mapping]] = ...) -> None: ...

class CreateStoreRequest(_message.Message):
    __slots__ = ("store_id", "partner_id", "name", "time_zone", "actor")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    partner_id: str
    name: str
    time_zone: str
    actor: str
    def __init__(self, store_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., name: _Optional[str] = ..., time_zone: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class CreateStoreResponse(_message.Message):
    __slots__ = ("store", "replayed")
    STORE_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    store: Store
    replayed: bool
    def __init__(self, store: _Optional[_Union[Store, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class GetStoreRequest(_message.Message):
    __slots__ = ("store_id",)
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    def __init__(self, store_id: _Optional[str] = ...) -> None: ...

class GetStoreResponse(_message.Message):
    __slots__ = ("store",)
    STORE_FIELD_NUMBER: _ClassVar[int]
    store: Store
    def __init__(self, store: _Optional[_Union[Store, _Mapping]] = ...) -> None: ...

class ListStoresRequest(_message.Message):
    __slots__ = ("partner_id", "page")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    page: _common_pb2.PageRequest
    def __init__(self, partner_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListStoresResponse(_message.Message):
    __slots__ = ("stores", "page")
    STORES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    stores: _containers.RepeatedCompositeFieldContainer[Store]
    page: _common_pb2.PageInfo
    def __init__(self, stores: _Optional[_Iterable[_Union[Store, _Mapping]]] = ..., page: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...

class UpdateStoreRequest(_message.Message):
    __slots__ = ("store_id", "name", "status", "time_zone", "version", "actor", "reason")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    name: str
    status: PartnerStatus
    time_zone: str
    version: int
    actor: str
    reason: str
    def __init__(self, store_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[PartnerStatus, str]] = ..., time_zone: _Optional[str] = ..., version: _Optional[int] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class UpdateStoreResponse(_message.Message):
    __slots__ = ("store",)
    STORE_FIELD_NUMBER: _ClassVar[int]
    store: Store
    def __init__(self, store: _Optional[_Union[Store, _Mapping]] = ...) -> None: ...

class ApiKey(_message.Message):
    __slots__ = ("key_id", "name", "role", "partner_id", "store_ids", "created_at", "created_by", "revoked_at", "revoked_by")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_IDS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    REVOKED_AT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_BY_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    name: str
    role: ApiKeyRole
    partner_id: str
    store_ids: _containers.RepeatedScalarFieldContainer[str]
    created_at: _timestamp_pb2.Timestamp
    created_by: str
    revoked_at: _timestamp_pb2.Timestamp
    revoked_by: str
    def __init__(self, key_id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[ApiKeyRole, str]] = ..., partner_id: _Optional[str] = ..., store_ids: _Optional[_Iterable[str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., created_by: _Optional[str] = ..., revoked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoked_by: _Optional[str] = ...) -> None: ...

class CreateApiKeyRequest(_message.Message):
    __slots__ = ("name", "role", "partner_id", "store_ids", "actor")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    STORE_IDS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: ApiKeyRole
    partner_id: str
    store_ids: _containers.RepeatedScalarFieldContainer[str]
    actor: str
    def __init__(self, name: _Optional[str] = ..., role: _Optional[_Union[ApiKeyRole, str]] = ..., partner_id: _Optional[str] = ..., store_ids: _Optional[_Iterable[str]] = ..., actor: _Optional[str] = ...) -> None: ...

class CreateApiKeyResponse(_message.Message):
    __slots__ = ("key", "secret")
    KEY_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    key: ApiKey
    secret: str
    def __init__(self, key: _Optional[_Union[ApiKey, _Mapping]] = ..., secret: _Optional[str] = ...) -> None: ...

class ListApiKeysRequest(_message.Message):
    __slots__ = ("partner_id", "include_revoked")
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_REVOKED_FIELD_NUMBER: _ClassVar[int]
    partner_id: str
    include_revoked: bool
    def __init__(self, partner_id: _Optional[str] = ..., include_revoked: _Optional[bool] = ...) -> None: ...

class ListApiKeysResponse(_message.Message):
    __slots__ = ("keys",)
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[ApiKey]
    def __init__(self, keys: _Optional[_Iterable[_Union[ApiKey, _Mapping]]] = ...) -> None: ...

class RevokeApiKeyRequest(_message.Message):
    __slots__ = ("key_id", "actor", "reason")
    KEY_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    key_id: str
    actor: str
    reason: str
    def __init__(self, key_id: _Optional[str] = ..., actor: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeApiKeyResponse(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: ApiKey
    def __init__(self, key: _Optional[_Union[ApiKey, _Mapping]] = ...) -> None: ...

class VerifyApiKeyRequest(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class VerifyApiKeyResponse(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: ApiKey
    def __init__(self, key: _Optional[_Union[ApiKey, _Mapping]] = ...) -> None: ...

class ImportedStore(_message.Message):
    __slots__ = ("store_id", "partner_id", "name", "time_zone")
    STORE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    store_id: str
    partner_id: str
    name: str
    time_zone: str
    def __init__(self, store_id: _Optional[str] = ..., partner_id: _Optional[str] = ..., name: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class ImportStoresRequest(_message.Message):
    __slots__ = ("import_id", "stores", "validate_only")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    STORES_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    stores: _containers.RepeatedCompositeFieldContainer[ImportedStore]
    validate_only: bool
    def __init__(self, import_id: _Optional[str] = ..., stores: _Optional[_Iterable[_Union[ImportedStore, _Mapping]]] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class ImportedStoreOutcome(_message.Message):
    __slots__ = ("index", "field", "reason", "replayed")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    index: int
    field: str
    reason: str
    replayed: bool
    def __init__(self, index: _Optional[int] = ..., field: _Optional[str] = ..., reason: _Optional[str] = ..., replayed: _Optional[bool] = ...) -> None: ...

class ImportStoresResponse(_message.Message):
    __slots__ = ("outcomes",)
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    outcomes: _containers.RepeatedCompositeFieldContainer[ImportedStoreOutcome]
    def __init__(self, outcomes: _Optional[_Iterable[_Union[ImportedStoreOutcome, _Mapping]]] = ...) -> None: ...
