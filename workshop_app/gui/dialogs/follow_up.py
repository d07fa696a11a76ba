"""New follow-up workshop from an earlier one: pick the earlier file, pick where to save, then open it.

The follow-up copies the earlier details (title marked, date today), participants and
open roadmap actions, with one blind round ready to rate (core.compare.follow_up), and is
linked to the earlier workshop so its progress shows from the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.compare import follow_up
from workshop_app.core.model import Workshop
from workshop_app.core.storage import SUFFIX, WorkshopFileError, load_workshop, save_workshop
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs import errors
from workshop_app.gui.widgets.common import ErrorLabel, button, muted


def suggested_follow_up_path(earlier: Path, today: dt.date | None = None) -> Path:
    """Beside the earlier file, named after it and today's date."""
    today = today or dt.date.today()
    return earlier.with_name(f"{earlier.stem} follow-up {today.isoformat()}{SUFFIX}")


class FollowUpDialog(QDialog):
    """Emits `created(path)` after the follow-up was saved; the window then opens that file."""

    created = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.earlier: Workshop | None = None
        self.created_path: Path | None = None
        self.setWindowTitle("New follow-up workshop")
        layout = QVBoxLayout(self)
        layout.addWidget(muted(
            "Starts a re-assessment from an earlier workshop: the same rubric, details, participants and the "
            "roadmap actions not yet done. The new workshop has one blind round and no ratings, and is linked to "
            "the earlier one to show the progress since then."))
        form = QFormLayout()
        earlier_row = QHBoxLayout()
        self.earlier_edit = QLineEdit()
        self.earlier_edit.setReadOnly(True)
        self.earlier_edit.setPlaceholderText("Choose the earlier .workshop file…")
        choose = button("Choose…")
        choose.clicked.connect(self._on_choose_earlier)
        earlier_row.addWidget(self.earlier_edit, 1)
        earlier_row.addWidget(choose)
        form.addRow("Earlier workshop", earlier_row)
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit()
        self.out_edit.setPlaceholderText("Where to save the follow-up…")
        browse = button("Browse…")
        browse.clicked.connect(self._on_browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow("Save as", out_row)
        layout.addLayout(form)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create and open")
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(680, 280)

    def _on_choose_earlier(self) -> None:
        start = str(app_settings.default_workshop_folder())
        path, _ = QFileDialog.getOpenFileName(self, "Earlier workshop", start,
                                              f"Workshops (*{SUFFIX});;All files (*)")
        if path:
            self.set_earlier(path)

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the follow-up as", self.out_edit.text(),
                                              f"Workshops (*{SUFFIX})")
        if path:
            self.out_edit.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def set_earlier(self, path: str | Path) -> bool:
        """Read the earlier workshop and say what the follow-up will copy; False with the reason if unreadable."""
        path = Path(path)
        try:
            earlier = load_workshop(path)
        except WorkshopFileError as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        self.earlier = earlier
        self.earlier_edit.setText(str(path))
        if not self.out_edit.text().strip():
            self.out_edit.setText(str(suggested_follow_up_path(path)))
        open_actions = sum(1 for a in earlier.actions if a.status != "done")
        d = earlier.details
        self.preview.setText(
            f"Copies '{d.title or 'untitled'}'{f' of {d.date}' if d.date else ''} ({earlier.rubric.name}): "
            f"{len(earlier.participants)} participants and {open_actions} open roadmap "
            f"action{'s' if open_actions != 1 else ''}; dated today, ready to rate.")
        self.ok.setEnabled(True)
        return True

    def create(self) -> Path | None:
        """Write the follow-up; its path, or None with the reason shown."""
        if self.earlier is None:
            self.error.show_message("Choose the earlier workshop first.")
            return None
        text = self.out_edit.text().strip()
        if not text:
            self.error.show_message("Choose where to save the follow-up.")
            return None
        out = Path(text if text.endswith(SUFFIX) else text + SUFFIX)
        if out.resolve() == Path(self.earlier_edit.text()).resolve():
            self.error.show_message("Save the follow-up under another name: the earlier workshop stays as it is.")
            return None
        if out.is_dir():
            self.error.show_message(f"{out} is a folder; give a file name.")
            return None
        if out.exists() and not errors.ask(self, "Replace file?", f"{out.name} already exists. Replace it?"):
            return None
        try:
            save_workshop(follow_up(self.earlier, earlier_file=Path(self.earlier_edit.text()).name), out)
        except (WorkshopFileError, OSError) as exc:
            self.error.show_message(str(exc))
            return None
        return out

    def accept(self) -> None:
        out = self.create()
        if out is None:
            return
        self.created_path = out
        super().accept()
        self.created.emit(out)


def open_follow_up_dialog(parent: QWidget | None = None,
                          open_file: Callable[[Path], Any] | None = None) -> QDialog:
    """Show the dialog (window-modal) and return it; `open_file(path)` opens the follow-up once saved."""
    dialog = FollowUpDialog(parent)
    if open_file is not None:
        dialog.created.connect(open_file)
    dialog.open()
    return dialog
