"""Runs the phone app on a real socket, in a background thread, with bounds a shared network needs.

Waitress rather than the standard library's http.server (documented as not meant
for production): it is a pure-Python, well-kept WSGI server with no C extension
(so PyInstaller freezes it as is) that parses HTTP itself and bounds what one
client may cost: header size, body size, open connections and idle time per
connection, each set below. It answers from a small pool of worker threads, so a
slow phone never holds up the room.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from typing import Any

from waitress.server import create_server

from workshop_app.phone.app import MAX_BODY, PhoneApp
from workshop_app.phone.room import Room

DEFAULT_PORT = 8765
#: Bounds handed to waitress: a room of 40 phones fits with room to spare; one client cannot stall it.
LIMITS: dict[str, Any] = {
    "threads": 16,
    "connection_limit": 120,
    "channel_timeout": 20,  # seconds a connection may sit idle (or trickle a request) before it is closed
    "cleanup_interval": 5,
    "max_request_header_size": 16 * 1024,
    "max_request_body_size": MAX_BODY,
    "expose_tracebacks": False,
    "ident": "",
    "clear_untrusted_proxy_headers": True,
}


class ServerError(Exception):
    """The server could not start (port taken, address not on this machine); the message says which."""


class PhoneServer:
    """One room served on host:port until `stop`; `url` is the join address with the room code."""

    def __init__(self, room: Room, host: str, port: int = DEFAULT_PORT) -> None:
        self.room = room
        self.host = host
        try:
            self._server = create_server(PhoneApp(room), host=host, port=port, **LIMITS)
        except OSError as exc:
            raise ServerError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
        self.port = int(self._server.effective_port)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        logging.getLogger("waitress").setLevel(logging.ERROR)  # no per-request chatter on the console

    @property
    def address(self) -> str:
        """'http://192.168.1.20:8765' (IPv6 in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The address a QR code carries: the room code rides along, so scanning skips typing it."""
        return f"{self.address}/?code={self.room.code}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> PhoneServer:
        """Serve in a daemon thread (the caller's thread goes on at once)."""
        self._thread = threading.Thread(target=self.serve, name="phone-voting", daemon=True)
        self._thread.start()
        return self

    def serve(self) -> None:
        """Serve in this thread until `stop` (from any thread), then close every connection."""
        srv = self._server
        try:
            while not self._stop.is_set():
                srv.asyncore.loop(timeout=0.5, map=srv._map, use_poll=True, count=1)
        finally:
            srv.asyncore.close_all(srv._map, ignore_all=True)
            srv.task_dispatcher.shutdown(timeout=2)

    def stop(self) -> None:
        """Stop serving and wait (briefly) for the loop to close its sockets. Idempotent."""
        self._stop.set()
        if self._thread is None:
            self._close_unstarted()
            return
        try:
            self._server.pull_trigger()  # wake the loop now rather than at its next timeout
        except OSError:
            pass
        self._thread.join(timeout=5)

    def _close_unstarted(self) -> None:
        srv = self._server
        srv.asyncore.close_all(srv._map, ignore_all=True)
        srv.task_dispatcher.shutdown(timeout=1)


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that phones on the same network can reach, the likeliest first.

    The first comes from the routing table (a UDP socket 'connected' to a private
    address sends nothing); the rest from the host name. Loopback and link-local
    addresses are left out; 127.0.0.1 is the answer only when nothing else is found.
    """
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 9))
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM):
            found.append(str(info[4][0]))
    except OSError:
        pass
    usable = []
    for addr in found:
        ip = ipaddress.ip_address(addr)
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and addr not in usable:
            usable.append(addr)
    return usable or ["127.0.0.1"]
