"""Imports across services: the members service finds a real ledger (the `points` and
`members` fixtures come from tests/plugins/)."""

import pytest


@pytest.fixture
def points_address(points) -> str:
    """The members service finds this ledger."""
    return points.address
