"""The part of a workshop the room has seen: rounds that were revealed, and their ratings.

Anything that leaves the facilitator's screen (a data export, a comparison shown on the
projector) reads this view, so a round still being rated blind never leaks through it.
"""

from __future__ import annotations

from dataclasses import replace

from workshop_app.core.model import Workshop


def revealed_only(workshop: Workshop) -> Workshop:
    """A shallow copy holding only revealed rounds and their ratings (records are shared, not copied)."""
    shown = [r for r in workshop.rounds if r.revealed]
    if len(shown) == len(workshop.rounds):
        return workshop
    numbers = {r.number for r in shown}
    return replace(workshop, rounds=shown, ratings=[r for r in workshop.ratings if r.round in numbers])


def blind_rounds(workshop: Workshop) -> list[int]:
    """Numbers of the rounds not revealed yet (their ratings stay private)."""
    return [r.number for r in workshop.rounds if not r.revealed]
