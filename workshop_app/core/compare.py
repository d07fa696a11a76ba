"""Progress since the last workshop: stages then and now per pillar, and what became of the earlier roadmap.

Two workshops are compared only where they measure the same thing: the same rubric,
or pillars matched by id on the same stage scale. Anything that does not match is
said in words (which rubric, which pillars), never guessed. Only revealed rounds
count, so a round still being rated blind shows nowhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from workshop_app.core.consensus import Summary
from workshop_app.core.earlier import EarlierWorkshop, base_name, snapshot
from workshop_app.core.limits import DETAIL_MAX
from workshop_app.core.model import Details, Note, Participant, RoadmapAction, Workshop
from workshop_app.core.validation import clean_text

FOLLOW_UP_PREFIX = "Follow-up: "


@dataclass(frozen=True)
class PillarProgress:
    pillar: str
    name: str
    then: int | None  # the earlier agreed stage, else its median; None without either
    then_agreed: bool
    now: int | None
    now_agreed: bool

    @property
    def movement(self) -> int | None:
        """Stages gained (negative: lost); None when either side has no stage."""
        return None if self.then is None or self.now is None else self.now - self.then


@dataclass(frozen=True)
class ActionProgress:
    id: str
    pillar: str
    title: str
    status_then: str
    status_now: str | None  # the same action in the later workshop (a follow-up carries it), if there

    @property
    def done(self) -> bool:
        return self.status_then == "done" or self.status_now == "done"


@dataclass(frozen=True)
class Comparison:
    old_title: str
    old_date: str
    new_title: str
    new_date: str
    rubric_name: str
    stage_names: tuple[str, ...]
    comparable: bool
    problems: tuple[str, ...]  # why (part of) the comparison cannot be made, in words
    pillars: tuple[PillarProgress, ...] = ()
    actions: tuple[ActionProgress, ...] = ()
    overall_then: int | None = None
    overall_now: int | None = None
    overall_rule: str = ""
    only_then: tuple[str, ...] = field(default_factory=tuple)  # pillar names in the earlier workshop only
    only_now: tuple[str, ...] = field(default_factory=tuple)

    def stage_label(self, number: int | None) -> str:
        """'2 Walk', or '–' without a stage."""
        return "–" if number is None else f"{number} {self.stage_names[number - 1]}"

    @property
    def done(self) -> list[ActionProgress]:
        return [a for a in self.actions if a.done]

    @property
    def still_open(self) -> list[ActionProgress]:
        return [a for a in self.actions if not a.done]


def movement_words(movement: int | None) -> str:
    """'up 1 stage', 'down 2 stages', 'no change', or 'not comparable'."""
    if movement is None:
        return "no stage on one side"
    if movement == 0:
        return "no change"
    n = abs(movement)
    return f"{'up' if movement > 0 else 'down'} {n} stage{'s' if n != 1 else ''}"


def compare_workshops(old: Workshop, new: Workshop) -> Comparison:
    """Compare an earlier workshop with a later one; `problems` says what cannot be compared and why."""
    return compare_with_earlier(snapshot(old), new)


def compare_with_earlier(old: EarlierWorkshop, new: Workshop, summary: Summary | None = None) -> Comparison:
    """Compare a later workshop with an earlier one's snapshot (stored in the file, or taken from a file now);
    `summary`: the later workshop's summary of its revealed rounds, if already computed."""
    b = new.rubric
    head: dict[str, Any] = dict(old_title=old.details.title, old_date=old.details.date,
                                new_title=new.details.title, new_date=new.details.date, rubric_name=b.name,
                                stage_names=tuple(s.name for s in b.stages), overall_rule=b.overall_rule)
    problems: list[str] = []
    if old.rubric_id != b.id:
        problems.append(f"The earlier workshop used the rubric '{old.rubric_name}' ({old.rubric_id}) and this one "
                        f"'{b.name}' ({b.id}); pillars are matched by id where both have them.")
    if list(old.stage_ids) != [s.id for s in b.stages]:
        then = ", ".join(old.stage_names)
        now = ", ".join(s.name for s in b.stages)
        count = (f" ({old.k} stages then, {b.k} now)" if old.k != b.k else "")
        problems.append(f"The stages differ{count} (then: {then}; now: {now}), so stages cannot be compared.")
        return Comparison(**head, comparable=False, problems=tuple(problems))
    earlier_ids = set(old.pillar_ids)
    matched = [p for p in b.pillars if p.id in earlier_ids]
    only_then = tuple(p.name for p in old.pillars if p.id not in set(b.pillar_ids))
    only_now = tuple(p.name for p in b.pillars if p.id not in earlier_ids)
    if not matched:
        problems.append("No pillar of the earlier workshop matches a pillar of this one, so nothing can be "
                        "compared.")
        return Comparison(**head, comparable=False, problems=tuple(problems), only_then=only_then,
                          only_now=only_now)
    if only_then:
        problems.append(f"In the earlier workshop only (not compared): {', '.join(only_then)}.")
    if only_now:
        problems.append(f"New in this workshop (no earlier stage): {', '.join(only_now)}.")
    then = {p.id: p for p in old.pillars}
    now = snapshot(new, linked_at="", summary=summary)
    now_by_id = {p.id: p for p in now.pillars}
    pillars = tuple(
        PillarProgress(p.id, p.name, then[p.id].stage, then[p.id].agreed is not None, now_by_id[p.id].stage,
                       now_by_id[p.id].agreed is not None)
        for p in matched
    )
    later = {x.id: x for x in new.actions}
    actions = tuple(
        ActionProgress(x.id, x.pillar, x.title, x.status, later[x.id].status if x.id in later else None)
        for x in old.actions
    )
    return Comparison(**head, comparable=True, problems=tuple(problems), pillars=pillars, actions=actions,
                      overall_then=old.overall, overall_now=now.overall, only_then=only_then,
                      only_now=only_now)


