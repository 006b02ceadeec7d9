"""A delivery: one event for one subscription, its attempts, and what an attempt's answer
makes of it (delivered, retried later, or dead-lettered). Pure: times are arguments."""

from __future__ import annotations

import dataclasses
import enum
import random
from datetime import datetime, timedelta

RESPONSE_EXCERPT = 256


class Status(enum.IntEnum):
    PENDING = 1
    DELIVERED = 2
    RETRYING = 3
    DEAD_LETTERED = 4


DUE = (Status.PENDING, Status.RETRYING)
REPLAYABLE = (Status.DELIVERED, Status.DEAD_LETTERED)


@dataclasses.dataclass(frozen=True)
class PublicEvent:
    """An event of the public catalogue, encoded: what every subscription to its type
    gets, byte for byte."""

    event_id: str
    name: str
    member_id: str
    occurred_at: datetime
    payload: str


@dataclasses.dataclass(frozen=True)
class Answer:
    """What one POST came back with: a status, or an error with no status."""

    status_code: int
    latency_ms: int
    error: str = ""
    excerpt: str = ""
    retry_after_seconds: float | None = None  # Retry-After of a 429 or 503

    @property
    def accepted(self) -> bool:
        return 200 <= self.status_code < 300 and not self.error


@dataclasses.dataclass(frozen=True)
class Attempt:
    attempt: int
    at: datetime
    status_code: int
    error: str
    latency_ms: int
    excerpt: str = ""


@dataclasses.dataclass(frozen=True)
class Delivery:
    delivery_id: str
    subscription_id: str
    event_id: str
    event_type: str
    member_id: str
    occurred_at: datetime
    order: str  # sorts a subscription's deliveries in event order (see `order_key`)
    payload: str  # the JSON body, the same bytes on every attempt
    status: Status
    created_at: datetime
    updated_at: datetime
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str = ""
    delivered_at: datetime | None = None
    replays: int = 0
    attempt_log: tuple[Attempt, ...] = ()


def delivery_id(subscription_id: str, event_id: str) -> str:
    """One delivery per subscription and event, however often the event is read."""
    return f"{subscription_id}:{event_id}"


def order_key(occurred_at: datetime, arrival: int) -> str:
    """Sorts deliveries by when their events happened, then by when they arrived (two
    events of one member in the same microsecond keep the stream's order)."""
    micros = int(occurred_at.timestamp() * 1_000_000)
    return f"{micros:017d}.{arrival:020d}"


@dataclasses.dataclass(frozen=True)
class Settlement:
    """What an attempt writes on its delivery."""

    status: Status
    attempt: Attempt
    next_attempt_at: datetime | None
    last_error: str
    delivered_at: datetime | None = None


def settled(
    delivery: Delivery,
    answer: Answer,
    at: datetime,
    max_attempts: int,
    retry_base_seconds: float,
    retry_max_seconds: float,
    rng: random.Random,
) -> Settlement:
    """Delivered on a 2xx; otherwise retried after a backoff, or dead-lettered once
    `max_attempts` attempts failed."""
    number = delivery.attempts + 1
    attempt = Attempt(
        number, at, answer.status_code, answer.error, answer.latency_ms, answer.excerpt
    )
    if answer.accepted:
        return Settlement(Status.DELIVERED, attempt, None, "", delivered_at=at)
    if number >= max_attempts:
        return Settlement(Status.DEAD_LETTERED, attempt, None, answer.error)
    delay = backoff(number, retry_base_seconds, retry_max_seconds, rng)
    if answer.retry_after_seconds is not None:
        delay = min(max(delay, answer.retry_after_seconds), retry_max_seconds)
    return Settlement(Status.RETRYING, attempt, at + timedelta(seconds=delay), answer.error)


def backoff(failures: int, base: float, ceiling: float, rng: random.Random) -> float:
    """Seconds before the next attempt after `failures` failed ones: exponential, with
    "equal jitter" (half the step fixed, half random), so receivers that failed together
    are not all retried at the same instant, and no retry comes at once."""
    step = min(ceiling, base * 2 ** (failures - 1))
    return step / 2 + rng.uniform(0, step / 2)
