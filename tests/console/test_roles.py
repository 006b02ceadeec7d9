"""The console's roles name real RPCs: each one an area lets support or a marketer call is
an RPC of the services that the REST API gives to operators (a misspelt name would
silently allow nothing, a viewer's RPC would need no area, an admin's would be widened)."""

from __future__ import annotations

import pytest

from common.contracts import message_classes
from gateway.console import roles

IN_AREAS = sorted((role, rpc) for role, rpcs in roles.AREAS.items() for rpc in rpcs)


@pytest.mark.parametrize(("role", "rpc"), IN_AREAS)
def test_an_areas_rpc_is_an_operators_rpc_of_the_services(role, rpc):
    assert message_classes(rpc)  # raises for an RPC the services do not have
    assert roles.needed(rpc) == "operator"
    assert roles.may(role, rpc) and roles.may("admin", rpc) and not roles.may("viewer", rpc)


def test_each_operator_is_kept_to_their_area():
    support, marketer = roles.AREAS["support"], roles.AREAS["marketer"]
    assert not support & marketer
    assert not roles.may("marketer", next(iter(sorted(support))))
    assert not roles.may("support", next(iter(sorted(marketer))))
