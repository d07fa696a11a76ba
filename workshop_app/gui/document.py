"""The open workshop: every edit goes through `apply`, which records, saves and announces it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workshop_app.core.consensus import Summary, summarise
from workshop_app.core.model import Workshop
from workshop_app.core.operations import Change
from workshop_app.core.storage import WorkshopFileError, save_workshop

T = TypeVar("T")
ALL_AREAS = frozenset({"details", "participants", "ratings", "rounds", "decisions", "roadmap", "notes"})
#: Autosave waits this long so a burst of keystrokes costs one write.
AUTOSAVE_DELAY_MS = 300


def _clone(obj: T) -> T:
    """Shallow copy of a plain dataclass instance; several times faster than copy.copy,
    which matters because every edit snapshots every rating (1,200 in a big workshop)."""
    new = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__)
    return new


@dataclass
class _State:
    """A cheap copy of everything editable (the rubric is immutable and shared)."""

    details: Any
    participants: list[Any]
    rounds: list[Any]
    ratings: list[Any]
    decisions: dict[str, Any]
    actions: list[Any]
    notes: list[Any]

    @classmethod
    def of(cls, ws: Workshop) -> _State:
        rounds = []
        for r in ws.rounds:
            c = _clone(r)
            c.pillars = list(r.pillars)
            rounds.append(c)
        return cls(
            _clone(ws.details),
            [_clone(p) for p in ws.participants],
            rounds,
            [_clone(r) for r in ws.ratings],
            {k: _clone(v) for k, v in ws.decisions.items()},
            [_clone(a) for a in ws.actions],
            [_clone(n) for n in ws.notes],
        )

    def restore(self, ws: Workshop) -> None:
        fresh = _State.of(_as_workshop(ws, self))  # keep this snapshot pristine for redo
        ws.details, ws.participants, ws.rounds, ws.ratings = (
            fresh.details, fresh.participants, fresh.rounds, fresh.ratings,
        )
        ws.decisions, ws.actions, ws.notes = fresh.decisions, fresh.actions, fresh.notes


def _as_workshop(ws: Workshop, state: _State) -> Workshop:
    return Workshop(ws.rubric, state.details, state.participants, state.rounds, state.ratings,
                    state.decisions, state.actions, state.notes)


class _EditCommand(QUndoCommand):
    def __init__(self, document: WorkshopDocument, before: _State, after: _State, change: Change) -> None:
        super().__init__(change.description)
        self._document = document
        self._before, self._after, self._areas = before, after, change.areas
        self._first = True

    def redo(self) -> None:
        if self._first:  # the edit already ran in `apply`
            self._first = False
            return
        self._after.restore(self._document.workshop)
        self._document._after_edit(self._areas)

    def undo(self) -> None:
        self._before.restore(self._document.workshop)
        self._document._after_edit(self._areas)


class WorkshopDocument(QObject):
    """Owns the workshop, its file, its undo history and its autosave.

    Signals:
        changed(frozenset): areas touched by an edit, undo or redo.
        saved(str): the file was written.
        save_failed(str): the message of a failed save; the edit stays in memory.
        path_changed(str): the workshop now lives in another file.
    """

    changed = Signal(frozenset)
    saved = Signal(str)
    save_failed = Signal(str)
    path_changed = Signal(str)

    def __init__(self, workshop: Workshop, path: str | Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workshop = workshop
        self._path = Path(path) if path else None
        self._summary: Summary | None = None
        self._dirty = False
        self.undo_stack = QUndoStack(self)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self._on_autosave_due)

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

    def summary(self) -> Summary:
        """Consensus figures for the latest round, computed once per change."""
        if self._summary is None:
            self._summary = summarise(self._workshop)
        return self._summary

    # ------------------------------------------------------------------ edits
    def apply(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a core operation as one undoable edit, then autosave and announce it.

        The operation's own errors (OperationError, KeyError) propagate with the
        workshop unchanged, so a dialog can show the message and keep its input.
        """
        before = _State.of(self._workshop)
        try:
            result = operation(self._workshop, *args, **kwargs)
        except Exception:
            before.restore(self._workshop)
            raise
        change = result[1] if isinstance(result, tuple) else result
        if not isinstance(change, Change):
            raise TypeError(f"{operation.__name__} did not report a Change")
        self.undo_stack.push(_EditCommand(self, before, _State.of(self._workshop), change))
        self._after_edit(change.areas)
        return result

    def _after_edit(self, areas: frozenset[str]) -> None:
        self._summary = None
        self._dirty = True
        if self._path is not None:
            self._autosave.start()
        self.changed.emit(frozenset(areas))

    # ------------------------------------------------------------------ files
    def save(self) -> bool:
        """Write now (also what autosave calls); False and `save_failed` on error."""
        self._autosave.stop()
        if self._path is None:
            return False
        try:
            save_workshop(self._workshop, self._path)
        except WorkshopFileError as exc:
            self.save_failed.emit(str(exc))
            return False
        self._dirty = False
        self.saved.emit(str(self._path))
        return True

    def save_as(self, path: str | Path) -> bool:
        old = self._path
        self._path = Path(path)
        if not self.save():
            self._path = old
            return False
        self.path_changed.emit(str(self._path))
        return True

    def flush(self) -> bool:
        """Save a pending autosave now (on close and quit)."""
        if self._dirty and self._path is not None:
            return self.save()
        return not self._dirty

    def _on_autosave_due(self) -> None:
        self.save()

    def reload_all(self) -> None:
        """Tell every view to refresh (after opening or replacing the workshop)."""
        self._summary = None
        self.changed.emit(ALL_AREAS)
