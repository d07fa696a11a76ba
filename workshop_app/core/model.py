"""The workshop: plain data with no Qt and no storage concerns."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workshop_app.core.rubric import Rubric

if TYPE_CHECKING:
    from workshop_app.core.earlier import EarlierWorkshop

HORIZONS: dict[str, str] = {
    "90d": "Next 90 days",
    "3-6m": "3-6 months",
    "6-12m": "6-12 months",
}
PRIORITIES: dict[str, str] = {"high": "High", "medium": "Medium", "low": "Low"}
STATUSES: dict[str, str] = {
    "proposed": "Proposed",
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
}


def new_id() -> str:
    """Short random id; stable across saves, never reused."""
    return os.urandom(6).hex()


@dataclass
class Details:
    title: str = ""
    client: str = ""
    date: str = ""  # ISO 8601 date, e.g. 2026-11-23
    site: str = ""
    facilitator: str = ""


#: Participant.group values with a meaning of their own: "" follows the role's words; NO_GROUP is in none.
GROUP_FROM_ROLE, NO_GROUP = "", "-"


@dataclass
class Participant:
    name: str
    role: str = ""
    id: str = field(default_factory=new_id)
    group: str = GROUP_FROM_ROLE  # role group for perspectives (core/perspectives.py); "" = suggested from role


@dataclass
class Round:
    """A voting round; round 1 covers every pillar, a re-vote only the split ones."""

    number: int
    pillars: list[str]
    revealed: bool = False
    label: str = ""
    #: Voted with names hidden (phone voter codes): no view or export may ever name this round's raters,
    #: so a workshop holding such a round shows its results anonymously only (core/anonymity.naming_refusal).
    names_hidden: bool = False


@dataclass
class Rating:
    participant: str  # participant id
    pillar: str  # pillar id
    round: int
    stage: int | None  # 1-based stage number; None means "don't know"
    comment: str = ""


@dataclass
class Decision:
    pillar: str
    agreed: int | None = None
    target: int | None = None
    rationale: str = ""
    override: bool = False  # agreed stage differs from the computed consensus


@dataclass
class RoadmapAction:
    pillar: str
    title: str
    detail: str = ""
    owner: str = ""
    horizon: str = "90d"
    priority: str = "medium"
    status: str = "proposed"
    id: str = field(default_factory=new_id)
    measure: str = ""  # success measure: what "done" looks like
    due: str = ""  # optional due date, ISO 8601 (2027-03-31)


@dataclass
class Note:
    text: str
    created: str = ""
    id: str = field(default_factory=new_id)


def display_names(participants: list[Participant]) -> dict[str, str]:
    """Id -> name, with "(2)", "(3)"… after a name someone earlier in the list already has.

    New duplicates are refused by the operations, but an older file (or a paper
    import) may hold two people of one name; nobody may then be mistaken for the other.
    """
    seen: dict[str, int] = {}
    out: dict[str, str] = {}
    for p in participants:
        key = p.name.casefold()
        seen[key] = seen.get(key, 0) + 1
        out[p.id] = p.name if seen[key] == 1 else f"{p.name} ({seen[key]})"
    return out


@dataclass
class Workshop:
    rubric: Rubric
    details: Details = field(default_factory=Details)
    participants: list[Participant] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    actions: list[RoadmapAction] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    #: The earlier workshop this one is compared with (a snapshot kept in this file; core/earlier.py).
    earlier: EarlierWorkshop | None = None

    # ------------------------------------------------------------------ lookups
    def participant(self, participant_id: str) -> Participant:
        for p in self.participants:
            if p.id == participant_id:
                return p
        raise KeyError(participant_id)

    def participant_names(self) -> dict[str, str]:
        """Id -> the name shown for that person; names that are alike get a number so no two look the same."""
        return display_names(self.participants)

    def round(self, number: int) -> Round:
        for r in self.rounds:
            if r.number == number:
                return r
        raise KeyError(number)

    @property
    def latest_round(self) -> int:
        """Number of the newest round (0 when none is open yet)."""
        return max((r.number for r in self.rounds), default=0)

    def ensure_first_round(self) -> Round:
        if not self.rounds:
            self.rounds.append(Round(number=1, pillars=list(self.rubric.pillar_ids)))
        return self.rounds[0]

    def ratings_for(self, pillar_id: str, round_number: int) -> list[Rating]:
        return [r for r in self.ratings if r.pillar == pillar_id and r.round == round_number]

    def rating(self, participant_id: str, pillar_id: str, round_number: int) -> Rating | None:
        """The first rating of this person, pillar and round (None if there is none).

        A plain scan, so it is right however the list was edited or replaced; the
        fields are compared one by one, most selective first, which in a big room
        (12,000 ratings, looked up on every rating edit) is several times faster than
        building a tuple per rating.
        """
        for r in self.ratings:
            if r.participant == participant_id and r.round == round_number and r.pillar == pillar_id:
                return r
        return None

    def last_round_with(self, pillar_id: str, up_to: int | None = None) -> int | None:
        """Newest round (<= up_to) that put this pillar to the vote."""
        numbers = [
            r.number
            for r in self.rounds
            if pillar_id in r.pillars and (up_to is None or r.number <= up_to)
        ]
        return max(numbers, default=None)

    def decision(self, pillar_id: str) -> Decision:
        return self.decisions.get(pillar_id) or Decision(pillar=pillar_id)

    # ------------------------------------------------------------------ plain data
    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data (the rubric is embedded as a copy)."""
        # Records hold only text, numbers and (rounds) a list of ids: a shallow copy
        # is a full copy, and far cheaper than dataclasses.asdict on every save.
        return {
            "rubric": self.rubric.to_dict(),
            "details": dict(vars(self.details)),
            "participants": [dict(vars(p)) for p in self.participants],
            "rounds": [{**vars(r), "pillars": list(r.pillars)} for r in self.rounds],
            "ratings": [dict(vars(r)) for r in self.ratings],
            "decisions": [dict(vars(d)) for d in self.decisions.values()],
            "actions": [dict(vars(a)) for a in self.actions],
            "notes": [dict(vars(n)) for n in self.notes],
            **({"earlier": self.earlier.to_dict()} if self.earlier is not None else {}),
        }
