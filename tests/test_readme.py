"""The README's promises that code can check: every setting is in its table, every link
is a file of the repository, and every command a reader runs answers what it says."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from common import clock
from gateway.config import GatewaySettings
from services.members.config import MembersSettings
from services.notifications.config import NotificationsSettings
from services.points.config import PointsSettings
from tests.support import readme
from tests.support.dev import DevRun, developer_env
from tests.support.waiting import wait_for

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


def test_every_link_in_the_readme_is_a_file_of_the_repository():
    root = Path(__file__).resolve().parents[1]
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    local = [t for t in targets if not re.match(r"^[a-z]+:", t)]
    assert local, "README.md links to no file of the repository"
    for target in local:
        path = (root / target).resolve()
        assert path.is_relative_to(root), f"README.md links outside the repository: {target}"
        assert path.exists(), f"README.md links to {target}, which does not exist"


def test_the_readme_keeps_its_commands_where_the_test_below_finds_them():
    found = readme.commands()
    sections = {c.section for c in found if c.program in ("curl", LOYALTY_IN_README)}
    assert {"Your first ten minutes", "More to try"} <= sections
    # A reader's line this test cannot run would go unchecked: each is run, or is one of
    # the commands the test does itself (make run is `loyalty dev`) or a developer's tool.
    for command in found:
        assert command.assigns or command.program in (*RUN, *NOT_RUN), command.text


@pytest.mark.suite
def test_every_command_of_the_readme_answers_what_it_says_after_loyalty_demo(tmp_path):
    """A newcomer's session: `make run` (that is, `loyalty dev`, on free ports), then every
    command of the README's ```sh blocks in order, in a shell in the same directory, with
    the values the README says to copy taken from where it says they are printed."""
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    dev = DevRun(tmp_path)
    try:
        session = ReaderSession(dev, tmp_path)
        for command in readme.commands():
            session.follow(command)
        assert session.ran >= 20
    finally:
        dev.close()


LOYALTY_IN_README = ".venv/bin/loyalty"
RUN = ("curl", LOYALTY_IN_README)
NOT_RUN = ("make", "git")
DEFAULT_PORTS = {"8080": "gateway", "9101": "points", "9102": "members", "9103": "notifications"}


class ReaderSession:
    """A reader's second terminal: the variables set so far, the last answer read."""

    def __init__(self, dev: DevRun, cwd: Path) -> None:
        self.dev = dev
        self.cwd = cwd
        self.variables: dict[str, str] = {}
        self.printed = {"admin API key": dev.admin_key}
        self.last_answer: object = None
        self.ran = 0
        self.env = developer_env(PATH=self._path_with_the_suites_date())

    def follow(self, command: readme.Command) -> None:
        if command.assigns:
            self.variables[command.assigns] = self._value_to_copy(command)
        elif command.program == "curl":
            self._curl(command)
        elif command.program == LOYALTY_IN_README:
            self._loyalty(command)
        else:
            assert command.program in NOT_RUN, command.text
            return
        self.ran += 1

    def _shell(self, text: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", f"set -o pipefail\n{text}"],
            cwd=self.cwd,
            env={**self.env, **self.variables},
            capture_output=True,
            text=True,
            timeout=120,
        )

    def _curl(self, command: readme.Command) -> None:
        text = re.sub(r"localhost:(\d+)", self._on_the_suites_port, command.text)
        if "|" in text:  # a pipeline: it must find what it looks for
            done = self._shell(text)
            assert done.returncode == 0 and done.stdout.strip(), (command.text, done.stderr)
            return
        done = self._shell(f"{text} -w '\\n%{{http_code}}'")
        assert done.returncode == 0, (command.text, done.stderr)
        body, _, status = done.stdout.rpartition("\n")
        assert status.startswith("2"), (command.text, status, body)
        assert readme.check_answer(body, command.expected) == [], (command.text, body)
        with contextlib.suppress(ValueError):
            self.last_answer = json.loads(body)
        if request_id := re.search(r"X-Request-ID: ([\w.:-]+)", command.text):
            self._request_id_in_logs(request_id.group(1))

    def _on_the_suites_port(self, matched: re.Match) -> str:
        process = DEFAULT_PORTS[matched.group(1)]
        if process == "gateway":
            return self.dev.gateway.removeprefix("http://").replace("127.0.0.1", "localhost")
        return f"localhost:{self.dev.metrics[process]}"

    def _loyalty(self, command: readme.Command) -> None:
        done = self._shell(command.text)
        assert done.returncode == 0, (command.text, done.stdout, done.stderr)
        if command.text.endswith(" demo"):
            assert "till API key" in done.stdout, done.stdout
            self.printed["till API key"] = re.search(r"till API key\s+(\S+)", done.stdout)[1]
        else:  # a job or the audit: its answer as JSON
            self.last_answer = json.loads(done.stdout)

    def _value_to_copy(self, command: readme.Command) -> str:
        """What the README tells the reader to copy, from where it says it is."""
        if printed := re.search(
            r'the "([\w ]+)" (?:make run|loyalty demo) printed', command.comment
        ):
            return self.printed[printed.group(1)]
        if "SMS" in command.comment:
            return self._sign_in_code()
        field = re.search(r'the "(\w+)" of that answer', command.comment)
        assert field, f"README.md does not say where {command.text} comes from"
        value = readme.find_field(self.last_answer, field.group(1))
        assert value, (command.text, self.last_answer)
        return str(value)

    def _sign_in_code(self) -> str:
        """The six digits of the last SMS the suite sent that has a code."""

        def code():
            sent = [
                line
                for line in self.dev.printed("caught sms to +84 9** *** 678:")
                if re.search(r"\b\d{6}\b", line)
            ]
            return re.findall(r"\b(\d{6})\b", sent[-1])[-1] if sent else None

        return wait_for(code, timeout=30, what="the SMS with the sign-in code")

    def _request_id_in_logs(self, request_id: str) -> None:
        """The README says the gateway's and the points service's log lines carry it."""

        def logged_by() -> set[str]:
            printed = self.dev.printed(request_id)
            lines = [json.loads(each) for each in printed if each.startswith("{")]
            return {line["service"] for line in lines if line.get("request_id") == request_id}

        wait_for(lambda: {"gateway", "points"} <= logged_by(), what=f"log lines of {request_id}")

    def _path_with_the_suites_date(self) -> str:
        """PATH, with a `date` that tells the suite's time when the test run moves the
        clock (make test-later): the reader's clock and the suite's agree."""
        offset = round(clock.offset().total_seconds())
        path = os.environ["PATH"]
        if abs(offset) < 60:
            return path
        shims = self.cwd / "shims"
        shims.mkdir()
        real = shutil.which("date")
        (shims / "date").write_text(
            f'#!/bin/sh\nexec {real} -d "@$(( $({real} +%s) + {offset} ))" "$@"\n'
        )
        (shims / "date").chmod(0o755)
        return f"{shims}:{path}"
