"""The contracts (proto/) as running code: every generated module loaded, and the
request and response classes of an RPC found by its full name."""

from __future__ import annotations

import functools
import importlib
import pkgutil

from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message

import loyalty


def register_contracts() -> None:
    """Import every generated module so the descriptor pool knows every message."""
    for module in pkgutil.walk_packages(loyalty.__path__, "loyalty."):
        if module.name.endswith("_pb2"):
            importlib.import_module(module.name)


@functools.cache
def message_classes(rpc: str) -> tuple[type[Message], type[Message]]:
    """(request, response) classes of "package.Service/Method"."""
    service_name, method_name = rpc.split("/")
    method = descriptor_pool.Default().FindServiceByName(service_name).methods_by_name[method_name]
    return (
        message_factory.GetMessageClass(method.input_type),
        message_factory.GetMessageClass(method.output_type),
    )
