"""The shared part of the table models over one of the workshop's lists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from workshop_app.core import operations as ops
from workshop_app.gui.document import WorkshopDocument

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows are one list of the workshop; edits go through the document as undoable operations.

    Subclasses set AREA (the change area that resets the model), HEADERS,
    NUMBERED_ROWS and EDITABLE_COLUMNS, and give `_records()`. `last_error` keeps the message of a
    refused edit (an empty name, say) so the view can show it.
    """

    AREA = ""
    HEADERS: tuple[str, ...] = ()
    NUMBERED_ROWS = True
    #: The columns a double-click edits; None: every column.
    EDITABLE_COLUMNS: tuple[int, ...] | None = None

    def __init__(self, document: WorkshopDocument, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self.last_error = ""
        self._rows = _row_values(self._records())
        document.changed.connect(self._on_changed)

    def _records(self) -> Sequence[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return str(section + 1) if self.NUMBERED_ROWS else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.EDITABLE_COLUMNS is None or index.column() in self.EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _apply(self, operation: Callable[..., Any], *args: Any,
               refused: tuple[type[Exception], ...] = (ops.OperationError,), **values: Any) -> bool:
        """Apply an edit; a refused one leaves its message in `last_error` and returns False."""
        try:
            self._document.apply(operation, *args, **values)
        except refused as exc:
            self.last_error = str(exc)
            return False
        self.last_error = ""
        return True

    def _on_changed(self, areas: frozenset[str]) -> None:
        if self.AREA not in areas:
            return
        rows = _row_values(self._records())
        before, self._rows = self._rows, rows
        if [r[0] for r in rows] != [r[0] for r in before]:  # rows added, removed or moved
            self.beginResetModel()
            self.endResetModel()
            return
        # The same rows in the same order: repaint only the edited ones, keeping the selection
        # and the scroll position (a reset lays the whole table out again).
        changed = [i for i, (old, new) in enumerate(zip(before, rows, strict=True)) if old != new]
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))


def _row_values(records: Sequence[Any]) -> list[tuple[Any, ...]]:
    """(id, every field value) per record: what tells an edited row from an unchanged one."""
    return [(r.id, *vars(r).values()) for r in records]
