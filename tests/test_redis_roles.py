"""Two Redis roles: with REDIS_CACHE_URL set, the services keep their caches (balances,
till lookups, unread counts) there and only there, and everything that must survive
(event streams and what publishing remembers, the gateway's sessions, refresh tokens,
sign-in codes and rate counts) stays on REDIS_URL."""

from __future__ import annotations

import pytest

from common import stores
from common.embedded_redis import EmbeddedRedis
from gateway.app import create_app
from gateway.config import GatewaySettings
from loyalty.members.v1 import members_pb2
from loyalty.notifications.v1 import inbox_pb2, inbox_pb2_grpc
from services.members.bootstrap import bootstrap as members_bootstrap
from services.members.config import MembersSettings
from services.notifications.bootstrap import bootstrap as notifications_bootstrap
from services.notifications.config import NotificationsSettings
from tests.support.members import MembersService, enrolment
from tests.support.points import PointsService, earn_request, start_points
from tests.support.service_handle import ServiceHandle
from tests.support.waiting import wait_for

CACHES = (b"points:balance", b"members:lookup", b"notifications:unread")


@pytest.fixture
def two_redis():
    with EmbeddedRedis() as durable, EmbeddedRedis() as cache:
        yield durable, cache


def test_caches_go_to_the_cache_redis_and_nothing_that_must_survive_does(
    two_redis, start_in_process, databases
):
    durable, cache = two_redis
    roles = {"REDIS_URL": durable.url, "REDIS_CACHE_URL": cache.url}
    members = MembersService.of(
        start_in_process(
            "members", MembersSettings, members_bootstrap, MONGODB_DB=databases("m"), **roles
        )
    )
    points: PointsService = start_points(
        start_in_process, databases("p"), members_address=members.address, **roles
    )
    notifications = ServiceHandle.of(
        start_in_process(
            "notifications",
            NotificationsSettings,
            notifications_bootstrap,
            MONGODB_DB=databases("n"),
            POINTS_ADDR=points.address,
            MEMBERS_ADDR=members.address,
            **roles,
        )
    )
    app = create_app(
        GatewaySettings.from_env(
            {
                "POINTS_ADDR": points.address,
                "MEMBERS_ADDR": members.address,
                "NOTIFICATIONS_ADDR": notifications.address,
                **roles,
            }
        )
    )
    try:
        member = members.stub.EnrolMember(enrolment("e-1")).member
        found = members.stub.FindMember(members_pb2.FindMemberRequest(phone="0912345678"))
        assert found.member.member_id == member.member_id
        wait_for(lambda: points.store.load(member.member_id), what="the account opened")
        points.stub.Earn(earn_request(member.member_id, "t-1"))
        assert points.balance(member.member_id).available == 100
        inbox = inbox_pb2_grpc.InboxServiceStub(notifications.channel)
        inbox.GetUnreadCount(inbox_pb2.GetUnreadCountRequest(member_id=member.member_id))

        tokens = app.extensions["auth"].tokens(member.member_id)
        client = app.test_client()
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        answer = client.get("/v1/me/balance", headers=bearer)
        assert answer.status_code == 200, answer.json
        assert answer.json["balance"]["available"] == 100
        refreshed = client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        assert refreshed.status_code == 200, refreshed.json

        durable_keys = set(stores.connect_redis(durable.url).keys("*"))
        cache_keys = set(stores.connect_redis(cache.url).keys("*"))
        assert {k for k in cache_keys if not k.startswith(CACHES)} == set()
        assert any(k.startswith(b"points:balance:") for k in cache_keys)
        assert any(k.startswith(b"members:lookup:") for k in cache_keys)
        assert {k for k in durable_keys if k.startswith(CACHES)} == set()
        for kept in (
            b"loyalty.members.events",
            b"loyalty.points.events",
            b"gateway:refresh:",
            b"gateway:sessions:",
            b"gateway:rate:",
        ):
            assert any(k.startswith(kept) for k in durable_keys), kept
    finally:
        notifications.stop()
        points.stop()
        members.stop()
