"""Participants: add, rename in place, set roles, reorder, remove, paste a list."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import operations as ops
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.participants import GROUP_COLUMN, ParticipantsModel
from workshop_app.gui.widgets.choice_delegate import ChoiceDelegate
from workshop_app.gui.widgets.common import ErrorLabel, button, button_row, muted, page_layout
from workshop_app.gui.widgets.deferred import DeferredRefresh


class PasteNamesDialog(QDialog):
    """One person a line, 'Name, Role'; the result is applied as one undoable edit."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.setWindowTitle("Paste participants")
        layout = QVBoxLayout(self)
        layout.addWidget(muted("One person a line: Name, Role (a tab or semicolon also separates the role)."))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Amara Okafor, CX Director\nJonas Weber, Operations")
        layout.addWidget(self.text)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add participants")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 320)

    def accept(self) -> None:
        try:
            self._document.apply(ops.add_participants_from_text, self.text.toPlainText())
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return
        super().accept()


class ParticipantsPage(QWidget):
    title = "Participants"

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        layout = page_layout(self, "Participants", "Who is in the room. Double-click a name, role or role group to change it; role groups "
                             "(suggested from the role) give Reveal's By group view.")

        add_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Name")
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText("Role or function (optional)")
        self.add_button = button("Add", primary=True)
        add_row.addWidget(self.name_edit, 2)
        add_row.addWidget(self.role_edit, 2)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.model = ParticipantsModel(document, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.group_delegate = ChoiceDelegate(lambda _column: self.model.group_choices(
            self.table.currentIndex().row()), self.table)
        self.table.setItemDelegateForColumn(GROUP_COLUMN, self.group_delegate)
        self.table.setAlternatingRowColors(True)
        layout.addWidget(self.table, 1)

        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.up_button = button("Move up")
        self.down_button = button("Move down")
        self.remove_button = button("Remove…")
        self.paste_button = button("Paste a list…")
        self.count_label = muted("")
        row = button_row(self.up_button, self.down_button, self.remove_button, self.paste_button)
        row.addWidget(self.count_label)
        layout.addLayout(row)

        self.add_button.clicked.connect(self._on_add)
        self.name_edit.returnPressed.connect(self._on_add)
        self.role_edit.returnPressed.connect(self._on_add)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._on_remove)
        self.paste_button.clicked.connect(self._on_paste)
        self.model.dataChanged.connect(self._show_model_error)
        self.table.itemDelegate().closeEditor.connect(self._show_model_error)
        DeferredRefresh(self, document, self._on_changed)
        self._refresh()

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def add(self, name: str, role: str = "") -> bool:
        try:
            self._document.apply(ops.add_participant, name, role)
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        self.select_row(self.model.rowCount() - 1)
        return True

    def _on_add(self) -> None:
        if self.add(self.name_edit.text(), self.role_edit.text()):
            self.name_edit.clear()
            self.role_edit.clear()
            self.name_edit.setFocus()

    def _move(self, step: int) -> None:
        row = self.selected_row()
        if row is None:
            return
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return
        self._document.apply(ops.move_participant, self.model.participant(row).id, target)
        self.select_row(target)

    def _on_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        person = self.model.participant(row)
        rated = sum(1 for r in self._document.workshop.ratings if r.participant == person.id)
        detail = f" This also deletes their {rated} rating{'s' if rated != 1 else ''}." if rated else ""
        answer = QMessageBox.question(
            self, "Remove participant",
            f"Remove {self._document.workshop.participant_names()[person.id]}?{detail} "
            "(Edit > Undo brings them back.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._document.apply(ops.remove_participant, person.id)
        self.select_row(min(row, self.model.rowCount() - 1))

    def _on_paste(self) -> PasteNamesDialog:
        dialog = PasteNamesDialog(self._document, self)
        dialog.open()
        return dialog

    def _show_model_error(self, *args: object) -> None:
        self.error.show_message(self.model.last_error)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if ops.PARTICIPANTS in areas:
            self._refresh()

    def _refresh(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(f"{n} participant{'s' if n != 1 else ''}")
        for b in (self.up_button, self.down_button, self.remove_button):
            b.setEnabled(n > 0)
