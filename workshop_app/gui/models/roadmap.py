"""The roadmap as an editable table; horizon, priority and status edit as labelled choices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import HORIZONS, PRIORITIES, STATUSES, RoadmapAction
from workshop_app.gui.document import WorkshopDocument

_Index = QModelIndex | QPersistentModelIndex
#: (field, header) in column order.
COLUMNS = (
    ("pillar", "Pillar"),
    ("title", "Action"),
    ("detail", "Detail"),
    ("owner", "Owner"),
    ("horizon", "Horizon"),
    ("priority", "Priority"),
    ("status", "Status"),
)
FIELDS = tuple(f for f, _ in COLUMNS)
GENERAL = "General"
#: Role for the stored key of a choice column (the display role shows its label).
KeyRole = Qt.ItemDataRole.UserRole + 1


class RoadmapModel(QAbstractTableModel):
    def __init__(self, document: WorkshopDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self.last_error = ""
        document.changed.connect(self._on_changed)

    def _actions(self) -> list[RoadmapAction]:
        return self._document.workshop.actions

    def action(self, row: int) -> RoadmapAction:
        return self._actions()[row]

    def choices(self, column: int) -> list[tuple[str, str]]:
        """(key, label) pairs for a choice column; empty for free text."""
        field = FIELDS[column]
        if field == "pillar":
            return [("", GENERAL)] + [(p.id, p.name) for p in self._document.workshop.rubric.pillars]
        options = {"horizon": HORIZONS, "priority": PRIORITIES, "status": STATUSES}.get(field)
        return list(options.items()) if options else []

    def label(self, field: str, key: str) -> str:
        if field == "pillar":
            if not key:
                return GENERAL
            try:
                return self._document.workshop.rubric.pillar(key).name
            except KeyError:
                return key
        options = {"horizon": HORIZONS, "priority": PRIORITIES, "status": STATUSES}.get(field)
        return options.get(key, key) if options else key

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._actions())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[section][1] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self._actions()[index.row()]
        field = FIELDS[index.column()]
        value = getattr(action, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(field, value)
        if role in (Qt.ItemDataRole.EditRole, KeyRole):
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "detail"):
            return value or None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, KeyRole):
            return False
        action = self._actions()[index.row()]
        field = FIELDS[index.column()]
        text = "" if value is None else str(value)
        if text == getattr(action, field):
            return False
        try:
            self._document.apply(ops.update_action, action.id, **{field: text})
        except (ops.OperationError, KeyError) as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.ROADMAP in areas:
            self.beginResetModel()
            self.endResetModel()
