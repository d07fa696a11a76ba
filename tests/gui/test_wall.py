"""The wall: every pillar of a round on one screen, most disagreement first, with a legend for every mark."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea

from workshop_app.core.consensus import summarise
from workshop_app.core.demo import build_demo
from workshop_app.core.sample import large_workshop
from workshop_app.gui.document import WorkshopDocument
from workshop_app.gui.pages.reveal import WALL_TAB, RevealPage
from workshop_app.gui.style import apply_style, set_presentation_scale
from workshop_app.gui.widgets.wall import LEGEND, MIN_SCALE, closeness, wall_data

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
STEP_BAR = 48  # the slim step bar presentation mode keeps above the page


@pytest.fixture
def presenting(qapp):
    """The application font at its presentation size (1.5x), put back afterwards."""
    set_presentation_scale(qapp, True)
    yield
    apply_style(qapp, 1.0)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_twelve_pillars_fit_one_projector_screen(size, presenting, qtbot, tmp_path: Path,
                                                 messages: list[str]) -> None:
    ws = large_workshop(participants=24, pillars=12, rounds=1)
    page = RevealPage(WorkshopDocument(ws, tmp_path / "wall.workshop"))
    qtbot.addWidget(page)
    width, height = size
    hint = page.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height - STEP_BAR
    page.resize(width, height - STEP_BAR)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert page.tabs.currentIndex() == WALL_TAB  # the wall is what the room sees first
    wall = page.wall
    assert len(wall.data().rows) == 12
    assert wall.findChildren(QScrollArea) == [] and not isinstance(wall.parentWidget(), QScrollArea)
    rects = wall.row_rects()
    assert rects[-1].bottom() <= wall.height() and rects[0].top() >= 0
    line = wall.fontMetrics().height()
    assert min(r.height() for r in rects) >= line * MIN_SCALE * 1.2  # one full line each at least
    assert wall.text_scale() >= MIN_SCALE
    bottom = wall.mapTo(page, wall.rect().bottomLeft()).y()
    assert bottom <= page.height()
    # most disagreement first, as the cards
    agreement = [summarise(ws).stats(r.pillar).consensus for r in wall.data().rows]
    assert agreement == sorted(agreement)


def test_wall_words_come_before_figures_and_every_mark_has_a_legend(qapp) -> None:
    ws = build_demo()
    summary = summarise(ws, 1)
    data = wall_data(ws.rubric, summary, [s.pillar for s in summary.pillars])
    act = next(r for r in data.rows if r.pillar == "act-with-precision")
    assert act.level_word.startswith("⇆") and act.polarised and act.outliers == 0
    know = next(r for r in data.rows if r.pillar == "know-your-maturity")
    assert know.close.endswith("within one stage of each other")
    assert know.detail.startswith("agreement ") and "IQR" in know.detail
    legend = " ".join(LEGEND)
    for mark in ("▲ median", "IQR", "outliers", "two camps", "people who chose"):
        assert mark in legend


def test_closeness_counts_neighbouring_stages() -> None:
    ws = build_demo()
    for stats in summarise(ws, 1).pillars:
        words = closeness(stats)
        if stats.n and max(stats.counts) == stats.n:
            assert words == f"All {stats.n} chose the same stage"
        elif stats.n:
            best = max(sum(stats.counts[i:i + 2]) for i in range(len(stats.counts)))
            assert words == f"{best} of {stats.n} within one stage of each other"


def test_few_pillars_get_large_type_that_still_fits_its_columns(presenting, qtbot, tmp_path: Path,
                                                                messages: list[str]) -> None:
    from PySide6.QtGui import QFontMetricsF

    from workshop_app.gui.widgets.scaled import scaled_font

    page = RevealPage(WorkshopDocument(build_demo(), tmp_path / "few.workshop"))
    qtbot.addWidget(page)
    page.resize(1366, 768 - STEP_BAR)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    wall = page.wall
    scale = wall.text_scale()
    assert scale > 1.0  # four pillars: larger than the page text
    bold = QFontMetricsF(scaled_font(wall.font(), scale, bold=True))
    x_badge, x_name, x_median, x_strip, _ = wall._columns()
    for row in wall.data().rows:
        assert bold.horizontalAdvance(row.level_word) < x_name - x_badge
        assert bold.horizontalAdvance(row.median) < x_strip - x_median
