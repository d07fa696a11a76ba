"""Ballots: one person's whole vote as one edit, and who has voted in a round (never what).

Every way a ballot arrives (the pass-the-laptop screens, a phone, a headless
command) goes through `cast_ballot`, and every screen that says who is still
to vote reads `round_progress`, so the rules and the wording of a refusal live
here once. Nothing in this module returns a rating's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workshop_app.core import operations as ops
from workshop_app.core.limits import COMMENT_MAX
from workshop_app.core.model import Workshop

#: One pillar's choice on a ballot: a stage (None = don't know) and an optional comment.
Choice = tuple[int | None, str]


@dataclass(frozen=True)
class RoundProgress:
    """Who has voted in a round, by participant id in the participants' order.

    `voted`: rated every pillar of the round; `partly`: id -> pillars rated so far
    (at least one, not all); `waiting`: nothing rated yet.
    """

    round: int
    pillars: int
    voted: tuple[str, ...]
    partly: dict[str, int]
    waiting: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.voted) + len(self.partly) + len(self.waiting)

    @property
    def any_votes(self) -> bool:
        """At least one rating in the round: there is something to reveal."""
        return bool(self.voted or self.partly)

    @property
    def everyone(self) -> bool:
        """Everybody has rated every pillar (and there is somebody)."""
        return bool(self.voted) and not self.partly and not self.waiting

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of people who have not finished their ballot, partly voted first."""
        return (*self.partly, *self.waiting)


def round_progress(workshop: Workshop, round_number: int) -> RoundProgress:
    """Count each participant's ratings in the round (raises KeyError for an unknown round)."""
    need = len(workshop.round(round_number).pillars)
    counts = {p.id: 0 for p in workshop.participants}
    for r in workshop.ratings:
        if r.round == round_number and r.participant in counts:
            counts[r.participant] += 1
    voted = tuple(pid for pid, n in counts.items() if need and n >= need)
    partly = {pid: n for pid, n in counts.items() if 0 < n < need}
    waiting = tuple(pid for pid, n in counts.items() if n == 0)
    return RoundProgress(round_number, need, voted, partly, waiting)


def reveal_refusal(workshop: Workshop, round_number: int) -> str:
    """Why the round cannot be revealed yet ('' when it can): a reveal with no votes shows nothing."""
    if not round_progress(workshop, round_number).any_votes:
        return f"Nobody has voted in round {round_number} yet: there is nothing to reveal"
    return ""


def revote_refusal(workshop: Workshop) -> str:
    """Why a re-vote cannot be opened now ('' when it can): it follows the reveal of the latest round."""
    latest = workshop.latest_round
    if latest and not workshop.round(latest).revealed:
        return f"Reveal round {latest} before opening a re-vote"
    return ""


def cast_ballot(workshop: Workshop, participant_id: str, round_number: int,
                choices: Mapping[str, Choice], *, names_hidden: bool = False) -> ops.Change:
    """Write one person's whole ballot as one edit, checked in full before anything is written.

    `choices` maps every pillar of the round to (stage or None for don't know, comment).
    `names_hidden` marks the round as voted with names hidden (the room was promised that
    nobody is named), in the same edit as the ballot, so the promise is kept with it.
    Returns the `Change`; raises OperationError naming what is wrong, with nothing written.
    """
    person = workshop.participant(participant_id)
    name = workshop.participant_names()[participant_id]
    rnd = workshop.round(round_number)
    rubric = workshop.rubric
    missing = [rubric.pillar(p).name for p in rnd.pillars if p not in choices]
    if missing:
        raise ops.OperationError(f"the ballot of {name} has no choice for: {', '.join(missing)}")
    extra = [p for p in choices if p not in rnd.pillars]
    if extra:
        raise ops.OperationError(f"round {round_number} does not vote on: {', '.join(extra)}")
    for pillar_id, (stage, comment) in choices.items():
        if stage is not None and not 1 <= stage <= rubric.k:
            raise ops.OperationError(f"{rubric.pillar(pillar_id).name}: stage must be 1 to {rubric.k}")
        if len(comment.strip()) > COMMENT_MAX:
            raise ops.OperationError(f"{rubric.pillar(pillar_id).name}: the comment is longer than {COMMENT_MAX} "
                                     "characters")
    for pillar_id in rnd.pillars:
        stage, comment = choices[pillar_id]
        ops.set_rating(workshop, person.id, pillar_id, round_number, stage, comment)
    if names_hidden and not rnd.names_hidden:
        rnd.names_hidden = True
        return ops.Change(frozenset({ops.RATINGS, ops.ROUNDS}), f"Ballot of {name}")
    return ops.Change(frozenset({ops.RATINGS}), f"Ballot of {name}")
