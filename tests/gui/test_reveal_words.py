"""Words on the Reveal cards: plain words before statistics, no level contradicting the lines under it,
and no figure shown rounded up to a threshold it falls short of."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workshop_app.core.consensus import ALIGNED, ALIGNED_MIN_CONSENSUS, DISCUSS, LEVEL_TEXT, agreement_text, summarise
from workshop_app.core.demo import build_demo
from workshop_app.gui.widgets.pillar_card import describe_pillar, level_sentence


@pytest.fixture
def ws():
    return build_demo()


def _text(ws, stats):
    return describe_pillar(ws.rubric, stats, stats.round, {}, {p.id: p.name for p in ws.participants})


def test_plain_words_come_before_the_figures(ws) -> None:
    stats = summarise(ws, 1).stats("know-your-maturity")
    text = _text(ws, stats)
    lines = text.lines()
    assert text.plain.endswith("within one stage of each other")
    assert lines.index(text.plain) < lines.index(text.agreement) < lines.index(text.spread)
    assert text.spread.startswith("IQR ")


def test_a_level_never_contradicts_the_lines_under_it(ws) -> None:
    for number in (1, 2):
        for stats in summarise(ws, number).pillars:
            text = _text(ws, stats)
            if text.people == "No outliers":
                assert "outlier" not in text.level_text
    stats = summarise(ws, 1).stats("know-your-maturity")
    quiet = replace(stats, level=DISCUSS, outliers=())
    assert level_sentence(quiet) == "Mostly agreed; hear the views at either end"
    assert level_sentence(replace(stats, level=DISCUSS)) == LEVEL_TEXT[DISCUSS]  # it has an outlier
    assert "apart from the outliers" in level_sentence(replace(stats, level=ALIGNED))


def test_agreement_below_a_threshold_never_reads_as_reaching_it(ws) -> None:
    stats = summarise(ws, 1).stats("reality-over-hype")
    below = replace(stats, consensus=0.747, level=DISCUSS)
    text = _text(ws, below)
    assert text.agreement.startswith("Agreement 0.74 ")
    assert 0.747 < ALIGNED_MIN_CONSENSUS and agreement_text(0.747) == "0.74"
    assert _text(ws, replace(stats, consensus=0.75)).agreement.startswith("Agreement 0.75 ")


def test_a_moved_median_is_never_called_unchanged(ws) -> None:
    """Act with precision in the demo: agreement barely moved, the median fell two stages."""
    stats = summarise(ws, 2).stats("act-with-precision")
    movement = _text(ws, stats).movement
    assert movement.startswith("= spread unchanged since round 1") and "median 3 Run → 1 Crawl" in movement
