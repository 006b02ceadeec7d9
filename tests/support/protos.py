"""Message builders every domain's tests use: a time, an amount of đồng."""

from __future__ import annotations

from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from common import clock
from loyalty.common.v1 import common_pb2


def timestamp(value: datetime | None = None) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value or clock.now())
    return stamp


def vnd(amount: int) -> common_pb2.Money:
    return common_pb2.Money(amount_minor=amount, currency="VND")
