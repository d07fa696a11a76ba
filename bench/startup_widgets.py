"""The app's first screen as bare widgets: what Qt alone costs, with none of the app behind it.

Run by bench_gui_startup.py as a third process beside the bare window and the app.
It builds the same kinds and numbers of widgets the app shows with the demo open
(menus with their shortcut actions, sidebar, status bar, the Overview's form, date
edit, group boxes and rubric text), with the app's palette, font, stylesheet and
icon, but reads no file and imports no part of the app except its style sheet.
PySide6 builds each Qt class and its enums on first use, so this is the floor under
the app's start-up time; the bench reports the app against it and against the bare
window. Keep it in step with MainWindow and OverviewPage when they change.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop_app.gui.style import STYLE_NAME, apply_style  # noqa: E402

#: (menu, actions, separators) as in the app: File (plus its Open Recent submenu), Edit
#: (undo and redo come from the undo group), View (plus its Present on submenu), Help.
MENUS = (("&File", 14, 3), ("&Edit", 0, 0), ("&View", 10, 2), ("&Help", 2, 0))
#: The Overview's progress since the earlier workshop: a title, a table of four pillars and the overall stage.
PROGRESS_HTML = "<qt><div><b>Since the first assessment (2026-05-20)</b></div><table>" + (
    "<tr><td>Act with precision</td><td>&nbsp;Crawl → <b>Walk</b></td><td>&nbsp;▲ up 1 stage</td></tr>" * 5
) + "</table><br>Earlier roadmap: 3 of 5 actions done.</qt>"
STEPS = ("Overview", "Participants", "Rate", "Reveal", "Decide", "Roadmap", "Notes")
#: About as much text as the demo's rubric: four stages and four pillars of two or three lines each.
RUBRIC_HTML = "<p><b>Rubric</b> (version 1.0), overall stage by weakest link (the lowest pillar).</p><p>Stages</p><ul>" + (
    "<li><b>2 Walk</b>: AI suggests next steps with its reasons inside the workflow, and people accept, "
    "edit or reject them. A few low-risk actions are pre-approved and exceptions go to a person.</li>" * 4
) + "</ul><p>Pillars</p><ul>" + (
    "<li><b>Act with precision</b>: Whether AI is applied where it changes decisions and actions for "
    "customers, with clear decision rights, accountable owners and impact that can be measured.</li>" * 4
) + "</ul>"


def build(app: QApplication) -> QMainWindow:
    apply_style(app)
    app.setWindowIcon(QIcon(str(ROOT / "resources" / "icons" / "workshop-app.svg")))
    home = os.environ.get("WORKSHOP_APP_HOME") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    store = QSettings(str(Path(home or ".") / "settings.ini"), QSettings.Format.IniFormat)

    window = QMainWindow()
    undo = QUndoGroup(window)
    undo.addStack(QUndoStack(window))  # the open workshop's history
    QTimer(window).setSingleShot(True)  # and its autosave
    root, workspace, stack = QStackedWidget(), QWidget(), QStackedWidget()
    row = QHBoxLayout(workspace)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(0)
    sidebar = QListWidget()
    sidebar.setObjectName("sidebar")
    sidebar.setFixedWidth(190)
    for i, step in enumerate(STEPS, start=1):
        sidebar.addItem(f"{i}  {step}")
    row.addWidget(sidebar)
    row.addWidget(stack, 1)
    root.addWidget(workspace)
    window.setCentralWidget(root)
    window.statusBar().addWidget(QLabel("Demo workshop.workshop"), 1)
    for text in ("Saved", "Round 2 of 2 · revealed"):
        window.statusBar().addPermanentWidget(QLabel(text))

    for title, count, separators in MENUS:
        menu = window.menuBar().addMenu(title)
        if title == "&File":
            menu.addMenu("Open &Recent").aboutToShow.connect(lambda: None)
        if title == "&View":
            menu.addMenu("Present &on").aboutToShow.connect(lambda: None)
        for i in range(count):
            action = QAction(f"Action {i}", window)
            action.setShortcuts(QKeySequence.StandardKey.Open if i % 3 == 0 else [QKeySequence(f"Ctrl+{i}")])
            action.triggered.connect(lambda: None)
            menu.addAction(action)
            if i < separators:
                menu.addSeparator()
        if count == 0:
            menu.addAction(undo.createUndoAction(window, "&Undo"))
            menu.addAction(undo.createRedoAction(window, "&Redo"))
    geometry = store.value("window/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        window.resize(1280, 800)

    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(8)
    heading = QLabel("Overview")
    heading.setProperty("role", "h1")
    layout.addWidget(heading)
    columns = QHBoxLayout()
    columns.setSpacing(16)
    layout.addLayout(columns, 1)
    left = QVBoxLayout()
    details = QGroupBox("Workshop details")
    form = QFormLayout(details)
    for label in ("Title", "Client", "Site", "Facilitator"):
        edit = QLineEdit(label)
        edit.editingFinished.connect(lambda: None)
        form.addRow(label, edit)
    date = QDateEdit()
    date.setCalendarPopup(True)
    date.setDisplayFormat("d MMMM yyyy")
    date.setDate(QDate.fromString("2026-11-18", "yyyy-MM-dd"))
    form.insertRow(2, "Date", date)
    error = QLabel()
    error.setProperty("role", "error")
    error.hide()
    form.addRow(error)
    left.addWidget(details)
    status = QGroupBox("Where the workshop stands")
    status_layout = QVBoxLayout(status)
    overall = QLabel("Overall stage: 1 Crawl")
    overall.setProperty("role", "h1")
    status_layout.addWidget(overall)
    lines = QLabel("<qt>8 participants, 2 rounds.<br>Round 1: 8 of 8 voted on all 4 pillars (revealed).<br>"
                   "Decisions: 4 of 4 pillars agreed.<br>Roadmap: 10 actions. Notes: 3.</qt>")
    lines.setWordWrap(True)
    status_layout.addWidget(lines)
    status_layout.addStretch(1)
    left.addWidget(status, 1)
    columns.addLayout(left, 1)
    right = QVBoxLayout()
    progress = QGroupBox("Progress")
    progress_layout = QVBoxLayout(progress)
    since = QLabel(PROGRESS_HTML)
    since.setWordWrap(True)
    progress_layout.addWidget(since)
    buttons = QHBoxLayout()
    for label, shown in (("Details…", True), ("Link…", False)):
        push = QPushButton(label)
        push.clicked.connect(lambda: None)
        push.setVisible(shown)
        buttons.addWidget(push)
    buttons.addStretch(1)
    progress_layout.addLayout(buttons)
    right.addWidget(progress)
    rubric_box = QGroupBox("Rubric")
    text = QTextBrowser()
    text.setObjectName("rubricText")
    text.setOpenLinks(False)
    text.setHtml(RUBRIC_HTML)
    QVBoxLayout(rubric_box).addWidget(text)
    right.addWidget(rubric_box, 1)
    columns.addLayout(right, 1)
    stack.addWidget(page)
    sidebar.setCurrentRow(0)
    return window


def main() -> int:
    app = QApplication([sys.argv[0], "-style", STYLE_NAME])
    window = build(app)
    window.show()

    def shown() -> None:
        print("shown", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
