"""The MongoDB commands a piece of code sends, as a test counts them: a pymongo command
listener on a client of the test's own, over the same database a service uses."""

from __future__ import annotations

import dataclasses

import pymongo
from pymongo import monitoring


@dataclasses.dataclass(frozen=True)
class Command:
    name: str  # find, getMore, ...
    collection: str
    filter: dict
    returned: int  # documents in the reply's batch (finds and getMores)


class CommandLog(monitoring.CommandListener):
    def __init__(self) -> None:
        self.commands: list[Command] = []
        self._started: dict[int, tuple[str, str, dict]] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        body = event.command
        collection = body.get("collection") if event.command_name == "getMore" else None
        collection = collection or body.get(event.command_name)
        self._started[event.request_id] = (
            event.command_name,
            collection if isinstance(collection, str) else "",
            dict(body.get("filter", {})),
        )

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        name, collection, query = self._started.pop(event.request_id, ("", "", {}))
        cursor = event.reply.get("cursor", {})
        returned = len(cursor.get("firstBatch", cursor.get("nextBatch", [])))
        self.commands.append(Command(name, collection, query, returned))

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        self._started.pop(event.request_id, None)

    def on(self, collection: str, *names: str) -> list[Command]:
        return [c for c in self.commands if c.collection == collection and c.name in names]


def logged_database(uri: str, name: str) -> tuple[pymongo.database.Database, CommandLog]:
    """The database `name` through a client of its own that logs every command it sends;
    the caller closes it (`db.client.close()`)."""
    log = CommandLog()
    client = pymongo.MongoClient(uri, event_listeners=[log], serverSelectionTimeoutMS=10_000)
    return client[name], log
