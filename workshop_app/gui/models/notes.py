"""Notes as a table (created, text); the text column edits through the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import Note
from workshop_app.gui.document import WorkshopDocument

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Added", "Note")


def format_created(created: str) -> str:
    """'2026-11-23T10:42:05' -> '2026-11-23 10:42'; other text shown as is."""
    if len(created) >= 16 and created[10] == "T":
        return f"{created[:10]} {created[11:16]}"
    return created


class NotesModel(QAbstractTableModel):
    def __init__(self, document: WorkshopDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self.last_error = ""
        document.changed.connect(self._on_changed)

    def _notes(self) -> list[Note]:
        return self._document.workshop.notes

    def note(self, row: int) -> Note:
        return self._notes()[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._notes())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        note = self._notes()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return format_created(note.created) if index.column() == 0 else note.text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return note.text
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        note = self._notes()[index.row()]
        if str(value).strip() == note.text:
            return False
        try:
            self._document.apply(ops.update_note, note.id, str(value))
        except ops.OperationError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.NOTES in areas:
            self.beginResetModel()
            self.endResetModel()
