"""The open workshop: every edit goes through `apply`, which records, saves and announces it."""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, fields
from itertools import starmap
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workshop_app.core.atomicfile import is_read_only
from workshop_app.core.consensus import Summary, summarise
from workshop_app.core.filelock import FileLock, FileLockedError
from workshop_app.core.model import (
    Decision,
    Details,
    Note,
    Participant,
    Rating,
    RoadmapAction,
    Round,
    Workshop,
)
from workshop_app.core.operations import Change, OperationError
from workshop_app.core.revealed import revealed_only
from workshop_app.core.storage import (
    FileChangedError,
    Fingerprint,
    WorkshopFileError,
    open_workshop,
    save_workshop,
)

T = TypeVar("T")
ALL_AREAS = frozenset({"details", "participants", "ratings", "rounds", "decisions", "roadmap", "notes", "earlier"})
#: Autosave waits this long so a burst of keystrokes costs one write.
AUTOSAVE_DELAY_MS = 300
#: ...but never longer than this after the first unsaved edit, however steady the typing.
AUTOSAVE_MAX_WAIT_MS = 2000
#: After a failed save (full disk, folder gone read-only) try again this often while edits wait.
SAVE_RETRY_MS = 10_000
READ_ONLY_MESSAGE = "This workshop is open read-only; use File > Save As to edit a copy."


def _fields_of(cls: type) -> Callable[[Any], tuple]:
    """The values of a record's fields as one tuple, read in C (operator.attrgetter)."""
    return attrgetter(*(f.name for f in fields(cls)))


_PARTICIPANT, _RATING, _DECISION, _ACTION, _NOTE, _DETAILS = (
    _fields_of(c) for c in (Participant, Rating, Decision, RoadmapAction, Note, Details))


@dataclass(frozen=True)
class _State:
    """Everything editable, frozen as tuples of field values (the rubric is immutable and shared).

    Records hold only text, numbers and (rounds) a list of ids, so a tuple of their
    fields is an exact, immutable copy. A big room snapshots 12,000 ratings on every
    edit: reading them into tuples costs a fifth of copying the objects, and the
    objects are rebuilt only on undo and redo.
    """

    details: tuple
    participants: list[tuple]
    rounds: list[tuple]
    ratings: list[tuple]
    decisions: list[tuple]
    actions: list[tuple]
    notes: list[tuple]
    earlier: Any  # the EarlierWorkshop or None; frozen, so shared rather than copied

    @classmethod
    def of(cls, ws: Workshop) -> _State:
        return cls(
            _DETAILS(ws.details),
            list(map(_PARTICIPANT, ws.participants)),
            [(r.number, tuple(r.pillars), r.revealed, r.label, r.names_hidden) for r in ws.rounds],
            list(map(_RATING, ws.ratings)),
            [(key, _DECISION(d)) for key, d in ws.decisions.items()],
            list(map(_ACTION, ws.actions)),
            list(map(_NOTE, ws.notes)),
            ws.earlier,
        )

    def restore(self, ws: Workshop) -> None:
        """Put fresh records built from this snapshot into `ws` (the snapshot itself never changes)."""
        ws.details = Details(*self.details)
        ws.participants = list(starmap(Participant, self.participants))
        ws.rounds = [Round(number, list(pillars), revealed, label, hidden)
                     for number, pillars, revealed, label, hidden in self.rounds]
        ws.ratings = list(starmap(Rating, self.ratings))
        ws.decisions = {key: Decision(*values) for key, values in self.decisions}
        ws.actions = list(starmap(RoadmapAction, self.actions))
        ws.notes = list(starmap(Note, self.notes))
        ws.earlier = self.earlier


class _EditCommand(QUndoCommand):
    """One edit: the state before it, and the state after it, taken when the edit is undone.

    Until it is undone the workshop itself is the state after the edit (every edit
    goes through the undo stack), so only one snapshot is paid per edit.
    """

    def __init__(self, document: WorkshopDocument, before: _State, change: Change) -> None:
        super().__init__(change.description)
        # A weak reference: the stack (a child of the document) owns the commands, so a strong one
        # would make a cycle, and a document freed by Python's cycle collector deletes its stack while
        # the commands' wrappers are being freed too, which crashes Qt (QUndoStack::clear).
        self._document = weakref.ref(document)
        self._before, self._areas = before, change.areas
        self._after: _State | None = None
        self._first = True

    def redo(self) -> None:
        document = self._document()
        if self._first or document is None:  # the edit already ran in `apply`
            self._first = False
            return
        if self._after is not None:
            self._after.restore(document.workshop)
        document._after_edit(self._areas)

    def undo(self) -> None:
        document = self._document()
        if document is None:
            return
        self._after = _State.of(document.workshop)
        self._before.restore(document.workshop)
        document._after_edit(self._areas)


