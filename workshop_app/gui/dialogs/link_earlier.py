"""File > Link an earlier workshop: choose the earlier file, see whether it can be compared, link, replace or unlink.

The link keeps a snapshot of the earlier workshop inside this file (core/earlier.py),
so progress still shows when the earlier file is long gone. Linking and removing the
link are edits like any other: undoable, and saved at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.compare import Comparison, compare_with_earlier
from workshop_app.core.earlier import EarlierWorkshop, snapshot
from workshop_app.core.storage import SUFFIX, WorkshopFileError
from workshop_app.gui import settings as app_settings
from workshop_app.gui.dialogs.compare import read_earlier_file
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.widgets.common import ErrorLabel, button, button_row, heading, muted

INTRO = ("Link the workshop this one follows up, to show the progress since then on the Overview, in "
         "File > Progress since the last workshop, in the handout and in the compare command. This file "
         "keeps a copy of the earlier stages, overall stage and roadmap actions (no names, ratings or "
         "comments), so the link holds even when the earlier file is moved or e-mailed.")


def describe_link(earlier: EarlierWorkshop) -> str:
    """'Linked to <title> (<date>), from <file>, linked on <when>.'"""
    source = f", from {earlier.file_name}" if earlier.file_name else ""
    when = f", linked on {earlier.linked_at.replace('T', ' at ')}" if earlier.linked_at else ""
    return f"Linked to {earlier.title_and_date()}{source}{when}."


class LinkEarlierDialog(QDialog):
    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.candidate: EarlierWorkshop | None = None
        self.setWindowTitle("Link an earlier workshop")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Link an earlier workshop", "h2"))
        layout.addWidget(muted(INTRO))
        self.current = QLabel()
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        self.choose = button("Choose the earlier workshop…", primary=True)
        self.choose.clicked.connect(self._on_choose)
        self.unlink = button("Remove the link")
        self.unlink.clicked.connect(self.remove_link)
        layout.addLayout(button_row(self.choose, self.unlink))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_current()
        self.resize(720, 360)

    def _show_current(self) -> None:
        earlier = self._document.workshop.earlier
        self.current.setText(describe_link(earlier) if earlier else "This workshop is not linked to an earlier one.")
        self.unlink.setEnabled(earlier is not None and not self._document.read_only)
        self.choose.setText("Choose another earlier workshop…" if earlier else "Choose the earlier workshop…")
        self.ok.setText("Replace the link" if earlier else "Link")

    def _on_choose(self) -> None:
        path = self.pick_file()
        if path:
            self.set_earlier_file(path)

    def pick_file(self) -> str:
        """The earlier file the user picks ('' when cancelled); tests replace this."""
        doc_path = self._document.path
        start = str(doc_path.parent if doc_path else app_settings.default_workshop_folder())
        path, _ = QFileDialog.getOpenFileName(self, "Earlier workshop", start, f"Workshops (*{SUFFIX});;All files (*)")
        return path

    def set_earlier_file(self, path: str | Path) -> bool:
        """Read the earlier file and say what linking it would compare; False (with the reason) if it cannot."""
        path = Path(path)
        self.candidate = None
        self.ok.setEnabled(False)
        self.preview.clear()
        try:
            earlier = read_earlier_file(self._document, path)
        except WorkshopFileError as exc:
            self.error.show_message(str(exc))
            return False
        candidate = snapshot(earlier, path.name)
        comparison = compare_with_earlier(candidate, self._document.workshop)
        if not comparison.comparable:
            self.error.show_message(f"{path.name} cannot be linked: " + " ".join(comparison.problems))
            return False
        self.error.show_message("")
        self.candidate = candidate
        self.preview.setText(self._preview_text(path.name, comparison))
        self.ok.setEnabled(not self._document.read_only)
        return True

    @staticmethod
    def _preview_text(name: str, c: Comparison) -> str:
        compared = len(c.pillars)
        lines = [f"{name}: {c.old_title or 'untitled'}{f' of {c.old_date}' if c.old_date else ''}. "
                 f"{compared} pillar{'s' if compared != 1 else ''} compared, {len(c.actions)} earlier roadmap "
                 f"action{'s' if len(c.actions) != 1 else ''} ({len(c.done)} done)."]
        lines += list(c.problems)
        return "\n".join(lines)

    def link(self) -> bool:
        """Link the chosen workshop (one undoable edit); False with the reason shown if it cannot."""
        if self.candidate is None:
            self.error.show_message("Choose the earlier workshop first.")
            return False
        try:
            self._document.apply(ops.link_earlier, self.candidate)
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return False
        return True

    def remove_link(self) -> bool:
        """Stop comparing with the earlier workshop (Edit > Undo brings the link back)."""
        try:
            self._document.apply(ops.unlink_earlier)
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return False
        self.candidate = None
        self.preview.setText("The link was removed; Edit > Undo brings it back.")
        self.ok.setEnabled(False)
        self._show_current()
        return True

    def accept(self) -> None:
        if self.link():
            super().accept()


def open_link_dialog(document: WorkshopDocument, parent: QWidget | None = None) -> QDialog:
    """Show the dialog (window-modal) and return it."""
    dialog = LinkEarlierDialog(document, parent)
    dialog.open()
    return dialog
