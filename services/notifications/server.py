"""The gRPC services the notifications service offers: templates, messages, inbox."""

from common.grpc_server import Registration
from common.service import ServiceContext
from loyalty.notifications.v1 import (
    inbox_pb2,
    inbox_pb2_grpc,
    messages_pb2,
    messages_pb2_grpc,
    templates_pb2,
    templates_pb2_grpc,
)


def registrations(context: ServiceContext) -> list[Registration]:
    # Contracts first: behaviour comes with the notifications issue (#5).
    return [
        Registration.of(templates_pb2, templates_pb2_grpc, "TemplatesService"),
        Registration.of(messages_pb2, messages_pb2_grpc, "MessagesService"),
        Registration.of(inbox_pb2, inbox_pb2_grpc, "InboxService"),
    ]
