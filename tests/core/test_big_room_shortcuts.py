"""Shortcuts for big rooms in the core give what the plain definitions give, and follow every edit."""

from __future__ import annotations

from workshop_app.core import operations as ops
from workshop_app.core.anonymity import NameScrubber
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Participant, Rating
from workshop_app.core.sample import large_workshop


def test_voters_by_round_is_voters_of_each_round() -> None:
    ws = large_workshop(30, 6, 3)
    ws.ratings.append(Rating("someone-removed", ws.rubric.pillar_ids[0], 1, 2))  # an orphan counts for nobody
    ws.ratings.append(Rating(ws.participants[0].id, ws.rubric.pillar_ids[0], 99, 2))  # a round that is gone
    by_round = ops.voters_by_round(ws)
    assert set(by_round) == {r.number for r in ws.rounds}
    for rnd in ws.rounds:
        assert by_round[rnd.number] == ops.voters(ws, rnd.number)
    person = ws.participants[3]
    ops.clear_rating(ws, person.id, ws.rounds[-1].pillars[0], ws.latest_round)
    assert ops.voters_by_round(ws)[ws.latest_round] == ops.voters(ws, ws.latest_round)
    assert ops.voters_by_round(ws)[ws.latest_round][person.id] == by_round[ws.latest_round][person.id] - 1


def test_rating_lookup_finds_the_first_match_after_any_edit() -> None:
    ws = build_demo()
    person, pillar = ws.participants[0].id, ws.rubric.pillar_ids[0]
    expected = next(r for r in ws.ratings if (r.participant, r.pillar, r.round) == (person, pillar, 1))
    assert ws.rating(person, pillar, 1) is expected
    assert ws.rating(person, pillar, 99) is None and ws.rating("nobody", pillar, 1) is None
    ws.ratings = [Rating(person, pillar, 1, 3, "replaced")] + ws.ratings  # a replaced list is read as it is
    assert ws.rating(person, pillar, 1).comment == "replaced"


def _room(*people: tuple[str, str]) -> list[Participant]:
    return [Participant(name=name, role=role) for name, role in people]


def test_scrubber_follows_renames_and_role_changes() -> None:
    room = _room(("Dana Okafor", "IT"), ("Lee Chan", "IT"), ("Sam Ruiz", "IT"), ("Ola Berg", "COO"))
    text = "Dana Okafor said Ola Berg disagrees"
    assert NameScrubber(room)(text) == "[IT] said [a participant] disagrees"
    assert NameScrubber(room)(text) == "[IT] said [a participant] disagrees"  # the kept rules give the same
    room[0].name = "Dana Smith"  # renamed: the old name is no longer a name
    assert NameScrubber(room)(text) == "[a participant] Okafor said [a participant] disagrees"
    room[1].role = "CX"  # IT now has two people: a full name no longer carries the role
    assert NameScrubber(room)("Dana Smith agreed") == "[a participant] agreed"
    assert NameScrubber(room, min_size=2)("Dana Smith agreed") == "[IT] agreed"
    assert NameScrubber([])("Dana Smith agreed") == "Dana Smith agreed"


def test_prepared_rules_are_the_ones_a_scrubber_then_uses() -> None:
    from workshop_app.core.anonymity import _scrub_rules

    room = _room(("Kemal Aydin", "Risk"), ("Ines Duarte", "Risk"), ("Tom Hale", "Risk"))
    NameScrubber.prepare(tuple((p.name, p.role) for p in room))
    hits = _scrub_rules.cache_info().hits
    assert NameScrubber(room)("kemal aydin and Ines agreed") == "[Risk] and [a participant] agreed"
    assert _scrub_rules.cache_info().hits == hits + 1


def _fresh_summary(ws):  # type: ignore[no-untyped-def]
    """The summary with nothing remembered from before."""
    from workshop_app.core import consensus

    consensus._KNOWN.clear()
    return consensus.summarise(ws)


def test_remembered_statistics_follow_every_edit_that_changes_them() -> None:
    from workshop_app.core.consensus import summarise

    ws = large_workshop(24, 5, 3)
    pillar = ws.rubric.pillar_ids[0]
    last = ws.last_round_with(pillar)
    people = [r.participant for r in ws.ratings if r.pillar == pillar and r.round == last]
    edits = [
        lambda: ops.set_rating(ws, people[0], pillar, last, 1),
        lambda: ops.set_rating(ws, people[1], pillar, last, ws.rubric.k),
        lambda: ops.set_rating(ws, people[2], pillar, last, None),
        lambda: ops.clear_rating(ws, people[3], pillar, last),
        lambda: ops.update_participant(ws, people[4], role="A role nobody else has"),  # by_role changes
        lambda: ops.remove_participant(ws, people[5]),
        lambda: ops.set_rating(ws, people[0], pillar, last - 1, ws.rubric.k) if last > 1 else None,  # movement
    ]
    summarise(ws)  # remember the figures as they were
    for edit in edits:
        edit()
        remembered = summarise(ws)
        assert remembered == _fresh_summary(ws)
    rater = next(r.participant for r in ws.ratings
                 if r.pillar == pillar and r.round == last and r.stage is not None and r.participant not in people[:6])
    before = summarise(ws).stats(pillar)
    ops.update_participant(ws, rater, role="Auditor")  # same ratings, another role: by_role must follow
    after = summarise(ws).stats(pillar)
    assert after == _fresh_summary(ws).stats(pillar)
    assert after.by_role["Auditor"][1] == 1 and "Auditor" not in before.by_role
