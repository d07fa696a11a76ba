"""Participants as a two-column table (name, role), renamed in place through the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import Participant
from workshop_app.gui.models.records import Index as _Index
from workshop_app.gui.models.records import RecordTableModel

COLUMNS = ("Name", "Role")


class ParticipantsModel(RecordTableModel):
    """Rows are `workshop.participants`; name and role are renamed in place."""

    AREA = ops.PARTICIPANTS
    HEADERS = COLUMNS

    def _records(self) -> list[Participant]:
        return self._document.workshop.participants

    def participant(self, row: int) -> Participant:
        return self._records()[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._records()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return person.name if index.column() == 0 else person.role
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return "Double-click or press F2 to rename"
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        person = self._records()[index.row()]
        text = str(value)
        current = person.name if index.column() == 0 else person.role
        if text.strip() == current:
            return False
        field = "name" if index.column() == 0 else "role"
        return self._apply(ops.update_participant, person.id, **{field: text})
