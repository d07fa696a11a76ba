"""Presenting on a second screen: the room's window follows the facilitator, read-only, and keeps the trust rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QPushButton

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.dialogs import errors
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.pages.reveal import HEATMAP_TAB, WALL_TAB, RevealPage
from workshop_app.gui.room_window import SCREEN_KEY, choose_screen, saved_screen, screen_id
from workshop_app.gui.widgets.room_views import DECIDE, NOTES, OVERVIEW, RATE, REVEAL, ROADMAP, RoomDecide, RoomTitle
from workshop_app.gui.widgets.wall import WallView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
ROOT = Path(__file__).resolve().parents[2]


class FakeScreen:
    def __init__(self, name: str, x: int, width: int = 1920, height: int = 1080) -> None:
        self._name, self._rect = name, QRect(x, 0, width, height)

    def geometry(self) -> QRect:
        return self._rect

    def name(self) -> str:
        return self._name


def test_the_room_goes_to_another_screen_unless_mirrored_or_chosen_otherwise() -> None:
    laptop, projector, tv = FakeScreen("eDP-1", 0, 1366, 768), FakeScreen("HDMI-1", 1366), FakeScreen("DP-2", 3286)
    assert choose_screen([laptop], laptop, "") is None
    assert choose_screen([laptop, projector], laptop, "") is projector
    assert choose_screen([laptop, projector, tv], laptop, screen_id(tv)) is tv
    assert choose_screen([laptop, projector], laptop, screen_id(laptop)) is None  # the laptop's own: full screen
    assert choose_screen([laptop, projector], laptop, "gone") is projector  # a screen not connected today
    clone = FakeScreen("HDMI-1", 0, 1366, 768)
    assert choose_screen([laptop, clone], laptop, "") is None  # a mirroring projector is the same screen


def _blind_round(ws) -> None:  # noqa: ANN001
    ops.open_round(ws, ["act-with-precision", "sustain-at-scale"], "Third look")  # round 3, blind
    for person in ws.participants[:3]:
        ops.set_rating(ws, person.id, "act-with-precision", 3, 4, "secret comment")
        ops.set_rating(ws, person.id, "sustain-at-scale", 3, 1)


@pytest.fixture
def window(qtbot, tmp_path: Path, messages: list[str]) -> MainWindow:
    win = MainWindow(start_screen=False)
    qtbot.addWidget(win)
    win.set_document(WorkshopDocument(build_demo(), tmp_path / "room.workshop"))
    win.resize(760, 560)
    win.show()
    qtbot.waitExposed(win)
    own = win.screen()
    win.screens = lambda: [own, FakeScreen("Projector", own.geometry().right() + 1)]
    return win


def test_presenting_with_two_screens_puts_the_room_view_there_and_keeps_the_controls(window: MainWindow) -> None:
    before = window.geometry()
    window.set_presentation(True)
    room = window.room
    assert room is not None and room.isVisible() and window.presenting
    assert room.isFullScreen() and room.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.isFullScreen() and window.geometry() == before
    assert window.sidebar.isVisible() and window.menuBar().isVisible()  # the laptop keeps every control
    assert room.font().pointSizeF() > window.font().pointSizeF() * 1.4  # projector scale for the room only
    window.set_presentation(False)
    assert window.room is None and not window.presenting and not room.isVisible()


def test_unplugging_the_projector_ends_the_room_view(window: MainWindow) -> None:
    """Otherwise the room's window would move onto the laptop's screen, over the facilitator's controls."""
    window.set_presentation(True)
    projector = window.screens()[1]
    window._on_screen_removed(window.screen())  # another screen going: the projector is still there
    assert window.room is not None
    own = window.screen()
    window.screens = lambda: [own]
    window._on_screen_removed(projector)
    assert window.room is None and not window.presenting


