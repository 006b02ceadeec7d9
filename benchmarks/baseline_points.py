"""The store baseline of `make bench`: a stand-in for the points service, in front of it.

    python -m benchmarks.baseline_points --port P --points ADDR --mongodb-uri URI \
        --database DB --redis-url URL

`make bench` starts a second gateway, the same gunicorn command and settings as the
suite's, whose POINTS_ADDR names this server. Its `LedgerService.Earn` makes only the round
trips an earn makes in its common case (claim the purchase, write the account, write the
cached balance; benchmarks/server.py's `baseline_earn`) and answers an earn of the same
shape, with no ledger logic and no event. Every other call (the gateway's key and store
checks, which it caches) is passed through to the real points service as raw bytes. The
server is built by the services' own `create_server`, with the same interceptors, so the
`store-earn` row differs from `earn` by the ledger's work alone, and the ledger itself
runs unaltered.
"""

from __future__ import annotations

import argparse
import sys
import uuid

import grpc

from benchmarks.server import baseline_earn
from common import stores
from common.grpc_server import create_server
from common.service import wait_for_termination
from loyalty.points.v1 import ledger_pb2
from services.points.ledger.store import LedgerStore

EARN = "/loyalty.points.v1.LedgerService/Earn"
PASS_THROUGH_TIMEOUT_SECONDS = 5.0


class BaselineEarns(grpc.GenericRpcHandler):
    """Earn answered by the baseline; every other method passed to the real service."""

    def __init__(self, store: LedgerStore, redis_client, points: grpc.Channel) -> None:
        self.store = store
        self.redis = redis_client
        self.points = points
        self.earn = grpc.unary_unary_rpc_method_handler(
            self._earn,
            request_deserializer=ledger_pb2.EarnRequest.FromString,
            response_serializer=ledger_pb2.EarnResponse.SerializeToString,
        )

    def service(self, handler_call_details):
        if handler_call_details.method == EARN:
            return self.earn
        forward = self.points.unary_unary(handler_call_details.method)
        return grpc.unary_unary_rpc_method_handler(
            lambda request, context: _pass_through(forward, request, context)
        )

    def _earn(self, request: ledger_pb2.EarnRequest, context) -> ledger_pb2.EarnResponse:
        baseline_earn(self.store, self.redis, request.member_id)
        return ledger_pb2.EarnResponse(
            entry=ledger_pb2.Entry(
                entry_id=uuid.uuid4().hex,
                member_id=request.member_id,
                transaction_id=request.transaction_id,
                type=ledger_pb2.ENTRY_TYPE_EARN,
                points=10,
                available_delta=10,
                balance_after=10,
            ),
            points_awarded=10,
            available_points=10,
            balance=ledger_pb2.Balance(member_id=request.member_id, available=10),
        )


def _pass_through(forward, request: bytes, context) -> bytes:
    timeout = context.time_remaining() or PASS_THROUGH_TIMEOUT_SECONDS
    try:
        return forward(request, timeout=min(timeout, PASS_THROUGH_TIMEOUT_SECONDS))
    except grpc.RpcError as error:
        context.abort(error.code(), error.details())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="baseline_points", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--points", required=True, help="the real points service's address")
    parser.add_argument("--mongodb-uri", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--redis-url", required=True)
    args = parser.parse_args(argv)
    store = LedgerStore(stores.connect_mongo(args.mongodb_uri, args.database))
    points = grpc.insecure_channel(args.points)
    handler = BaselineEarns(store, stores.connect_redis(args.redis_url), points)
    server, _ = create_server([], args.port, address="127.0.0.1")
    server.server.add_generic_rpc_handlers((handler,))
    server.start()
    wait_for_termination()
    server.stop(grace=1.0)


if __name__ == "__main__":
    main(sys.argv[1:])
