"""The migrations (`python -m services.<name> migrate`: indexes, the bootstrap key, the
default templates) run somewhere in every overlay: at each start (MIGRATE_AT_START true),
or, where a rollout must not wait on them (prod), in a Job per service with the image and
the settings of that service's Deployment, retried a few times, as locked down as the
Deployment."""

from __future__ import annotations

from tests.support.deploy import SERVICES, SETTINGS, container, environment, of_kind

PORTS = {"GRPC_PORT", "GRPC_PROBE_PORT", "METRICS_PORT"}  # a migration listens on none


def migration_jobs(resources: list[dict]) -> dict[str, dict]:
    """Jobs running `python -m services.<name> migrate`, by service."""
    jobs = {}
    for job in of_kind(resources, "Job").values():
        command = container(job).get("command", [])
        if command[:2] == ["python", "-m"] and command[3:] == ["migrate"]:
            service = command[2].removeprefix("services.")
            assert service not in jobs, f"two Jobs migrate {service}"
            jobs[service] = job
    return jobs


def test_every_service_is_migrated_at_start_or_by_a_job(rendered):
    overlay, resources = rendered
    deployments = of_kind(resources, "Deployment")
    jobs = migration_jobs(resources)
    for name in SERVICES:
        at_start = environment(resources, deployments[name])["MIGRATE_AT_START"]
        assert at_start in ("true", "false")
        if at_start == "false":
            assert name in jobs, f"{overlay}: {name} migrates neither at start nor by a Job"
    assert set(jobs) <= set(SERVICES)
    if overlay == "prod":
        # Many replicas roll out there: none builds indexes at start, the Jobs do it first.
        for name in SERVICES:
            assert environment(resources, deployments[name])["MIGRATE_AT_START"] == "false"
        assert set(jobs) == set(SERVICES)


def test_each_migration_job_runs_its_services_image_with_its_settings(rendered):
    overlay, resources = rendered
    deployments = of_kind(resources, "Deployment")
    for name, job in migration_jobs(resources).items():
        deployment = deployments[name]
        assert container(job)["image"] == container(deployment)["image"]
        served, migrated = environment(resources, deployment), environment(resources, job)
        for variable in SETTINGS[name].variables():
            if variable.tests_only or variable.name in PORTS:
                continue
            assert migrated.get(variable.name) == served.get(variable.name), (
                f"{overlay}: migrate-{name} has {variable.name}="
                f"{migrated.get(variable.name)!r}, its Deployment {served.get(variable.name)!r}"
            )


def test_migration_jobs_retry_a_few_times_and_run_as_locked_down_as_their_service(rendered):
    _overlay, resources = rendered
    deployments = of_kind(resources, "Deployment")
    for name, job in migration_jobs(resources).items():
        served_pod = deployments[name]["spec"]["template"]["spec"]
        pod = job["spec"]["template"]["spec"]
        assert pod["restartPolicy"] == "OnFailure"
        assert 1 <= job["spec"]["backoffLimit"] <= 6
        assert job["spec"]["activeDeadlineSeconds"] > 120  # longer than migrate waits
        # Deleted before the next release's (a Job cannot change): selected by this label.
        assert job["metadata"]["labels"]["app.kubernetes.io/component"] == "migration"
        assert pod["securityContext"] == served_pod["securityContext"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        spec = container(job)
        assert spec["securityContext"] == container(deployments[name])["securityContext"]
        assert spec["securityContext"]["readOnlyRootFilesystem"] is True
        assert spec["securityContext"]["capabilities"] == {"drop": ["ALL"]}
        assert spec["resources"]["limits"]
        (tmp,) = [v for v in pod["volumes"] if v["name"] == "tmp"]
        assert "emptyDir" in tmp
        assert {"name": "tmp", "mountPath": "/tmp"} in spec["volumeMounts"]
