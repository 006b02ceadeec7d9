"""Another service as this process calls it: the one client helper of the suite.

A `ServiceClient` opens its channel on first use (never at import: gunicorn forks after
loading, and a channel must not cross a fork), puts a deadline on every call, tries a read
once more when the service was unreachable (never a write: its idempotency key makes the
caller's own retry safe), follows pages to the end, and turns a failure into a `Refusal`
that keeps the remote's reason and field, so the caller's servicer answers with it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import grpc

from common.grpc_client import open_channel
from common.grpc_errors import STATUS_OF_REFUSAL, details_of
from common.refusals import Refusal
from loyalty.common.v1 import common_pb2

PAGE_SIZE = 500
UNREACHABLE = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
# A refusal the remote made is passed on as the same refusal; being unreachable is ours.
KINDS = {status: kind for kind, status in STATUS_OF_REFUSAL.items() if kind != "unavailable"}


class ServiceClient:
    def __init__(self, name: str, target: str, deadline_seconds: float) -> None:
        self.name = name  # the service's name, in messages and reasons ("members")
        self.target = target
        self.deadline_seconds = deadline_seconds
        self._channel: grpc.Channel | None = None
        self._stubs: dict[object, object] = {}
        self._lock = threading.Lock()

    def channel(self) -> grpc.Channel:
        with self._lock:
            if self._channel is None:
                self._channel = open_channel(self.target, self.deadline_seconds)
            return self._channel

    def stub(self, stub_class):
        """The generated stub of one of the service's APIs, made once."""
        return self._made(stub_class, lambda: stub_class(self.channel()))

    def method(self, rpc: str, request_class, response_class):
        """The callable of "package.Service/Method" by name, made once."""
        return self._made(
            rpc,
            lambda: self.channel().unary_unary(
                f"/{rpc}",
                request_serializer=request_class.SerializeToString,
                response_deserializer=response_class.FromString,
            ),
        )

    def _made(self, key, make):
        made = self._stubs.get(key)
        if made is None:
            made = self._stubs.setdefault(key, make())
        return made

    def invoke(self, method: Callable, request, *, read: bool = False):
        """The response, or the RpcError (a read is tried twice when unreachable)."""
        for attempt in (1, 2):
            try:
                return method(request)
            except grpc.RpcError as error:
                if not (read and attempt == 1 and error.code() == grpc.StatusCode.UNAVAILABLE):
                    raise

    def call(self, method: Callable, request, *, read: bool = True):
        """The response, or a Refusal: the remote's own for what it refused, UNAVAILABLE
        (`<NAME>_UNAVAILABLE`) when it could not be reached or answered in time."""
        try:
            return self.invoke(method, request, read=read)
        except grpc.RpcError as error:
            raise self.refusal(error) from None

    def pages(self, method: Callable, request) -> Iterator:
        """Every page of a listing, from the first to the last."""
        request.page.CopyFrom(common_pb2.PageRequest(page_size=PAGE_SIZE))
        while True:
            reply = self.call(method, request)
            yield reply
            if not reply.page_info.next_cursor:
                return
            request.page.cursor = reply.page_info.next_cursor

    def refusal(self, error: grpc.RpcError) -> Refusal:
        kind = KINDS.get(error.code())
        if kind is None:
            return Refusal(
                "unavailable",
                f"{self.name.upper()}_UNAVAILABLE",
                f"the {self.name} service could not be reached ({error.code().name})",
            )
        violations, info = details_of(error)
        field = violations[0].field if violations else ""
        reason = info.get("reason") or error.code().name
        return Refusal(kind, reason, error.details() or reason, field)

    def retarget(self, target: str) -> None:
        """Calls another address from now on (a test starts the service it names later)."""
        with self._lock:
            self.target, self._stubs = target, {}
            if self._channel is not None:
                self._channel.close()
            self._channel = None

    def close(self) -> None:
        self.retarget(self.target)
