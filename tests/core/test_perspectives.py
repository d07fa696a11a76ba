"""Perspectives by role group: suggestions, per-group medians, suppression of small groups, gaps in words."""

from __future__ import annotations

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.perspectives import (
    FRONT_LINE,
    IT_DATA,
    LEADERSHIP,
    MANAGEMENT,
    OTHERS,
    assigned_groups,
    gap_sentences,
    pillar_perspectives,
    suggest_group,
)
from workshop_app.core.rubric import find_rubric


@pytest.mark.parametrize(("role", "group"), [
    ("Chief Operating Officer", LEADERSHIP), ("Head of Customer Care", LEADERSHIP), ("VP Sales", LEADERSHIP),
    ("Head of IT", IT_DATA), ("Data Analyst", IT_DATA), ("ML engineer", IT_DATA),
    ("Contact Centre Manager", MANAGEMENT), ("Team Lead", MANAGEMENT),
    ("Customer Service Agent", FRONT_LINE), ("Sales representative", FRONT_LINE),
    ("Contact Centre Operations", FRONT_LINE), ("Chief Operating Officer", LEADERSHIP),
    ("", ""), ("Legal counsel", ""),
])
def test_groups_are_suggested_from_role_words(role: str, group: str) -> None:
    assert suggest_group(role) == group


def room(stages: dict[str, list[int]]) -> tuple[Workshop, dict[str, str]]:
    """A workshop with one pillar rated: group -> the stages its members gave."""
    ws = Workshop(rubric=find_rubric("crawl-walk-run-fly"))
    ws.ensure_first_round()
    pillar = ws.rubric.pillar_ids[2]
    groups = {}
    for group, values in stages.items():
        for i, stage in enumerate(values):
            person, _ = ops.add_participant(ws, f"{group} {i}", group)
            ops.set_rating(ws, person.id, pillar, 1, stage)
            groups[person.id] = group
    return ws, groups


def test_medians_per_group_and_the_gap_in_words() -> None:
    ws, groups = room({LEADERSHIP: [3, 3, 4], FRONT_LINE: [1, 1, 2, 1]})
    view = next(p for p in pillar_perspectives(ws, groups) if p.groups)
    assert [(g.group, g.median, g.n) for g in view.groups] == [(LEADERSHIP, 3, 3), (FRONT_LINE, 1, 4)]
    assert view.gap == 2 and view.gap_between == (LEADERSHIP, FRONT_LINE)
    assert gap_sentences(ws, [view]) == [
        "Leadership rates Act with precision two stages above the front line (3 Run against 1 Crawl)."]


def test_anonymous_never_shows_a_group_of_fewer_than_three() -> None:
    ws, groups = room({LEADERSHIP: [4, 4], FRONT_LINE: [1, 1, 2], IT_DATA: [2]})
    view = next(p for p in pillar_perspectives(ws, groups) if p.groups)
    shown = {g.group: g.n for g in view.groups}
    assert shown == {FRONT_LINE: 3, OTHERS: 3}  # leadership (2) and IT (1) only merged
    named = next(p for p in pillar_perspectives(ws, groups, anonymous=False) if p.groups)
    assert {g.group: g.n for g in named.groups} == {LEADERSHIP: 2, FRONT_LINE: 3, IT_DATA: 1}


def test_a_breakdown_that_would_expose_someone_is_left_out() -> None:
    ws, groups = room({LEADERSHIP: [4, 4, 4], FRONT_LINE: [1, 1]})
    view = next(p for p in pillar_perspectives(ws, groups) if p.hidden or p.groups)
    assert view.groups == () and view.hidden == 5  # one group alone would be the room's median
    assert gap_sentences(ws, [view]) == []


def test_dont_know_is_not_a_stage_and_the_chosen_group_wins_over_the_suggestion() -> None:
    ws = build_demo()
    chosen = {ws.participants[0].id: MANAGEMENT}
    groups = assigned_groups(ws.participants, chosen)
    assert groups[ws.participants[0].id] == MANAGEMENT
    for view in pillar_perspectives(ws, groups, anonymous=False):
        rated = [r for r in ws.ratings if r.pillar == view.pillar and r.round == view.round and r.stage is not None]
        assert sum(g.n for g in view.groups) == len(rated)


def test_the_stored_group_wins_and_survives_a_save(tmp_path) -> None:  # noqa: ANN001
    from workshop_app.core.perspectives import workshop_groups
    from workshop_app.core.storage import load_workshop, save_workshop

    ws = build_demo()
    first, second = ws.participants[0], ws.participants[1]
    ops.set_participant_group(ws, first.id, "Board")
    ops.set_participant_group(ws, second.id, "-")
    with pytest.raises(ops.OperationError):
        ops.set_participant_group(ws, first.id, "x" * 500)
    save_workshop(ws, tmp_path / "g.workshop")
    again = load_workshop(tmp_path / "g.workshop")
    groups = workshop_groups(again)
    assert groups[first.id] == "Board" and groups[second.id] == ""
    assert groups[ws.participants[2].id] == suggest_group(ws.participants[2].role)
