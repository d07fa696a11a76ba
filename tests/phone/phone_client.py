"""Helpers for phone tests: a real server on 127.0.0.1 (a free port), and an HTTP client with its own cookie."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Mapping
from typing import Any

from workshop_app.core import operations as ops
from workshop_app.core.ballots import Choice, cast_ballot
from workshop_app.core.model import Workshop
from workshop_app.phone.room import BallotPaper, BallotRefused, Room, voted_ids
from workshop_app.phone.server import PhoneServer

REVOTED = ["know-your-maturity", "act-with-precision", "sustain-at-scale"]


class Phone:
    """One device: keeps the cookie the server gives it; every request goes to 127.0.0.1 only."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(self, method: str, path: str, body: Any = None, *, raw: bytes | None = None,
                headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        sent = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            sent.setdefault("Content-Type", "application/json")
        if self.cookie:
            sent["Cookie"] = self.cookie
        try:
            conn.request(method, path, body=data, headers=sent)
            resp = conn.getresponse()
            payload = resp.read()
            cookie = resp.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";")[0]
            kind = resp.getheader("Content-Type", "")
            parsed = json.loads(payload) if kind.startswith("application/json") else {"body": payload.decode()}
            return resp.status, parsed
        finally:
            conn.close()

    def page(self, path: str = "/") -> tuple[int, str, dict[str, str]]:
        """GET a page without following redirects: status, body text and the headers that matter here."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers={"Cookie": self.cookie} if self.cookie else {})
            resp = conn.getresponse()
            body = resp.read().decode()
            cookie = resp.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";")[0]
            return resp.status, body, {k: resp.getheader(k, "") for k in ("Location", "Content-Security-Policy",
                                                                             "Cache-Control")}
        finally:
            conn.close()

    def join(self, code: str) -> tuple[int, dict[str, Any]]:
        return self.request("POST", "/api/join", {"code": code})

    def claim(self, participant: str | None) -> tuple[int, dict[str, Any]]:
        return self.request("POST", "/api/claim", {} if participant is None else {"participant": participant})

    def vote(self, choices: Mapping[str, Any]) -> tuple[int, dict[str, Any]]:
        return self.request("POST", "/api/ballot", {"choices": choices})


class Served:
    """The workshop, its room and server, as a test sees them."""

    def __init__(self, workshop: Workshop, room: Room, server: PhoneServer, round_number: int) -> None:
        self.workshop = workshop
        self.room = room
        self.server = server
        self.round = round_number
        self.casts = 0

    def phone(self) -> Phone:
        return Phone(self.server.port)

    def ballot(self, stage: int | None = 2, comment: str = "") -> dict[str, Any]:
        return {p: {"stage": stage, "comment": comment} for p in self.workshop.round(self.round).pillars}


def serve_workshop(workshop: Workshop, round_number: int, *, names_hidden: bool = False) -> Served:
    lock = threading.Lock()
    served: Served

    def cast(pid: str, choices: Mapping[str, Choice], hidden: bool) -> frozenset[str]:
        with lock:
            try:
                cast_ballot(workshop, pid, round_number, choices, names_hidden=hidden)
            except ops.OperationError as exc:
                raise BallotRefused(str(exc)) from None
            served.casts += 1
            return voted_ids(workshop, round_number)

    room = Room(BallotPaper.of(workshop, round_number), cast, names_hidden=names_hidden)
    server = PhoneServer(room, "127.0.0.1", 0).start()
    served = Served(workshop, room, server, round_number)
    return served
