"""Notes: a parking lot of free notes with the time they were written."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableView, QWidget

from workshop_app.core import operations as ops
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.notes import NotesModel
from workshop_app.gui.widgets.common import ErrorLabel, button, button_row, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh


class NotesPage(QWidget):
    title = "Notes"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        layout = page_layout(self, "Notes", "Park questions, evidence and follow-ups as they come up. "
                                            "Double-click a note to edit it.")
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Type a note and press Ctrl+Enter to add it")
        self.editor.setMaximumHeight(110)
        layout.addWidget(self.editor)
        self.add_button = button("Add note", primary=True)
        self.delete_button = button("Delete note")
        layout.addLayout(button_row(self.add_button, self.delete_button))
        self.model = NotesModel(document, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_from_editor)
        self.delete_button.clicked.connect(self._on_delete)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.editor, self.add_from_editor)
        self.table.itemDelegate().closeEditor.connect(self._show_model_error)
        DeferredRefresh(self, document, self._on_changed)
        self._refresh()

    def add_from_editor(self) -> bool:
        created = datetime.now().isoformat(timespec="seconds")
        try:
            self.document.apply(ops.add_note, self.editor.toPlainText(), created)
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        self.editor.clear()
        self.table.scrollToBottom()
        return True

    def _on_delete(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.document.apply(ops.remove_note, self.model.note(rows[0].row()).id)

    def _show_model_error(self, *args: object) -> None:
        self.error.show_message(self.model.last_error)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.NOTES in areas:
            self._refresh()

    def _refresh(self) -> None:
        self.delete_button.setEnabled(bool(self.document.workshop.notes))
