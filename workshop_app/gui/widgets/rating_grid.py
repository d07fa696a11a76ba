"""The facilitator grid view: keys type ratings straight in and move on, like filling a paper form."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from workshop_app.gui.models.rating_grid import RatingGridModel, key_to_stage


class RatingGridView(QTableView):
    """Digits, unique stage initials and '?' set the current cell, then move right
    (to the next row's first pillar at the end of a row); Delete/Backspace clears;
    Enter and Tab move on without typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(110)
        # Fixed rows sized from the font: ResizeToContents would re-measure every cell
        # on each rating change (over a thousand model calls for a 40-person room).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_rows()

    def _fit_rows(self) -> None:
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # presentation mode scales the font
            self._fit_rows()
        super().changeEvent(event)

    def grid_model(self) -> RatingGridModel:
        model = self.model()
        assert isinstance(model, RatingGridModel)
        return model

    def advance(self) -> None:
        index = self.currentIndex()
        model = self.model()
        if not index.isValid() or model is None:
            return
        row, col = index.row(), index.column() + 1
        if col >= model.columnCount():
            row, col = row + 1, 0
        if row < model.rowCount():
            self.setCurrentIndex(model.index(row, col))

    def event(self, event: QEvent) -> bool:
        """Tab moves to the next cell here, instead of leaving the grid."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Tab and self.currentIndex().isValid()):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        model = self.model()
        index = self.currentIndex()
        if not isinstance(model, RatingGridModel) or not index.isValid():
            super().keyPressEvent(event)
            return
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) and mods == Qt.KeyboardModifier.NoModifier:
            self.advance()
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            model.clear(index)
            return
        text = event.text()
        if text and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            ok, stage = key_to_stage(model._document.workshop.rubric, text)  # noqa: SLF001
            if ok:
                model.set_stage(index, stage)
                self.advance()
                return
        super().keyPressEvent(event)

    def select_first_cell(self) -> None:
        model = self.model()
        if model is not None and model.rowCount() and model.columnCount():
            self.setCurrentIndex(model.index(0, 0))

    def cell(self, row: int, column: int) -> QModelIndex:
        return self.model().index(row, column)
