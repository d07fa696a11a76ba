"""A re-vote opened on Reveal goes on to private ballots, exactly as one opened on Rate does."""

from __future__ import annotations

import pytest

from workshop_app.gui.app import open_window
from workshop_app.gui.main_window import MainWindow
from workshop_app.gui.pages.ballot import BallotFlow
from workshop_app.gui.pages.rate import RatePage
from workshop_app.gui.pages.reveal import RevealPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot, messages: list[str]) -> MainWindow:
    win = open_window(demo=True)
    qtbot.addWidget(win)
    win.resize(760, 560)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_revote_opened_on_reveal_starts_ballots_for_the_new_round(window: MainWindow, qtbot) -> None:
    window.show_step(3)
    reveal = window.page(3)
    assert isinstance(reveal, RevealPage)
    before = window.document.workshop.latest_round
    dialog = reveal.open_revote()
    dialog.set_chosen(["act-with-precision"])
    with qtbot.waitSignal(reveal.ballots_requested, timeout=2000) as signal:
        dialog.open_button.click()
    assert signal.args == [before + 1]
    rate = window.page(2)
    assert isinstance(rate, RatePage)
    assert window.stack.currentWidget() is rate
    flow = rate._dialog
    assert isinstance(flow, BallotFlow) and flow.isVisible()
    assert flow.round_number == before + 1
    flow.reject()


def test_cancelled_revote_starts_nothing(window: MainWindow, qtbot) -> None:
    window.show_step(3)
    reveal = window.page(3)
    before = window.document.workshop.latest_round
    dialog = reveal.open_revote()
    with qtbot.assertNotEmitted(reveal.ballots_requested):
        dialog.reject()
    assert window.document.workshop.latest_round == before
    assert window.stack.currentWidget() is reveal