class WorkshopDocument(QObject):
    """Owns the workshop, its file, its lock, its undo history and its autosave.

    Signals:
        changed(frozenset): areas touched by an edit, undo or redo.
        saved(str): the file was written.
        save_failed(str): the message of a failed save; the edit stays in memory and
            the save is retried every SAVE_RETRY_MS.
        conflicted(str): the file changed on disk since this document read or wrote it;
            autosave stops until `reload_from_disk`, `overwrite` or `save_as`.
        path_changed(str): the workshop now lives in another file.
    """

    changed = Signal(frozenset)
    saved = Signal(str)
    save_failed = Signal(str)
    conflicted = Signal(str)
    path_changed = Signal(str)

    def __init__(self, workshop: Workshop, path: str | Path | None = None, parent: QObject | None = None, *,
                 fingerprint: Fingerprint | None = None, lock: FileLock | None = None,
                 read_only: bool = False) -> None:
        """A document on `path` takes the file's lock unless given one or `read_only`;
        if another window holds it, the document is read-only."""
        super().__init__(parent)
        self._workshop = workshop
        self._path = Path(path) if path else None
        self._summary: Summary | None = None
        self._dirty = False
        self._fingerprint = fingerprint
        self._conflict = False
        self._read_only = read_only
        self._lock = lock
        if self._path is not None and lock is None and not read_only:
            try:
                self._lock = FileLock.acquire(self._path)
            except FileLockedError:
                self._read_only = True
        self.undo_stack = QUndoStack(self)
        self._autosave = self._timer(AUTOSAVE_DELAY_MS)
        self._max_wait = self._timer(AUTOSAVE_MAX_WAIT_MS)
        self._retry = self._timer(SAVE_RETRY_MS)

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self._on_autosave_due)
        return timer

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, parent: QObject | None = None) -> WorkshopDocument:
        """Open a file for editing (FileLockedError if another window has it) or read-only.

        Raises WorkshopFileError for a file that cannot be opened. A file nobody may
        write (0444) opens read-only. The file as found is kept among its versions.
        """
        lock = None if read_only else FileLock.acquire(path)
        try:
            workshop, fingerprint = open_workshop(path)
        except WorkshopFileError:
            if lock is not None:
                lock.release()
            raise
        if not read_only and not _writable(Path(path)):
            read_only = True
        if read_only and lock is not None:
            lock.release()
            lock = None
        if not read_only:
            from workshop_app.core.versions import keep_opened_copy

            keep_opened_copy(path)
        return cls(workshop, path, parent, fingerprint=fingerprint, lock=lock, read_only=read_only)

    # ------------------------------------------------------------------ state
    @property
    def workshop(self) -> Workshop:
        return self._workshop

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        """Changes not yet written to disk (autosave pending or failed)."""
        return self._dirty

    @property
    def read_only(self) -> bool:
        """Open for reading only (another window edits it, or the file is read-only): no edits, no saves."""
        return self._read_only

    @property
    def conflict(self) -> bool:
        """The file changed on disk under us; nothing is saved until the user chooses."""
        return self._conflict

    def summary(self) -> Summary:
        """Consensus figures as the room has seen them: as of the latest revealed round (a round still
        being rated blind stays out of Overview, Decide and Roadmap), computed once per change."""
        if self._summary is None:
            self._summary = summarise(revealed_only(self._workshop))
        return self._summary

    # ------------------------------------------------------------------ edits
    def apply(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a core operation as one undoable edit, then autosave and announce it.

        The operation's own errors (OperationError, KeyError) propagate with the
        workshop unchanged, so a dialog can show the message and keep its input.
        A read-only document refuses every edit with an OperationError.
        """
        if self._read_only:
            raise OperationError(READ_ONLY_MESSAGE)
        before = _State.of(self._workshop)
        try:
            result = operation(self._workshop, *args, **kwargs)
        except Exception:
            before.restore(self._workshop)
            raise
        change = result[1] if isinstance(result, tuple) else result
        if not isinstance(change, Change):
            raise TypeError(f"{operation.__name__} did not report a Change")
        self.undo_stack.push(_EditCommand(self, before, change))
        self._after_edit(change.areas)
        return result

    def _after_edit(self, areas: frozenset[str]) -> None:
        self._summary = None
        self._dirty = True
        if self._path is not None and not self._read_only and not self._conflict:
            self._autosave.start()
            if not self._max_wait.isActive():
                self._max_wait.start()
        self.changed.emit(frozenset(areas))

    # ------------------------------------------------------------------ files
    def save(self) -> bool:
        """Write now (also what autosave calls); False and `save_failed` or `conflicted` if not written."""
        for timer in (self._autosave, self._max_wait, self._retry):
            timer.stop()
        if self._path is None or self._read_only or self._conflict:
            return False
        try:
            self._fingerprint = save_workshop(self._workshop, self._path, expect=self._fingerprint)
        except FileChangedError as exc:
            self._conflict = True
            self.conflicted.emit(str(exc))
            return False
        except WorkshopFileError as exc:
            self._failed(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - whatever it is, the edits stay and the user is told
            self._failed(f"{self._path}: not saved ({type(exc).__name__}: {exc})")
            return False
        self._dirty = False
        self.saved.emit(str(self._path))
        return True

    def _failed(self, message: str) -> None:
        if self._dirty:
            self._retry.start()
        self.save_failed.emit(message)

    def save_as(self, path: str | Path) -> bool:
        """Write to another file and go on there (also how a read-only or conflicted document gets a copy)."""
        new = Path(path)
        own = (self._lock is not None and self._path is not None
               and os.path.realpath(new) == os.path.realpath(self._path))
        try:
            lock = self._lock if own else FileLock.acquire(new)  # Save As onto our own file keeps our lock
        except FileLockedError as exc:
            self.save_failed.emit(f"{new}: not saved: the file is open for editing {exc.holder.describe()}")
            return False
        assert lock is not None
        try:
            fingerprint = save_workshop(self._workshop, new)
        except Exception as exc:  # noqa: BLE001
            if not own:
                lock.release()
            self.save_failed.emit(str(exc) if isinstance(exc, WorkshopFileError) else f"{new}: not saved ({exc})")
            return False
        if self._lock is not None and not own:
            self._lock.release()
        self._lock, self._path, self._fingerprint = lock, new, fingerprint
        self._read_only = self._conflict = self._dirty = False
        self._retry.stop()
        self.saved.emit(str(new))
        self.path_changed.emit(str(new))
        return True

    def overwrite(self) -> bool:
        """After a conflict: replace the file on disk with this document (the user chose so)."""
        self._conflict = False
        self._fingerprint = None
        return self.save()

    def reload_from_disk(self) -> bool:
        """After a conflict: take the file as it is on disk now; this document's unsaved edits are dropped."""
        if self._path is None:
            return False
        try:
            workshop, fingerprint = open_workshop(self._path)
        except WorkshopFileError as exc:
            self.save_failed.emit(str(exc))
            return False
        for timer in (self._autosave, self._max_wait, self._retry):
            timer.stop()
        ws = self._workshop
        ws.rubric, ws.details, ws.participants, ws.rounds = (
            workshop.rubric, workshop.details, workshop.participants, workshop.rounds)
        ws.ratings, ws.decisions, ws.actions, ws.notes = (
            workshop.ratings, workshop.decisions, workshop.actions, workshop.notes)
        ws.earlier = workshop.earlier
        self.undo_stack.clear()
        self._fingerprint, self._conflict, self._dirty = fingerprint, False, False
        self.reload_all()
        self.saved.emit(str(self._path))
        return True

    def flush(self) -> bool:
        """Save a pending autosave now (on close and quit); True when nothing is left unsaved."""
        if self._dirty and self._path is not None and not self._read_only:
            return self.save()
        return not self._dirty

    def discard(self) -> None:
        """The user chose to drop the unsaved edits (on close or quit)."""
        for timer in (self._autosave, self._max_wait, self._retry):
            timer.stop()
        self._dirty = False

    def close(self) -> None:
        """Let go of the file: stop saving and release the lock (idempotent)."""
        for timer in (self._autosave, self._max_wait, self._retry):
            timer.stop()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _on_autosave_due(self) -> None:
        if self._dirty:
            self.save()

    def reload_all(self) -> None:
        """Tell every view to refresh (after opening or replacing the workshop)."""
        self._summary = None
        self.changed.emit(ALL_AREAS)



def _writable(path: Path) -> bool:
    """False for a file nobody may write (0444) or this user may not write."""
    try:
        return not is_read_only(os.stat(path), path)
    except OSError:
        return True
