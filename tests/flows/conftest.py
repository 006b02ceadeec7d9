"""Flows across services: each service's own test fixtures, side by side."""

import pytest

from tests.members.conftest import members  # noqa: F401 - a fixture
from tests.points.conftest import points  # noqa: F401 - a fixture


@pytest.fixture
def points_address(points) -> str:  # noqa: F811 - the members service finds this ledger
    return points.address
