"""A name server for one test: answers every A question with the addresses it is told.

gRPC's resolver can be pointed at it (dns://127.0.0.1:<port>/<name>:<grpc port>), so a test
can play Kubernetes' headless Service: a name whose addresses change as replicas start.
"""

from __future__ import annotations

import socket
import struct
import threading

A, IN, TTL_SECONDS = 1, 1, 1


class NameServer:
    def __init__(self, addresses: list[str]) -> None:
        self.addresses = list(addresses)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.questions = 0
        threading.Thread(target=self._serve, name="name-server", daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                query, client = self.socket.recvfrom(512)
            except OSError:  # closed
                return
            self.questions += 1
            self.socket.sendto(self._answer(query), client)

    def _answer(self, query: bytes) -> bytes:
        """The question echoed, and one A record per address (none for other types)."""
        end = 12
        while query[end]:  # the name's labels
            end += query[end] + 1
        question = query[12 : end + 5]
        (kind,) = struct.unpack(">H", query[end + 1 : end + 3])
        records = self.addresses if kind == A else []
        answers = b"".join(
            b"\xc0\x0c" + struct.pack(">HHIH", A, IN, TTL_SECONDS, 4) + socket.inet_aton(address)
            for address in records
        )
        (ident,) = struct.unpack(">H", query[:2])
        header = struct.pack(">HHHHHH", ident, 0x8180, 1, len(records), 0, 0)
        return header + question + answers

    def close(self) -> None:
        self.socket.close()
