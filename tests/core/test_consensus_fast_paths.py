"""The shortcuts that keep a 200-person room fast give the figures the plain definitions give."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core.consensus import (
    OUTLIER_DISTANCE,
    POLARISED_MIN_GAP,
    find_camps,
    index_ratings,
    median_low,
    outliers_of,
    pillar_stats,
    stats_from_ratings,
    summarise,
)
from workshop_app.core.sample import large_workshop


def camps_by_definition(stages: dict[str, int], k: int):  # type: ignore[no-untyped-def]
    """Every pair of camp boundaries tried, the camps built for each (the rule as documented)."""
    n = len(stages)
    if n < 4:
        return None
    min_camp, max_between = max(2, math.ceil(n / 4)), n // 10
    best = None
    for low_top in range(1, k + 1):
        for high_bottom in range(low_top + POLARISED_MIN_GAP, k + 1):
            low = tuple(p for p, s in stages.items() if s <= low_top)
            high = tuple(p for p, s in stages.items() if s >= high_bottom)
            if len(low) >= min_camp and len(high) >= min_camp and n - len(low) - len(high) <= max_between:
                if best is None or len(low) + len(high) > best[0]:
                    best = (len(low) + len(high), (low, high))
    return best[1] if best else None


def outliers_by_definition(stages: dict[str, int]) -> tuple[str, ...]:
    if len(stages) < 3:
        return ()
    return tuple(p for p, s in stages.items()
                 if abs(s - median_low([t for q, t in stages.items() if q != p])) >= OUTLIER_DISTANCE)


@st.composite
def rooms(draw: st.DrawFn) -> tuple[int, dict[str, int]]:
    k = draw(st.integers(2, 7))
    values = draw(st.lists(st.integers(1, k), max_size=60))
    return k, {f"p{i}": v for i, v in enumerate(values)}


@settings(max_examples=300, deadline=None)
@given(rooms())
def test_camps_outliers_and_counts_match_their_definitions(room: tuple[int, dict[str, int]]) -> None:
    k, stages = room
    assert find_camps(stages, k) == camps_by_definition(stages, k)
    assert outliers_of(stages) == outliers_by_definition(stages)
    counts = Counter(stages.values())
    assert stats_from_ratings("x", 1, k, dict(stages)).counts == tuple(counts[s] for s in range(1, k + 1))


def test_index_of_some_rounds_and_pillars_is_that_part_of_the_whole_index() -> None:
    ws = large_workshop(12, 4, 3)
    whole = index_ratings(ws)
    part = index_ratings(ws, {2, 3}, {"p1", "p3"})
    assert part == {key: value for key, value in whole.items() if key[1] in {2, 3} and key[0] in {"p1", "p3"}}
    assert part and index_ratings(ws, {99}) == {}


def test_one_pillar_on_its_own_matches_the_summary() -> None:
    ws = large_workshop(30, 6, 4, stages=4, seed=3)
    for number in range(1, ws.latest_round + 1):
        for stats in summarise(ws, number).pillars:
            alone = pillar_stats(ws, stats.pillar, stats.round)
            assert alone == stats
            assert (alone.movement is None) == (ws.last_round_with(stats.pillar, stats.round - 1) is None)
