"""Re-vote: the dialog pre-ticks pillars that need it, opens the next round, and the Reveal page shows movement."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import load_workshop
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.ballot import BallotFlow
from workshop_app.gui.pages.reveal import RevealPage
from workshop_app.gui.pages.revote import RevoteDialog, movement_lines

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "revote.workshop")


def test_dialog_preticks_pillars_that_need_discussion(doc: WorkshopDocument, qtbot) -> None:
    dialog = RevoteDialog(doc)
    qtbot.addWidget(dialog)
    levels = {s.pillar: s.level for s in doc.summary().pillars}
    expected = [p for p in doc.workshop.rubric.pillar_ids if levels[p] in {"discuss", "split", "polarised"}]
    assert expected and dialog.chosen() == expected
    assert "⇆ polarised" in dialog.pillars.item(2).text()


def test_open_round_with_chosen_pillars(doc: WorkshopDocument, qtbot) -> None:
    dialog = RevoteDialog(doc)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.set_chosen(["act-with-precision"])
    dialog.label.setText("After the break")
    with qtbot.waitSignal(dialog.round_opened) as opened, qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [3]
    rnd = doc.workshop.round(3)
    assert rnd.pillars == ["act-with-precision"] and rnd.label == "After the break" and not rnd.revealed
    assert doc.undo_stack.undoText() == "Open round 3"


def test_nothing_chosen_is_refused_with_a_message(doc: WorkshopDocument, qtbot) -> None:
    dialog = RevoteDialog(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_chosen([])
    dialog.open_button.click()
    assert dialog.error.isVisible() and "at least one pillar" in dialog.error.text()
    assert doc.workshop.latest_round == 2 and dialog.isVisible()


def test_revote_ballots_reveal_and_movement(doc: WorkshopDocument, qtbot, messages: list[str]) -> None:
    page = RevealPage(doc)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    dialog = page.open_revote()
    dialog.set_chosen(["act-with-precision"])
    dialog.open_button.click()
    assert page.shown_round() == 3 and page.stack.currentIndex() == 0  # the new round is hidden

    flow = BallotFlow(doc, 3)
    qtbot.addWidget(flow)
    flow.show()
    for person in doc.workshop.participants:
        flow.start_ballot(person.id)
        flow.choose(2)
        flow.next()
        assert flow.confirm()
    assert flow.voted() == {p.id for p in doc.workshop.participants}
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    act = page.card("act-with-precision").shown()
    assert act.movement.startswith("▲ converged since round 2: agreement 0.41 → 1.00")
    assert "median 1 Crawl → 2 Walk" in act.movement
    assert act.level_word == "● Aligned"
    assert page.card("know-your-maturity").shown().carried == "Not re-voted in round 3: figures from round 2"
    lines = movement_lines(doc.workshop.rubric, doc.summary())
    assert lines == ["▲ Act with precision: converged since round 2, agreement 0.41 → 1.00, "
                     "median 1 Crawl → 2 Walk"]
    page.tabs.setCurrentIndex(2)
    assert page.movement_text.text() == lines[0]
    assert page.movement_canvas is not None and page.movement_canvas.figure is not None
    # earlier rounds stay viewable, and the edits reached the file
    page.show_round(2)
    assert page.card("act-with-precision").shown().median.startswith("Median 1 Crawl")
    assert doc.flush()
    reopened = load_workshop(doc.path)
    assert reopened.round(3).revealed
    assert {r.stage for r in reopened.ratings_for("act-with-precision", 3)} == {2}


def test_movement_lines_name_unchanged_median(doc: WorkshopDocument) -> None:
    ws = doc.workshop
    ops.open_round(ws, ["reality-over-hype"])
    stages = (2, 2, 2, 2, 2, 2, 3, 2)
    for person, stage in zip(ws.participants, stages, strict=True):
        ops.set_rating(ws, person.id, "reality-over-hype", 3, stage)
    from workshop_app.core.consensus import summarise

    lines = movement_lines(ws.rubric, summarise(ws))
    assert len(lines) == 1 and "Reality over hype: converged since round 1" in lines[0]
    assert lines[0].endswith("median stays 2 Walk")
