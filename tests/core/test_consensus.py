"""Consensus statistics: hand-checked cases and invariants over random rooms."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core import operations as ops
from workshop_app.core.consensus import (
    ALIGNED,
    DISCUSS,
    NO_DATA,
    POLARISED,
    SPLIT,
    find_camps,
    outliers_of,
    quartiles,
    stats_from_ratings,
    summarise,
    tastle_wierman,
)
from workshop_app.core.demo import build_demo


def room(*stages: int | None) -> dict[str, int | None]:
    return {f"p{i}": s for i, s in enumerate(stages)}


def test_tastle_wierman_known_values() -> None:
    assert tastle_wierman([0, 5, 0, 0]) == 1.0
    assert tastle_wierman([3, 0, 0, 3]) == pytest.approx(0.0)
    # Two adjacent stages split evenly on a 4-point scale: 1 + log2(1 - 0.5/3)
    assert tastle_wierman([0, 4, 4, 0]) == pytest.approx(1 + math.log2(5 / 6))
    # Worked by hand: 6 at stage 2, 2 at stage 3; mu = 2.25, d = 3.
    expected = 1 + 0.75 * math.log2(1 - 0.25 / 3) + 0.25 * math.log2(1 - 0.75 / 3)
    assert tastle_wierman([0, 6, 2, 0]) == pytest.approx(expected)
    assert tastle_wierman([0, 0, 0, 0]) is None


def test_lower_median_with_flag() -> None:
    s = stats_from_ratings("x", 1, 4, room(1, 1, 2, 2))
    assert s.median == 1 and s.median_split
    s = stats_from_ratings("x", 1, 4, room(2, 2, 3, 2))
    assert s.median == 2 and not s.median_split


def test_dont_know_is_counted_never_a_stage() -> None:
    s = stats_from_ratings("x", 1, 4, room(4, 4, None, None, None))
    assert (s.n, s.dont_know, s.median, s.counts) == (2, 3, 4, (0, 0, 0, 2))
    empty = stats_from_ratings("x", 1, 4, room(None, None))
    assert (empty.n, empty.dont_know, empty.median, empty.consensus, empty.level) == (0, 2, None, None, NO_DATA)


def test_quartiles_and_iqr() -> None:
    assert quartiles([1, 2, 3, 4, 5]) == (2.0, 4.0)
    assert quartiles([3]) == (3.0, 3.0)
    s = stats_from_ratings("x", 1, 5, room(1, 2, 3, 4, 5))
    assert s.iqr == 2.0 and (s.low, s.high) == (1, 5)


def test_outlier_is_two_stages_from_the_median_of_the_others() -> None:
    ratings = room(2, 2, 2, 2, 4)
    assert outliers_of({k: v for k, v in ratings.items() if v is not None}) == ("p4",)
    assert outliers_of({"a": 1, "b": 2, "c": 2, "d": 3}) == ()
    assert outliers_of({"a": 1, "b": 4}) == ()  # two people: nobody is "the others"


def test_polarisation_needs_two_camps_apart_with_nobody_between() -> None:
    assert find_camps({"a": 1, "b": 1, "c": 1, "d": 4, "e": 4, "f": 4}, 4) is not None
    assert find_camps({"a": 1, "b": 1, "c": 3, "d": 3}, 4) is not None
    assert find_camps({"a": 1, "b": 2, "c": 3, "d": 4}, 4) is None  # a spread, not two camps
    assert find_camps({"a": 2, "b": 2, "c": 2, "d": 2, "e": 2, "f": 4}, 4) is None  # one outlier
    assert find_camps({"a": 1, "b": 1, "c": 2, "d": 3, "e": 3}, 4) is None  # someone between
    low, high = find_camps({"a": 1, "b": 1, "c": 1, "d": 3, "e": 3, "f": 3}, 4)
    assert set(low) == {"a", "b", "c"} and set(high) == {"d", "e", "f"}


@pytest.mark.parametrize(
    ("stages", "level"),
    [
        ((2, 2, 2, 2, 2, 2, 3, 2), ALIGNED),
        ((2, 2, 2, 2, 3, 3, 3, 3), DISCUSS),
        ((2, 2, 2, 2, 2, 2, 2, 4), DISCUSS),  # an outlier keeps it from "aligned"
        ((1, 2, 3, 4, 1, 2, 3, 4), SPLIT),
        ((1, 1, 1, 1, 4, 4, 4, 4), POLARISED),
        # 2-4 raters: the range decides
        ((2, 3), ALIGNED),
        ((1, 3, 2), DISCUSS),
        ((1, 4, 2), SPLIT),
        ((1, 1, 3, 3), POLARISED),
    ],
)
def test_levels(stages: tuple[int, ...], level: str) -> None:
    assert stats_from_ratings("x", 1, 4, room(*stages)).level == level


def test_demo_summary_and_movement() -> None:
    ws = build_demo()
    summary = summarise(ws)
    act = summary.stats("act-with-precision")
    assert act.round == 2 and act.level == POLARISED and act.median == 1 and act.median_split
    assert act.movement is not None and act.movement.from_round == 1 and act.movement.median_delta == -2
    know = summary.stats("know-your-maturity")
    assert know.movement.verdict == "converged"
    first = summarise(ws, 1)
    grace = ws.participants[7].id
    assert first.stats("know-your-maturity").outliers == (grace,)
    # pillars not re-voted keep round 1 figures in round 2's summary
    assert summary.stats("reality-over-hype").round == 1
    # overall: weakest link of the agreed stages (act-with-precision overridden to 2)
    assert summary.overall.pillar_stages == {
        "reality-over-hype": 2, "know-your-maturity": 1, "act-with-precision": 2, "sustain-at-scale": 1,
    }
    assert summary.overall.stage == 1 and summary.overall.median_of_pillars == 1
    assert set(summary.overall.weakest) == {"know-your-maturity", "sustain-at-scale"}


def test_overall_uses_medians_where_undecided_and_the_rubric_rule() -> None:
    ws = build_demo()
    ws.decisions.clear()
    overall = summarise(ws).overall
    assert overall.from_decisions == () and overall.stage == 1
    ops.set_decision(ws, "sustain-at-scale", 3, 4, "evidence shown")
    ops.set_decision(ws, "know-your-maturity", 3, 4, "evidence shown")
    ops.set_decision(ws, "act-with-precision", 3, 4, "evidence shown")
    overall = summarise(ws).overall
    assert overall.stage == 2  # reality-over-hype median 2 is now the weakest link
    from dataclasses import replace

    ws.rubric = replace(ws.rubric, overall_rule="median")
    assert summarise(ws).overall.stage == 3


def test_by_role_medians() -> None:
    roles = {"p0": "IT", "p1": "IT", "p2": "CX"}
    s = stats_from_ratings("x", 1, 4, room(1, 2, 4), roles)
    assert s.by_role == {"CX": (4, 1), "IT": (1, 2)}


# ------------------------------------------------------------------ invariants

ratings_strategy = st.integers(min_value=2, max_value=10).flatmap(
    lambda k: st.tuples(
        st.just(k),
        st.lists(st.one_of(st.none(), st.integers(1, k)), min_size=0, max_size=40),
    )
)


@settings(max_examples=300, deadline=None)
@given(ratings_strategy)
def test_invariants(data: tuple[int, list[int | None]]) -> None:
    k, values = data
    s = stats_from_ratings("x", 1, k, room(*values))
    stages = [v for v in values if v is not None]
    assert s.n == len(stages) and s.dont_know == len(values) - len(stages)
    assert sum(s.counts) == s.n and len(s.counts) == k
    if not stages:
        assert s.median is None and s.level == NO_DATA
        return
    assert 0.0 <= s.consensus <= 1.0
    assert s.low <= s.median <= s.high
    assert 0 <= s.iqr <= s.high - s.low
    assert (s.consensus == pytest.approx(1.0)) == (s.low == s.high)
    # the lower median: at least half the ratings are at or below it
    assert sum(1 for v in stages if v <= s.median) * 2 >= s.n
    assert sum(1 for v in stages if v >= s.median) * 2 >= s.n
    assert set(s.outliers) <= {p for p, v in room(*values).items() if v is not None}
    if s.polarised:
        low, high = s.camps
        assert low and high and not set(low) & set(high)
    if s.level == "aligned":
        assert s.n <= 4 or s.iqr <= 1


@settings(max_examples=200, deadline=None)
@given(ratings_strategy, st.randoms())
def test_order_of_raters_does_not_matter(data: tuple[int, list[int | None]], rnd) -> None:
    k, values = data
    shuffled = list(values)
    rnd.shuffle(shuffled)
    a = stats_from_ratings("x", 1, k, room(*values))
    b = stats_from_ratings("x", 1, k, room(*shuffled))
    assert (a.counts, a.median, a.consensus, a.iqr, a.level, a.polarised) == (
        b.counts, b.median, b.consensus, b.iqr, b.level, b.polarised,
    )


@settings(max_examples=200, deadline=None)
@given(ratings_strategy)
def test_mirroring_the_scale_mirrors_the_figures(data: tuple[int, list[int | None]]) -> None:
    k, values = data
    a = stats_from_ratings("x", 1, k, room(*values))
    b = stats_from_ratings("x", 1, k, room(*[None if v is None else k + 1 - v for v in values]))
    if a.n:
        assert b.consensus == pytest.approx(a.consensus)
        assert b.iqr == pytest.approx(a.iqr)
        assert b.polarised == a.polarised
        # outliers are not mirrored: the lower median leans down on both scales


@given(st.lists(st.integers(1, 10), min_size=1, max_size=50))
def test_median_low_matches_the_standard_library(values: list[int]) -> None:
    import statistics

    from workshop_app.core.consensus import median_low

    assert median_low(values) == statistics.median_low(values)


@pytest.mark.parametrize(("value", "text"), [(0.747, "0.74"), (0.75, "0.75"), (0.7499999, "0.74"), (1.0, "1.00"),
                                             (0.29, "0.29"), (0.1 + 0.2, "0.30"), (0.0, "0.00")])
def test_agreement_is_printed_rounded_down_so_it_never_reaches_a_threshold_it_misses(value: float,
                                                                                     text: str) -> None:
    from workshop_app.core.consensus import ALIGNED_MIN_CONSENSUS, agreement_text

    assert agreement_text(value) == text
    assert (float(agreement_text(value)) >= ALIGNED_MIN_CONSENSUS) == (value >= ALIGNED_MIN_CONSENSUS)