def test_the_room_follows_the_step_and_cannot_edit(window: MainWindow) -> None:
    window.set_presentation(True)
    room = window.room
    expected = {OVERVIEW: "OverviewPage", RATE: "RoomTitle", REVEAL: "RevealPage", DECIDE: "RoomDecide",
                ROADMAP: "RoadmapPage", NOTES: "RoomTitle"}
    for step, name in expected.items():
        window.go_to_step(step)
        assert room.step == step and type(room.current_view()).__name__ == name
    overview = room.view(OVERVIEW)
    assert all(edit.isReadOnly() for edit in overview.findChildren(QLineEdit))
    assert not any(b.isVisible() for b in overview.findChildren(QPushButton))
    roadmap = room.view(ROADMAP)
    assert roadmap.table.editTriggers() == roadmap.table.EditTrigger.NoEditTriggers
    assert not any(b.isVisible() for b in roadmap.findChildren(type(roadmap.build_button)))
    decide = room.view(DECIDE)
    assert isinstance(decide, RoomDecide) and decide.chart.data().agreed == tuple(
        window.document.workshop.decision(p.id).agreed for p in window.document.workshop.rubric.pillars)
    # Reveal: the room's wall is the facilitator's wall; no controls of the facilitator on it
    window.go_to_step(REVEAL)
    source, copy = window.page(REVEAL), room.current_view()
    assert isinstance(copy, RevealPage) and copy.tabs.currentIndex() == WALL_TAB
    assert copy.wall.data() == source.wall.data() and copy.wall.isVisible()
    assert not copy.reveal_button.isVisible() and not copy.revote_button.isVisible()
    assert not copy.round_combo.isVisible() and not copy.anonymous_box.isVisible()
    source.tabs.setCurrentIndex(HEATMAP_TAB)
    assert copy.tabs.currentIndex() == HEATMAP_TAB
    assert room.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a display, not a second UI
    window.go_to_step(ROADMAP)
    ours, theirs = window.page(ROADMAP).table.verticalScrollBar(), room.view(ROADMAP).table.verticalScrollBar()
    ours.setRange(0, 100)
    theirs.setRange(0, 50)
    ours.setValue(60)  # the facilitator scrolls the roadmap: the room follows, the same share of the way
    assert theirs.value() == 30
    window.go_to_step(REVEAL)
    source.show_round(1)
    assert copy.shown_round() == 1
    from PySide6.QtTest import QTest

    source.timer.start()  # the room shows the timer once it runs, digits and state as on the laptop
    assert copy.timer.isVisible() and copy.timer.display.text() == source.timer.display.text()
    assert not copy.timer.start_button.isVisible()
    QTest.keyClick(room, Qt.Key.Key_Escape)
    assert not window.presenting and window.room is None
    room.deleteLater()
    QTest.qWait(10)
    source.timer.pause()  # the closed room's copy no longer listens (it once raised here)
    ours.setValue(10)  # nor do its scroll bars


def test_the_room_shows_names_only_when_the_facilitator_chose_them(window: MainWindow) -> None:
    window.go_to_step(REVEAL)
    window.set_presentation(True)
    source, copy = window.page(REVEAL), window.room.current_view()
    names = [p.name for p in window.document.workshop.participants]
    source.tabs.setCurrentIndex(HEATMAP_TAB)

    def heatmap_names() -> set[str]:
        return set(copy.heatmap.data().rows) & set(names)

    assert copy.anonymous and not heatmap_names()
    source.anonymous_box.setChecked(False)  # asks first (answered Yes here)
    assert not source.anonymous and not copy.anonymous and heatmap_names()
    source.anonymous_box.setChecked(True)
    assert copy.anonymous and not heatmap_names()


