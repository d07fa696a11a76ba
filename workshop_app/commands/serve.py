"""`workshop-app serve FILE`: phone voting without the window, saving every ballot to FILE as it arrives.

For trying the phone page and for a kiosk set-up. The file is locked while it
serves (as the app locks a file it opens), so the app and `serve` never both write it.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import threading
from collections.abc import Mapping

NAME = "serve"
HELP = "let phones vote in the latest round of a workshop file, saving each ballot as it arrives"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the .workshop file to vote in (saved after every ballot)")
    parser.add_argument("--host", default=None, help="address to serve on (default: this machine's LAN address)")
    parser.add_argument("--port", type=int, default=None, help="port (default: 8765; 0 picks a free one)")
    parser.add_argument("--round", type=int, default=None, help="round number (default: the latest)")
    parser.add_argument("--names-hidden", "--anonymous", dest="names_hidden", action="store_true",
                        help="vote with names hidden: each phone still picks its own name (one ballot per "
                             "person), but no view or export of this workshop will ever name anyone")


def run(ns: argparse.Namespace) -> int:
    """Serve until Ctrl+C or SIGTERM; the first line printed is the join address with the room code."""
    from workshop_app.core.ballots import Choice, cast_ballot
    from workshop_app.core.filelock import FileLock, FileLockedError
    from workshop_app.core.operations import OperationError
    from workshop_app.core.storage import WorkshopFileError, open_workshop, save_workshop
    from workshop_app.phone.groupsave import GroupSave
    from workshop_app.phone.room import BallotPaper, BallotRefused, Room, voted_ids
    from workshop_app.phone.server import DEFAULT_PORT, PhoneServer, ServerError, lan_addresses

    def fail(message: str) -> int:
        print(f"workshop-app serve: {message}", file=sys.stderr)
        return 2

    port = DEFAULT_PORT if ns.port is None else ns.port
    if not 0 <= port <= 65535:
        return fail(f"--port must be 0 to 65535, not {port}")
    try:
        lock = FileLock.acquire(ns.file)
    except FileLockedError as exc:
        return fail(f"{exc}; close it there first")
    try:
        try:
            workshop, _ = open_workshop(ns.file)
        except (OSError, WorkshopFileError) as exc:
            return fail(str(exc))
        if not workshop.participants:
            return fail(f"{ns.file} has no participants to vote")
        workshop.ensure_first_round()
        number = ns.round or workshop.latest_round
        try:
            paper = BallotPaper.of(workshop, number)
        except KeyError:
            return fail(f"{ns.file} has no round {number} (rounds: 1 to {workshop.latest_round})")
        if workshop.round(number).revealed:
            return fail(f"round {number} is already revealed: open a re-vote in the app first")
        lock_ws = threading.Lock()  # the workshop is shared by the phones' threads and the saving one
        state = {"first_save": True}

        def write() -> None:
            with lock_ws:  # ballots only add or change ratings: a copy of those is a snapshot to save
                snapshot = dataclasses.replace(workshop, ratings=[dataclasses.replace(r) for r in workshop.ratings])
            try:  # outside the lock, so ballots arriving meanwhile are cast and share the next save
                save_workshop(snapshot, ns.file, keep_versions=state["first_save"])
            except WorkshopFileError as exc:
                print(f"workshop-app serve: {exc}", file=sys.stderr, flush=True)
                raise
            state["first_save"] = False  # keep the file as it was before serving once, not once per ballot

        saver = GroupSave(write)

        def cast(participant_id: str, choices: Mapping[str, Choice], names_hidden: bool) -> frozenset[str]:
            with lock_ws:
                try:
                    cast_ballot(workshop, participant_id, number, choices, names_hidden=names_hidden)
                except OperationError as exc:
                    raise BallotRefused(str(exc)) from None
                saver.edited()
                return voted_ids(workshop, number)

        room = Room(paper, cast, names_hidden=ns.names_hidden)
        room.voted = voted_ids(workshop, number)
        room.settle = saver.wait_saved  # a phone hears "saved" only once its ballot is in FILE
        host = ns.host or lan_addresses()[0]
        try:
            server = PhoneServer(room, host, port)
        except ServerError as exc:
            return fail(str(exc))
        print(server.url, flush=True)
        hidden = "; names hidden (nobody in this workshop will be named)" if room.names_hidden else ""
        print(f"Room code {room.code}; round {number}{hidden}; saving ballots to {ns.file}. Stop with Ctrl+C.",
              flush=True)
        done = threading.Event()

        shown = {"voted": -1}

        def progress() -> None:
            if len(room.voted) != shown["voted"]:
                shown["voted"] = len(room.voted)
                print(f"{shown['voted']} of {len(paper.names)} have voted", flush=True)

        room.on_change = progress

        def stop(_signum: int, _frame: object) -> None:
            done.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        server.start()
        try:
            while not done.wait(0.5):
                if not server.running:
                    return fail("the server stopped unexpectedly")
        finally:
            room.close()
            server.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        print(f"Voting closed: {len(room.voted)} of {len(paper.names)} voted; saved in {ns.file}", flush=True)
        return 0
    finally:
        lock.release()
