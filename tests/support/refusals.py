"""Reading a gRPC refusal: the error a call raised, and the reason it gives."""

from __future__ import annotations

import grpc
import pytest

from common.grpc_errors import details_of


def refused(call, *args) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as raised:
        call(*args)
    return raised.value


def reason(error: grpc.RpcError) -> str:
    return details_of(error)[1].get("reason", "")
