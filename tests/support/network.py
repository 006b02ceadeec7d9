"""A TCP relay a test can cut (a network partition) and restore, in front of Redis or a
gRPC service; whether a port is held."""

from __future__ import annotations

import contextlib
import socket
import threading


class NetworkLink:
    """A TCP relay to Redis that a test can cut (a partition) and restore.

    While cut, open connections are closed and new ones are accepted then closed at once,
    so nothing sent through the link reaches Redis.
    """

    def __init__(self, target_port: int, host: str = "127.0.0.1") -> None:
        self._target = (host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._up = True
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            self._up = False
            relayed, self._open = self._open, []
        for sock in relayed:
            _hang_up(sock)

    def restore(self) -> None:
        with self._lock:
            self._up = True

    def close(self) -> None:
        self.cut()
        _hang_up(self._listener)

    def _accept(self) -> None:
        while True:
            try:
                caller, _ = self._listener.accept()
            except OSError:
                return  # the link was closed
            with self._lock:
                upstream = None
                if self._up:
                    upstream = socket.create_connection(self._target)
                    self._open += [caller, upstream]
            if upstream is None:
                _hang_up(caller)
                continue
            for source, sink in ((caller, upstream), (upstream, caller)):
                threading.Thread(target=_relay, args=(source, sink), daemon=True).start()


def _relay(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _hang_up(source)
        _hang_up(sink)


def _hang_up(sock: socket.socket) -> None:
    # shutdown() wakes a thread blocked in recv() or accept() on it; close() alone may not.
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def port_is_bound(port: int) -> bool:
    """Whether a process holds `port` (connections in TIME_WAIT after it exited do not count)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return True
    return False
