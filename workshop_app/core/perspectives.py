"""Perspectives by role group: do leadership and the front line see a pillar the same way?

Participants belong to role groups (leadership, management, front line, IT and data,
or the facilitator's own). A group is suggested from the words of a role and can be
changed; the workshop stores the choice. Per pillar, each group's median and spread,
and the largest gap between two groups in plain words. Anonymity holds: in anonymous
results a group of fewer than MIN_GROUP raters is never shown on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from workshop_app.core import model
from workshop_app.core.anonymity import MIN_GROUP
from workshop_app.core.consensus import median_low, quartiles
from workshop_app.core.model import Participant, Workshop

LEADERSHIP, MANAGEMENT, FRONT_LINE, IT_DATA = "Leadership", "Management", "Front line", "IT and data"
#: The groups offered in the app, in the order a room reads them (top of the organisation first).
GROUPS = (LEADERSHIP, MANAGEMENT, FRONT_LINE, IT_DATA)
NO_GROUP = ""
OTHERS = "Other groups"

#: Words of a role, checked in this order: "Head of IT" is IT and data, "Head of Sales" leadership.
_SUGGESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (IT_DATA, ("it", "data", "analytics", "analyst", "engineer", "engineering", "developer", "architect",
               "technology", "digital", "cio", "cto", "cdo", "software", "ml", "ai", "scientist", "bi",
               "infrastructure", "security", "platform")),
    (LEADERSHIP, ("chief", "ceo", "coo", "cfo", "cmo", "cco", "cxo", "president", "vp", "vice", "director",
                  "head", "partner", "owner", "founder", "executive", "board", "md", "evp", "svp", "gm")),
    (MANAGEMENT, ("manager", "management", "lead", "leader", "supervisor", "coordinator", "principal",
                  "product", "programme", "program", "project", "owner")),
    (FRONT_LINE, ("agent", "advisor", "adviser", "associate", "representative", "rep", "operator",
                  "assistant", "specialist", "officer", "clerk", "technician", "consultant", "staff",
                  "frontline", "front", "support", "service", "sales", "care", "nurse", "driver", "team",
                  "operations", "contact", "centre", "center", "desk", "floor")),
)


def suggest_group(role: str) -> str:
    """The group a role's words suggest ("Head of Customer Care" -> Leadership), or "" when none fits."""
    words = set(re.findall(r"[a-z]+", role.casefold()))
    for group, keys in _SUGGESTIONS:
        if words & set(keys):
            return group
    return NO_GROUP


def group_of(participant: Participant, chosen: Mapping[str, str] | None = None) -> str:
    """The group this person is in: `chosen` (id -> group) first, then the one stored with the
    participant, else the suggestion from the role; "" for none."""
    picked = (chosen or {}).get(participant.id, participant.group)
    if picked == model.NO_GROUP:
        return NO_GROUP
    return picked if picked != model.GROUP_FROM_ROLE else suggest_group(participant.role)


def assigned_groups(participants: Iterable[Participant], chosen: Mapping[str, str] | None = None) -> dict[str, str]:
    """Participant id -> group ("" for nobody's group)."""
    return {p.id: group_of(p, chosen) for p in participants}


def workshop_groups(workshop: Workshop) -> dict[str, str]:
    """The groups stored in the workshop (chosen by the facilitator or suggested from roles)."""
    return assigned_groups(workshop.participants)


@dataclass(frozen=True)
class GroupStats:
    group: str
    n: int  # raters who gave a stage (don't-know is not a stage)
    median: int
    q1: float
    q3: float


@dataclass(frozen=True)
class PillarPerspective:
    pillar: str
    round: int
    groups: tuple[GroupStats, ...]  # only the groups that may be shown
    hidden: int  # raters left out of the breakdown (groups too small to show on their own)
    gap: int  # largest difference between two shown groups' medians, in stages
    gap_between: tuple[str, str] | None  # (higher group, lower group) when gap > 0


