"""The document keeps work safe: autosave under steady edits, one writer per file, conflicts, failed saves."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from workshop_app.core import atomicfile
from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.filelock import FileLock, FileLockedError, lock_path
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.gui import document as document_module
from workshop_app.gui.document import AUTOSAVE_MAX_WAIT_MS, WorkshopDocument


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "w.workshop"
    save_workshop(build_demo(), p)
    return p


def _client(p: Path) -> str:
    return load_workshop(p).details.client


def test_steady_edits_every_200_ms_are_saved_within_two_seconds(qapp, qtbot, path: Path) -> None:
    doc = WorkshopDocument.open(path)
    saves: list[float] = []
    doc.saved.connect(lambda _: saves.append(time.monotonic()))
    first = time.monotonic()
    for i in range(12):  # 2.4 s of typing, never pausing as long as the 300 ms autosave delay
        doc.apply(ops.set_details, client=f"Typed {i}")
        qtbot.wait(200)
    assert saves, "nothing was saved while the edits kept coming"
    assert saves[0] - first < AUTOSAVE_MAX_WAIT_MS / 1000 + 0.6
    assert _client(path).startswith("Typed ")
    doc.close()


def test_two_documents_on_one_file(qapp, qtbot, path: Path, tmp_path: Path) -> None:
    first = WorkshopDocument.open(path)
    with pytest.raises(FileLockedError, match="in another window of this app"):
        WorkshopDocument.open(path)
    second = WorkshopDocument(load_workshop(path), path)  # a second window gets a read-only view
    assert second.read_only and not first.read_only
    with pytest.raises(ops.OperationError, match="read-only"):
        second.apply(ops.set_details, client="Second window")
    assert second.save() is False

    # Someone else (another app, a sync tool) writes the file: the next save must not overwrite it.
    theirs = build_demo()
    theirs.details.client = "Written elsewhere"
    save_workshop(theirs, path, check_lock=False)
    first.apply(ops.set_details, client="First window")
    with qtbot.waitSignal(first.conflicted, timeout=3000) as conflict:
        pass
    assert "changed by someone else" in conflict.args[0]
    assert first.conflict and first.dirty
    assert _client(path) == "Written elsewhere"
    first.apply(ops.set_details, client="Still editing")
    qtbot.wait(700)  # twice the autosave delay: no autosave while the conflict waits for a choice
    assert _client(path) == "Written elsewhere" and first.dirty

    # Keep both: Save As puts this window's work in a new file and moves the lock there.
    copy = tmp_path / "mine.workshop"
    assert first.save_as(copy)
    assert _client(copy) == "Still editing" and _client(path) == "Written elsewhere"
    assert first.path == copy and not first.conflict and not first.dirty
    assert not lock_path(path).exists() and lock_path(copy).exists()
    first.close()


def test_after_a_conflict_overwrite_or_reload(qapp, qtbot, path: Path) -> None:
    doc = WorkshopDocument.open(path)
    save_workshop(build_demo(), path, check_lock=False)  # same content, new bytes (a new saved_at)
    other = build_demo()
    other.details.client = "On disk"
    save_workshop(other, path, check_lock=False)
    doc.apply(ops.set_details, client="Mine")
    assert doc.save() is False and doc.conflict
    assert doc.reload_from_disk()
    assert doc.workshop.details.client == "On disk" and not doc.dirty and not doc.conflict
    assert doc.undo_stack.count() == 0

    other.details.client = "On disk again"
    save_workshop(other, path, check_lock=False)
    doc.apply(ops.set_details, client="Mine for sure")
    assert doc.save() is False and doc.conflict
    assert doc.overwrite()
    assert _client(path) == "Mine for sure" and not doc.conflict
    doc.apply(ops.set_details, client="And saving goes on")
    assert doc.save() and _client(path) == "And saving goes on"
    doc.close()


def test_a_failed_save_keeps_the_edits_and_retries(qapp, qtbot, path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_module, "SAVE_RETRY_MS", 150)
    doc = WorkshopDocument.open(path)

    def disk_full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicfile, "_write_all", disk_full)
    doc.apply(ops.set_details, client="Typed during a full disk")
    with qtbot.waitSignal(doc.save_failed, timeout=3000) as failed:
        pass
    assert f"the disk holding {path.parent} is full" in failed.args[0]
    assert doc.dirty and doc.workshop.details.client == "Typed during a full disk"
    assert _client(path) != "Typed during a full disk"
    assert [p for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []

    monkeypatch.undo()  # space freed: the retry saves without another edit
    with qtbot.waitSignal(doc.saved, timeout=3000):
        pass
    assert not doc.dirty and _client(path) == "Typed during a full disk"
    doc.close()


def test_close_releases_the_lock(qapp, path: Path) -> None:
    doc = WorkshopDocument.open(path)
    assert lock_path(path).exists()
    doc.close()
    doc.close()  # idempotent
    assert not lock_path(path).exists()
    FileLock.acquire(path).release()


def test_a_read_only_file_opens_read_only_and_takes_no_lock(qapp, path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are POSIX here")
    path.chmod(0o444)
    doc = WorkshopDocument.open(path)
    assert doc.read_only and not lock_path(path).exists()
    doc.close()
