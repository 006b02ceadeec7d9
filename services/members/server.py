"""The members service: what it offers over gRPC and what runs beside it."""

from __future__ import annotations

import mongoengine

from common.grpc_server import Registration
from common.service import ServiceContext
from loyalty.members.v1 import (
    insights_pb2,
    insights_pb2_grpc,
    members_pb2,
    members_pb2_grpc,
    tiers_pb2,
    tiers_pb2_grpc,
)
from services.members.directory.service import Directory
from services.members.relay import MembersRelay
from services.members.servicer import MembersServicer
from services.members.storage import MemberStore


def build_directory(db, redis_client) -> tuple[Directory, MembersRelay]:
    store = MemberStore(db)
    store.ensure_indexes()
    relay = MembersRelay(store, redis_client)
    return Directory(store, on_write=relay.kick), relay


def registrations(context: ServiceContext) -> list[Registration]:
    directory, relay = build_directory(mongoengine.get_db(), context.redis)
    context.workers.append(relay)
    # Tiers, segments and KPIs: contracts first, behaviour with the rest of issue #4.
    return [
        Registration.of(
            members_pb2, members_pb2_grpc, "MembersService", MembersServicer(directory)
        ),
        Registration.of(tiers_pb2, tiers_pb2_grpc, "TiersService"),
        Registration.of(insights_pb2, insights_pb2_grpc, "InsightsService"),
    ]
