"""Progress since the last workshop, on screen: per pillar then, now and the movement, and the earlier actions.

Made to be read from the back of a room: large type, the movement in words and arrows
(never colour alone). Only revealed rounds count on either side. Opens on the earlier
workshop this one is linked to (its snapshot, kept in the file); another file can be chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.compare import Comparison, compare_with_earlier, compare_workshops, movement_words
from workshop_app.core.model import Workshop
from workshop_app.core.storage import SUFFIX, WorkshopFileError, load_workshop
from workshop_app.gui import settings as app_settings
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import ERROR, MUTED, OK, set_role
from workshop_app.gui.widgets.common import ErrorLabel, button, heading

#: Point size of the comparison: read on a projector from the back of the room.
PROJECTOR_PT = 15


def read_earlier_file(document: WorkshopDocument, path: Path) -> Workshop:
    """The earlier workshop in `path`, for comparing or linking; WorkshopFileError with a message if it
    cannot be read or is the workshop open now."""
    current = document.path
    if current is not None and path.resolve() == current.resolve():
        raise WorkshopFileError("That is the workshop open now; choose the earlier one.")
    return load_workshop(path)


def arrow(movement: int | None) -> str:
    """▲ up, ▼ down, = same; the words beside it carry the meaning."""
    if movement is None:
        return ""
    return "▲ " if movement > 0 else "▼ " if movement < 0 else "= "


class CompareDialog(QDialog):
    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.comparison: Comparison | None = None
        self.setWindowTitle("Progress since the last workshop")
        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Earlier workshop"))
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Choose the earlier .workshop file…")
        self.browse = button("Choose file…", primary=True)
        self.browse.clicked.connect(self._on_browse)
        self.linked = button("Linked workshop", tip="The earlier workshop this one is linked to (File > Link an "
                                                    "earlier workshop)")
        self.linked.clicked.connect(self.show_linked)
        pick.addWidget(self.path_edit, 1)
        pick.addWidget(self.linked)
        pick.addWidget(self.browse)
        layout.addLayout(pick)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.title = heading("", "h1")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        set_role(self.problems, "muted")
        layout.addWidget(self.problems)
        big = QFont(self.font())
        big.setPointSizeF(PROJECTOR_PT)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Pillar", "Then", "Now", "Movement"])
        self.table.setFont(big)
        self.table.horizontalHeader().setFont(big)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.overall = QLabel()
        self.overall.setFont(big)
        self.overall.setWordWrap(True)
        layout.addWidget(self.overall)
        self.actions_heading = heading("", "h2")
        layout.addWidget(self.actions_heading)
        self.actions = QListWidget()
        self.actions.setFont(big)
        self.actions.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.actions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.actions, 1)
        self.filler = QWidget()  # keeps the prompt at the top while there is nothing to show
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_empty()
        self.linked.setVisible(document.workshop.earlier is not None)
        self.show_linked()
        self.resize(1100, 680)

    def show_linked(self) -> bool:
        """Compare with the linked earlier workshop; False when there is no link."""
        earlier = self._document.workshop.earlier
        if earlier is None:
            return False
        self.error.show_message("")
        self.path_edit.setText(f"Linked: {earlier.file_name or earlier.title_and_date()} (kept in this workshop)")
        self.show_comparison(compare_with_earlier(earlier, self._document.workshop))
        return True

    def _show_empty(self) -> None:
        self.title.setText("Choose the earlier workshop to compare with")
        self.filler.show()
        for widget in (self.table, self.overall, self.actions_heading, self.actions, self.problems):
            widget.hide()

    def _on_browse(self) -> None:
        start = str(self._document.path.parent if self._document.path else app_settings.default_workshop_folder())
        path, _ = QFileDialog.getOpenFileName(self, "Earlier workshop", start,
                                              f"Workshops (*{SUFFIX});;All files (*)")
        if path:
            self.load_earlier(path)

    def load_earlier(self, path: str | Path) -> bool:
        """Compare the open workshop with the earlier file; False with the reason shown if it cannot."""
        path = Path(path)
        try:
            earlier = read_earlier_file(self._document, path)
        except WorkshopFileError as exc:
            self.error.show_message(str(exc))
            return False
        self.error.show_message("")
        self.path_edit.setText(str(path))
        self.show_comparison(compare_workshops(earlier, self._document.workshop))
        return True

    def show_comparison(self, c: Comparison) -> None:
        self.comparison = c
        then = f"{c.old_title or 'Earlier workshop'} ({c.old_date or 'no date'})"
        self.title.setText(f"Since {then}")
        self.problems.setText("\n".join(c.problems))
        self.problems.setVisible(bool(c.problems))
        for widget in (self.table, self.overall, self.actions_heading, self.actions):
            widget.setVisible(c.comparable)
        self.filler.setVisible(not c.comparable)
        if not c.comparable:
            self.title.setText(f"{then} cannot be compared with this workshop")
            return
        self.table.setRowCount(len(c.pillars))
        for row, p in enumerate(c.pillars):
            cells = (
                p.name,
                c.stage_label(p.then) + ("" if p.then_agreed or p.then is None else " (median)"),
                c.stage_label(p.now) + ("" if p.now_agreed or p.now is None else " (median)"),
                arrow(p.movement) + movement_words(p.movement),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and p.movement:
                    item.setForeground(QColor(OK if p.movement > 0 else ERROR))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        # As tall as its rows, so the actions below get the rest of the screen.
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(rows + self.table.horizontalHeader().sizeHint().height() + 4)
        move = None if c.overall_then is None or c.overall_now is None else c.overall_now - c.overall_then
        self.overall.setText(f"Overall stage: then {c.stage_label(c.overall_then)}, now "
                             f"{c.stage_label(c.overall_now)}: {arrow(move)}{movement_words(move)}")
        self.actions_heading.setText(f"Earlier roadmap: {len(c.done)} of {len(c.actions)} actions done")
        self.actions.clear()
        for x in sorted(c.actions, key=lambda a: not a.done):
            self.actions.addItem(f"{'✔ Done' if x.done else '○ Open'}  ·  {x.title}")
            self.actions.item(self.actions.count() - 1).setForeground(QColor(OK if x.done else MUTED))
        if not c.actions:
            self.actions.addItem("The earlier workshop had no roadmap actions.")


def open_compare_dialog(document: WorkshopDocument, parent: QWidget | None = None) -> QDialog:
    """Show the comparison dialog (window-modal) and return it; the user picks the earlier file in it."""
    dialog = CompareDialog(document, parent)
    dialog.open()
    return dialog
