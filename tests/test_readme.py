"""The README's promises that code can check: every setting is in its table."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.config import GatewaySettings
from services.members.config import MembersSettings
from services.notifications.config import NotificationsSettings
from services.points.config import PointsSettings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
TABLE_ROWS = {
    line.split("|")[1].strip().strip("`"): line
    for line in README.splitlines()
    if line.startswith("| `")
}
VARIABLES = [
    variable
    for cls in (PointsSettings, MembersSettings, NotificationsSettings, GatewaySettings)
    for variable in cls.variables()
]


@pytest.mark.parametrize("variable", VARIABLES, ids=lambda v: v.name)
def test_every_setting_is_documented_with_its_default(variable):
    row = TABLE_ROWS.get(variable.name)
    assert row, f"{variable.name} is missing from README.md's configuration table"
    assert (f"`{variable.default}`" in row) if variable.default else ("empty" in row)


def test_readme_names_the_test_command_ci_runs():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "make test" in README
    assert "make test" in ci
