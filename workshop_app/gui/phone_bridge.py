"""Hands ballots from the phone server's threads to the Qt main thread, where the document applies them.

The server answers phones on worker threads; the workshop and its undo stack
belong to the main thread. `cast` (called on a worker) queues the ballot through
a queued signal and waits for the main thread to run `document.apply(cast_ballot,
...)`, so a phone's ballot is one undoable, autosaved edit like a ballot cast on
the laptop. Nothing here touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout

from PySide6.QtCore import QObject, Qt, Signal

from workshop_app.core.ballots import Choice, cast_ballot
from workshop_app.core.operations import OperationError
from workshop_app.gui.document import WorkshopDocument
from workshop_app.phone.room import BallotRefused, voted_ids

#: How long a phone's request waits for the laptop to apply its ballot before it is told to try again.
APPLY_TIMEOUT_S = 10.0


class DocumentBallots(QObject):
    """A `CastBallot` for the room that applies each ballot on the main thread; `arrived` follows each one."""

    _queued = Signal(object)
    #: Emitted on the main thread after a phone's ballot was applied (participant id).
    arrived = Signal(str)

    def __init__(self, document: WorkshopDocument, round_number: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.round_number = round_number
        self._pending: set[Future] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._queued.connect(self._apply, Qt.ConnectionType.QueuedConnection)

    def cast(self, participant_id: str, choices: Mapping[str, Choice], names_hidden: bool = False) -> frozenset[str]:
        """Called on a server thread: wait for the main thread to apply the ballot; who has voted since."""
        future: Future = Future()
        with self._lock:
            if self._closed:
                raise BallotRefused("Voting is closed: your ballot was not saved")
            self._pending.add(future)
        try:
            self._queued.emit((future, participant_id, dict(choices), names_hidden))
            try:
                return future.result(timeout=APPLY_TIMEOUT_S)
            except FutureTimeout:
                if future.cancel():
                    raise BallotRefused("The laptop is busy: send your ballot again") from None
                return future.result()  # started meanwhile: its answer comes at once
            except CancelledError:
                raise BallotRefused("Voting closed before your ballot was saved") from None
        finally:
            with self._lock:
                self._pending.discard(future)

    def _apply(self, job: tuple[Future, str, dict[str, Choice], bool]) -> None:
        future, participant_id, choices, names_hidden = job
        if not future.set_running_or_notify_cancel():
            return
        try:
            self.document.apply(cast_ballot, participant_id, self.round_number, choices, names_hidden=names_hidden)
        except (OperationError, KeyError) as exc:
            future.set_exception(BallotRefused(str(exc).strip("'\"")))
            return
        except Exception as exc:  # noqa: BLE001 (the phone gets a message; the app keeps running)
            future.set_exception(BallotRefused(f"The laptop could not take your ballot ({exc})"))
            return
        future.set_result(voted_ids(self.document.workshop, self.round_number))
        self.arrived.emit(participant_id)

    def shutdown(self) -> None:
        """No more ballots: every queued one is refused now, so stopping the server never waits on them."""
        with self._lock:
            self._closed = True
            pending = list(self._pending)
        for future in pending:
            future.cancel()
