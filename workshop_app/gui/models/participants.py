"""Participants as a two-column table (name, role), renamed in place through the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workshop_app.core import operations as ops
from workshop_app.core.model import Participant
from workshop_app.gui.document import WorkshopDocument

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Name", "Role")


class ParticipantsModel(QAbstractTableModel):
    """Rows are `workshop.participants`; edits become undoable operations.

    `last_error` keeps the message of a refused edit (an empty name, say) so the
    view can show it.
    """

    def __init__(self, document: WorkshopDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self.last_error = ""
        document.changed.connect(self._on_changed)

    def _people(self) -> list[Participant]:
        return self._document.workshop.participants

    def participant(self, row: int) -> Participant:
        return self._people()[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return person.name if index.column() == 0 else person.role
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return "Double-click or press F2 to rename"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        person = self._people()[index.row()]
        text = str(value)
        current = person.name if index.column() == 0 else person.role
        if text.strip() == current:
            return False
        field = "name" if index.column() == 0 else "role"
        try:
            self._document.apply(ops.update_participant, person.id, **{field: text})
        except ops.OperationError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.PARTICIPANTS in areas:
            self.beginResetModel()
            self.endResetModel()
