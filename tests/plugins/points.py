"""A points service on a real gRPC socket over a real MongoDB and a real Redis: the
`points` fixture, for the ledger's own tests and for those of the services that ask it."""

from __future__ import annotations

import pytest

from tests.support.points import start_points


@pytest.fixture
def points(start_in_process, databases):
    service = start_points(start_in_process, databases("points"))
    yield service
    service.stop()
