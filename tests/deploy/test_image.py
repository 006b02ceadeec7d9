"""The image the manifests run: built from pinned dependencies with the contracts'
code regenerated, a non-root user the manifests name, and every command they give it."""

from __future__ import annotations

import importlib.util
import re

from tests.support.deploy import ROOT, container, of_kind

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def stages() -> dict[str, str]:
    """Stage name -> its instructions."""
    parts = re.split(r"^FROM ", DOCKERFILE, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].split(" AS ")[1]: part for part in parts}


def test_the_build_regenerates_the_contracts_and_installs_pinned_dependencies():
    build = stages()["build"]
    assert "proto/generate.py" in build
    assert "pip install -c requirements.lock ." in build
    ignored = (ROOT / ".dockerignore").read_text().split()
    for needed in ("proto", "gen", "common", "services", "gateway", "cli"):
        assert needed not in ignored


def test_the_default_image_runs_as_the_user_the_manifests_name(rendered):
    assert list(stages())[-1] == "runtime"
    assert "USER 10001:10001" in stages()["app"]
    _overlay, resources = rendered
    ours = [r for r in resources if r["kind"] in ("Deployment", "CronJob")]
    for workload in ours:
        spec = workload["spec"]
        pod = (spec["jobTemplate"]["spec"] if workload["kind"] == "CronJob" else spec)["template"]
        image = pod["spec"]["containers"][0]["image"]
        if "loyalty-suite" in image:
            assert pod["spec"]["securityContext"]["runAsUser"] == 10001


def test_every_command_the_manifests_give_the_image_exists(rendered):
    _overlay, resources = rendered
    for deployment in of_kind(resources, "Deployment").values():
        command = container(deployment).get("command", [])
        if command[:2] == ["python", "-m"]:
            assert importlib.util.find_spec(command[2]) is not None, command
        elif command[:1] == ["gunicorn"]:
            assert importlib.util.find_spec(command[2].removeprefix("python:")) is not None
