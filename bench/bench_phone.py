"""Phone voting: 40 phones submit a full ballot at the same moment, on loopback (127.0.0.1 only).

Run: python bench/bench_phone.py [--phones N] [--runs N]

(a) Server alone (the `serve` set-up, without and then with saving each ballot): each phone's time from
    sending its ballot to the answer, median and p99 over all phones of all runs;
    as a ratio to one ballot sent alone (median of the same number of single
    ballots), and to a bare request (GET /api/state) on the same server.
(b) In the app: the projector dialog and a WorkshopDocument, ballots applied on the
    Qt main thread through document.apply; the time from the first ballot sent
    until the dialog says "N of N have voted" (target: within one second).

Targets (issue 13): p99 under 100 ms per ballot; all shown within one second.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop_app.core import operations as ops  # noqa: E402
from workshop_app.core.ballots import Choice, cast_ballot  # noqa: E402
from workshop_app.core.demo import build_demo  # noqa: E402
from workshop_app.core.model import Workshop  # noqa: E402
from workshop_app.phone.groupsave import GroupSave  # noqa: E402
from workshop_app.phone.room import BallotPaper, Room, voted_ids  # noqa: E402
from workshop_app.phone.server import PhoneServer  # noqa: E402

PILLARS = ["know-your-maturity", "act-with-precision", "sustain-at-scale"]


def room_workshop(people: int) -> Workshop:
    ws = build_demo()
    while len(ws.participants) < people:
        ops.add_participant(ws, f"Guest {len(ws.participants) + 1}")
    ops.open_round(ws, PILLARS, "Bench")
    return ws


class Phone:
    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""

    def send(self, method: str, path: str, body: Any = None) -> tuple[int, float]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        resp.read()
        took = time.perf_counter() - start
        self.cookie = (resp.getheader("Set-Cookie") or self.cookie).split(";")[0] or self.cookie
        return resp.status, took


def ready_phones(port: int, room: Room, ws: Workshop) -> list[Phone]:
    phones = []
    for p in ws.participants:
        phone = Phone(port)
        assert phone.send("POST", "/api/join", {"code": room.code})[0] == 200
        assert phone.send("POST", "/api/claim", {"participant": p.id})[0] == 200
        phones.append(phone)
    return phones


def ballot(stage: int) -> dict[str, Any]:
    return {"choices": {p: {"stage": stage, "comment": "bench"} for p in PILLARS}}


def all_at_once(phones: list[Phone]) -> list[float]:
    """Every phone sends its ballot at the same moment; each one's time to its answer."""
    times: list[float] = [0.0] * len(phones)
    gate = threading.Barrier(len(phones))

    def go(i: int) -> None:
        gate.wait()
        status, took = phones[i].send("POST", "/api/ballot", ballot(i % 4 + 1))
        assert status == 200, status
        times[i] = took

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(phones))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def bench_server(people: int, runs: int, save_to: Path | None = None) -> dict[str, float]:
    """With `save_to`, every ballot is on disk in that file before its answer, as in `serve`
    (ballots that arrive during a save share the next one)."""
    from workshop_app.core.storage import save_workshop

    lock = threading.Lock()
    ws = room_workshop(people)

    def write() -> None:
        with lock:
            snapshot = dataclasses.replace(ws, ratings=[dataclasses.replace(r) for r in ws.ratings])
        save_workshop(snapshot, save_to, keep_versions=False)

    saver = GroupSave(write)

    def cast(pid: str, choices: Mapping[str, Choice], names_hidden: bool = False) -> frozenset[str]:
        with lock:
            cast_ballot(ws, pid, 3, choices, names_hidden=names_hidden)
            saver.edited()
            return voted_ids(ws, 3)

    room = Room(BallotPaper.of(ws, 3), cast)
    if save_to is not None:
        room.settle = saver.wait_saved
    server = PhoneServer(room, "127.0.0.1", 0).start()
    try:
        phones = ready_phones(server.port, room, ws)
        crowd: list[float] = []
        for _ in range(runs):
            crowd += all_at_once(phones)
        alone = [phones[0].send("POST", "/api/ballot", ballot(2))[1] for _ in range(len(crowd) // runs)]
        bare = [phones[0].send("GET", "/api/state")[1] for _ in range(len(crowd) // runs)]
    finally:
        server.stop()
    crowd.sort()
    p99 = crowd[min(len(crowd) - 1, int(0.99 * len(crowd)))]
    return {"median_ms": statistics.median(crowd) * 1000, "p99_ms": p99 * 1000,
            "alone_ms": statistics.median(alone) * 1000, "bare_ms": statistics.median(bare) * 1000}


def bench_app(people: int) -> float:
    """Seconds from the first ballot sent until the projector dialog shows everyone as voted."""
    from PySide6.QtWidgets import QApplication

    from workshop_app.gui.dialogs.phone_voting import PhoneVotingDialog
    from workshop_app.gui.document import WorkshopDocument

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp(prefix="bench-phone-")
    doc = WorkshopDocument(room_workshop(people), Path(folder) / "bench.workshop")
    dialog = PhoneVotingDialog(doc, 3, addresses=["127.0.0.1"], port=0)
    dialog.show()
    app.processEvents()
    phones = ready_phones(dialog.server.port, dialog.room, doc.workshop)
    want = f"{people} of {people} have voted"
    sender = threading.Thread(target=all_at_once, args=(phones,))
    start = time.perf_counter()
    sender.start()
    while want not in dialog.progress.text():
        app.processEvents()
        if time.perf_counter() - start > 30:
            raise SystemExit("the dialog never showed every ballot")
    shown = time.perf_counter() - start
    sender.join()
    dialog.close_voting()
    doc.flush()
    return shown


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    ns = parser.parse_args()
    figures = bench_server(ns.phones, ns.runs)
    print(f"{ns.phones} phones at once, {ns.runs} runs, loopback:")
    print(f"  per ballot: median {figures['median_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms (target p99 < 100 ms)")
    print(f"  one ballot alone: {figures['alone_ms']:.2f} ms -> median x{figures['median_ms'] / figures['alone_ms']:.1f},"
          f" p99 x{figures['p99_ms'] / figures['alone_ms']:.1f}")
    print(f"  bare request (GET /api/state): {figures['bare_ms']:.2f} ms -> one ballot alone is "
          f"x{figures['alone_ms'] / figures['bare_ms']:.1f} a bare request")
    with tempfile.TemporaryDirectory(prefix="bench-phone-") as folder:
        saved = bench_server(ns.phones, ns.runs, Path(folder) / "serve.workshop")
    print(f"  saving each ballot to the file first (as `serve` does): median {saved['median_ms']:.1f} ms, "
          f"p99 {saved['p99_ms']:.1f} ms; alone {saved['alone_ms']:.2f} ms")
    shown = bench_app(ns.phones)
    print(f"  in the app: all {ns.phones} shown on the projector dialog after {shown * 1000:.0f} ms "
          "(target < 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
