"""Flows across services: each service's own test fixtures, side by side."""

from tests.members.conftest import members  # noqa: F401 - a fixture
from tests.points.conftest import points  # noqa: F401 - a fixture
