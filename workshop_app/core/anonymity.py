"""What "anonymous" means, once: nobody tied to a rating by name, nor by a role fewer than three people hold.

A room knows who holds which role. "The COO rated Crawl" names the COO as surely as
her name would, so anonymous results (the handout and the screen) break ratings down
only by roles that at least MIN_GROUP people share; smaller roles are merged into
"Other roles", and a quote from someone in a small role carries no role at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from workshop_app.core.model import Participant, Workshop

#: Smallest group a rating may be tied to (a common small-cell rule in survey reporting).
MIN_GROUP = 3
OTHER_ROLES = "Other roles"
_MIN_NAME_PART = 3  # shorter parts of a name ("Li", "Al") are too common in ordinary words to remove


def role_key(role: str) -> str:
    """The role as compared: trimmed, inner spaces collapsed, case ignored ("IT " is "it")."""
    return " ".join(role.split()).casefold()


def role_sizes(participants: Iterable[Participant]) -> dict[str, int]:
    """How many participants hold each role (by `role_key`; the empty role counts too)."""
    sizes: dict[str, int] = {}
    for p in participants:
        key = role_key(p.role)
        sizes[key] = sizes.get(key, 0) + 1
    return sizes


def role_groups(participants: Iterable[Participant], min_size: int = MIN_GROUP) -> dict[str, str]:
    """Participant id -> the group their ratings may be shown under when results are anonymous.

    A role held by at least `min_size` people is its own group (spelled as its first
    holder wrote it); everyone else is in "Other roles". When that leaves "Other roles"
    with fewer than `min_size` people, the smallest named groups are folded into it
    until it is large enough, so no group ever holds fewer people than `min_size`
    (unless the whole room is smaller: then everyone is in one group).
    """
    people = list(participants)
    spelling: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for p in people:
        key = role_key(p.role)
        spelling.setdefault(key, " ".join(p.role.split()))
        members.setdefault(key, []).append(p.id)
    named = {key: ids for key, ids in members.items() if key and len(ids) >= min_size}
    others = [pid for key, ids in members.items() if key not in named for pid in ids]
    while others and len(others) < min_size and named:
        smallest = min(named, key=lambda k: (len(named[k]), k))
        others.extend(named.pop(smallest))
    groups = {pid: spelling[key] for key, ids in named.items() for pid in ids}
    groups.update({pid: OTHER_ROLES for pid in others})
    return groups


def group_medians(stages: Mapping[str, int | None], groups: Mapping[str, str],
                  min_size: int = MIN_GROUP) -> dict[str, tuple[int, int]]:
    """Group -> (lower median, raters) for one pillar, or {} when a breakdown would expose someone.

    `stages` maps participant id to the stage given (None for "don't know", which is
    not a stage). A group counts only its members who gave a stage, so a group of
    three where two said "don't know" would show one person's rating: the breakdown
    is then left out for the whole pillar, as it is when only one group would show
    (a single group's median is the room's median and tells nothing).
    """
    grouped: dict[str, list[int]] = {}
    for pid, stage in stages.items():
        if stage is not None:
            grouped.setdefault(groups.get(pid, OTHER_ROLES), []).append(stage)
    if len(grouped) < 2 or any(len(v) < min_size for v in grouped.values()):
        return {}
    ordered = sorted(grouped, key=lambda g: (g == OTHER_ROLES, g.casefold()))
    return {g: (sorted(grouped[g])[(len(grouped[g]) - 1) // 2], len(grouped[g])) for g in ordered}


def quote_attribution(participant: Participant, sizes: Mapping[str, int], min_size: int = MIN_GROUP) -> str | None:
    """The role a quote may carry in anonymous results: its author's role if `min_size` people hold it, else None.

    `sizes` comes from `role_sizes` over the whole room.
    """
    key = role_key(participant.role)
    if key and sizes.get(key, 0) >= min_size:
        return " ".join(participant.role.split())
    return None


def anonymous_labels(participants: Iterable[Participant]) -> dict[str, str]:
    """'P1'.. labels in an order derived from the ids, so they do not follow the seating or attendance list."""
    ordered = sorted(participants, key=lambda p: hashlib.sha1(p.id.encode()).hexdigest())
    return {p.id: f"P{i}" for i, p in enumerate(ordered, start=1)}


def label_order(label: str) -> tuple[int, str]:
    """Natural order of labels, so P2 comes before P10."""
    return (int(label[1:]), label) if label[:1] == "P" and label[1:].isdigit() else (0, label)


class NameScrubber:
    """Removes participants' names (and the longer parts of them) from free text.

    A full name becomes "[role]" when at least MIN_GROUP people hold that role, and
    "[a participant]" otherwise; a lone first or last name becomes "[a participant]".
    """

    def __init__(self, participants: Iterable[Participant], min_size: int = MIN_GROUP) -> None:
        people = tuple((p.name, p.role) for p in participants)
        self._replacements, self._pattern = _scrub_rules(people, min_size)

    @staticmethod
    def prepare(people: tuple[tuple[str, str], ...], min_size: int = MIN_GROUP) -> None:
        """Build and keep the rules for a room given as (name, role) pairs, e.g. on a background
        thread while the room reads the first screen: the regex of two hundred names takes
        tens of milliseconds to compile, which the first anonymous heatmap would otherwise wait for."""
        _scrub_rules(tuple(people), min_size)

    def __call__(self, text: str) -> str:
        text = str(text or "")
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._replacements.get(m.group(0).casefold(), "[a participant]"), text)


@lru_cache(maxsize=8)
def _scrub_rules(people: tuple[tuple[str, str], ...],
                 min_size: int) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """Replacements and the one regex that finds them, for a room given as (name, role) pairs.

    Compiling the pattern of two hundred names costs milliseconds, and the heatmap
    scrubs on every refresh; the rules depend only on the names and roles, so they
    are kept per room (a renamed person or a changed role is another key). Callers
    only read the dict.
    """
    room = [Participant(name=name, role=role, id="") for name, role in people]
    sizes = role_sizes(room)
    replacements: dict[str, str] = {}
    for p in room:
        name = " ".join(p.name.split())
        if not name:
            continue
        role = quote_attribution(p, sizes, min_size)
        replacements.setdefault(name.casefold(), f"[{role}]" if role else "[a participant]")
    for p in room:
        for part in re.split(r"[\s,]+", " ".join(p.name.split())):
            part = part.strip(".'’-")
            if len(part) >= _MIN_NAME_PART:
                replacements.setdefault(part.casefold(), "[a participant]")
    if not replacements:
        return replacements, None
    body = "|".join(re.escape(a) for a in sorted(replacements, key=len, reverse=True))
    return replacements, re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def names_hidden_rounds(workshop: Workshop) -> list[int]:
    """Rounds voted with names hidden (phone voter codes): their raters may never be named."""
    return [r.number for r in workshop.rounds if r.names_hidden]


def naming_refusal(workshop: Workshop) -> str:
    """Why this workshop's ratings may not be shown with names ("" when they may).

    The room was promised, for a round voted with names hidden, that nobody would be
    pinned to a rating of it. Naming people in any other round of the same workshop
    would undo that promise (a person's ratings barely move between rounds), so once
    such a round exists every view and export of the workshop stays anonymous.
    """
    hidden = names_hidden_rounds(workshop)
    if not hidden:
        return ""
    rounds = ", ".join(str(n) for n in hidden)
    which = f"round {rounds} was" if len(hidden) == 1 else f"rounds {rounds} were"
    return (f"Names cannot be shown: {which} voted with names hidden, and the room was told nobody would be "
            "named. This workshop's results are shown without names.")
