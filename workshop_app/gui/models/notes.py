"""Notes as a table (created, text); the text column edits through the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import Note
from workshop_app.gui.models.records import Index as _Index
from workshop_app.gui.models.records import RecordTableModel

COLUMNS = ("Added", "Note")


def format_created(created: str) -> str:
    """'2026-11-23T10:42:05' -> '2026-11-23 10:42'; other text shown as is."""
    if len(created) >= 16 and created[10] == "T":
        return f"{created[:10]} {created[11:16]}"
    return created


class NotesModel(RecordTableModel):
    AREA = ops.NOTES
    HEADERS = COLUMNS
    NUMBERED_ROWS = False
    EDITABLE_COLUMNS = (1,)  # the text; the time it was added stays

    def _records(self) -> list[Note]:
        return self._document.workshop.notes

    def note(self, row: int) -> Note:
        return self._records()[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self._records()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_created(note.created) if index.column() == 0 else note.text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return note.text
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        note = self._records()[index.row()]
        if str(value).strip() == note.text:
            return False
        return self._apply(ops.update_note, note.id, str(value))
