"""Private ballots: pick a name, choose cards by mouse and keyboard, review, confirm, undo, privacy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMessageBox, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.ballot import HANDOVER, PILLAR, REVIEW, BallotFlow

#: The offscreen platform warns about a feature it lacks whenever a shown window resizes.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REVOTED = ["know-your-maturity", "act-with-precision", "sustain-at-scale"]


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    return WorkshopDocument(ws, tmp_path / "ballot.workshop")


@pytest.fixture(autouse=True)
def _yes_to_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """No modal box may block a test; tests that care about the answer patch again."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))


@pytest.fixture
def flow(doc: WorkshopDocument, qtbot) -> BallotFlow:
    dialog = BallotFlow(doc, 3)
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    return dialog


def _texts(widget: QWidget) -> list[str]:
    """Every text a person could read on screen now: visible labels, buttons, line edits, tooltips."""
    out = [widget.toolTip()]
    for child in widget.findChildren(QWidget):
        if not child.isVisible():
            continue
        if isinstance(child, QLabel):
            out.append(child.text())
        elif isinstance(child, QAbstractButton):
            out.append(child.text())
        elif isinstance(child, QLineEdit):
            out.append(child.text())
        out.append(child.toolTip())
    return [t for t in out if t]


def test_full_ballot_by_mouse_and_keyboard_then_one_undo_removes_it(flow: BallotFlow, doc: WorkshopDocument,
                                                                     qtbot) -> None:
    ws = doc.workshop
    person = ws.participants[1]
    assert flow.stack.currentIndex() == HANDOVER
    qtbot.mouseClick(flow.handover.button_for(person.id), Qt.MouseButton.LeftButton)
    assert flow.stack.currentIndex() == PILLAR
    assert flow.pillar_screen.step.text() == "Pillar 1 of 3"
    assert not flow.pillar_screen.next.isEnabled()  # nothing chosen yet
    # pillar 1: click the "3 Run" card, add a comment, Enter
    qtbot.mouseClick(flow.pillar_screen.cards[2], Qt.MouseButton.LeftButton)
    assert flow.pillar_screen.cards[2].is_checked()
    qtbot.keyClicks(flow.pillar_screen.comment, "Billing only")
    qtbot.keyClick(flow.pillar_screen.comment, Qt.Key.Key_Return)
    assert flow.pillar_screen.step.text() == "Pillar 2 of 3"
    # pillar 2: digit 4, then change to don't know with '?', Enter on the dialog
    flow.pillar_screen.setFocus()
    qtbot.keyClick(flow, Qt.Key.Key_4)
    assert flow.pillar_screen.cards[3].is_checked()
    qtbot.keyClicks(flow, "?")
    assert flow.pillar_screen.dont_know.is_checked() and not flow.pillar_screen.cards[3].is_checked()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    # pillar 3: 1, then Back keeps pillar 2's choice, then forward again
    qtbot.keyClick(flow, Qt.Key.Key_1)
    qtbot.mouseClick(flow.pillar_screen.back, Qt.MouseButton.LeftButton)
    assert flow.pillar_screen.step.text() == "Pillar 2 of 3"
    assert flow.pillar_screen.dont_know.is_checked()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert flow.pillar_screen.cards[0].is_checked()
    qtbot.keyClick(flow, Qt.Key.Key_Return)
    assert flow.stack.currentIndex() == REVIEW
    review = " ".join(_texts(flow.review))
    assert "3 Run" in review and "? Don't know" in review and "Billing only" in review

    with qtbot.waitSignal(flow.ballot_cast) as cast:
        qtbot.mouseClick(flow.review.confirm, Qt.MouseButton.LeftButton)
    assert cast.args == [person.id]
    assert flow.stack.currentIndex() == HANDOVER
    assert ws.rating(person.id, "know-your-maturity", 3).stage == 3
    assert ws.rating(person.id, "know-your-maturity", 3).comment == "Billing only"
    assert ws.rating(person.id, "act-with-precision", 3).stage is None
    assert ws.rating(person.id, "sustain-at-scale", 3).stage == 1
    assert not flow.handover.button_for(person.id).isEnabled()
    assert "voted" in flow.handover.button_for(person.id).text()

    assert doc.undo_stack.undoText() == f"Ballot of {person.name}"
    doc.undo_stack.undo()
    assert all(ws.rating(person.id, p, 3) is None for p in REVOTED)
    assert flow.handover.button_for(person.id).isEnabled()  # hand-over followed the undo


