"""Named edits of a workshop; each validates its input and reports what changed.

The GUI routes every edit through these functions (wrapped in undoable
commands), so views refresh from the returned `Change` instead of poking
each other, and the rules (a rationale for an override, say) live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from workshop_app.core.consensus import pillar_stats
from workshop_app.core.model import (
    HORIZONS,
    PRIORITIES,
    STATUSES,
    Decision,
    Details,
    Note,
    Participant,
    Rating,
    RoadmapAction,
    Round,
    Workshop,
)

# Areas a change can touch; views subscribe to the ones they show.
DETAILS, PARTICIPANTS, RATINGS, ROUNDS, DECISIONS, ROADMAP, NOTES = (
    "details", "participants", "ratings", "rounds", "decisions", "roadmap", "notes",
)


class OperationError(ValueError):
    """An edit that breaks a workshop rule; the message is shown to the user as is."""


@dataclass(frozen=True)
class Change:
    areas: frozenset[str]
    description: str  # for the undo menu: "Undo Rename participant"


def _change(description: str, *areas: str) -> Change:
    return Change(frozenset(areas), description)


def _clean(text: str, what: str, *, required: bool = False, limit: int = 2000) -> str:
    """Trim, drop control characters (keep newlines), enforce a sane length."""
    cleaned = "".join(ch for ch in str(text) if ch in "\n\t" or ch.isprintable()).strip()
    if required and not cleaned:
        raise OperationError(f"{what} must not be empty")
    if len(cleaned) > limit:
        raise OperationError(f"{what} is too long ({len(cleaned)} characters, at most {limit})")
    return cleaned


# --------------------------------------------------------------------------- details


def set_details(workshop: Workshop, **values: str) -> Change:
    known = {f.name for f in fields(Details)}
    unknown = set(values) - known
    if unknown:
        raise OperationError(f"unknown workshop detail: {', '.join(sorted(unknown))}")
    cleaned = {k: _clean(v, k, limit=300) for k, v in values.items()}
    workshop.details = replace(workshop.details, **cleaned)
    return _change("Edit workshop details", DETAILS)


# --------------------------------------------------------------------------- participants


def add_participant(workshop: Workshop, name: str, role: str = "") -> tuple[Participant, Change]:
    name = _clean(name, "Participant name", required=True, limit=120)
    person = Participant(name=name, role=_clean(role, "Role", limit=120))
    workshop.participants.append(person)
    return person, _change(f"Add participant {name}", PARTICIPANTS)


def add_participants_from_text(workshop: Workshop, text: str) -> tuple[list[Participant], Change]:
    """One person a line, 'Name' or 'Name, Role' (tab or semicolon also separate)."""
    added = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for sep in ("\t", ";", ","):
            if sep in line:
                name, role = line.split(sep, 1)
                break
        else:
            name, role = line, ""
        person, _ = add_participant(workshop, name, role)
        added.append(person)
    if not added:
        raise OperationError("no names found in the pasted text")
    return added, _change(f"Add {len(added)} participants", PARTICIPANTS)


def update_participant(workshop: Workshop, participant_id: str, *, name: str | None = None,
                       role: str | None = None) -> Change:
    person = workshop.participant(participant_id)
    if name is not None:
        person.name = _clean(name, "Participant name", required=True, limit=120)
    if role is not None:
        person.role = _clean(role, "Role", limit=120)
    return _change("Edit participant", PARTICIPANTS, RATINGS)


def remove_participant(workshop: Workshop, participant_id: str) -> Change:
    person = workshop.participant(participant_id)
    workshop.participants.remove(person)
    workshop.ratings = [r for r in workshop.ratings if r.participant != participant_id]
    return _change(f"Remove participant {person.name}", PARTICIPANTS, RATINGS)


def move_participant(workshop: Workshop, participant_id: str, new_index: int) -> Change:
    person = workshop.participant(participant_id)
    workshop.participants.remove(person)
    new_index = max(0, min(new_index, len(workshop.participants)))
    workshop.participants.insert(new_index, person)
    return _change("Reorder participants", PARTICIPANTS)


# --------------------------------------------------------------------------- ratings and rounds


def set_rating(workshop: Workshop, participant_id: str, pillar_id: str, round_number: int,
               stage: int | None, comment: str | None = None) -> Change:
    """Record, change or (with stage None and no 'don't know' wanted) keep a rating."""
    workshop.participant(participant_id)
    workshop.rubric.pillar(pillar_id)
    rnd = workshop.round(round_number)
    if pillar_id not in rnd.pillars:
        raise OperationError(f"round {round_number} does not vote on this pillar")
    if stage is not None and not 1 <= stage <= workshop.rubric.k:
        raise OperationError(f"stage must be 1 to {workshop.rubric.k}")
    existing = workshop.rating(participant_id, pillar_id, round_number)
    if existing is None:
        workshop.ratings.append(Rating(participant_id, pillar_id, round_number, stage,
                                       _clean(comment or "", "Comment", limit=1000)))
    else:
        existing.stage = stage
        if comment is not None:
            existing.comment = _clean(comment, "Comment", limit=1000)
    return _change("Set rating", RATINGS)


def clear_rating(workshop: Workshop, participant_id: str, pillar_id: str, round_number: int) -> Change:
    existing = workshop.rating(participant_id, pillar_id, round_number)
    if existing is not None:
        workshop.ratings.remove(existing)
    return _change("Clear rating", RATINGS)


def open_round(workshop: Workshop, pillar_ids: list[str], label: str = "") -> tuple[Round, Change]:
    """A new blind round (re-vote) on the chosen pillars."""
    if not pillar_ids:
        raise OperationError("choose at least one pillar to re-vote")
    for pid in pillar_ids:
        workshop.rubric.pillar(pid)
    ordered = [p for p in workshop.rubric.pillar_ids if p in pillar_ids]
    rnd = Round(number=workshop.latest_round + 1, pillars=ordered, label=_clean(label, "Label", limit=120))
    workshop.rounds.append(rnd)
    return rnd, _change(f"Open round {rnd.number}", ROUNDS, RATINGS)


def set_revealed(workshop: Workshop, round_number: int, revealed: bool = True) -> Change:
    workshop.round(round_number).revealed = revealed
    return _change("Reveal ratings" if revealed else "Hide ratings", ROUNDS)


def voters(workshop: Workshop, round_number: int) -> dict[str, int]:
    """How many pillars each participant has rated in a round (who voted, not what)."""
    counts = {p.id: 0 for p in workshop.participants}
    for r in workshop.ratings:
        if r.round == round_number and r.participant in counts:
            counts[r.participant] += 1
    return counts


# --------------------------------------------------------------------------- decisions


def set_decision(workshop: Workshop, pillar_id: str, agreed: int | None, target: int | None,
                 rationale: str = "") -> Change:
    """Agree a stage; moving away from the computed consensus needs a written rationale."""
    workshop.rubric.pillar(pillar_id)
    k = workshop.rubric.k
    for what, value in (("Agreed stage", agreed), ("Target stage", target)):
        if value is not None and not 1 <= value <= k:
            raise OperationError(f"{what} must be 1 to {k}")
    if agreed is not None and target is not None and target < agreed:
        raise OperationError("the target stage cannot be below the agreed stage")
    rationale = _clean(rationale, "Rationale", limit=2000)
    voted = workshop.last_round_with(pillar_id)
    consensus = pillar_stats(workshop, pillar_id, voted).median if voted else None
    override = agreed is not None and consensus is not None and agreed != consensus
    if override and not rationale:
        name = workshop.rubric.pillar(pillar_id).name
        raise OperationError(
            f"{name}: the agreed stage differs from the consensus "
            f"({workshop.rubric.stage_label(consensus)}); write a rationale for the override"
        )
    workshop.decisions[pillar_id] = Decision(pillar_id, agreed, target, rationale, override)
    return _change("Decide stage", DECISIONS)


def clear_decision(workshop: Workshop, pillar_id: str) -> Change:
    workshop.decisions.pop(pillar_id, None)
    return _change("Clear decision", DECISIONS)


# --------------------------------------------------------------------------- roadmap


def _checked_action_values(workshop: Workshop, values: dict[str, str]) -> dict[str, str]:
    allowed = {f.name for f in fields(RoadmapAction)} - {"id"}
    unknown = set(values) - allowed
    if unknown:
        raise OperationError(f"unknown action field: {', '.join(sorted(unknown))}")
    out = dict(values)
    if "title" in out:
        out["title"] = _clean(out["title"], "Action title", required=True, limit=300)
    for key in ("detail", "owner"):
        if key in out:
            out[key] = _clean(out[key], key.capitalize(), limit=2000 if key == "detail" else 120)
    for key, options in (("horizon", HORIZONS), ("priority", PRIORITIES), ("status", STATUSES)):
        if key in out and out[key] not in options:
            raise OperationError(f"{key} must be one of {', '.join(options)}")
    if out.get("pillar"):
        workshop.rubric.pillar(out["pillar"])
    return out


def add_action(workshop: Workshop, index: int | None = None, **values: str) -> tuple[RoadmapAction, Change]:
    values = _checked_action_values(workshop, {"pillar": "", "title": "New action", **values})
    action = RoadmapAction(**values)
    position = len(workshop.actions) if index is None else max(0, min(index, len(workshop.actions)))
    workshop.actions.insert(position, action)
    return action, _change("Add roadmap action", ROADMAP)


def update_action(workshop: Workshop, action_id: str, **values: str) -> Change:
    action = _find(workshop.actions, action_id)
    for key, value in _checked_action_values(workshop, values).items():
        setattr(action, key, value)
    return _change("Edit roadmap action", ROADMAP)


def remove_action(workshop: Workshop, action_id: str) -> Change:
    workshop.actions.remove(_find(workshop.actions, action_id))
    return _change("Delete roadmap action", ROADMAP)


def move_action(workshop: Workshop, action_id: str, new_index: int) -> Change:
    action = _find(workshop.actions, action_id)
    workshop.actions.remove(action)
    workshop.actions.insert(max(0, min(new_index, len(workshop.actions))), action)
    return _change("Reorder roadmap", ROADMAP)


def replace_roadmap(workshop: Workshop, actions: list[RoadmapAction]) -> Change:
    """Use the builder's proposals (the facilitator then edits them)."""
    workshop.actions = list(actions)
    return _change("Build roadmap from decisions", ROADMAP)


# --------------------------------------------------------------------------- notes


def add_note(workshop: Workshop, text: str, created: str = "") -> tuple[Note, Change]:
    note = Note(text=_clean(text, "Note", required=True, limit=4000), created=created)
    workshop.notes.append(note)
    return note, _change("Add note", NOTES)


def update_note(workshop: Workshop, note_id: str, text: str) -> Change:
    _find(workshop.notes, note_id).text = _clean(text, "Note", required=True, limit=4000)
    return _change("Edit note", NOTES)


def remove_note(workshop: Workshop, note_id: str) -> Change:
    workshop.notes.remove(_find(workshop.notes, note_id))
    return _change("Delete note", NOTES)


def _find(items: list, item_id: str):  # type: ignore[no-untyped-def]
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
