"""Consensus and disagreement statistics for ordinal stage ratings.

Ratings are stage numbers 1..K; "don't know" (None) is counted, never a stage.
The thresholds below are the documented rules; the methodology text quotes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from itertools import groupby

from workshop_app.core.model import Workshop

# Plain-words levels, from most to least agreement.
ALIGNED, DISCUSS, SPLIT, POLARISED, NO_DATA = "aligned", "discuss", "split", "polarised", "no ratings"
LEVELS = (ALIGNED, DISCUSS, SPLIT, POLARISED)
LEVEL_SYMBOLS = {ALIGNED: "●", DISCUSS: "◐", SPLIT: "○", POLARISED: "⇆", NO_DATA: "–"}
LEVEL_TEXT = {
    ALIGNED: "The room agrees",
    DISCUSS: "Mostly agreed; hear the outliers",
    SPLIT: "Views are spread; discuss before deciding",
    POLARISED: "Two camps; find out why before deciding",
    NO_DATA: "No stage ratings yet",
}

#: Level rules for five or more raters (Tastle-Wierman consensus and Delphi IQR).
ALIGNED_MIN_CONSENSUS = 0.75
DISCUSS_MIN_CONSENSUS = 0.55
DELPHI_MAX_IQR = 1.0
#: With 2-4 raters quartiles say little, so the level follows the range instead.
SMALL_GROUP_MAX = 4
OUTLIER_DISTANCE = 2
POLARISED_MIN_GAP = 2


def agreement_text(value: float) -> str:
    """The agreement figure (0..1) as every screen, the command line and the handout print it: two
    decimals rounded down, so a figure counted below a threshold never reads as reaching it (0.747 is
    shown as 0.74, not 0.75, since it is below ALIGNED_MIN_CONSENSUS)."""
    return f"{math.floor(round(value * 100, 6)) / 100:.2f}"


@dataclass(frozen=True)
class Movement:
    """How a pillar changed since the previous round that voted on it."""

    from_round: int
    median_delta: int
    consensus_delta: float
    iqr_delta: float
    verdict: str  # "converged", "diverged" or "unchanged"


@dataclass(frozen=True)
class PillarStats:
    pillar: str
    round: int
    k: int
    counts: tuple[int, ...]  # ratings per stage, index 0 = stage 1
    n: int  # stage ratings (don't know excluded)
    dont_know: int
    median: int | None  # lower median
    median_split: bool  # even n with two different middle stages
    mean: float | None  # a hint only: ratings are ordinal
    consensus: float | None  # Tastle-Wierman, 1 = full agreement
    q1: float | None
    q3: float | None
    iqr: float | None
    low: int | None
    high: int | None
    outliers: tuple[str, ...]  # participant ids
    polarised: bool
    camps: tuple[tuple[str, ...], tuple[str, ...]]  # (lower camp, upper camp) when polarised
    level: str
    by_role: dict[str, tuple[int, int]] = field(default_factory=dict)  # role -> (median, n)
    movement: Movement | None = None

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def symbol(self) -> str:
        return LEVEL_SYMBOLS[self.level]


# --------------------------------------------------------------------------- pure measures


def median_low(values: list[int]) -> int:
    """The lower median: with two middle values, the lower one (never overstate maturity).

    Written out rather than imported from `statistics`, which costs start-up time.
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of no ratings")
    return ordered[(len(ordered) - 1) // 2]


def tastle_wierman(counts: list[int] | tuple[int, ...]) -> float | None:
    """Cns = 1 + sum p_i log2(1 - |i - mu| / d); None without ratings."""
    n = sum(counts)
    k = len(counts)
    if n == 0 or k < 2:
        return None
    d = k - 1
    mu = sum((i + 1) * c for i, c in enumerate(counts)) / n
    total = 0.0
    for i, c in enumerate(counts):
        if c:
            share = 1 - abs(i + 1 - mu) / d
            if share <= 0:  # only reachable through rounding at an extreme
                share = 1e-12
            total += c / n * math.log2(share)
    return max(0.0, min(1.0, 1 + total))


def quartiles(values: list[int]) -> tuple[float, float]:
    """Q1 and Q3 by linear interpolation between ordered ratings (the 'inclusive' method)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return float(ordered[0]), float(ordered[0])

    def at(q: float) -> float:
        pos = q * (len(ordered) - 1)
        lo = math.floor(pos)
        hi = min(lo + 1, len(ordered) - 1)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)

    return at(0.25), at(0.75)


def find_camps(stages: dict[str, int], k: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Two camps at least two stages apart with (almost) nobody between, else None.

    Each camp needs max(2, n/4 rounded up) raters; at most n/10 (rounded down)
    may sit between them.
    """
    n = len(stages)
    if n < 4:
        return None
    min_camp = max(2, math.ceil(n / 4))
    max_between = n // 10
    # Camp sizes come from running totals per stage; the tuples are built once, for the best pair.
    at_or_below = [0] * (k + 2)  # at_or_below[s]: raters at stage s or lower
    for s in stages.values():
        at_or_below[s] += 1
    for s in range(1, k + 2):
        at_or_below[s] += at_or_below[s - 1]
    best: tuple[int, int, int] | None = None
    for low_top in range(1, k + 1):
        low = at_or_below[low_top]
        for high_bottom in range(low_top + POLARISED_MIN_GAP, k + 1):
            high = n - at_or_below[high_bottom - 1]
            if low >= min_camp and high >= min_camp and n - low - high <= max_between:
                if best is None or low + high > best[0]:
                    best = (low + high, low_top, high_bottom)
    if best is None:
        return None
    _, low_top, high_bottom = best
    return (tuple(p for p, s in stages.items() if s <= low_top),
            tuple(p for p, s in stages.items() if s >= high_bottom))


def outliers_of(stages: dict[str, int]) -> tuple[str, ...]:
    """Raters two or more stages from the (lower) median of everyone else's ratings."""
    if len(stages) < 3:
        return ()
    ordered = sorted(stages.values())
    # Leaving out one rating of stage s gives the same median for every rater at s,
    # so compute it once per distinct stage instead of once per rater.
    far: set[int] = set()
    for stage in set(ordered):
        i = ordered.index(stage)
        if abs(stage - median_low(ordered[:i] + ordered[i + 1:])) >= OUTLIER_DISTANCE:
            far.add(stage)
    if not far:
        return ()
    return tuple(p for p, s in stages.items() if s in far)


def level_for(n: int, consensus: float | None, iqr: float | None, spread: int | None,
              outliers: tuple[str, ...], polarised: bool) -> str:
    """The plain-words level; the rules are quoted in the methodology text."""
    if n == 0 or consensus is None or iqr is None or spread is None:
        return NO_DATA
    if polarised:
        return POLARISED
    if n <= SMALL_GROUP_MAX:
        if spread <= 1:
            return ALIGNED
        return DISCUSS if spread == 2 else SPLIT
    if consensus >= ALIGNED_MIN_CONSENSUS and iqr <= DELPHI_MAX_IQR and not outliers:
        return ALIGNED
    if consensus >= DISCUSS_MIN_CONSENSUS and iqr <= DELPHI_MAX_IQR:
        return DISCUSS
    return SPLIT


def stats_from_ratings(pillar: str, round_number: int, k: int, ratings: dict[str, int | None],
                       roles: dict[str, str] | None = None) -> PillarStats:
    """Statistics for one pillar from {participant id: stage or None}."""
    stages = {p: s for p, s in ratings.items() if s is not None}
    values = list(stages.values())
    n = len(values)
    dont_know = len(ratings) - n
    counts = [0] * k
    if n:
        ordered = sorted(values)
        for stage, same in groupby(ordered):  # k runs instead of n increments
            counts[stage - 1] = sum(1 for _ in same)
        med = median_low(ordered)
        split = n % 2 == 0 and ordered[n // 2 - 1] != ordered[n // 2]
        q1, q3 = quartiles(values)
        iqr: float | None = q3 - q1
        low, high = ordered[0], ordered[-1]
        mean: float | None = sum(values) / n
    else:
        med, split, q1, q3, iqr, low, high, mean = None, False, None, None, None, None, None, None
    consensus = tastle_wierman(counts)
    camps = find_camps(stages, k)
    outliers = outliers_of(stages)
    by_role: dict[str, tuple[int, int]] = {}
    if roles:
        grouped: dict[str, list[int]] = {}
        for p, s in stages.items():
            grouped.setdefault(roles.get(p, "") or "(no role)", []).append(s)
        by_role = {role: (median_low(v), len(v)) for role, v in sorted(grouped.items())}
    return PillarStats(
        pillar=pillar, round=round_number, k=k, counts=tuple(counts), n=n, dont_know=dont_know,
        median=med, median_split=split, mean=mean, consensus=consensus, q1=q1, q3=q3, iqr=iqr,
        low=low, high=high, outliers=outliers, polarised=camps is not None,
        camps=camps or ((), ()),
        level=level_for(n, consensus, iqr, None if low is None else high - low, outliers, camps is not None),
        by_role=by_role,
    )


def movement_between(before: PillarStats, after: PillarStats) -> Movement | None:
    if before.n == 0 or after.n == 0:
        return None
    assert before.median is not None and after.median is not None
    assert before.consensus is not None and after.consensus is not None
    assert before.iqr is not None and after.iqr is not None
    c_delta = after.consensus - before.consensus
    i_delta = after.iqr - before.iqr
    if c_delta > 0.05 or (abs(c_delta) <= 0.05 and i_delta < 0):
        verdict = "converged"
    elif c_delta < -0.05 or i_delta > 0:
        verdict = "diverged"
    else:
        verdict = "unchanged"
    return Movement(before.round, after.median - before.median, c_delta, i_delta, verdict)


# --------------------------------------------------------------------------- on a workshop


RatingIndex = dict[tuple[str, int], dict[str, "int | None"]]


def index_ratings(workshop: Workshop, rounds: set[int] | None = None,
                  pillars: set[str] | None = None) -> RatingIndex:
    """{(pillar, round): {participant: stage}} in one pass over the ratings (of some rounds and pillars only)."""
    index: RatingIndex = {}
    for r in workshop.ratings:
        if (rounds is not None and r.round not in rounds) or (pillars is not None and r.pillar not in pillars):
            continue
        try:
            index[r.pillar, r.round][r.participant] = r.stage
        except KeyError:
            index[r.pillar, r.round] = {r.participant: r.stage}
    return index


def pillar_stats(workshop: Workshop, pillar_id: str, round_number: int,
                 index: RatingIndex | None = None, roles: dict[str, str] | None = None) -> PillarStats:
    """Statistics of one pillar in one round, with its movement from the round before."""
    previous = workshop.last_round_with(pillar_id, round_number - 1)
    if index is None:  # one pillar: index only the two rounds it needs
        index = index_ratings(workshop, {round_number} if previous is None else {round_number, previous},
                              {pillar_id})
    k = workshop.rubric.k
    if roles is None:
        roles = {p.id: p.role for p in workshop.participants}
    stats = _known_stats(pillar_id, round_number, k, index.get((pillar_id, round_number), {}), roles)
    if previous is None:
        return stats
    before = _known_stats(pillar_id, previous, k, index.get((pillar_id, previous), {}), None)
    return replace(stats, movement=movement_between(before, stats))


#: Statistics already computed, by everything they are computed from (see `_known_stats`).
_KNOWN: dict[tuple, PillarStats] = {}
_KNOWN_MAX = 256


def _known_stats(pillar: str, round_number: int, k: int, ratings: dict[str, int | None],
                 roles: dict[str, str] | None) -> PillarStats:
    """`stats_from_ratings`, remembered by its whole input: the ratings in order and, when
    roles are asked for, each rater's role.

    One edit in a big room changes one pillar; the other pillars' figures (two rounds
    each) are then found again from their inputs instead of recomputed. The key holds
    every value the result depends on, so a remembered result is never stale.
    Results are shared: PillarStats is frozen and nobody changes its by_role dict.
    """
    ratings_key = tuple(ratings.items())
    roles_key = tuple(roles.get(p, "") for p in ratings) if roles else None
    key = (pillar, round_number, k, ratings_key, roles_key)
    found = _KNOWN.get(key)
    if found is None:
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.clear()
        found = _KNOWN[key] = stats_from_ratings(pillar, round_number, k, ratings, roles)
    return found


@dataclass(frozen=True)
class Overall:
    stage: int | None  # by the rubric's rule
    rule: str
    median_of_pillars: int | None
    pillar_stages: dict[str, int]  # the stage used for each pillar
    from_decisions: tuple[str, ...]  # pillars whose agreed stage was used
    missing: tuple[str, ...]  # pillars with neither a decision nor ratings
    weakest: tuple[str, ...]  # pillars at the lowest stage


@dataclass(frozen=True)
class Summary:
    round: int
    pillars: tuple[PillarStats, ...]
    overall: Overall

    def stats(self, pillar_id: str) -> PillarStats:
        for s in self.pillars:
            if s.pillar == pillar_id:
                return s
        raise KeyError(pillar_id)


def summarise(workshop: Workshop, round_number: int | None = None) -> Summary:
    """Every pillar as of a round (latest by default): a pillar not re-voted in that
    round keeps the statistics of the last round that voted on it."""
    latest = workshop.latest_round
    number = latest if round_number is None else round_number
    if workshop.rounds and number not in {r.number for r in workshop.rounds}:
        raise ValueError(f"no round {number} (rounds: 1..{latest})")
    voted = {p: workshop.last_round_with(p, number) or max(number, 1) for p in workshop.rubric.pillar_ids}
    # Only the rounds shown and the ones they are compared with are read.
    needed = set(voted.values()) | {workshop.last_round_with(p, v - 1) for p, v in voted.items()}
    index = index_ratings(workshop, {n for n in needed if n is not None})
    roles = {p.id: p.role for p in workshop.participants}
    pillars = [pillar_stats(workshop, pillar_id, v, index, roles) for pillar_id, v in voted.items()]
    return Summary(round=number, pillars=tuple(pillars), overall=overall_stage(workshop, pillars))


def overall_stage(workshop: Workshop, pillars: list[PillarStats] | tuple[PillarStats, ...]) -> Overall:
    """Overall stage by the rubric's rule, from agreed stages where decided, else medians."""
    used: dict[str, int] = {}
    decided: list[str] = []
    missing: list[str] = []
    for stats in pillars:
        agreed = workshop.decisions.get(stats.pillar)
        if agreed is not None and agreed.agreed is not None:
            used[stats.pillar] = agreed.agreed
            decided.append(stats.pillar)
        elif stats.median is not None:
            used[stats.pillar] = stats.median
        else:
            missing.append(stats.pillar)
    rule = workshop.rubric.overall_rule
    values = list(used.values())
    med = median_low(values) if values else None
    stage = (min(values) if values else None) if rule == "weakest-link" else med
    lowest = min(values, default=None)
    return Overall(
        stage=stage, rule=rule, median_of_pillars=med, pillar_stages=used,
        from_decisions=tuple(decided), missing=tuple(missing),
        weakest=tuple(p for p, s in used.items() if s == lowest),
    )
