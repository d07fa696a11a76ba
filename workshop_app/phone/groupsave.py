"""Saves that many ballots share: each waits until a save that includes it is on disk.

When 40 phones submit at once, saving the file once per ballot would make the
last phone wait for 40 saves in a row. Here the first ballot starts a save; those
that arrive while it runs wait, and the next one of them starts a single save that
holds them all. Every phone still hears "saved" only once its ballot is on disk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from workshop_app.phone.room import BallotRefused


class GroupSave:
    """`edited()` after each change (under the caller's lock); `wait_saved()` before answering."""

    def __init__(self, write: Callable[[], None]) -> None:
        self._write = write  # writes the whole workshop as it is now; raises with a message when it cannot
        self._cond = threading.Condition()
        self._edits = 0
        self._saved = 0
        self._busy = False

    def edited(self) -> None:
        with self._cond:
            self._edits += 1

    def wait_saved(self) -> None:
        """Return once every edit made before this call is on disk; BallotRefused if a save failed."""
        with self._cond:
            wanted = self._edits
            while self._saved < wanted:
                if self._busy:
                    self._cond.wait()
                    continue
                self._busy = True
                covers = self._edits
                self._cond.release()
                try:
                    self._write()
                    failed = ""
                except Exception as exc:  # noqa: BLE001 (reported to the phone and on the console)
                    failed = str(exc)
                finally:
                    self._cond.acquire()
                    self._busy = False
                    self._cond.notify_all()
                if failed:
                    raise BallotRefused("The laptop could not save your ballot: tell the facilitator")
                self._saved = max(self._saved, covers)
