"""Named edits of a workshop; each validates its input and reports what changed.

The GUI routes every edit through these functions (wrapped in undoable
commands), so views refresh from the returned `Change` instead of poking
each other, and the rules (a rationale for an override, say) live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import datetime

from workshop_app.core import limits
from workshop_app.core.consensus import pillar_stats
from workshop_app.core.earlier import EarlierWorkshop
from workshop_app.core.model import (
    GROUP_FROM_ROLE,
    HORIZONS,
    NO_GROUP,
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
from workshop_app.core.validation import InvalidText, clean_text, name_key

# Areas a change can touch; views subscribe to the ones they show.
DETAILS, PARTICIPANTS, RATINGS, ROUNDS, DECISIONS, ROADMAP, NOTES, EARLIER = (
    "details", "participants", "ratings", "rounds", "decisions", "roadmap", "notes", "earlier",
)


class OperationError(ValueError):
    """An edit that breaks a workshop rule; the message is shown to the user as is."""


@dataclass(frozen=True)
class Change:
    areas: frozenset[str]
    description: str  # for the undo menu: "Undo Rename participant"


def _change(description: str, *areas: str) -> Change:
    return Change(frozenset(areas), description)


def _clean(text: str, what: str, *, limit: int, required: bool = False, multiline: bool = False) -> str:
    """The one text rule of core.validation, refused as an OperationError."""
    try:
        return clean_text(text, what, limit=limit, required=required, multiline=multiline)
    except InvalidText as exc:
        raise OperationError(str(exc)) from None


# --------------------------------------------------------------------------- details


def set_details(workshop: Workshop, **values: str) -> Change:
    known = {f.name for f in fields(Details)}
    unknown = set(values) - known
    if unknown:
        raise OperationError(f"unknown workshop detail: {', '.join(sorted(unknown))}")
    cleaned = {k: _clean(v, k.capitalize(), limit=limits.DETAIL_MAX) for k, v in values.items()}
    workshop.details = replace(workshop.details, **cleaned)
    return _change("Edit workshop details", DETAILS)


# --------------------------------------------------------------------------- participants


def _participant_values(name: str, role: str | None) -> tuple[str, str | None]:
    name = _clean(name, "Participant name", required=True, limit=limits.NAME_MAX)
    return name, None if role is None else _clean(role, "Role", limit=limits.ROLE_MAX)


def _refuse_duplicate(workshop: Workshop, name: str, *, other_than: str | None = None) -> None:
    """Two people of one name cannot be told apart on a ballot, a grid or a CSV: refuse the second."""
    key = name_key(name)
    for p in workshop.participants:
        if p.id != other_than and name_key(p.name) == key:
            raise OperationError(f"there is already a participant called {p.name}")


def _refuse_more_than(count: int) -> None:
    if count > limits.MAX_PARTICIPANTS:
        raise OperationError(f"a workshop holds at most {limits.MAX_PARTICIPANTS:,} participants")


def add_participant(workshop: Workshop, name: str, role: str = "") -> tuple[Participant, Change]:
    name, role = _participant_values(name, role)
    _refuse_duplicate(workshop, name)
    _refuse_more_than(len(workshop.participants) + 1)
    person = Participant(name=name, role=role or "")
    workshop.participants.append(person)
    return person, _change(f"Add participant {name}", PARTICIPANTS)


def add_participants_from_text(workshop: Workshop, text: str) -> tuple[list[Participant], Change]:
    """One person a line, 'Name' or 'Name, Role' (tab or semicolon also separate); all lines or none."""
    added: list[Participant] = []
    keys = {name_key(p.name): p.name for p in workshop.participants}
    for number, line in enumerate(str(text).splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        for sep in ("\t", ";", ","):
            if sep in line:
                name, role = line.split(sep, 1)
                break
        else:
            name, role = line, ""
        try:
            name, role = _participant_values(name, role)
        except OperationError as exc:
            raise OperationError(f"line {number}: {exc}") from None
        if name_key(name) in keys:
            raise OperationError(f"line {number}: there is already a participant called {keys[name_key(name)]}")
        keys[name_key(name)] = name
        added.append(Participant(name=name, role=role or ""))
    if not added:
        raise OperationError("no names found in the pasted text")
    _refuse_more_than(len(workshop.participants) + len(added))
    workshop.participants.extend(added)
    return added, _change(f"Add {len(added)} participants", PARTICIPANTS)


def update_participant(workshop: Workshop, participant_id: str, *, name: str | None = None,
                       role: str | None = None) -> Change:
    person = workshop.participant(participant_id)
    new_name, new_role = _participant_values(person.name if name is None else name, role)
    if name is not None:
        _refuse_duplicate(workshop, new_name, other_than=participant_id)
        person.name = new_name
    if new_role is not None:
        person.role = new_role
    return _change("Edit participant", PARTICIPANTS, RATINGS)


def set_participant_group(workshop: Workshop, participant_id: str, group: str) -> Change:
    """Put someone in a role group ("" = the group their role suggests, "-" = no group)."""
    person = workshop.participant(participant_id)
    if group not in (GROUP_FROM_ROLE, NO_GROUP):
        group = _clean(group, "Role group", required=True, limit=limits.ROLE_MAX)
    person.group = group
    return _change("Set role group", PARTICIPANTS)


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
                                       _clean(comment or "", "Comment", limit=limits.COMMENT_MAX,
                                              multiline=True)))
    else:
        existing.stage = stage
        if comment is not None:
            existing.comment = _clean(comment, "Comment", limit=limits.COMMENT_MAX, multiline=True)
    return _change("Set rating", RATINGS)


def clear_rating(workshop: Workshop, participant_id: str, pillar_id: str, round_number: int) -> Change:
    existing = workshop.rating(participant_id, pillar_id, round_number)
    if existing is not None:
        workshop.ratings.remove(existing)
    return _change("Clear rating", RATINGS)


def open_round(workshop: Workshop, pillar_ids: list[str], label: str = "") -> tuple[Round, Change]:
    """A new blind round (re-vote) on the chosen pillars; it follows the reveal of the latest round."""
    from workshop_app.core.ballots import revote_refusal  # ballots builds on this module

    refusal = revote_refusal(workshop)
    if refusal:
        raise OperationError(refusal)
    if workshop.latest_round >= limits.MAX_ROUNDS:
        raise OperationError(f"a workshop holds at most {limits.MAX_ROUNDS} rounds")
    if not pillar_ids:
        raise OperationError("choose at least one pillar to re-vote")
    for pid in pillar_ids:
        workshop.rubric.pillar(pid)
    ordered = [p for p in workshop.rubric.pillar_ids if p in pillar_ids]
    rnd = Round(number=workshop.latest_round + 1, pillars=ordered, label=_clean(label, "Label", limit=limits.LABEL_MAX))
    workshop.rounds.append(rnd)
    return rnd, _change(f"Open round {rnd.number}", ROUNDS, RATINGS)


def set_revealed(workshop: Workshop, round_number: int, revealed: bool = True) -> Change:
    """Show a round's ratings to the room (or hide them again); a round nobody voted in has nothing to show."""
    from workshop_app.core.ballots import reveal_refusal  # ballots builds on this module

    refusal = reveal_refusal(workshop, round_number) if revealed else ""
    if refusal:
        raise OperationError(refusal)
    workshop.round(round_number).revealed = revealed
    return _change("Reveal ratings" if revealed else "Hide ratings", ROUNDS)