def _vote(flow: BallotFlow, person_id: str, stages: list[int | None], comment: str = "") -> None:
    flow.start_ballot(person_id)
    for stage in stages:
        flow.choose(stage)
        flow.pillar_screen.comment.setText(comment)
        flow.next()
    assert flow.confirm()


def test_next_person_sees_nothing_of_the_previous_ballot(flow: BallotFlow, doc: WorkshopDocument) -> None:
    first, second = doc.workshop.participants[0], doc.workshop.participants[4]
    secret = "Only I know the IVR is rules based"
    _vote(flow, first.id, [4, 4, 4], secret)
    handover = _texts(flow)
    assert not any(secret in t for t in handover)
    assert not any("4 Fly" in t for t in _texts(flow.handover))
    flow.start_ballot(second.id)
    for _ in range(3):
        texts = _texts(flow)
        assert not any(secret in t for t in texts)
        assert not any(first.name in t for t in texts)
        assert not any(c.is_checked() for c in [*flow.pillar_screen.cards, flow.pillar_screen.dont_know])
        assert flow.pillar_screen.comment.text() == ""
        flow.choose(2)
        flow.next()
    review = _texts(flow.review)
    assert not any(secret in t or "4 Fly" in t for t in review)


def test_ballot_never_starts_with_earlier_round_values(flow: BallotFlow, doc: WorkshopDocument) -> None:
    amara = doc.workshop.participants[0]  # rated round 1 and 2 with comments
    flow.start_ballot(amara.id)
    assert not any(c.is_checked() for c in [*flow.pillar_screen.cards, flow.pillar_screen.dont_know])
    assert flow.pillar_screen.comment.text() == ""
    assert not flow.pillar_screen.next.isEnabled()


def test_escape_mid_ballot_asks_and_saves_nothing(flow: BallotFlow, doc: WorkshopDocument, qtbot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda _p, _t, text, *a: asked.append(text) or reply[0]))
    person = doc.workshop.participants[3]
    flow.start_ballot(person.id)
    flow.choose(2)
    flow.next()
    flow.choose(3)
    before = len(doc.workshop.ratings)
    qtbot.keyClick(flow, Qt.Key.Key_Escape)
    assert asked and person.name in asked[0] and "discarded" in asked[0]
    assert flow.isVisible() and flow.person == person.id  # "No" keeps the ballot going
    reply[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(flow.finished):
        qtbot.keyClick(flow, Qt.Key.Key_Escape)
    assert not flow.isVisible()
    assert len(doc.workshop.ratings) == before
    assert all(doc.workshop.rating(person.id, p, 3) is None for p in REVOTED)
    assert doc.undo_stack.count() == 0
    assert flow.review.rows.count() == 0


def test_redo_needs_the_facilitator_and_a_confirmation(flow: BallotFlow, doc: WorkshopDocument, qtbot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes))
    person = doc.workshop.participants[5]
    _vote(flow, person.id, [1, 1, 1])
    assert not flow.handover.button_for(person.id).isEnabled()
    flow.handover.redo.setChecked(True)
    assert flow.handover.button_for(person.id).isEnabled()
    qtbot.mouseClick(flow.handover.button_for(person.id), Qt.MouseButton.LeftButton)
    assert asked and "already voted" in asked[0]
    assert flow.person == person.id
    for _ in range(3):
        flow.choose(2)
        flow.next()
    assert flow.confirm()
    assert {doc.workshop.rating(person.id, p, 3).stage for p in REVOTED} == {2}


def test_forty_people_fit_the_hand_over_screen_of_a_small_laptop(doc: WorkshopDocument, qtbot) -> None:
    for i in range(32):
        ops.add_participant(doc.workshop, f"Person {i + 1} Longname", "Ops")
    flow = BallotFlow(doc, 3)
    qtbot.addWidget(flow)
    flow.resize(1366, 768)
    flow.show()
    assert flow.minimumSizeHint().height() <= 768 and flow.height() <= 768
    assert flow.handover.finish.isVisible()
    last = flow.handover.button_for(doc.workshop.participants[-1].id)
    flow.handover.scroll.ensureWidgetVisible(last)
    assert last.visibleRegion().boundingRect().height() > 0
