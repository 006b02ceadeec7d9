"""Which TCP ports are taken, and by whom: `loyalty dev` checks every port it will bind
before it starts anything, and takes a ready answer only from a process of its own.

Who holds a port is read from /proc (Linux): the listening sockets' inodes in
/proc/net/tcp and tcp6, then the processes whose descriptors are those sockets (only the
processes this user may read). Elsewhere the owner is unknown, and not checked.
"""

from __future__ import annotations

import contextlib
import errno
import socket
from pathlib import Path

PROC = Path("/proc")
_LISTEN = "0A"  # the TCP state LISTEN in /proc/net/tcp


def port_in_use(port: int) -> bool:
    """Whether some process listens on `port` (any address, IPv4 or IPv6), so a server
    binding it on every address would fail. Connections in TIME_WAIT do not count."""
    for family, address in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):  # noqa: S104
        try:
            probe = socket.socket(family, socket.SOCK_STREAM)
        except OSError:  # no IPv6 on this machine
            continue
        with probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((address, port))
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    return True
                # EADDRNOTAVAIL and the like: this family cannot be probed here.
    return False


def listening_inodes(port: int) -> set[str] | None:
    """The inodes of the sockets listening on `port`; None where /proc cannot tell."""
    tables = [PROC / "net" / name for name in ("tcp", "tcp6")]
    if not any(table.exists() for table in tables):
        return None
    inodes = set()
    for table in tables:
        with contextlib.suppress(OSError):
            for line in table.read_text().splitlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == _LISTEN and int(local.rsplit(":", 1)[1], 16) == port:
                    inodes.add(inode)
    return inodes


def holds_socket(pid: int, inodes: set[str]) -> bool:
    """Whether process `pid` has one of the sockets `inodes` open."""
    links = {f"socket:[{inode}]" for inode in inodes}
    with contextlib.suppress(OSError):
        for descriptor in (PROC / str(pid) / "fd").iterdir():
            with contextlib.suppress(OSError):
                if descriptor.readlink().as_posix() in links:
                    return True
    return False


def listens_within(pids: list[int], port: int) -> bool:
    """Whether one of `pids` is what listens on `port` (True where /proc cannot tell)."""
    inodes = listening_inodes(port)
    if inodes is None:
        return True
    return any(holds_socket(pid, inodes) for pid in pids)


def descendants(pid: int) -> list[int]:
    """Every living process below `pid` (read from each process's parent in /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # "pid (command) state ppid ...": the command may hold spaces and parentheses.
            after_command = stat.read_text().rsplit(")", 1)[1].split()
            parents.setdefault(int(after_command[1]), []).append(int(stat.parent.name))
    found, waiting = [], [pid]
    while waiting:
        children = parents.get(waiting.pop(), [])
        found += children
        waiting += children
    return found


def who_listens(port: int) -> str:
    """What listens on `port`, as "pid N (command line)", or "" when it cannot be told
    (another user's process, or no /proc)."""
    inodes = listening_inodes(port)
    if not inodes:
        return ""
    for process in PROC.glob("[0-9]*"):
        if holds_socket(int(process.name), inodes):
            try:
                command = (process / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                command = ""
            command = " ".join(command.split())
            if len(command) > 80:
                command = command[:77] + "..."
            return f"pid {process.name} ({command})" if command else f"pid {process.name}"
    return ""