def pillar_perspectives(workshop: Workshop, groups: Mapping[str, str], round_number: int | None = None, *,
                        anonymous: bool = True, min_size: int = MIN_GROUP) -> list[PillarPerspective]:
    """Per pillar (as of `round_number`, default latest: a pillar not re-voted keeps its last round),
    each group's median and quartiles.

    Anonymous: a group with fewer than `min_size` raters on a pillar is merged into
    "Other groups", which is itself shown only when it reaches `min_size`; named, every
    group with a rater is shown.
    """
    latest = workshop.latest_round if round_number is None else round_number
    out = []
    for pillar in workshop.rubric.pillar_ids:
        rnd = workshop.last_round_with(pillar, latest) or latest
        stages: dict[str, list[int]] = {}
        for rating in workshop.ratings:
            if rating.pillar == pillar and rating.round == rnd and rating.stage is not None:
                group = groups.get(rating.participant, NO_GROUP) or OTHERS
                stages.setdefault(group, []).append(rating.stage)
        hidden = 0
        if anonymous:
            small = [g for g, v in stages.items() if len(v) < min_size and g != OTHERS]
            for g in small:
                stages.setdefault(OTHERS, []).extend(stages.pop(g))
            if OTHERS in stages and len(stages[OTHERS]) < min_size:
                hidden = len(stages.pop(OTHERS))
        shown = tuple(_stats(g, v) for g, v in sorted(stages.items(), key=lambda kv: _order(kv[0])))
        if len(shown) < 2 and anonymous:  # one group's median is the room's: it says nothing, show nothing
            hidden += sum(s.n for s in shown)
            shown = ()
        gap, between = 0, None
        if len(shown) >= 2:
            high = max(shown, key=lambda s: (s.median, -_order(s.group)[0]))
            low = min(shown, key=lambda s: (s.median, _order(s.group)[0]))
            gap = high.median - low.median
            between = (high.group, low.group) if gap > 0 else None
        out.append(PillarPerspective(pillar, rnd, shown, hidden, gap, between))
    return out


def gap_sentences(workshop: Workshop, perspectives: Iterable[PillarPerspective], *, limit: int = 3) -> list[str]:
    """The largest gaps in words, widest first: 'Leadership rates Act with precision two stages above the
    front line (3 Run against 1 Crawl).' Gaps under one stage are not news."""
    rubric = workshop.rubric
    ranked = sorted((p for p in perspectives if p.gap >= 1 and p.gap_between),
                    key=lambda p: (-p.gap, rubric.pillar_ids.index(p.pillar)))
    lines = []
    for p in ranked[:limit]:
        assert p.gap_between is not None
        high, low = p.gap_between
        by_group = {s.group: s for s in p.groups}
        stages = "one stage" if p.gap == 1 else f"{_number_word(p.gap)} stages"
        lines.append(f"{high} rates {rubric.pillar(p.pillar).name} {stages} above "
                     f"{_the(low)} ({rubric.stage_label(by_group[high].median)} against "
                     f"{rubric.stage_label(by_group[low].median)}).")
    return lines


def _stats(group: str, values: list[int]) -> GroupStats:
    q1, q3 = quartiles(sorted(values))
    return GroupStats(group, len(values), median_low(sorted(values)), q1, q3)


def _order(group: str) -> tuple[int, str]:
    if group in GROUPS:
        return (GROUPS.index(group), group)
    return (len(GROUPS) + (1 if group == OTHERS else 0), group.casefold())


def _the(group: str) -> str:
    """'the front line', 'management', 'Other groups' -> 'the other groups': the lower group mid-sentence."""
    if group == FRONT_LINE:
        return "the front line"
    if group == OTHERS:
        return "the other groups"
    return group if group not in (LEADERSHIP, MANAGEMENT) else group.lower()


def _number_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}.get(n, str(n))
