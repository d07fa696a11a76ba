"""Reveal page: hidden before the reveal, figures after, anonymity everywhere, sorting, the timer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.reveal import CARDS_TAB, HEATMAP_TAB, RevealPage
from workshop_app.gui.widgets.by_group import ByGroupView
from workshop_app.gui.widgets.comments import CommentsView
from workshop_app.gui.widgets.heatmap import HeatmapView
from workshop_app.gui.widgets.pillar_card import anonymous_labels
from workshop_app.gui.widgets.spread import SpreadBars
from workshop_app.gui.widgets.timer import DiscussionTimer, format_clock
from workshop_app.gui.widgets.wall import WallView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def doc(qapp, tmp_path: Path) -> WorkshopDocument:
    return WorkshopDocument(build_demo(), tmp_path / "reveal.workshop")


@pytest.fixture
def page(doc: WorkshopDocument, qtbot, messages: list[str]) -> RevealPage:
    """The page with every confirmation (reveal, showing names) answered Yes."""
    widget = RevealPage(doc)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    return widget


def page_texts(page: RevealPage) -> list[str]:
    """Every string the page can show: labels, buttons, combo items, tooltips, painted text."""
    out = [page.toolTip()]
    for child in page.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton):
            out.append(child.text())
        if isinstance(child, QComboBox):
            out += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, HeatmapView | SpreadBars | WallView | CommentsView | ByGroupView):
            out += child.visible_texts()
        out.append(child.toolTip())
    return [t for t in out if t]


def test_hidden_round_shows_who_voted_but_no_figures(doc: WorkshopDocument, page: RevealPage, qtbot) -> None:
    ws = doc.workshop
    doc.apply(ops.open_round, ["act-with-precision"], "After lunch")
    for person in ws.participants[:3]:
        doc.apply(ops.set_rating, person.id, "act-with-precision", 3, 4)
    assert page.shown_round() == 3  # followed the new round
    assert page.stack.currentIndex() == 0
    assert page.hidden_title.isVisible()
    assert page.hidden_counts.text() == "Round 3: 3 of 8 participants have voted."
    assert not page.tabs.isVisible()
    visible = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    assert not any("Median" in t or "Agreement" in t or "4 Fly" in t for t in visible)
    qtbot.mouseClick(page.reveal_button, Qt.MouseButton.LeftButton)
    assert ws.round(3).revealed
    assert page.stack.currentIndex() == 1
    assert page.card("act-with-precision").median.text().startswith("Median 4 Fly")
    doc.undo_stack.undo()
    assert page.stack.currentIndex() == 0


def test_revealed_demo_shows_medians_levels_outliers_and_camps(doc: WorkshopDocument, page: RevealPage) -> None:
    page.tabs.setCurrentIndex(CARDS_TAB)
    page.show_round(1)
    page.set_anonymous(False)
    reality = page.card("reality-over-hype").shown()
    assert reality.median == "Median 2 Walk" and reality.level_word == "● Aligned"
    assert reality.agreement.startswith("Agreement 0.")
    know = page.card("know-your-maturity").shown()
    assert "even split: the lower stage is taken" in know.median
    assert know.level_word == "◐ Discuss"
    assert know.people == "Outliers (2+ stages from the rest): 3 Run: Grace O'Neill"
    act = page.card("act-with-precision").shown()
    assert act.level_word == "⇆ Polarised"
    assert act.people.startswith("Two camps.  Lower: 1 Crawl: ")
    assert "Élodie Marchand" in act.people and "Upper: 3 Run: " in act.people
    sustain = page.card("sustain-at-scale").shown()
    assert "1 don't know" in sustain.agreement
    assert page.card("sustain-at-scale").bars.data().dont_know == 1
    # round 2: movement on the re-voted pillars, carried figures on the others
    page.show_round(2)
    know = page.card("know-your-maturity").shown()
    assert know.movement.startswith("▲ converged since round 1: agreement 0.64 → 0.73")
    assert page.card("reality-over-hype").shown().carried == "Not re-voted in round 2: figures from round 1"
    heat = page.heatmap.data()
    assert heat.rows[0] == "Amara Okafor"
    reality = heat.columns.index("Reality over hype")  # the heatmap follows the sort, disagreement first
    assert heat.column_notes[reality] == "round 1"


def test_anonymous_mode_removes_every_name(doc: WorkshopDocument, page: RevealPage) -> None:
    names = [p.name for p in doc.workshop.participants]
    for number in (1, 2):
        page.show_round(number)
        for tab in range(page.tabs.count()):
            page.tabs.setCurrentIndex(tab)
            page.set_anonymous(False)
            named = " ".join(page_texts(page))
            assert "Grace O'Neill" in named
            page.set_anonymous(True)
            texts = page_texts(page)
            leaks = [(n, t) for t in texts for n in names if n in t]
            assert leaks == []
    labels = anonymous_labels(doc.workshop.participants)
    assert sorted(page.heatmap.data().rows, key=lambda s: int(s[1:])) == [f"P{i}" for i in range(1, 9)]
    grace = labels[doc.workshop.participants[-1].id]
    page.show_round(1)
    assert f"3 Run: {grace}" in page.card("know-your-maturity").shown().people


def test_hidden_state_is_anonymous_too(doc: WorkshopDocument, page: RevealPage) -> None:
    doc.apply(ops.open_round, ["act-with-precision"])
    assert "still to vote" in page.hidden_waiting.text()
    names = [p.name for p in doc.workshop.participants]
    assert not any(n in t for t in page_texts(page) for n in names)
    page.set_anonymous(False)
    assert page.hidden_waiting.text().startswith("Still to vote: Amara Okafor")


def test_sort_by_disagreement_orders_by_agreement(doc: WorkshopDocument, page: RevealPage) -> None:
    page.show_round(1)
    page.tabs.setCurrentIndex(CARDS_TAB)
    assert page.sort_combo.currentData() == "disagreement"  # the default: where to talk comes first
    consensus = [doc.summary().stats(p).consensus for p in page.card_order()]
    assert consensus == sorted(consensus)
    assert page.card_order()[0] == "act-with-precision"
    layout_order = [page.cards_layout.itemAt(i).widget() for i in range(len(consensus))]
    assert layout_order == [page.card(p) for p in page.card_order()]
    page.tabs.setCurrentIndex(HEATMAP_TAB)
    names = [doc.workshop.rubric.pillar(p).name for p in page.card_order()]
    assert list(page.heatmap.data().columns) == names
    page.set_sort("rubric")
    assert page.card_order() == list(doc.workshop.rubric.pillar_ids)
    rubric_names = [p.name for p in doc.workshop.rubric.pillars]
    assert list(page.heatmap.data().columns) == rubric_names


def test_rating_change_updates_cards_and_heatmap_in_place(doc: WorkshopDocument, page: RevealPage) -> None:
    page.set_sort("rubric")
    page.tabs.setCurrentIndex(CARDS_TAB)
    page.set_anonymous(False)
    card = page.card("act-with-precision")
    heat_before = page.heatmap
    amara = doc.workshop.participants[0]
    for person in doc.workshop.participants:
        doc.apply(ops.set_rating, person.id, "act-with-precision", 2, 2)
    assert page.card("act-with-precision") is card and page.heatmap is heat_before
    assert card.shown().median == "Median 2 Walk"
    assert card.shown().level_word == "● Aligned"
    # the heatmap tab was hidden: it is refreshed when shown, not on every edit
    page.tabs.setCurrentIndex(1)
    row = page.heatmap.data().rows.index(amara.name)
    assert page.heatmap.cell_text(row, 2) == "2 Walk"
    doc.apply(ops.set_rating, amara.id, "act-with-precision", 2, 4)
    assert page.heatmap.cell_text(row, 2) == "4 Fly"
    assert (row, 2) not in page.heatmap.data().outliers or not doc.summary().stats("act-with-precision").polarised


def test_timer_counts_down_and_says_over_time(qtbot) -> None:
    now = [100.0]
    timer = DiscussionTimer(clock=lambda: now[0])
    qtbot.addWidget(timer)
    timer.set_duration(120)
    assert timer.display.text() == "2:00" and timer.status.text() == "Ready"
    timer.start()
    now[0] += 30.2
    qtbot.waitUntil(lambda: timer.display.text() == "1:30", timeout=2000)
    assert timer.status.text() == "Running"
    timer.pause()
    now[0] += 500
    assert timer.display.text() == "1:30" and timer.status.text() == "Paused"
    timer.start()
    with qtbot.waitSignal(timer.expired, timeout=2000):
        now[0] += 95
    assert timer.over_time()
    assert timer.status.text() == "Time is up" and timer.display.text() == "+0:05"
    timer.reset()
    assert timer.display.text() == "2:00" and not timer.running
    timer.preset.setCurrentIndex(2)
    assert timer.display.text() == "10:00"


def test_format_clock() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(59.1) == "1:00"
    assert format_clock(61) == "1:01"
    assert format_clock(600) == "10:00"
    assert format_clock(5.9, counting_up=True) == "0:05"
