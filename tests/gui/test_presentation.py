"""Presentation mode: every page reachable, nothing private on screen, the window as it was afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from workshop_app.gui.app import open_window
from workshop_app.gui.main_window import STEPS, MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, messages: list[str]) -> MainWindow:
    win = open_window(demo=True)
    qtbot.addWidget(win)
    win.resize(760, 560)  # the offscreen test screen is 800 x 800
    win.move(10, 10)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_step_shortcuts_work_while_menus_are_hidden(window: MainWindow, qtbot) -> None:
    window.set_presentation(True)
    assert window.menuBar().isHidden() and window.sidebar.isHidden()
    window.activateWindow()
    for step in (3, 1, 6):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{step + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert window.current_step() == step
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_step() == 5


def test_step_bar_replaces_the_sidebar_and_hides_the_file_path(window: MainWindow) -> None:
    window.set_presentation(True)
    bar = window.step_bar
    assert bar.isVisible() and [b.text() for b in bar.buttons] == [f"{i + 1} {s[0]}" for i, s in enumerate(STEPS)]
    bar.buttons[4].click()
    assert window.current_step() == 4 and bar.buttons[4].isChecked()
    window.go_to_step(2)
    assert bar.buttons[2].isChecked()
    assert not window.path_label.isVisible()
    assert str(window.document.path) not in " ".join(w.text() for w in window.findChildren(type(window.path_label))
                                                     if w.isVisible())
    bar.exit_button.click()
    assert not window.presenting and not bar.isVisible() and window.path_label.isVisible()


def test_leaving_restores_the_window_and_escape_leaves(window: MainWindow, qtbot) -> None:
    before = window.geometry()
    window.set_presentation(True)
    window.set_presentation(True)  # twice: the first geometry is kept
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.presenting and not window.presentation_action.isChecked()
    after = window.geometry()  # (the offscreen platform adds its own frame rounding)
    assert abs(after.width() - before.width()) <= 40 and abs(after.height() - before.height()) <= 40
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_a_window_wider_than_its_screen_is_brought_back(window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    window.resize(screen.width() + 400, screen.height() + 300)
    window.set_presentation(True)
    window.set_presentation(False)
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_pages_seen_while_presenting_do_not_keep_the_window_wide(window: MainWindow) -> None:
    """Each page built at the projector's font once made the window too wide for a 1366-pixel laptop."""
    window.set_presentation(True)
    for step in range(len(STEPS)):
        window.go_to_step(step)
    window.set_presentation(False)
    window.go_to_step(0)
    assert window.minimumSizeHint().width() <= 800


def test_file_menu_reaches_data_export_comparison_and_follow_up(window: MainWindow) -> None:
    texts = {a.text() for a in window.menuBar().actions()[0].menu().actions()}
    assert {"Export &data (Excel, CSV, JSON)…", "&Progress since the last workshop…",
            "New &follow-up workshop from an earlier one…", "Restore an &earlier version…"} <= texts
    for opener in (window.export_data, window.compare_earlier, window.new_follow_up):
        dialog = opener()
        assert dialog is not None and dialog.isVisible()
        dialog.close()


def test_presenting_scales_the_fonts_without_restyling_every_widget(window: MainWindow, qapp) -> None:
    """Re-setting the style sheet re-styled every widget: a quarter of a second with a big room's pages built."""
    from PySide6.QtWidgets import QLabel

    from workshop_app.gui.style import apply_style

    apply_style(qapp)
    sheet = qapp.styleSheet()
    window.go_to_step(4)
    heading = next(label for label in window.page(4).findChildren(QLabel) if label.property("role") == "h1")
    before, sidebar = heading.font().pointSizeF(), window.sidebar.font().pointSizeF()
    field = window.page(0).edits["title"]  # a page built before presenting, under the style sheet
    text = field.font().pointSizeF()
    window.set_presentation(True)
    assert qapp.styleSheet() == sheet
    assert heading.font().pointSizeF() == pytest.approx(before * 1.5) and heading.font().bold()
    assert field.font().pointSizeF() == pytest.approx(text * 1.5)
    window.set_presentation(False)
    assert heading.font().pointSizeF() == pytest.approx(before) and window.sidebar.font().pointSizeF() == sidebar
    assert field.font().pointSizeF() == pytest.approx(text)
    assert before == pytest.approx(qapp.font().pointSizeF() * 2)  # h1: twice the page text