def voters(workshop: Workshop, round_number: int) -> dict[str, int]:
    """How many pillars each participant has rated in a round (who voted, not what)."""
    counts = {p.id: 0 for p in workshop.participants}
    for r in workshop.ratings:
        if r.round == round_number and r.participant in counts:
            counts[r.participant] += 1
    return counts


def voters_by_round(workshop: Workshop) -> dict[int, dict[str, int]]:
    """`voters` of every round at once: one pass over the ratings instead of one per round
    (12,000 ratings and five rounds in a big room, read on every refresh of the Overview)."""
    counts = {rnd.number: {p.id: 0 for p in workshop.participants} for rnd in workshop.rounds}
    for r in workshop.ratings:
        per_person = counts.get(r.round)
        if per_person is not None and r.participant in per_person:
            per_person[r.participant] += 1
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
    rationale = _clean(rationale, "Rationale", limit=limits.RATIONALE_MAX, multiline=True)
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
        out["title"] = _clean(out["title"], "Action title", required=True, limit=limits.ACTION_TITLE_MAX)
    if "detail" in out:
        out["detail"] = _clean(out["detail"], "Detail", limit=limits.ACTION_DETAIL_MAX, multiline=True)
    if "owner" in out:
        out["owner"] = _clean(out["owner"], "Owner", limit=limits.OWNER_MAX)
    if "measure" in out:
        out["measure"] = _clean(out["measure"], "Success measure", limit=limits.MEASURE_MAX)
    if "due" in out:
        out["due"] = _due_date(out["due"])
    for key, options in (("horizon", HORIZONS), ("priority", PRIORITIES), ("status", STATUSES)):
        if key in out and out[key] not in options:
            raise OperationError(f"{key} must be one of {', '.join(options)}")
    if out.get("pillar"):
        workshop.rubric.pillar(out["pillar"])
    return out


