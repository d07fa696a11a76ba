"""The room's trust on screen: blind until a confirmed act, reveals ask, nothing decided by a stray wheel or target."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from workshop_app.core import operations as ops
from workshop_app.core.consensus import summarise
from workshop_app.core.demo import build_demo
from workshop_app.gui.dialogs import errors
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.models.rating_grid import HIDDEN_MARK
from workshop_app.gui.pages.decide import DecidePage
from workshop_app.gui.pages.rate import RatePage
from workshop_app.gui.pages.reveal import RevealPage
from workshop_app.gui.style import stylesheet
from workshop_app.gui.wheel import install_wheel_guard

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    ws = build_demo()
    ops.open_round(ws, ["act-with-precision", "sustain-at-scale"], "Third look")  # round 3, blind
    for person in ws.participants[:3]:
        ops.set_rating(ws, person.id, "act-with-precision", 3, 4, "secret comment")
        ops.set_rating(ws, person.id, "sustain-at-scale", 3, 1)
    ops.set_rating(ws, ws.participants[3].id, "sustain-at-scale", 3, 2)  # part-way
    return WorkshopDocument(ws, tmp_path / "trust.workshop")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Every question is recorded and answered with `answer['yes']` (No unless a test says otherwise)."""
    state: dict = {"yes": False, "questions": []}

    def ask(parent, title: str, text: str) -> bool:
        state["questions"].append(text)
        return state["yes"]

    monkeypatch.setattr(errors, "ask", ask)
    monkeypatch.setattr(errors, "ask_carefully", lambda parent, title, text, yes: ask(parent, title, text))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a: QMessageBox.StandardButton.Yes if ask(parent, title, text)
        else QMessageBox.StandardButton.No))
    monkeypatch.setattr(errors, "show_error", lambda parent, title, text: state["questions"].append(text))
    return state


@pytest.fixture
def rate(doc: WorkshopDocument, qtbot) -> RatePage:
    page = RatePage(doc)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    return page


def grid_texts(page: RatePage) -> list[str]:
    model = page.model
    return [str(model.data(model.index(r, c), role)) for r in range(model.rowCount())
            for c in range(model.columnCount()) for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]


def test_blind_round_shows_no_value_unless_the_facilitator_confirms(rate: RatePage, asked: dict) -> None:
    assert rate.round_number == 3
    assert not any("4 Fly" in t or "secret" in t for t in grid_texts(rate)) and HIDDEN_MARK in grid_texts(rate)
    rate.show_values.click()  # declined
    assert len(asked["questions"]) == 1 and "every connected screen" in asked["questions"][0]
    assert not rate.show_values.isChecked() and not any("4 Fly" in t for t in grid_texts(rate))
    assert rate.round_state.text() == "◌ Blind: values hidden"
    asked["yes"] = True
    rate.show_values.click()
    assert any("4 Fly" in t for t in grid_texts(rate))
    assert rate.show_values.isChecked() and rate.show_values.text() == "Hide values"
    assert rate.round_state.text() == "⚠ Values showing: blind round 3"
    rate.hide()  # leaving the page
    assert not any("4 Fly" in t for t in grid_texts(rate)) and not rate.show_values.isChecked()
    rate.show()
    rate.show_values.click()
    rate.set_presentation(True)
    assert not any("4 Fly" in t for t in grid_texts(rate)) and rate.show_values.isHidden()


def test_page_change_in_the_main_window_hides_values(qtbot, doc: WorkshopDocument, asked: dict) -> None:
    from workshop_app.gui.main_window import MainWindow

    asked["yes"] = True
    window = MainWindow(start_screen=False)
    qtbot.addWidget(window)
    window.set_document(doc)
    window.show()
    window.go_to_step(3 if window.page(3).__class__ is RatePage else _step_of(window, RatePage))
    page = window.stack.currentWidget()
    assert isinstance(page, RatePage)
    page.show_values.click()
    assert page.values_showing
    window.go_to_step(0)
    assert not page.values_showing and not page.model.values_visible


def _step_of(window, cls: type) -> int:  # noqa: ANN001
    from workshop_app.gui.main_window import STEPS

    return next(i for i, step in enumerate(STEPS) if step[2] == cls.__name__)


def test_reveal_with_missing_voters_asks_and_declining_keeps_it_blind(rate: RatePage, doc: WorkshopDocument,
                                                                     asked: dict, qtbot) -> None:
    reveal = RevealPage(doc)
    qtbot.addWidget(reveal)
    for button in (rate.reveal_button, reveal.reveal_button):
        asked["questions"].clear()
        button.click()
        assert not doc.workshop.round(3).revealed
        question = asked["questions"][0]
        assert "5 of 8 participants have not finished their ballot (1 part-way)" in question
        assert not any(p.name in question for p in doc.workshop.participants)  # anonymous: counts only
    reveal.anonymous_box.setChecked(False)  # declined: stays anonymous
    assert reveal.anonymous and reveal.anonymous_box.isChecked()
    assert "names will be shown to the room" in asked["questions"][-1].lower()
    asked["yes"] = True
    reveal.anonymous_box.setChecked(False)
    assert not reveal.anonymous
    reveal.reveal_button.click()
    assert doc.workshop.participants[-1].name in asked["questions"][-1]
    assert doc.workshop.round(3).revealed


