"""The start screen (new, open, recent, demo) and the new-workshop dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app import APP_NAME, __version__
from workshop_app.core import operations as ops
from workshop_app.core.model import Details, Workshop
from workshop_app.core.rubric import Rubric, RubricError, load_rubric, shipped_rubrics
from workshop_app.core.storage import SUFFIX
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.settings import default_workshop_folder, recent_files
from workshop_app.gui.style import MUTED
from workshop_app.gui.widgets.common import ErrorLabel, button, heading, muted


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rubric_preview(rubric: Rubric) -> str:
    """Stages (name and summary) and pillars, as rich text for the preview pane."""
    stages = "".join(f"<li><b>{_esc(rubric.stage_label(n))}</b>: {_esc(rubric.stage(n).summary)}</li>"
                     for n in range(1, rubric.k + 1))
    pillars = "".join(f"<li><b>{_esc(p.name)}</b>: {_esc(p.description)}</li>" for p in rubric.pillars)
    return (f"<p><b>{_esc(rubric.name)}</b> · {rubric.k} stages · {len(rubric.pillars)} pillars</p>"
            f"<p>{_esc(rubric.description)}</p><p><b>Stages</b></p><ul>{stages}</ul>"
            f"<p><b>Pillars</b></p><ul>{pillars}</ul>")


def _safe_file_name(text: str) -> str:
    return "".join(ch for ch in text if ch not in '<>:"/\\|?*' and ch.isprintable()).strip() or "Workshop"


class NewWorkshopDialog(QDialog):
    """Details, rubric with preview, participants and where to save; creates the file on OK.

    Signals:
        workshop_created(object): the new WorkshopDocument, already saved to disk.
    """

    workshop_created = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workshop")
        self.document: WorkshopDocument | None = None
        self._path_edited = False
        self._rubrics: list[Rubric] = []
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        self.title_edit = QLineEdit("AI maturity workshop")
        self.client_edit = QLineEdit()
        self.client_edit.setPlaceholderText("Client organisation")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.site_edit = QLineEdit()
        self.facilitator_edit = QLineEdit()
        form.addRow("Title", self.title_edit)
        form.addRow("Client", self.client_edit)
        form.addRow("Date", self.date_edit)
        form.addRow("Site", self.site_edit)
        form.addRow("Facilitator", self.facilitator_edit)
        rubric_row = QHBoxLayout()
        self.rubric_combo = QComboBox()
        self.load_rubric_button = button("Load rubric file…")
        rubric_row.addWidget(self.rubric_combo, 1)
        rubric_row.addWidget(self.load_rubric_button)
        form.addRow("Rubric", rubric_row)
        left.addLayout(form)
        left.addWidget(QLabel("Participants, one a line: Name, Role"))
        self.people_edit = QPlainTextEdit()
        self.people_edit.setPlaceholderText("Amara Okafor, CX Director\nJonas Weber, Operations\n…")
        left.addWidget(self.people_edit, 1)
        path_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.browse_button = button("Browse…")
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        left.addWidget(QLabel("Save as"))
        left.addLayout(path_row)
        self.error = ErrorLabel()
        left.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create workshop")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        left.addWidget(buttons)
        outer.addLayout(left, 1)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.preview.setContentsMargins(12, 8, 12, 8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        scroll.setMinimumWidth(380)
        outer.addWidget(scroll, 1)

        try:
            for rubric in shipped_rubrics():
                self._add_rubric(rubric)
        except (RubricError, FileNotFoundError) as exc:
            self.error.show_message(f"A shipped rubric cannot be read: {exc}")
        self.rubric_combo.currentIndexChanged.connect(self._on_rubric_chosen)
        self.load_rubric_button.clicked.connect(self._on_load_rubric)
        self.browse_button.clicked.connect(self._on_browse)
        self.client_edit.textChanged.connect(self._suggest_path)
        self.date_edit.dateChanged.connect(self._suggest_path)
        self.path_edit.textEdited.connect(self._on_path_edited)
        self._on_rubric_chosen(self.rubric_combo.currentIndex())
        self._suggest_path()
        self.resize(980, 640)

    # ------------------------------------------------------------------ rubric
    def _add_rubric(self, rubric: Rubric) -> None:
        self._rubrics.append(rubric)
        suffix = "" if not rubric.source or Path(rubric.source).parent.name == "rubrics" else " (file)"
        self.rubric_combo.addItem(f"{rubric.name}{suffix}", len(self._rubrics) - 1)

    @property
    def rubric(self) -> Rubric | None:
        index = self.rubric_combo.currentData()
        return None if index is None else self._rubrics[index]

    def _on_rubric_chosen(self, _index: int) -> None:
        rubric = self.rubric
        self.preview.setText(rubric_preview(rubric) if rubric else f"<p style='color:{MUTED}'>No rubric chosen</p>")

    def load_rubric_file(self, path: str | Path) -> bool:
        """Add a rubric file to the choices; a broken one shows its message and changes nothing."""
        try:
            rubric = load_rubric(path)
        except RubricError as exc:
            self.error.show_message(f"This rubric cannot be used: {exc}")
            return False
        self.error.show_message("")
        self._add_rubric(rubric)
        self.rubric_combo.setCurrentIndex(self.rubric_combo.count() - 1)
        return True

    def _on_load_rubric(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Rubric file", "", "Rubric files (*.toml);;All files (*)")
        if path:
            self.load_rubric_file(path)

    # ------------------------------------------------------------------ path
    def _suggest_path(self) -> None:
        if self._path_edited:
            return
        client = self.client_edit.text().strip() or "Workshop"
        date = self.date_edit.date().toString(Qt.DateFormat.ISODate)
        self.path_edit.setText(str(default_workshop_folder() / f"{_safe_file_name(client)} {date}{SUFFIX}"))

    def _on_path_edited(self, _text: str) -> None:
        self._path_edited = True

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save workshop as", self.path_edit.text(),
                                              f"Workshops (*{SUFFIX})")
        if path:
            self._path_edited = True
            self.path_edit.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    # ------------------------------------------------------------------ create
    def build_workshop(self) -> Workshop:
        """The new workshop from the form; OperationError names a bad field."""
        rubric = self.rubric
        if rubric is None:
            raise ops.OperationError("choose a rubric")
        workshop = Workshop(rubric=rubric, details=Details())
        ops.set_details(
            workshop,
            title=self.title_edit.text(), client=self.client_edit.text(),
            date=self.date_edit.date().toString(Qt.DateFormat.ISODate),
            site=self.site_edit.text(), facilitator=self.facilitator_edit.text(),
        )
        if self.people_edit.toPlainText().strip():
            ops.add_participants_from_text(workshop, self.people_edit.toPlainText())
        workshop.ensure_first_round()
        return workshop

    def accept(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.error.show_message("Choose where to save the workshop")
            return
        path = Path(text if text.endswith(SUFFIX) else text + SUFFIX)
        if path.exists():
            self.error.show_message(f"{path.name} already exists in {path.parent}; choose another name "
                             "(or open that file from the start screen)")
            return
        try:
            workshop = self.build_workshop()
        except ops.OperationError as exc:
            self.error.show_message(str(exc))
            return
        document = WorkshopDocument(workshop, path)
        failures: list[str] = []
        document.save_failed.connect(failures.append)
        if not document.save():
            self.error.show_message(f"Cannot create the file: {failures[-1] if failures else path}")
            return
        self.document = document
        self.workshop_created.emit(document)
        super().accept()


class StartScreen(QWidget):
    """What the app shows with no workshop open.

    Signals:
        new_requested, open_requested, demo_requested: the big buttons were pressed.
        recent_chosen(str): a recent file was picked.
    """

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(40)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(heading(APP_NAME))
        left.addWidget(muted("Run an AI maturity workshop offline: blind ratings, reveal where the room "
                             "disagrees, agree stages, build the roadmap and print the handout."))
        left.addSpacing(16)
        self.new_button = button("New workshop…", primary=True)
        self.open_button = button("Open a workshop file…")
        self.demo_button = button("Open the demo workshop", accent=True)
        for b, hint in ((self.new_button, "Set up details, rubric and participants"),
                        (self.open_button, f"A {SUFFIX} file; you can also drop one onto this window"),
                        (self.demo_button, "Eight stakeholders, two rounds, a polarised pillar")):
            b.setMinimumHeight(44)
            left.addWidget(b)
            left.addWidget(muted(hint))
        left.addStretch(1)
        version = muted(f"Version {__version__}")
        left.addWidget(version)
        outer.addLayout(left, 2)

        card = QFrame()
        card.setProperty("card", True)
        right = QVBoxLayout(card)
        right.addWidget(heading("Recent workshops", "h2"))
        self.recent_list = QListWidget()
        self.recent_list.setFrameShape(QFrame.Shape.NoFrame)
        self.recent_list.setStyleSheet("QListWidget { border: none; } QListWidget::item { padding: 8px 4px; }")
        right.addWidget(self.recent_list, 1)
        self.recent_empty = muted("No recent workshops yet.")
        right.addWidget(self.recent_empty)
        outer.addWidget(card, 3)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent_list.itemClicked.connect(self._on_recent)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        self.recent_list.clear()
        for path in recent_files():
            p = Path(path)
            missing = not p.is_file()
            item = QListWidgetItem(f"{p.stem}{'   (missing)' if missing else ''}\n{p.parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip("This file has moved or been deleted; click to remove it from the list"
                            if missing else path)
            if missing:
                item.setForeground(Qt.GlobalColor.gray)
            self.recent_list.addItem(item)
        self.recent_empty.setVisible(self.recent_list.count() == 0)

    def _on_recent(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(item.data(Qt.ItemDataRole.UserRole))
