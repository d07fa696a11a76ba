"""Group saves: every ballot is on disk before its answer, and ballots that arrive together share saves."""

from __future__ import annotations

import threading
import time

import pytest

from workshop_app.phone.groupsave import GroupSave
from workshop_app.phone.room import BallotRefused


def test_each_waiter_returns_only_after_a_save_that_includes_its_edit() -> None:
    edits = 0
    saved_upto: list[int] = []
    lock = threading.Lock()

    def write() -> None:
        with lock:
            covers = edits
        time.sleep(0.01)  # a slow disk: others arrive meanwhile
        saved_upto.append(covers)

    saver = GroupSave(write)
    seen: list[tuple[int, int]] = []
    gate = threading.Barrier(30)

    def ballot() -> None:
        nonlocal edits
        gate.wait()
        with lock:
            edits += 1
            mine = edits
            saver.edited()
        saver.wait_saved()
        seen.append((mine, max(saved_upto)))

    threads = [threading.Thread(target=ballot) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 30 and all(upto >= mine for mine, upto in seen)
    assert len(saved_upto) < 30  # saves were shared
    assert max(saved_upto) == 30


def test_a_failed_save_is_refused_and_the_next_one_retries() -> None:
    calls = []

    def write() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")

    saver = GroupSave(write)
    saver.edited()
    with pytest.raises(BallotRefused, match="could not save"):
        saver.wait_saved()
    saver.wait_saved()  # the edit is still unsaved: this call saves it
    assert len(calls) == 2
    saver.wait_saved()  # nothing new: no save
    assert len(calls) == 2