def _due_date(text: str) -> str:
    """A due date as YYYY-MM-DD (also accepts DD/MM/YYYY and DD.MM.YYYY), or "" for none."""
    text = " ".join(str(text).split())
    if not text:
        return ""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise OperationError(f"due date '{text[:40]}' is not a date (use YYYY-MM-DD, e.g. 2027-03-31)")


def add_action(workshop: Workshop, index: int | None = None, **values: str) -> tuple[RoadmapAction, Change]:
    if len(workshop.actions) >= limits.MAX_ACTIONS:
        raise OperationError(f"a roadmap holds at most {limits.MAX_ACTIONS:,} actions")
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
    if len(actions) > limits.MAX_ACTIONS:
        raise OperationError(f"a roadmap holds at most {limits.MAX_ACTIONS:,} actions")
    workshop.actions = list(actions)
    return _change("Build roadmap from decisions", ROADMAP)


# --------------------------------------------------------------------------- notes


def add_note(workshop: Workshop, text: str, created: str = "") -> tuple[Note, Change]:
    if len(workshop.notes) >= limits.MAX_NOTES:
        raise OperationError(f"a workshop holds at most {limits.MAX_NOTES:,} notes")
    note = Note(text=_clean(text, "Note", required=True, limit=limits.NOTE_MAX, multiline=True),
                created=_clean(created, "Note time", limit=limits.LABEL_MAX))
    workshop.notes.append(note)
    return note, _change("Add note", NOTES)


def update_note(workshop: Workshop, note_id: str, text: str) -> Change:
    _find(workshop.notes, note_id).text = _clean(text, "Note", required=True, limit=limits.NOTE_MAX, multiline=True)
    return _change("Edit note", NOTES)


def remove_note(workshop: Workshop, note_id: str) -> Change:
    workshop.notes.remove(_find(workshop.notes, note_id))
    return _change("Delete note", NOTES)


# --------------------------------------------------------------------------- the earlier workshop


def link_earlier(workshop: Workshop, earlier: EarlierWorkshop) -> Change:
    """Compare this workshop with an earlier one from now on (replacing any earlier link)."""
    if not isinstance(earlier, EarlierWorkshop):
        raise OperationError("only a snapshot of an earlier workshop can be linked")
    replacing = workshop.earlier is not None
    workshop.earlier = earlier
    return _change("Replace the earlier workshop" if replacing else "Link an earlier workshop", EARLIER)


def unlink_earlier(workshop: Workshop) -> Change:
    """Stop comparing with the earlier workshop (undo brings the link back)."""
    if workshop.earlier is None:
        raise OperationError("this workshop is not linked to an earlier one")
    workshop.earlier = None
    return _change("Remove the link to the earlier workshop", EARLIER)


def _find(items: list, item_id: str):  # type: ignore[no-untyped-def]
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)
