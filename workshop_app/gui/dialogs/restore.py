"""File > Restore an earlier version: the kept versions of the open workshop, restored as one undoable edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.operations import OperationError
from workshop_app.core.storage import SUFFIX, WorkshopFileError, load_workshop
from workshop_app.core.versions import Version, list_versions, replace_contents, restore_version, summarise_version
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import set_role
from workshop_app.gui.widgets.common import ErrorLabel


class RestoreDialog(QDialog):
    """Lists what the versions folder keeps, newest first, with what each holds, so the user can tell them apart.

    Restoring into the open workshop is an ordinary edit (Edit > Undo takes it back);
    a version can also be written to a new file and left alone.
    """

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Restore an earlier version")
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("The app keeps the file as it was when each of the last sessions opened it, and earlier "
                       "saves (one every ten minutes while you work). Restoring replaces what is open now; "
                       "Edit > Undo takes it back.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.empty = QLabel("No earlier version has been kept for this workshop yet.")
        set_role(self.empty, "muted")
        layout.addWidget(self.empty)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore into this workshop")
        self.restore_button.setProperty("primary", True)
        self.copy_button = QPushButton("Save as a new file…")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.copy_button.clicked.connect(self._on_copy)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.versions: list[Version] = []
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        path = self.document.path
        self.versions = list_versions(path) if path is not None else []
        for version in self.versions:
            summary = summarise_version(version)
            item = QListWidgetItem(f"{version.label()}\n{summary.text()}")
            item.setData(Qt.ItemDataRole.UserRole, str(version.path))
            if summary.problem:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.empty.setVisible(not self.versions)
        self.list.setVisible(bool(self.versions))
        if self.versions:
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> Version | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.versions):
            return None
        item = self.list.item(row)
        return self.versions[row] if item.flags() & Qt.ItemFlag.ItemIsEnabled else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.restore_button.setEnabled(chosen and not self.document.read_only)
        self.copy_button.setEnabled(chosen)

    def restore_selected(self) -> bool:
        """The open workshop takes the chosen version's content (one undoable edit, then autosaved)."""
        version = self.selected()
        if version is None:
            return False
        try:
            earlier = load_workshop(version.path)
            self.document.apply(replace_contents, earlier)
        except (WorkshopFileError, OperationError) as exc:
            self.error.show_message(str(exc))
            return False
        self.accept()
        return True

    def save_copy(self, out: str | Path) -> bool:
        """Write the chosen version to a new file; the open workshop is not touched."""
        version = self.selected()
        if version is None or self.document.path is None:
            return False
        try:
            restore_version(self.document.path, version, out)
        except (WorkshopFileError, OSError) as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        return True

    def _on_copy(self) -> None:
        path = self.document.path
        suggestion = str(path.with_name(f"{path.stem} (restored){SUFFIX}")) if path else ""
        out, _ = QFileDialog.getSaveFileName(self, "Save the earlier version as", suggestion,
                                             f"Workshops (*{SUFFIX})")
        if out:
            self.save_copy(out if out.endswith(SUFFIX) else out + SUFFIX)
