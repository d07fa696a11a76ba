"""The facilitator grid: participants x pillars of one round, typed in from paper forms."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import naming_refusal
from workshop_app.core.model import Rating
from workshop_app.core.rubric import Rubric
from workshop_app.gui.document import WorkshopDocument

_Index = QModelIndex | QPersistentModelIndex
DONT_KNOW = "?"
#: Shown instead of the value while a round is still blind.
HIDDEN_MARK = "✓"
#: Role for the stage number (None = don't know, absent = no rating).
StageRole = Qt.ItemDataRole.UserRole + 1
_HEADER_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole})


def stage_keys(rubric: Rubric) -> dict[str, int | None]:
    """Keys that enter a rating: digits 1..K, unique stage initials (any case), '?'.

    Two stages sharing an initial can only be typed by number, so a key never
    silently picks the wrong stage.
    """
    keys: dict[str, int | None] = {DONT_KNOW: None}
    if rubric.k <= 9:
        for n in range(1, rubric.k + 1):
            keys[str(n)] = n
    initials: dict[str, list[int]] = {}
    for n, stage in enumerate(rubric.stages, start=1):
        initial = stage.name[:1].casefold()
        if initial and not initial.isdigit() and initial != DONT_KNOW:
            initials.setdefault(initial, []).append(n)
    for initial, numbers in initials.items():
        if len(numbers) == 1:
            keys[initial] = numbers[0]
    return keys


def key_to_stage(rubric: Rubric, text: str) -> tuple[bool, int | None]:
    """(True, stage or None for don't know) when `text` is a rating key, else (False, None)."""
    keys = stage_keys(rubric)
    folded = text.casefold()
    if folded in keys:
        return True, keys[folded]
    return False, None


class RatingGridModel(QAbstractTableModel):
    """Rows: participants; columns: the pillars the round votes on.

    Signals:
        visibility_changed(bool): values are now shown (True) or hidden.
    """

    visibility_changed = Signal(bool)

    def __init__(self, document: WorkshopDocument, round_number: int | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._round = round_number or document.workshop.latest_round
        self._show_values = False
        self._cells: dict[tuple[str, str], Rating] = {}
        self._shown: dict[tuple[str, str], tuple[int | None, str]] = {}  # what the view last got
        self._pillars: list[str] = []
        self._names: dict[str, str] = {}  # row headers: names made distinct
        self.last_error = ""
        self._reindex()
        document.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ state
    @property
    def round_number(self) -> int:
        return self._round

    def set_round(self, number: int) -> None:
        """Show another round, blind again (a request to show values never carries over)."""
        self.beginResetModel()
        self._round = number
        self._show_values = False
        self._reindex()
        self.endResetModel()

    @property
    def revealed(self) -> bool:
        try:
            return self._document.workshop.round(self._round).revealed
        except KeyError:
            return False

    @property
    def names_hidden(self) -> str:
        """Why values are never shown next to names here ("" when they may be): a round voted with names hidden.

        Read on every cell's data(), so kept from the last reindex (the flag comes with a change to rounds).
        """
        return self._refusal

    @property
    def values_visible(self) -> bool:
        """Values show once the round is revealed, or on the facilitator's explicit (confirmed) request,
        and never in a workshop whose room was promised nobody would be named (this grid is by name)."""
        return (self._show_values or self.revealed) and not self.names_hidden

    def set_show_values(self, show: bool) -> None:
        """Show the values of a blind round; the page asks the facilitator first. Any round change ends it."""
        show = show and not self.names_hidden
        if show == self._show_values:
            return
        self._show_values = show
        self._emit_all()
        self.visibility_changed.emit(self.values_visible)

    def pillars(self) -> list[str]:
        """The pillars of this round (cached; refreshed whenever rounds or ratings change)."""
        return self._pillars

    def _reindex(self) -> None:
        try:
            self._pillars = list(self._document.workshop.round(self._round).pillars)
        except KeyError:
            self._pillars = []
        self._names = self._document.workshop.participant_names()
        self._refusal = naming_refusal(self._document.workshop)
        number = self._round
        self._cells = {(r.participant, r.pillar): r for r in self._document.workshop.ratings if r.round == number}
        self._shown = {key: (r.stage, r.comment) for key, r in self._cells.items()}

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document.workshop.participants)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.pillars())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _HEADER_ROLES:  # the view asks ~25 roles per header: answer the others at once
            return None
        ws = self._document.workshop
        if orientation == Qt.Orientation.Horizontal:
            pillars = self.pillars()
            if section >= len(pillars):
                return None
            pillar = ws.rubric.pillar(pillars[section])
            if role == Qt.ItemDataRole.DisplayRole:
                return pillar.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return pillar.question or pillar.description
            return None
        if section >= len(ws.participants):
            return None
        person = ws.participants[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names.get(person.id, person.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return person.role
        return None

    def rating_at(self, index: _Index) -> Rating | None:
        ws = self._document.workshop
        pillars = self.pillars()
        if not index.isValid() or index.row() >= len(ws.participants) or index.column() >= len(pillars):
            return None
        return self._cells.get((ws.participants[index.row()].id, pillars[index.column()]))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rating = self.rating_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if rating is None:
                return ""
            if not self.values_visible:
                return HIDDEN_MARK
            return self._document.workshop.rubric.stage_label(rating.stage)
        if role == StageRole:
            return None if rating is None or not self.values_visible else rating.stage
        if role == Qt.ItemDataRole.ToolTipRole and rating is not None:
            if not self.values_visible:
                return "Rated (names hidden: values are never shown by name)" if self.names_hidden \
                    else "Rated (hidden until the reveal)"
            return rating.comment or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """`value` is a stage number, None for don't know, or a key such as '2', 'w', '?'."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str):
            ok, stage = key_to_stage(self._document.workshop.rubric, value.strip())
            if not ok:
                self.last_error = f"'{value}' is not a rating here"
                return False
            value = stage
        return self.set_stage(index, value)

    # ------------------------------------------------------------------ edits
    def set_stage(self, index: _Index, stage: int | None) -> bool:
        ws = self._document.workshop
        pillars = self.pillars()
        if not index.isValid() or index.row() >= len(ws.participants) or index.column() >= len(pillars):
            return False
        existing = self.rating_at(index)
        if existing is not None and existing.stage == stage:
            return False
        try:
            self._document.apply(ops.set_rating, ws.participants[index.row()].id, pillars[index.column()],
                                 self._round, stage)
        except ops.OperationError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def clear(self, index: _Index) -> bool:
        if self.rating_at(index) is None:
            return False
        ws = self._document.workshop
        self._document.apply(ops.clear_rating, ws.participants[index.row()].id, self.pillars()[index.column()],
                             self._round)
        return True

    # ------------------------------------------------------------------ refresh
    def _emit_all(self) -> None:
        rows, cols = self.rowCount(), self.columnCount()
        if rows and cols:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, cols - 1))

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.PARTICIPANTS in areas or ops.ROUNDS in areas:
            self.beginResetModel()
            if ops.ROUNDS in areas:  # revealed, hidden again or a new round: blind unless revealed
                self._show_values = False
            if self._round not in {r.number for r in self._document.workshop.rounds}:
                self._round = self._document.workshop.latest_round
            self._reindex()
            self.endResetModel()
            self.visibility_changed.emit(self.values_visible)
        elif ops.RATINGS in areas:
            # Announce only the cells whose value changed: a whole-grid dataChanged makes
            # the view re-read every cell (thousands of calls) for a single rating.
            before = self._shown
            self._reindex()
            changed = {key for key, _ in before.items() ^ self._shown.items()}  # added, removed or altered
            if len(changed) > 8:
                self._emit_all()
                return
            ws = self._document.workshop
            rows = {p.id: i for i, p in enumerate(ws.participants)}
            for participant, pillar in changed:
                if participant in rows and pillar in self._pillars:
                    cell = self.index(rows[participant], self._pillars.index(pillar))
                    self.dataChanged.emit(cell, cell)
