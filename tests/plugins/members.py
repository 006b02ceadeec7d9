"""A members service on a real gRPC socket over a real MongoDB and a real Redis: the
`members` fixture, and `points_address`, where it finds the ledger (nowhere, unless a
folder or module overrides it with a running one), for the members' own tests and for
those of the services that ask it."""

from __future__ import annotations

import pytest

from services.members.bootstrap import bootstrap
from services.members.config import MembersSettings
from tests.support.members import MembersService


@pytest.fixture
def points_address() -> str:
    """Where the members service finds the ledger: nowhere, unless a test starts one."""
    return "127.0.0.1:9"  # the discard port: nothing answers gRPC there


@pytest.fixture
def members(start_in_process, databases, points_address):
    running = start_in_process(
        "members",
        MembersSettings,
        bootstrap,
        MONGODB_DB=databases("members"),
        POINTS_ADDR=points_address,
    )
    service = MembersService.of(running)
    yield service
    service.stop()
