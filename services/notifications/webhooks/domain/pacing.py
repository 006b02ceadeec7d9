"""How fast a lane may call its endpoint: a token bucket for its rate, and a circuit
breaker that stops calling an endpoint that keeps failing. Pure: `now` is an argument,
in seconds on a monotonic clock."""

from __future__ import annotations

import dataclasses
import enum


class TokenBucket:
    """`rate` calls a second on average, bursts of up to `burst`."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate = rate
        self.burst = max(1.0, burst)
        self.tokens = self.burst
        self.at = now

    def wait(self, now: float) -> float:
        """0.0 and one token taken, or how long to wait until one is there (none taken)."""
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


class CircuitState(enum.IntEnum):
    CLOSED = 1
    OPEN = 2
    HALF_OPEN = 3


@dataclasses.dataclass
class Breaker:
    """Opens after `failures_to_open` consecutive failures and refuses calls for
    `pause_seconds`; then lets one probe through (half-open): its success closes the
    breaker, its failure opens it again."""

    failures_to_open: int
    pause_seconds: float
    state: CircuitState = CircuitState.CLOSED
    consecutive_failures: int = 0
    open_until: float = 0.0

    def wait(self, now: float) -> float:
        """0.0 when a call may be made now, else seconds until the probe."""
        if self.state == CircuitState.OPEN:
            if now < self.open_until:
                return self.open_until - now
            self.state = CircuitState.HALF_OPEN
        return 0.0

    def record(self, success: bool, now: float) -> bool:
        """Counts a call's outcome; True when the state changed."""
        before = self.state
        if success:
            self.state, self.consecutive_failures = CircuitState.CLOSED, 0
            return before != self.state
        self.consecutive_failures += 1
        if (
            self.state == CircuitState.HALF_OPEN
            or self.consecutive_failures >= self.failures_to_open
        ):
            self.state = CircuitState.OPEN
            self.open_until = now + self.pause_seconds
        return before != self.state or self.state == CircuitState.OPEN
