"""KPIs need the ledger's figures: without it they are unavailable, not made up."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest

from loyalty.members.v1 import insights_pb2
from tests.support.protos import timestamp

START, END = datetime(2026, 8, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)


def test_kpis_need_the_ledger_and_say_so(members):
    with pytest.raises(grpc.RpcError) as raised:
        members.insights.GetKpis(
            insights_pb2.GetKpisRequest(period_start=timestamp(START), period_end=timestamp(END))
        )
    assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