def comparison_as_dict(c: Comparison) -> dict[str, Any]:
    """The JSON shape of `compare --json`: stages 1-based with their names."""
    def stage(n: int | None) -> dict[str, Any] | None:
        return None if n is None else {"number": n, "name": c.stage_names[n - 1]}

    return {
        "earlier": {"title": c.old_title, "date": c.old_date},
        "later": {"title": c.new_title, "date": c.new_date},
        "rubric": c.rubric_name,
        "comparable": c.comparable,
        "problems": list(c.problems),
        "overall": {"rule": c.overall_rule, "then": stage(c.overall_then), "now": stage(c.overall_now),
                    "movement": None if c.overall_then is None or c.overall_now is None
                    else c.overall_now - c.overall_then},
        "pillars": [
            {"id": p.pillar, "name": p.name, "then": stage(p.then), "then_agreed": p.then_agreed,
             "now": stage(p.now), "now_agreed": p.now_agreed, "movement": p.movement}
            for p in c.pillars
        ],
        "actions": [
            {"id": x.id, "pillar": x.pillar, "title": x.title, "status_then": x.status_then,
             "status_now": x.status_now, "done": x.done}
            for x in c.actions
        ],
    }


def format_comparison(c: Comparison) -> str:
    """Plain-text table for the terminal."""
    lines = [f"Earlier: {c.old_title or '(untitled)'} ({c.old_date or 'no date'})",
             f"Later:   {c.new_title or '(untitled)'} ({c.new_date or 'no date'})"]
    lines += [f"Note: {p}" for p in c.problems]
    if not c.comparable:
        return "\n".join(lines)
    rows = [("Pillar", "Then", "Now", "Movement")]
    for p in c.pillars:
        rows.append((p.name, c.stage_label(p.then) + ("" if p.then_agreed or p.then is None else " (median)"),
                     c.stage_label(p.now) + ("" if p.now_agreed or p.now is None else " (median)"),
                     movement_words(p.movement)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines.append("")
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    overall_move = None if c.overall_then is None or c.overall_now is None else c.overall_now - c.overall_then
    lines.append("")
    lines.append(f"Overall stage ({c.overall_rule}): then {c.stage_label(c.overall_then)}, "
                 f"now {c.stage_label(c.overall_now)}: {movement_words(overall_move)}")
    lines.append("")
    lines.append(f"Earlier roadmap: {len(c.done)} of {len(c.actions)} actions done")
    for x in c.actions:
        mark = "done" if x.done else "open"
        lines.append(f"  [{mark}] {x.title}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- starting a follow-up


def follow_up_title(title: str) -> str:
    """The earlier title marked as a follow-up (once: a follow-up of a follow-up is not marked twice)."""
    base = title.strip() or "Workshop"
    text = base if base.startswith(FOLLOW_UP_PREFIX) else FOLLOW_UP_PREFIX + base
    return text[:DETAIL_MAX].rstrip()


def follow_up(old: Workshop, today: dt.date | None = None, earlier_file: str = "") -> Workshop:
    """A new workshop from an earlier one: its details (title marked, date today), participants and
    open roadmap actions (same ids, so a comparison can tell which were done later), one blind round
    ready to rate and no ratings or decisions; linked to the earlier one (`earlier_file`: its file,
    of which only the name is kept)."""
    today = today or dt.date.today()
    d = old.details
    details = Details(title=follow_up_title(d.title), client=d.client, date=today.isoformat(), site=d.site,
                      facilitator=d.facilitator)
    people = [Participant(name=p.name, role=p.role) for p in old.participants]
    carried = [RoadmapAction(pillar=a.pillar, title=a.title, detail=a.detail, owner=a.owner, horizon=a.horizon,
                             priority=a.priority, status=a.status, id=a.id)
               for a in old.actions if a.status != "done" and a.pillar in set(old.rubric.pillar_ids)]
    earlier = clean_text(d.title, "title", limit=DETAIL_MAX) or "an untitled workshop"
    when = f" of {d.date}" if d.date else ""
    note = Note(text=f"Follow-up of '{earlier}'{when}: {len(people)} participants and {len(carried)} open "
                     "roadmap actions carried over.", created=dt.datetime.now().isoformat(timespec="minutes"))
    workshop = Workshop(rubric=old.rubric, details=details, participants=people, actions=carried, notes=[note],
                        earlier=snapshot(old, base_name(earlier_file)))
    workshop.ensure_first_round()
    return workshop
