"""CSV import, roadmap proposals and the named operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.consensus import summarise
from workshop_app.core.csv_import import CsvImportError, apply_ratings, parse_ratings_csv, read_ratings_csv
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.roadmap import plan_pillars, propose_roadmap
from workshop_app.core.rubric import find_rubric

CWRF = find_rubric("crawl-walk-run-fly")


def test_csv_accepts_ids_names_numbers_and_dont_know() -> None:
    text = (
        "Participant,Role,Pillar,Rating,Round,Comment\n"
        "Ann,CX,reality-over-hype,2,1,\n"
        "ann,CX,KNOW YOUR MATURITY,walk,1,\"says \"\"hi\"\", really\"\n"
        "Bob,IT,Act with precision,?,1,\n"
        "Bob,IT,sustain-at-scale,FLY,2,later\n"
    )
    parsed = parse_ratings_csv(text, CWRF)
    assert [(r.participant, r.pillar, r.round, r.stage) for r in parsed.rows] == [
        ("Ann", "reality-over-hype", 1, 2), ("ann", "know-your-maturity", 1, 2),
        ("Bob", "act-with-precision", 1, None), ("Bob", "sustain-at-scale", 2, 4),
    ]
    assert parsed.rows[1].comment == 'says "hi", really'
    ws = Workshop(rubric=CWRF)
    assert apply_ratings(ws, parsed) == 4
    assert [p.name for p in ws.participants] == ["Ann", "Bob"]  # names match in any case
    assert ws.round(2).pillars == ["sustain-at-scale"]
    assert ws.round(1).revealed and ws.round(2).revealed  # paper forms: in the open


def test_csv_import_reveals_only_the_rounds_it_brings() -> None:
    ws = Workshop(rubric=CWRF)
    parsed = parse_ratings_csv("participant,role,pillar,rating,round\nAnn,CX,reality-over-hype,2,1\n", CWRF)
    ws.ensure_first_round()
    cleo, _ = ops.add_participant(ws, "Cleo", "Ops")
    ops.set_rating(ws, cleo.id, "reality-over-hype", 1, 3)
    ops.set_revealed(ws, 1, True)
    ops.open_round(ws, ["reality-over-hype"])  # round 2: private ballots still going on
    ops.set_revealed(ws, 1, False)  # hidden again on screen; the paper forms of round 1 reveal it
    assert apply_ratings(ws, parsed) == 1
    assert ws.round(1).revealed and not ws.round(2).revealed
    later = parse_ratings_csv("participant,role,pillar,rating,round\nBob,IT,reality-over-hype,3,2\n", CWRF)
    apply_ratings(ws, later, reveal=False)
    bob = next(p for p in ws.participants if p.name == "Bob")
    assert not ws.round(2).revealed and ws.rating(bob.id, "reality-over-hype", 2).stage == 3


def test_csv_semicolons_and_bom() -> None:
    parsed = parse_ratings_csv("\ufeffparticipant;role;pillar;rating\nZoë;Risk;reality-over-hype;1\n", CWRF)
    assert parsed.rows[0].participant == "Zoë"


def test_csv_bad_rows_are_all_reported_by_line() -> None:
    text = (
        "participant,role,pillar,rating\n"
        "Ann,CX,reality-over-hype,2\n"
        "Bob,IT,nonsense,2\n"
        "Cy,IT,reality-over-hype,7\n"
        ",IT,reality-over-hype,1\n"
        "Ann,CX,reality-over-hype,3\n"
        "Dee,CX,reality-over-hype,sprint\n"
    )
    with pytest.raises(CsvImportError) as info:
        parse_ratings_csv(text, CWRF, "ratings.csv")
    problems = info.value.problems
    assert problems == [
        "line 3: unknown pillar 'nonsense'",
        "line 4: stage number 7 is outside 1..4",
        "line 5: empty participant name",
        "line 6: Ann already rated this pillar in round 1 on line 2",
        "line 7: unknown rating 'sprint' (use 1-4, a stage name (Crawl, Walk, Run, Fly) or ?)",
    ]
    assert str(info.value).startswith("ratings.csv: line 3")


def test_csv_missing_columns_and_empty(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="missing column.*rating"):
        parse_ratings_csv("participant,role,pillar\nAnn,CX,x\n", CWRF)
    with pytest.raises(CsvImportError, match="empty"):
        parse_ratings_csv("", CWRF)
    with pytest.raises(CsvImportError, match="no ratings found"):
        parse_ratings_csv("participant,role,pillar,rating\n", CWRF)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("participant,role,pillar,rating\nJos\xe9,CX,reality-over-hype,1\n".encode("cp1252"))
    assert read_ratings_csv(latin, CWRF).rows[0].participant == "José"


def test_roadmap_orders_lowest_and_largest_gap_first_and_aligns_unsettled() -> None:
    ws = build_demo()
    plans = plan_pillars(ws)
    assert [p.current for p in plans] == sorted(p.current for p in plans)
    actions = propose_roadmap(ws)
    horizons = [a.horizon for a in actions]
    assert horizons == sorted(horizons, key=["90d", "3-6m", "6-12m"].index)
    # every step up from agreed to target is covered by the rubric's actions for that stage
    for pillar, decision in ws.decisions.items():
        for stage in range(decision.agreed, decision.target):
            for title in CWRF.actions_leaving(pillar, stage):
                assert any(a.title == title and a.pillar == pillar for a in actions)
    # undecided and polarised: an alignment action comes first, at high priority
    ws.decisions.pop("act-with-precision")
    actions = propose_roadmap(ws)
    align = [a for a in actions if a.title.startswith("Align on")]
    assert len(align) == 1 and align[0].pillar == "act-with-precision" and align[0].priority == "high"
    assert actions.index(align[0]) < 3


def test_roadmap_respects_targets_two_steps_up() -> None:
    ws = build_demo()
    ops.set_decision(ws, "sustain-at-scale", 1, 3)
    actions = [a for a in propose_roadmap(ws) if a.pillar == "sustain-at-scale"]
    later = [a for a in actions if a.horizon == "6-12m"]
    assert {a.title for a in later} == set(CWRF.actions_leaving("sustain-at-scale", 2))


def test_override_needs_a_rationale_and_is_flagged() -> None:
    ws = build_demo()
    with pytest.raises(ops.OperationError, match="write a rationale"):
        ops.set_decision(ws, "reality-over-hype", 3, 4, "  ")
    ops.set_decision(ws, "reality-over-hype", 3, 4, "Two pilots in production")
    assert ws.decisions["reality-over-hype"].override
    ops.set_decision(ws, "reality-over-hype", 2, 3)
    assert not ws.decisions["reality-over-hype"].override
    with pytest.raises(ops.OperationError, match="target stage cannot be below"):
        ops.set_decision(ws, "reality-over-hype", 3, 2, "x")


def test_participants_text_roles_and_removal() -> None:
    ws = Workshop(rubric=CWRF)
    added, _ = ops.add_participants_from_text(ws, "Ann, CX lead\n\nBo\tIT\nCy; Risk\nDee\n")
    assert [(p.name, p.role) for p in added] == [("Ann", "CX lead"), ("Bo", "IT"), ("Cy", "Risk"), ("Dee", "")]
    with pytest.raises(ops.OperationError, match="must not be empty"):
        ops.add_participant(ws, "  \x00 ")
    ws.ensure_first_round()
    ops.set_rating(ws, added[0].id, "reality-over-hype", 1, 2)
    ops.remove_participant(ws, added[0].id)
    assert ws.ratings == []
    ops.move_participant(ws, added[3].id, 0)
    assert ws.participants[0].name == "Dee"


def test_ratings_only_in_open_rounds_and_revote() -> None:
    ws = build_demo()
    person = ws.participants[0].id
    with pytest.raises(ops.OperationError, match="does not vote on this pillar"):
        ops.set_rating(ws, person, "reality-over-hype", 2, 3)
    rnd, change = ops.open_round(ws, ["sustain-at-scale"])
    assert rnd.number == 3 and change.areas >= {"rounds"}
    ops.set_rating(ws, person, "sustain-at-scale", 3, 4)
    assert summarise(ws).stats("sustain-at-scale").round == 3
    assert ops.voters(ws, 3)[person] == 1
    with pytest.raises(ops.OperationError, match="stage must be 1 to 4"):
        ops.set_rating(ws, person, "sustain-at-scale", 3, 5)


def test_roadmap_action_validation() -> None:
    ws = build_demo()
    action, _ = ops.add_action(ws, title="Pilot", pillar="sustain-at-scale", horizon="3-6m")
    with pytest.raises(ops.OperationError, match="horizon must be one of"):
        ops.update_action(ws, action.id, horizon="soon")
    ops.update_action(ws, action.id, owner="<b>Ann & Co</b>", status="done")
    assert action.owner == "<b>Ann & Co</b>"
    ops.move_action(ws, action.id, 0)
    assert ws.actions[0] is action
    ops.remove_action(ws, action.id)
    assert action not in ws.actions


def test_actions_carry_a_success_measure_and_a_checked_due_date() -> None:
    from workshop_app.core.demo import build_demo

    ws = build_demo()
    action = ws.actions[0]
    assert action.measure  # the builder proposes what "done" looks like, from the rubric
    assert len({a.measure for a in ws.actions if a.measure}) == len([a for a in ws.actions if a.measure])
    ops.update_action(ws, action.id, measure="  Every pilot has a named owner  ", due="31/03/2027")
    assert action.measure == "Every pilot has a named owner" and action.due == "2027-03-31"
    for bad in ("next spring", "2027-02-30"):
        with pytest.raises(ops.OperationError, match="not a date"):
            ops.update_action(ws, action.id, due=bad)
    with pytest.raises(ops.OperationError):
        ops.update_action(ws, action.id, measure="x" * 400)
    ops.update_action(ws, action.id, due="")
    assert action.due == ""


def test_measure_and_due_date_survive_a_save(tmp_path) -> None:  # noqa: ANN001
    from workshop_app.core.demo import build_demo
    from workshop_app.core.storage import load_workshop, save_workshop

    ws = build_demo()
    ops.update_action(ws, ws.actions[1].id, measure="Baseline agreed", due="2027-01-15")
    save_workshop(ws, tmp_path / "m.workshop")
    again = load_workshop(tmp_path / "m.workshop").actions[1]
    assert (again.measure, again.due) == ("Baseline agreed", "2027-01-15")
