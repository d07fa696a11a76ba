"""Progress since the last workshop: matched and mismatched rubrics, actions done, the follow-up workshop."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from workshop_app.core import operations as ops
from workshop_app.core.compare import (
    FOLLOW_UP_PREFIX,
    compare_workshops,
    comparison_as_dict,
    follow_up,
    format_comparison,
    movement_words,
)
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import shipped_rubrics
from workshop_app.core.storage import load_workshop, save_workshop


def rate_all(ws: Workshop, stages: dict[str, int], *, reveal: bool = True) -> None:
    """Every participant gives each pillar the stage given (so the median is that stage)."""
    ws.ensure_first_round()
    for person in ws.participants:
        for pillar, stage in stages.items():
            ops.set_rating(ws, person.id, pillar, ws.latest_round, stage)
    if reveal:
        ops.set_revealed(ws, ws.latest_round)


def later_from(old: Workshop, stages: dict[str, int]) -> Workshop:
    new = follow_up(old, today=dt.date(2027, 5, 20))
    rate_all(new, stages)
    return new


def test_same_rubric_compares_every_pillar() -> None:
    old = build_demo()
    now = {p: 3 for p in old.rubric.pillar_ids}
    new = later_from(old, now)
    c = compare_workshops(old, new)
    assert c.comparable and c.problems == ()
    assert [p.pillar for p in c.pillars] == list(old.rubric.pillar_ids)
    for p in c.pillars:
        assert p.then == old.decisions[p.pillar].agreed and p.then_agreed
        assert p.now == 3 and not p.now_agreed
        assert p.movement == 3 - p.then
    assert c.overall_then == min(d.agreed for d in old.decisions.values())  # weakest link
    assert c.overall_now == 3


def test_earlier_median_is_used_where_nothing_was_agreed() -> None:
    old = build_demo()
    old.decisions.clear()
    new = later_from(old, {p: 2 for p in old.rubric.pillar_ids})
    c = compare_workshops(old, new)
    from workshop_app.core.consensus import summarise

    medians = {s.pillar: s.median for s in summarise(old).pillars}
    assert {p.pillar: p.then for p in c.pillars} == medians
    assert not any(p.then_agreed for p in c.pillars)


def test_actions_done_then_or_marked_done_in_the_follow_up() -> None:
    old = build_demo()
    first, second, third = old.actions[:3]
    first.status = "done"
    new = later_from(old, {p: 2 for p in old.rubric.pillar_ids})
    assert first.id not in {a.id for a in new.actions}  # done actions are not carried over
    ops.update_action(new, second.id, status="done")
    c = compare_workshops(old, new)
    done = {a.id for a in c.done}
    assert done == {first.id, second.id}
    assert third.id in {a.id for a in c.still_open}
    data = comparison_as_dict(c)
    assert sum(a["done"] for a in data["actions"]) == 2
    text = format_comparison(c)
    assert f"2 of {len(old.actions)} actions done" in text
    assert f"[done] {second.title}" in text


def test_blind_round_of_today_is_not_shown() -> None:
    old = build_demo()
    new = follow_up(old)
    rate_all(new, {p: 4 for p in old.rubric.pillar_ids}, reveal=False)
    c = compare_workshops(old, new)
    assert c.comparable
    assert all(p.now is None and p.movement is None for p in c.pillars)
    assert c.overall_now is None
    assert "4 Fly" not in format_comparison(c)


def test_other_rubric_is_explained_never_guessed() -> None:
    old = build_demo()
    other = next(r for r in shipped_rubrics() if r.id != old.rubric.id and set(r.pillar_ids).isdisjoint(
        old.rubric.pillar_ids))
    new = Workshop(rubric=other)
    c = compare_workshops(old, new)
    assert not c.comparable and c.pillars == ()
    assert any(old.rubric.name in p and other.name in p for p in c.problems)
    assert any("cannot be compared" in p or "nothing can be compared" in p for p in c.problems)
    assert "Note:" in format_comparison(c)


def test_missing_pillars_are_named_and_the_rest_compared() -> None:
    old = build_demo()
    dropped = old.rubric.pillars[-1]
    slim = replace(old.rubric, id="cwrf-slim", name="Slim", pillars=old.rubric.pillars[:-1])
    new = Workshop(rubric=slim)
    ops.add_participant(new, "Ana", "CX")
    rate_all(new, {p: 2 for p in slim.pillar_ids})
    c = compare_workshops(old, new)
    assert c.comparable
    assert [p.pillar for p in c.pillars] == list(slim.pillar_ids)
    assert c.only_then == (dropped.name,)
    assert any(dropped.name in p and "not compared" in p for p in c.problems)
    assert any("'Slim'" in p for p in c.problems)


def test_different_stage_scale_is_refused_in_words() -> None:
    old = build_demo()
    three = replace(old.rubric, id="three", stages=old.rubric.stages[:3])
    c = compare_workshops(old, Workshop(rubric=three))
    assert not c.comparable
    assert any("stages differ" in p for p in c.problems)


def test_follow_up_content(tmp_path) -> None:
    old = build_demo()
    old.actions[0].status = "done"
    new = follow_up(old, today=dt.date(2027, 5, 20))
    assert new.details.title == FOLLOW_UP_PREFIX + old.details.title
    assert new.details.date == "2027-05-20"
    assert (new.details.client, new.details.site, new.details.facilitator) == (
        old.details.client, old.details.site, old.details.facilitator)
    assert [(p.name, p.role) for p in new.participants] == [(p.name, p.role) for p in old.participants]
    assert not {p.id for p in new.participants} & {p.id for p in old.participants}
    assert [a.title for a in new.actions] == [a.title for a in old.actions if a.status != "done"]
    assert new.ratings == [] and new.decisions == {}
    assert [(r.number, r.revealed, r.pillars) for r in new.rounds] == [(1, False, list(old.rubric.pillar_ids))]
    assert new.rubric == old.rubric
    assert "Follow-up of" in new.notes[0].text
    # A follow-up of a follow-up is not marked twice, and the file saves and loads.
    assert follow_up(new).details.title == new.details.title
    save_workshop(new, tmp_path / "f.workshop")
    again = load_workshop(tmp_path / "f.workshop")
    assert [a.id for a in again.actions] == [a.id for a in new.actions]


def test_movement_words() -> None:
    assert movement_words(1) == "up 1 stage"
    assert movement_words(-2) == "down 2 stages"
    assert movement_words(0) == "no change"
    assert movement_words(None) == "no stage on one side"

