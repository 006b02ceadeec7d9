"""The gateway fuzzed from its own OpenAPI document (schemathesis, bounded): no request,
however odd, gets a 5xx, an undocumented status or a body its schema does not describe.

Each operation is called as its audience: members with a signed-in member's token,
partner routes with a partner key, staff routes with a viewer key (the shared suite keeps
its data; staff changes then answer the documented 403)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.gateway import enrol, sign_in

pytestmark = pytest.mark.suite


@pytest.fixture(scope="session")
def api_document(suite):
    return schemathesis.openapi.from_url(f"{suite.gateway_url}/v1/openapi.json")


@pytest.fixture(scope="session")
def credentials(suite, programme) -> dict[str, dict]:
    enrol(programme, f"{programme.partner}-q1", "0905 400 001", name="Hồ Ngọc Giàu")
    member = sign_in(suite, programme, "0905 400 001")
    return {
        "member": member.headers,
        "partner": programme.till.headers,
        "staff": programme.viewer.headers,
        "public": {},
    }


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_no_request_gets_a_server_error_or_an_undocumented_answer(api_document, credentials, suite):
    # schemathesis' pytest plugin does not run under this pytest: drive Hypothesis directly,
    # each operation in turn, a bounded number of examples each.
    operations = [result.ok() for result in api_document.get_all_operations()]
    assert len(operations) > 50
    failures = []
    for operation in operations:
        try:
            fuzz(operation, credentials[operation.definition.raw["tags"][0]], suite.gateway_url)
        except Exception as error:  # every operation is fuzzed; all failures are reported
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)


def fuzz(operation, headers: dict, base_url: str) -> None:
    @settings(
        max_examples=10,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    run()