def test_reveal_and_revote_are_not_offered_too_early(qtbot, tmp_path: Path, asked: dict) -> None:
    ws = build_demo()
    ops.open_round(ws, ["sustain-at-scale"])
    doc = WorkshopDocument(ws, tmp_path / "empty.workshop")
    rate, reveal = RatePage(doc), RevealPage(doc)
    for page in (rate, reveal):
        qtbot.addWidget(page)
        assert not page.reveal_button.isEnabled() and "nothing to reveal" in page.reveal_button.toolTip()
        assert not page.revote_button.isEnabled()
        assert page.revote_button.toolTip() == "Reveal round 3 before opening a re-vote"
    doc.apply(ops.set_rating, ws.participants[0].id, "sustain-at-scale", 3, 2)
    asked["yes"] = True
    rate.reveal_button.click()
    assert ws.round(3).revealed and rate.revote_button.isEnabled()


def test_wheel_over_a_decide_combo_changes_no_stage(qtbot, tmp_path: Path, qapp) -> None:
    install_wheel_guard(qapp)
    doc = WorkshopDocument(build_demo(), tmp_path / "wheel.workshop")
    page = DecidePage(doc)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    before = {p: (d.agreed, d.target) for p, d in doc.workshop.decisions.items()}
    for row in page.rows.values():
        for combo in (row.agreed, row.target):
            index = combo.currentIndex()
            for delta in (120, -120):
                event = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                                    QPoint(0, delta), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                    Qt.ScrollPhase.NoScrollPhase, False)
                QApplication.sendEvent(combo, event)
            assert combo.currentIndex() == index
    assert {p: (d.agreed, d.target) for p, d in doc.workshop.decisions.items()} == before


def test_changing_only_a_target_leaves_the_pillar_undecided(qtbot, tmp_path: Path) -> None:
    ws = build_demo()
    ws.decisions.clear()
    doc = WorkshopDocument(ws, tmp_path / "decide.workshop")
    page = DecidePage(doc)
    qtbot.addWidget(page)
    row = page.rows["sustain-at-scale"]
    row.target.setCurrentIndex(row.target.findData(4))
    decision = doc.workshop.decision("sustain-at-scale")
    assert decision.agreed is None and decision.target == 4
    assert row.status.text().startswith("Not decided yet")
    assert doc.summary().overall.from_decisions == ()
    row.agreed.setCurrentIndex(row.agreed.findData(3 if row.median != 3 else 2))
    assert doc.workshop.decision("sustain-at-scale").agreed is None  # waits for Agree
    row.agree_button.click()
    assert doc.workshop.decision("sustain-at-scale").agreed is None  # an override still needs a rationale
    row.agreed.setCurrentIndex(row.agreed.findData(row.median))
    row.agree_button.click()
    assert doc.workshop.decision("sustain-at-scale").agreed == row.median
    assert doc.workshop.decision("sustain-at-scale").target == 4


def test_disabled_coloured_buttons_are_grey(qtbot, qapp) -> None:
    qapp.setStyleSheet(stylesheet())
    try:
        colours = {}
        for enabled in (True, False):
            b = QPushButton("Next")
            b.setProperty("primary", True)
            b.setEnabled(enabled)
            qtbot.addWidget(b)
            b.resize(120, 40)
            colours[enabled] = b.grab().toImage().pixelColor(60, 20).name()
        assert colours[True] != colours[False]
        assert colours[False] not in ("#1f3a5f",)
    finally:
        qapp.setStyleSheet("")


def test_more_than_one_screen_offers_a_neutral_screen(rate: RatePage, asked: dict, qtbot) -> None:
    class Screen:
        def __init__(self, x: int) -> None:
            self._rect = QRect(x, 0, 1366, 768)

        def geometry(self) -> QRect:
            return self._rect

        def name(self) -> str:
            return str(self._rect.x())

    asked["yes"] = True
    rate.screens = lambda: [Screen(0), Screen(1366)]
    dialog = rate.start_ballots()
    assert "2 screens" in asked["questions"][-1]
    assert rate.neutral_screen is not None and rate.neutral_screen.isVisible()
    neutral = rate.neutral_screen
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in neutral.findChildren(QLabel)]
    assert "Voting in progress" in texts
    assert not any(p.name in t for p in rate.document.workshop.participants for t in texts)
    dialog.reject()
    assert rate.neutral_screen is None
    rate.screens = lambda: [Screen(0), Screen(0)]  # mirrored: warn, and No stops
    asked["yes"] = False
    assert rate.start_ballots() is None
    assert "mirrors" in asked["questions"][-1] or "mirror" in asked["questions"][-1]


def test_decide_shows_what_the_room_has_seen_not_the_blind_round(qtbot, doc: WorkshopDocument) -> None:
    """Round 3 is blind with three people at 4 Fly on Act with precision: Decide keeps round 2's figures."""
    page = DecidePage(doc)
    qtbot.addWidget(page)
    before = summarise(doc.workshop, 2).stats("act-with-precision")
    row = page.rows["act-with-precision"]
    assert row.median == before.median and "4 Fly" not in row.consensus.text()
    assert doc.summary().round == 2
    doc.apply(ops.set_revealed, 3, True)
    assert doc.summary().round == 3 and page.rows["act-with-precision"].median == doc.summary().stats(
        "act-with-precision").median