def test_a_blind_round_shows_nothing_on_the_room_screen(qtbot, tmp_path: Path, messages: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ws = build_demo()
    _blind_round(ws)
    win = MainWindow(start_screen=False)
    qtbot.addWidget(win)
    win.set_document(WorkshopDocument(ws, tmp_path / "blind.workshop"))
    win.show()
    own = win.screen()
    win.screens = lambda: [own, FakeScreen("Projector", own.geometry().right() + 1)]
    win.go_to_step(REVEAL)
    win.set_presentation(True)
    copy = win.room.current_view()
    assert isinstance(copy, RevealPage) and copy.stack.currentIndex() == 0  # the hidden view, not the tabs
    assert not copy.wall.isVisible() and not copy.tabs.isVisible() and not copy.reveal_button.isVisible()
    shown = " ".join(label.text() for label in copy.findChildren(QLabel) if label.isVisible())
    assert "hidden" in shown and "secret" not in shown and "4 Fly" not in shown
    assert not any(p.name in shown for p in ws.participants)
    copy.set_anonymous(False, confirmed=True)  # even named, who has not voted stays on the laptop
    shown = " ".join(label.text() for label in copy.findChildren(QLabel) if label.isVisible())
    assert not any(p.name in shown for p in ws.participants)
    win.go_to_step(RATE)
    rate = win.room.current_view()
    assert isinstance(rate, RoomTitle) and rate.texts()[0] == "Voting in progress"
    assert "3 of 8 have voted" in " ".join(rate.texts())
    assert not any(p.name in t for p in ws.participants for t in rate.texts())
    asked: list[str] = []
    monkeypatch.setattr(errors, "ask", lambda parent, title, text: asked.append(text) or True)
    rate_page = win.page(RATE)
    rate_page.screens = win.screens
    dialog = rate_page.start_ballots()  # the room's view already shows "Voting in progress": nothing to ask
    assert dialog is not None and asked == [] and rate_page.neutral_screen is None
    dialog.reject()
    win.document.apply(ops.set_revealed, 3, True)  # revealed on the laptop: the room sees it on Reveal
    win.go_to_step(REVEAL)
    qtbot.waitUntil(lambda: win.room.current_view().stack.currentIndex() == 1)
    assert isinstance(win.room.current_view().tabs.currentWidget(), WallView)


def test_present_on_lists_the_screens_and_remembers_the_choice(window: MainWindow) -> None:
    menu = QMenu()
    window.fill_present_on_menu(menu)
    texts = [a.text() for a in menu.actions()]
    assert texts[0].startswith("Automatic") and menu.actions()[0].isChecked()
    assert any(t.startswith("Projector (1920 x 1080)") for t in texts)
    assert any(t.endswith("this window's screen") for t in texts)
    own_name = screen_id(window.screen())
    next(a for a in menu.actions() if a.text().endswith("this window's screen")).trigger()
    assert saved_screen() == own_name
    window.set_presentation(True)  # the laptop's own screen chosen: classic full screen, no room window
    assert window.room is None and window.presenting
    projector = window.screens()[1]
    window.choose_presentation_screen(screen_id(projector))  # moves the show to the projector at once
    assert window.room is not None and window.presenting and saved_screen() == screen_id(projector)
    window.set_presentation(False)
    from workshop_app.gui import settings as app_settings

    assert app_settings.settings().value(SCREEN_KEY) == f"Projector 1920x1080+{projector.geometry().x()}+0"


_TWO_SCREENS = """
import json, sys
from PySide6.QtWidgets import QApplication
from workshop_app.gui.app import open_window
from workshop_app.gui.dialogs import errors
errors.ask = lambda *a, **k: True
app = QApplication.instance() or QApplication(sys.argv)
win = open_window(demo=True)
win.resize(1200, 700); win.move(20, 20); win.show()
for _ in range(5): app.processEvents()
win.set_presentation(True)
for _ in range(5): app.processEvents()
room = win.room
win.go_to_step(3)
for _ in range(5): app.processEvents()
g = room.geometry()
print(json.dumps({"room": [g.x(), g.y(), g.width(), g.height()], "room_screen": room.screen().name(),
                  "window_screen": win.screen().name(), "window_full": win.isFullScreen(),
                  "step": room.step, "wall_rows": len(room.current_view().wall.row_rects())}))
"""


def _on_two_screens(tmp_path: Path, laptop: tuple[int, int], projector: tuple[int, int], script: str) -> dict:
    """Run `script` in a process whose offscreen platform has a laptop screen and a projector to its right;
    the last line it prints is JSON."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "Laptop", "x": 0, "y": 0, "width": laptop[0], "height": laptop[1], "logicalDpi": 96, "dpr": 1},
        {"name": "Projector", "x": laptop[0], "y": 0, "width": projector[0], "height": projector[1],
         "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PYTHONPATH": str(ROOT),
           "WORKSHOP_APP_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_on_two_real_screens_the_room_fills_the_projector(tmp_path: Path) -> None:
    found = _on_two_screens(tmp_path, (1366, 768), (1920, 1080), _TWO_SCREENS)
    assert found["room"] == [1366, 0, 1920, 1080] and found["room_screen"] == "Projector"
    assert found["window_screen"] == "Laptop" and not found["window_full"]
    assert found["step"] == 3 and found["wall_rows"] == 4


_SMALL_PROJECTOR = """
import json, sys
from PySide6.QtWidgets import QApplication
from workshop_app.core.sample import large_workshop
from workshop_app.gui.app import create_application
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.main_window import MainWindow
app = create_application()
win = MainWindow(start_screen=False)
win.set_document(WorkshopDocument(large_workshop(participants=24, pillars=12, rounds=1), None))
win.resize(1200, 800); win.show()
win.go_to_step(4)
win.set_presentation(True)
for _ in range(10): app.processEvents()
room = win.room
chart = room.current_view().chart
found = {"room": [room.width(), room.height()], "chart_min": chart.minimumHeight(), "chart": chart.height(),
         "chart_pt": chart.font().pointSizeF(), "room_pt": room.font().pointSizeF()}
win.go_to_step(3)
for _ in range(10): app.processEvents()
wall = room.current_view().wall
found.update(rows=len(wall.row_rects()), last=wall.row_rects()[-1].bottom(), wall=wall.height())
print(json.dumps(found))
"""


def test_twelve_long_pillars_fit_a_1366_projector_in_the_room_view(tmp_path: Path) -> None:
    got = _on_two_screens(tmp_path, (1920, 1080), (1366, 768), _SMALL_PROJECTOR)
    assert got["room"] == [1366, 768]  # never grown past its screen
    assert got["chart_min"] <= got["chart"]  # Decide: every row and the legend on screen
    assert got["chart_pt"] < got["room_pt"] * 1.4  # smaller type than with four pillars
    assert got["rows"] == 12 and got["last"] <= got["wall"]  # the wall: all twelve on one screen
