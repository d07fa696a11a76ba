"""Ballots in the core: a whole ballot as one edit, who has voted (never what), reveal and re-vote rules."""

from __future__ import annotations

import pytest

from workshop_app.core import operations as ops
from workshop_app.core.ballots import cast_ballot, reveal_refusal, revote_refusal, round_progress
from workshop_app.core.demo import build_demo
from workshop_app.core.limits import COMMENT_MAX
from workshop_app.core.model import Workshop

REVOTED = ["know-your-maturity", "act-with-precision", "sustain-at-scale"]


@pytest.fixture
def ws() -> Workshop:
    workshop = build_demo()
    ops.open_round(workshop, REVOTED, "Third look")
    return workshop


def test_cast_ballot_writes_every_pillar_as_one_named_change(ws: Workshop) -> None:
    person = ws.participants[2]
    change = cast_ballot(ws, person.id, 3, {"know-your-maturity": (2, "  evidence "),
                                            "act-with-precision": (None, ""),
                                            "sustain-at-scale": (4, "")})
    assert change.description == f"Ballot of {person.name}"
    assert change.areas == frozenset({"ratings"})
    assert ws.rating(person.id, "know-your-maturity", 3).comment == "evidence"
    assert ws.rating(person.id, "act-with-precision", 3).stage is None
    assert ws.rating(person.id, "sustain-at-scale", 3).stage == 4


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"know-your-maturity": (2, ""), "act-with-precision": (1, "")}, "no choice for: Sustain at scale"),
        ({p: (1, "") for p in [*REVOTED, "reality-over-hype"]}, "does not vote on: reality-over-hype"),
        ({"know-your-maturity": (9, ""), "act-with-precision": (1, ""), "sustain-at-scale": (1, "")},
         "stage must be 1 to 4"),
        ({"know-your-maturity": (2, "x" * (COMMENT_MAX + 1)), "act-with-precision": (1, ""),
          "sustain-at-scale": (1, "")}, f"longer than {COMMENT_MAX}"),
    ],
)
def test_cast_ballot_refuses_incomplete_or_wrong_ballots_before_writing(ws: Workshop, choices: dict,
                                                                        message: str) -> None:
    before = ws.to_dict()
    with pytest.raises(ops.OperationError, match=message):
        cast_ballot(ws, ws.participants[0].id, 3, choices)
    assert ws.to_dict() == before


def test_round_progress_names_ids_in_three_groups_and_never_a_value(ws: Workshop) -> None:
    people = [p.id for p in ws.participants]
    progress = round_progress(ws, 3)
    assert progress.voted == () and progress.partly == {} and progress.waiting == tuple(people)
    assert not progress.any_votes and not progress.everyone and progress.total == 8
    cast_ballot(ws, people[0], 3, {p: (2, "") for p in REVOTED})
    ops.set_rating(ws, people[1], "sustain-at-scale", 3, 4)
    progress = round_progress(ws, 3)
    assert progress.voted == (people[0],)
    assert progress.partly == {people[1]: 1}
    assert progress.waiting == tuple(people[2:])
    assert progress.missing == tuple(people[1:])
    assert progress.any_votes and not progress.everyone
    for person in people[1:]:
        cast_ballot(ws, person, 3, {p: (3, "") for p in REVOTED})
    assert round_progress(ws, 3).everyone
    assert round_progress(ws, 1).everyone  # the demo's first round


def test_a_round_nobody_voted_in_cannot_be_revealed(ws: Workshop) -> None:
    assert reveal_refusal(ws, 3) == "Nobody has voted in round 3 yet: there is nothing to reveal"
    with pytest.raises(ops.OperationError, match="nothing to reveal"):
        ops.set_revealed(ws, 3, True)
    assert not ws.round(3).revealed
    ops.set_revealed(ws, 2, False)  # hiding is always allowed
    ops.set_rating(ws, ws.participants[0].id, "sustain-at-scale", 3, 2)
    assert reveal_refusal(ws, 3) == ""
    ops.set_revealed(ws, 3, True)
    assert ws.round(3).revealed


def test_a_revote_follows_the_reveal_of_the_latest_round(ws: Workshop) -> None:
    assert revote_refusal(ws) == "Reveal round 3 before opening a re-vote"
    with pytest.raises(ops.OperationError, match="Reveal round 3 before opening a re-vote"):
        ops.open_round(ws, ["sustain-at-scale"])
    assert ws.latest_round == 3
    ops.set_rating(ws, ws.participants[0].id, "sustain-at-scale", 3, 2)
    ops.set_revealed(ws, 3, True)
    assert revote_refusal(ws) == ""
    rnd, _ = ops.open_round(ws, ["sustain-at-scale"])
    assert rnd.number == 4
