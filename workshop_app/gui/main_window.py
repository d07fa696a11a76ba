"""The main window: start screen or the workshop steps, menus, status bar, presentation mode.

Start-up path: this module, app.py, style.py and the Overview page import only what
the first screen shows. The binding builds each Qt class (and all its enums) on first
use, and the `Qt` namespace alone costs some 40 ms, so handlers import it locally and
the start screen, the other pages and the dialogs load when first needed.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app import APP_NAME
from workshop_app.gui import settings as app_settings
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.style import fit_font
from workshop_app.gui.window_files import ALERT_STYLE, READ_ONLY_TEXT, SUFFIX, FileCommands
from workshop_app.gui.window_presentation import PresentationMode

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent

    from workshop_app.gui.start import StartScreen

#: (sidebar label, module, class): pages are imported and built on first visit.
STEPS = (
    ("Overview", "workshop_app.gui.pages.overview", "OverviewPage"),
    ("Participants", "workshop_app.gui.pages.participants", "ParticipantsPage"),
    ("Rate", "workshop_app.gui.pages.rate", "RatePage"),
    ("Reveal", "workshop_app.gui.pages.reveal", "RevealPage"),
    ("Decide", "workshop_app.gui.pages.decide", "DecidePage"),
    ("Roadmap", "workshop_app.gui.pages.roadmap", "RoadmapPage"),
    ("Notes", "workshop_app.gui.pages.notes", "NotesPage"),
)


class MainWindow(FileCommands, PresentationMode, QMainWindow):
    """Signals:
    presentation_changed(bool): presentation mode switched on or off (fonts already rescaled).
    document_opened(object): a WorkshopDocument is now shown (None after Close).
    """

    presentation_changed = Signal(bool)
    document_opened = Signal(object)

    def __init__(self, *, start_screen: bool = True) -> None:
        """`start_screen=False` when a workshop is about to be opened: the start screen is then built on demand."""
        super().__init__()
        self.document: WorkshopDocument | None = None
        self.pages: dict[int, QWidget] = {}
        self._dialog: QWidget | None = None
        self._undo_group = QUndoGroup(self)
        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)

        self.root = QStackedWidget()
        self._start: StartScreen | None = None
        self.workspace = QWidget()
        ws_layout = QHBoxLayout(self.workspace)
        ws_layout.setContentsMargins(0, 0, 0, 0)
        ws_layout.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        fit_font(self.sidebar)  # a little larger than the page text (style.NAME_SIZES)
        for i, (label, _, _) in enumerate(STEPS, start=1):
            self.sidebar.addItem(f"{i}  {label}")
        self.stack = QStackedWidget()
        ws_layout.addWidget(self.sidebar)
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.stack, 1)
        self._workspace_column = column
        ws_layout.addLayout(column, 1)
        self.root.addWidget(self.workspace)
        self.setCentralWidget(self.root)

        self.path_label = QLabel()
        self.save_label = QLabel()
        self.round_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.round_label)

        self._build_menus()
        self.sidebar.currentRowChanged.connect(self.show_step)
        self._restore_geometry()
        self._update_actions()
        if start_screen:
            self.root.setCurrentWidget(self.start)

    @property
    def start(self) -> StartScreen:
        """The start screen (new, open, recent, demo), built on first use."""
        if self._start is None:
            from workshop_app.gui.start import StartScreen

            self._start = StartScreen()
            self._start.new_requested.connect(self.new_workshop)
            self._start.open_requested.connect(self.open_dialog)
            self._start.demo_requested.connect(self.open_demo)
            self._start.recent_chosen.connect(self.open_recent)
            self.root.insertWidget(0, self._start)
        return self._start

    def show_start_screen(self) -> None:
        self.start.refresh_recent()
        self.root.setCurrentWidget(self.start)

    def _refresh_recent(self) -> None:
        if self._start is not None:
            self._start.refresh_recent()

    # ------------------------------------------------------------------ menus
    def _action(self, menu: QMenu, text: str, slot: object,
                shortcut: QKeySequence.StandardKey | str | None = None, *, needs_doc: bool = False) -> QAction:
        """A menu command; a standard key gets every binding of the platform (Redo: Ctrl+Shift+Z and Ctrl+Y)."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            # setShortcuts, not setShortcut: the latter's overloads make the binding load the Qt namespace.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # the shortcut keeps working while presenting hides the menu bar
        if needs_doc:
            self._doc_actions.append(action)
        return action

    def _build_menus(self) -> None:
        self._doc_actions: list[QAction] = []
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New workshop…", self.new_workshop, QKeySequence.StandardKey.New)
        self._action(file, "New &follow-up workshop from an earlier one…", self.new_follow_up)
        self._action(file, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._action(file, "Open the &demo", self.open_demo)
        file.addSeparator()
        self._action(file, "&Save now", self._on_save_now, QKeySequence.StandardKey.Save, needs_doc=True)
        self._action(file, "Save &As…", self.save_as_dialog, QKeySequence.StandardKey.SaveAs, needs_doc=True)
        self._action(file, "Restore an &earlier version…", self.restore_dialog, needs_doc=True)
        file.addSeparator()
        self._action(file, "&Import ratings CSV…", self.import_csv, "Ctrl+I", needs_doc=True)
        self._action(file, "&Export PDF handout…", self.export_pdf, "Ctrl+E", needs_doc=True)
        self._action(file, "Export &data (Excel, CSV, JSON)…", self.export_data, needs_doc=True)
        self._action(file, "&Progress since the last workshop…", self.compare_earlier, needs_doc=True)
        self._action(file, "&Link an earlier workshop…", self.link_earlier_dialog, needs_doc=True)
        file.addSeparator()
        self._action(file, "&Close workshop", self.close_document, QKeySequence.StandardKey.Close, needs_doc=True)
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu("&Edit")
        self.undo_action = self._undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self._undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)

        view = bar.addMenu("&View")
        self.presentation_action = self._action(view, "&Presentation mode", self.set_presentation, "F11")
        self.presentation_action.setCheckable(True)
        self.present_on_menu = view.addMenu("Present &on")  # a second screen shows the room's view
        self.present_on_menu.aboutToShow.connect(lambda: self.fill_present_on_menu(self.present_on_menu))
        view.aboutToShow.connect(lambda: self.present_on_menu.setEnabled(len(self.screens()) > 1))
        view.addSeparator()
        self.step_actions = []
        for i, (label, _, _) in enumerate(STEPS):
            action = self._action(view, f"&{i + 1} {label}", lambda _=False, i=i: self.go_to_step(i),
                                  f"Ctrl+{i + 1}", needs_doc=True)
            self.step_actions.append(action)
        view.addSeparator()
        self._action(view, "Previous step", lambda: self._step_by(-1), "Ctrl+PgUp", needs_doc=True)
        self._action(view, "Next step", lambda: self._step_by(1), "Ctrl+PgDown", needs_doc=True)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About", self.show_about)
        self._action(help_menu, "&Rubric file format", self.show_rubric_help)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = app_settings.recent_files()
        for path in files:
            exists = Path(path).is_file()
            action = self.recent_menu.addAction(Path(path).name + ("" if exists else " (missing)"))
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not files:
            self.recent_menu.addAction("No recent workshops").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self._clear_recent)

    def _clear_recent(self) -> None:
        app_settings.clear_recent_files()
        self._refresh_recent()

    def _update_actions(self) -> None:
        for action in self._doc_actions:
            action.setEnabled(self.document is not None)

    # ------------------------------------------------------------------ documents
    def set_document(self, document: WorkshopDocument) -> None:
        self._clear_pages()
        self.document = document
        document.setParent(self)
        self._undo_group.addStack(document.undo_stack)
        self._undo_group.setActiveStack(document.undo_stack)
        document.changed.connect(self._on_changed)
        document.saved.connect(self._on_saved)
        document.save_failed.connect(self._on_save_failed)
        document.conflicted.connect(self._on_conflicted)
        document.path_changed.connect(self._on_path_changed)
        self.root.setCurrentWidget(self.workspace)
        self._last_save_error = ""
        self.save_label.setStyleSheet("")
        self.save_label.setText("Read-only" if document.read_only else "Saved")
        self._on_path_changed(str(document.path or ""))
        self._update_round_label()
        self._update_actions()
        self.go_to_step(0)
        self.document_opened.emit(document)

    # ------------------------------------------------------------------ pages
    def _clear_pages(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    def page(self, step: int) -> QWidget:
        """The page of a step, built on first visit so start-up stays fast."""
        if step not in self.pages:
            assert self.document is not None
            _, module_name, class_name = STEPS[step]
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
                widget = cls(self.document)
            except (ImportError, AttributeError) as exc:
                from PySide6.QtCore import Qt

                widget = QLabel(f"This step cannot be shown: {exc}")
                widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if hasattr(widget, "ballots_requested"):  # a re-vote opened on Reveal goes straight to ballots
                widget.ballots_requested.connect(lambda n: (self.go_to_step(2), self.page(2).start_ballots(n)))
            if hasattr(widget, "set_presentation"):
                self.presentation_changed.connect(widget.set_presentation)
                widget.set_presentation(self.presentation_action.isChecked())
            self._show_page_help(widget)
            self.pages[step] = widget
            self.stack.addWidget(widget)
        return self.pages[step]

    def show_step(self, step: int) -> None:
        if self.document is None or not 0 <= step < len(STEPS):
            return
        page = self.page(step)
        self.stack.setCurrentWidget(page)
        self._size_by_current_page()

    def _size_by_current_page(self) -> None:
        """Only the page on screen sets the window's minimum size: a wide page visited once (or built
        while presenting, at the larger font) must not keep the window wider than a 1366-pixel screen."""
        from PySide6.QtWidgets import QSizePolicy

        current = self.stack.currentWidget()
        for page in self.pages.values():
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            if page.sizePolicy().horizontalPolicy() != policy:
                page.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    def go_to_step(self, step: int) -> None:
        if self.document is None:
            return
        if self.sidebar.currentRow() == step:
            self.show_step(step)
        else:
            self.sidebar.setCurrentRow(step)

    def current_step(self) -> int:
        return self.sidebar.currentRow()

    def _step_by(self, delta: int) -> None:
        self.go_to_step(max(0, min(len(STEPS) - 1, self.current_step() + delta)))

    # ------------------------------------------------------------------ status
    def _on_changed(self, areas: frozenset[str]) -> None:
        self.save_label.setText("Saving…" if self.document and self.document.path else "Not saved")
        if areas & {"details"}:
            self._update_title()
        if areas & {"rounds", "ratings"}:
            self._update_round_label()

    def _on_path_changed(self, path: str) -> None:
        read_only = self.document is not None and self.document.read_only
        self.path_label.setText(f"Read-only ({READ_ONLY_TEXT}): {path}" if read_only else path)
        self.path_label.setStyleSheet(ALERT_STYLE if read_only else "")
        if self.document is not None and not read_only and self.save_label.text() == "Read-only":
            self.save_label.setText("Saved")
        self._update_title()

    def _update_title(self) -> None:
        doc = self.document
        if doc is None:
            self.setWindowTitle(APP_NAME)
            return
        d = doc.workshop.details
        name = " – ".join(x for x in (d.client, d.title) if x) or "Untitled workshop"
        file = f" [{doc.path.name}]" if doc.path else ""
        if doc.read_only:
            file += " (read-only)"
        self.setWindowTitle(f"{name}{file} — {APP_NAME}")

    def _update_round_label(self) -> None:
        ws = self.document.workshop if self.document else None
        if ws is None or not ws.rounds:
            self.round_label.setText("No round open")
            return
        latest = ws.round(ws.latest_round)
        state = "revealed" if latest.revealed else "blind"
        self.round_label.setText(f"Round {latest.number} of {len(ws.rounds)} · {state}")

    # ------------------------------------------------------------------ other commands
    def import_csv(self) -> QWidget | None:
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.csv_import import CsvImportDialog

        dialog = CsvImportDialog(self.document, self)
        self._dialog = dialog
        dialog.open()
        return dialog

    def export_pdf(self) -> QWidget | None:
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.export import ExportDialog

        dialog = ExportDialog(self.document, self)
        self._dialog = dialog
        dialog.open()
        return dialog

    def export_data(self) -> QWidget | None:
        """File > Export data: the ratings, summary and roadmap for a spreadsheet (anonymous unless named)."""
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.export_data import open_export_data_dialog

        self._dialog = open_export_data_dialog(self.document, self)
        return self._dialog

    def compare_earlier(self) -> QWidget | None:
        """File > Progress since the last workshop: this workshop against an earlier file."""
        if self.document is None:
            return None
        from workshop_app.gui.dialogs.compare import open_compare_dialog

        self._dialog = open_compare_dialog(self.document, self)
        return self._dialog

    def new_follow_up(self) -> QWidget:
        """File > New follow-up workshop: details, people and open actions of an earlier one, ready to rate."""
        from workshop_app.gui.dialogs.follow_up import open_follow_up_dialog

        self._dialog = open_follow_up_dialog(self, self.open_file)
        return self._dialog

    def show_about(self) -> None:
        from workshop_app.gui.dialogs.about import show_about

        self._dialog = show_about(self)

    def show_rubric_help(self) -> None:
        from workshop_app.gui.dialogs.about import show_rubric_help

        self._dialog = show_rubric_help(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self._presenting:
            self.set_presentation(False)
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ window
    def _restore_geometry(self) -> None:
        geometry = app_settings.settings().value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            return
        self.resize(1280, 800)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.toLocalFile().endswith(SUFFIX) for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(SUFFIX):
                event.acceptProposedAction()
                self.open_file(url.toLocalFile())
                return
        event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.presentation_action.isChecked():
            self.set_presentation(False)
        if not self._release_document():
            event.ignore()
            return
        store = app_settings.settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.sync()
        super().closeEvent(event)
