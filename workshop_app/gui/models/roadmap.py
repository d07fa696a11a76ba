"""The roadmap as an editable table; horizon, priority and status edit as labelled choices."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import HORIZONS, PRIORITIES, STATUSES, RoadmapAction
from workshop_app.gui.models.records import Index as _Index
from workshop_app.gui.models.records import RecordTableModel

#: (field, header) in column order.
COLUMNS = (
    ("pillar", "Pillar"),
    ("title", "Action"),
    ("detail", "Detail"),
    ("owner", "Owner"),
    ("measure", "Done when"),
    ("due", "Due"),
    ("horizon", "Horizon"),
    ("priority", "Priority"),
    ("status", "Status"),
)
FIELDS = tuple(f for f, _ in COLUMNS)
GENERAL = "General"
#: Role for the stored key of a choice column (the display role shows its label).
KeyRole = Qt.ItemDataRole.UserRole + 1


class RoadmapModel(RecordTableModel):
    AREA = ops.ROADMAP
    HEADERS = tuple(header for _, header in COLUMNS)

    def _records(self) -> list[RoadmapAction]:
        return self._document.workshop.actions

    def action(self, row: int) -> RoadmapAction:
        return self._records()[row]

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        action = self._records()[index.row()]
        field = FIELDS[index.column()]
        value = getattr(action, field)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(field, value)
        if role in (Qt.ItemDataRole.EditRole, KeyRole):
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field in ("title", "detail"):
            return value or None
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role not in (Qt.ItemDataRole.EditRole, KeyRole):
            return False
        action = self._records()[index.row()]
        field = FIELDS[index.column()]
        text = "" if value is None else str(value)
        if text == getattr(action, field):
            return False
        return self._apply(ops.update_action, action.id, refused=(ops.OperationError, KeyError), **{field: text})
