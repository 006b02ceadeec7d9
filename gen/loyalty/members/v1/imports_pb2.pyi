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

class ImportKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_KIND_UNSPECIFIED: _ClassVar[ImportKind]
    IMPORT_KIND_MEMBERS: _ClassVar[ImportKind]
    IMPORT_KIND_VOUCHER_CODES: _ClassVar[ImportKind]
    IMPORT_KIND_STORES: _ClassVar[ImportKind]

class ImportMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_MODE_UNSPECIFIED: _ClassVar[ImportMode]
    IMPORT_MODE_ALL_OR_NOTHING: _ClassVar[ImportMode]
    IMPORT_MODE_SKIP_BAD_ROWS: _ClassVar[ImportMode]

class ImportState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_STATE_UNSPECIFIED: _ClassVar[ImportState]
    IMPORT_STATE_RECEIVING: _ClassVar[ImportState]
    IMPORT_STATE_VALIDATING: _ClassVar[ImportState]
    IMPORT_STATE_APPLYING: _ClassVar[ImportState]
    IMPORT_STATE_STOPPED: _ClassVar[ImportState]
    IMPORT_STATE_COMPLETED: _ClassVar[ImportState]
    IMPORT_STATE_REJECTED: _ClassVar[ImportState]
IMPORT_KIND_UNSPECIFIED: ImportKind
IMPORT_KIND_MEMBERS: ImportKind
IMPORT_KIND_VOUCHER_CODES: ImportKind
IMPORT_KIND_STORES: ImportKind
IMPORT_MODE_UNSPECIFIED: ImportMode
IMPORT_MODE_ALL_OR_NOTHING: ImportMode
IMPORT_MODE_SKIP_BAD_ROWS: ImportMode
IMPORT_STATE_UNSPECIFIED: ImportState
IMPORT_STATE_RECEIVING: ImportState
IMPORT_STATE_VALIDATING: ImportState
IMPORT_STATE_APPLYING: ImportState
IMPORT_STATE_STOPPED: ImportState
IMPORT_STATE_COMPLETED: ImportState
IMPORT_STATE_REJECTED: ImportState

class ImportRow(_message.Message):
    __slots__ = ("fields",)
    class FieldsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.ScalarMap[str, str]
    def __init__(self, fields: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ImportError(_message.Message):
    __slots__ = ("row", "field", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    field: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., field: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Import(_message.Message):
    __slots__ = ("import_id", "kind", "mode", "state", "notify_members", "rows_total", "rows_received", "rows_validated", "rows_applied", "rows_failed", "errors", "created_by", "created_at", "started_at", "finished_at")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ROWS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    ROWS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    ROWS_VALIDATED_FIELD_NUMBER: _ClassVar[int]
    ROWS_APPLIED_FIELD_NUMBER: _ClassVar[int]
    ROWS_FAILED_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    kind: ImportKind
    mode: ImportMode
    state: ImportState
    notify_members: bool
    rows_total: int
    rows_received: int
    rows_validated: int
    rows_applied: int
    rows_failed: int
    errors: _containers.RepeatedCompositeFieldContainer[ImportError]
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    started_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    def __init__(self, import_id: _Optional[str] = ..., kind: _Optional[_Union[ImportKind, str]] = ..., mode: _Optional[_Union[ImportMode, str]] = ..., state: _Optional[_Union[ImportState, str]] = ..., notify_members: _Optional[bool] = ..., rows_total: _Optional[int] = ..., rows_received: _Optional[int] = ..., rows_validated: _Optional[int] = ..., rows_applied: _Optional[int] = ..., rows_failed: _Optional[int] = ..., errors: _Optional[_Iterable[_Union[ImportError, _Mapping]]] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateImportRequest(_message.Message):
    __slots__ = ("import_id", "kind", "mode", "rows_total", "notify_members", "actor")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    ROWS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    kind: ImportKind
    mode: ImportMode
    rows_total: int
    notify_members: bool
    actor: str
    def __init__(self, import_id: _Optional[str] = ..., kind: _Optional[_Union[ImportKind, str]] = ..., mode: _Optional[_Union[ImportMode, str]] = ..., rows_total: _Optional[int] = ..., notify_members: _Optional[bool] = ..., actor: _Optional[str] = ...) -> None: ...

class CreateImportResponse(_message.Message):
    __slots__ = ("bulk_import", "replayed")
    BULK_IMPORT_FIELD_NUMBER: _ClassVar[int]
    REPLAYED_FIELD_NUMBER: _ClassVar[int]
    bulk_import: Import
    replayed: bool
    def __init__(self, bulk_import: _Optional[_Union[Import, _Mapping]] = ..., replayed: _Optional[bool] = ...) -> None: ...

class AddImportRowsRequest(_message.Message):
    __slots__ = ("import_id", "first_row_number", "rows")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    FIRST_ROW_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    first_row_number: int
    rows: _containers.RepeatedCompositeFieldContainer[ImportRow]
    def __init__(self, import_id: _Optional[str] = ..., first_row_number: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[ImportRow, _Mapping]]] = ...) -> None: ...

class AddImportRowsResponse(_message.Message):
    __slots__ = ("rows_received", "rows_replayed")
    ROWS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    ROWS_REPLAYED_FIELD_NUMBER: _ClassVar[int]
    rows_received: int
    rows_replayed: int
    def __init__(self, rows_received: _Optional[int] = ..., rows_replayed: _Optional[int] = ...) -> None: ...

class StartImportRequest(_message.Message):
    __slots__ = ("import_id", "actor")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    actor: str
    def __init__(self, import_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class StartImportResponse(_message.Message):
    __slots__ = ("bulk_import",)
    BULK_IMPORT_FIELD_NUMBER: _ClassVar[int]
    bulk_import: Import
    def __init__(self, bulk_import: _Optional[_Union[Import, _Mapping]] = ...) -> None: ...

class StopImportRequest(_message.Message):
    __slots__ = ("import_id", "actor")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    actor: str
    def __init__(self, import_id: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class StopImportResponse(_message.Message):
    __slots__ = ("bulk_import",)
    BULK_IMPORT_FIELD_NUMBER: _ClassVar[int]
    bulk_import: Import
    def __init__(self, bulk_import: _Optional[_Union[Import, _Mapping]] = ...) -> None: ...

class GetImportRequest(_message.Message):
    __slots__ = ("import_id",)
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    def __init__(self, import_id: _Optional[str] = ...) -> None: ...

class GetImportResponse(_message.Message):
    __slots__ = ("bulk_import",)
    BULK_IMPORT_FIELD_NUMBER: _ClassVar[int]
    bulk_import: Import
    def __init__(self, bulk_import: _Optional[_Union[Import, _Mapping]] = ...) -> None: ...

class ListImportErrorsRequest(_message.Message):
    __slots__ = ("import_id", "page")
    IMPORT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    import_id: str
    page: _common_pb2.PageRequest
    def __init__(self, import_id: _Optional[str] = ..., page: _Optional[_Union[_common_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListImportErrorsResponse(_message.Message):
    __slots__ = ("errors", "page_info")
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    PAGE_INFO_FIELD_NUMBER: _ClassVar[int]
    errors: _containers.RepeatedCompositeFieldContainer[ImportError]
    page_info: _common_pb2.PageInfo
    def __init__(self, errors: _Optional[_Iterable[_Union[ImportError, _Mapping]]] = ..., page_info: _Optional[_Union[_common_pb2.PageInfo, _Mapping]] = ...) -> None: ...
