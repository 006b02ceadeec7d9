"""Member presence at the till, in the points service: the programme's waiver for small
payments, codes spent once, and a bootstrap key that stays revoked across restarts."""

from __future__ import annotations

import grpc
import pytest

from services.points.partners.domain import parse_key
from tests.support.points import earn_request, redeem_request, set_programme
from tests.support.refusals import reason, refused


@pytest.fixture
def lan(points):
    points.seed("lan")
    points.stub.Earn(earn_request("lan", "t-1", 1_000_000))
    return points


def test_below_the_programmes_waiver_a_till_pays_without_a_code(lan):
    assert reason(refused(lan.stub.Redeem, redeem_request("lan", 9, "r-1"))) == (
        "PRESENCE_REQUIRED"
    )
    set_programme(lan, presence_waived_below_points=10)
    assert lan.stub.Redeem(redeem_request("lan", 9, "r-1")).entry.points == -9
    assert reason(refused(lan.stub.Redeem, redeem_request("lan", 10, "r-2"))) == (
        "PRESENCE_REQUIRED"
    )
    assert lan.balance("lan").available == 100 - 9


def test_a_code_pays_once_whatever_runs_beside_it(lan):
    code = lan.present("lan")
    lan.stub.Redeem(redeem_request("lan", 5, "r-1", code))
    error = refused(lan.stub.Redeem, redeem_request("lan", 5, "r-2", code))
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert reason(error) == "PRESENCE_NOT_CONFIRMED"
    assert lan.balance("lan").available == 95


def test_a_revoked_bootstrap_key_stays_revoked_after_a_restart(points):
    key = "lsk_b00757a9_the-bootstrap-secret-of-this-test"
    api_keys = points.parts.api_keys
    api_keys.bootstrap(key)
    assert api_keys.verify(key).key_id == parse_key(key)[0]
    api_keys.revoke(parse_key(key)[0], "admin:test")
    api_keys.bootstrap(key)  # what the next start does with the same environment
    with pytest.raises(Exception, match="not valid"):
        api_keys.verify(key)
