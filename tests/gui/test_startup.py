"""Start-up: the first window with the demo or a file, the shortcuts, the Overview page, and what start-up loads."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from workshop_app.core.demo import build_demo
from workshop_app.gui.app import open_window
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.overview import OverviewPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
ROOT = Path(__file__).resolve().parents[2]


def test_demo_opens_without_building_the_start_screen(qtbot, messages: list[str]) -> None:
    window = open_window(demo=True)
    qtbot.addWidget(window)
    assert window.document is not None and window.document.workshop.details.client == "Northwind Utilities"
    assert window._start is None and window.root.currentWidget() is window.workspace
    assert window.document.path.read_bytes()  # the fresh copy is on disk at once
    assert window.close_document()
    assert window.root.currentWidget() is window.start  # built on demand
    assert not messages


def test_missing_file_leaves_the_start_screen_and_says_why(qtbot, tmp_path: Path, messages: list[str]) -> None:
    window = open_window(str(tmp_path / "gone.workshop"))
    qtbot.addWidget(window)
    assert window.document is None and window.root.currentWidget() is window.start
    assert messages and "no such file" in messages[0]


def test_damaged_file_leaves_the_start_screen_and_the_file(qtbot, tmp_path: Path, messages: list[str]) -> None:
    damaged = tmp_path / "damaged.workshop"
    damaged.write_text('{"meta": {', encoding="utf-8")
    window = open_window(str(damaged))
    qtbot.addWidget(window)
    assert window.document is None and window.root.currentWidget() is window.start
    assert messages and "damaged.workshop" in messages[0]
    assert damaged.read_text(encoding="utf-8") == '{"meta": {'


def test_standard_shortcuts(qtbot) -> None:
    window = open_window(demo=True)
    qtbot.addWidget(window)
    assert QKeySequence("Ctrl+Z") in window.undo_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+Z") in window.redo_action.shortcuts()
    by_text = {a.text(): a for a in window.findChildren(type(window.undo_action))}
    assert QKeySequence("Ctrl+O") in by_text["&Open…"].shortcuts()
    assert by_text["&Presentation mode"].shortcut() == QKeySequence("F11")
    assert window.step_actions[2].shortcut() == QKeySequence("Ctrl+3")


def test_overview_shows_and_edits_the_details(qtbot, tmp_path: Path) -> None:
    doc = WorkshopDocument(build_demo(), tmp_path / "o.workshop")
    page = OverviewPage(doc)
    qtbot.addWidget(page)
    assert page.edits["client"].text() == "Northwind Utilities"
    assert page.date_edit.date() == QDate(2026, 11, 18)
    rubric = page.rubric.toPlainText()
    assert "Crawl, Walk, Run, Fly" in rubric and "Sustain at scale" in rubric
    assert page.overall.text() == "Overall stage: 1 Crawl"
    assert "8 participants, 2 rounds." in page.status.text() and "Notes: 3." in page.status.text()
    page.date_edit.setDate(QDate(2027, 1, 5))
    assert doc.workshop.details.date == "2027-01-05"
    page.edits["site"].setText("  Bristol ")
    page.edits["site"].editingFinished.emit()
    assert doc.workshop.details.site == "Bristol"
    doc.undo_stack.undo()
    assert page.edits["site"].text() == "Leeds, Customer Operations Centre"
    page.edits["title"].setText("x" * 301)
    page.edits["title"].editingFinished.emit()
    assert "too long" in page.error.text() and not page.error.isHidden()
    assert doc.workshop.details.title == "AI in Customer Operations: Maturity Workshop"


_PROBE = textwrap.dedent("""
    import sys
    import PySide6.QtCore as core, PySide6.QtWidgets as widgets
    lazy = "QTimer" not in vars(core)  # the binding builds classes on first use
    from PySide6.QtCore import QTimer
    from workshop_app.gui.app import create_application, open_window
    app = create_application()
    window = open_window(demo=True)
    window.show()
    def report():
        loaded = [m for m in ("tomllib", "matplotlib", "reportlab", "tinydb", "workshop_app.gui.start",
                              "workshop_app.gui.pages.reveal") if m in sys.modules]
        if lazy:
            loaded += [n for n, mod in (("Qt", core), ("QStyle", widgets), ("QMessageBox", widgets),
                                        ("QFileDialog", widgets)) if n in vars(mod)]
        print(window.document.workshop.details.client, "|", " ".join(loaded), flush=True)
        app.quit()
    QTimer.singleShot(0, report)
    app.exec()
""")


def test_start_up_loads_only_what_the_first_screen_needs() -> None:
    """Each of these costs start-up time (the `Qt` namespace alone ~40 ms) and none is on the first screen."""
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    client, _, loaded = done.stdout.partition("|")
    assert client.strip() == "Northwind Utilities"
    assert loaded.strip() == "", f"loaded before the first screen: {loaded.strip()}"


def _qt_classes(window: QWidget) -> set[str]:
    """The Qt classes (not the app's subclasses) of a window and everything in it."""
    found = set()
    for obj in [window, *window.findChildren(QObject)]:
        qt_class = next(c for c in type(obj).__mro__ if c.__module__.startswith("PySide6."))
        found.add(qt_class.__name__)
    return found


def test_bench_widget_floor_builds_what_the_first_screen_shows(qtbot, qapp) -> None:
    """bench/startup_widgets.py stands for the first screen's Qt cost; it must not drift from the app."""
    spec = importlib.util.spec_from_file_location("startup_widgets", ROOT / "bench" / "startup_widgets.py")
    assert spec is not None and spec.loader is not None
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    replica = floor.build(qapp)
    qtbot.addWidget(replica)
    window = open_window(demo=True)
    qtbot.addWidget(window)
    missing = _qt_classes(window) - _qt_classes(replica)
    assert not missing, f"add these to bench/startup_widgets.py: {sorted(missing)}"
    for menu_bar in (replica.menuBar(), window.menuBar()):
        assert [a.text() for a in menu_bar.actions()] == ["&File", "&Edit", "&View", "&Help"]
    assert len(replica.findChildren(QAction)) == len(window.findChildren(QAction))  # menus, separators, commands
