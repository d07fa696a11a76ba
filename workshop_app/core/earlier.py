"""The earlier workshop a workshop is linked to: a compact snapshot kept inside the later file.

A workshop file is copied, e-mailed and reopened years later, so a path to the earlier
file would break; the later file keeps a copy of exactly what a comparison needs
(details, the rubric's identity, per pillar the agreed stage and the revealed median,
the overall stage, the roadmap actions with their status) and nothing about people:
no participant names, no action owners, no ratings, no comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any

from workshop_app.core.consensus import Summary, summarise
from workshop_app.core.filecheck import RecordChecker, short_repr
from workshop_app.core.limits import DETAIL_MAX, MAX_ACTIONS
from workshop_app.core.model import STATUSES, Details, Workshop
from workshop_app.core.revealed import revealed_only
from workshop_app.core.rubric import MAX_PILLARS, MAX_STAGES, MIN_STAGES, OVERALL_RULES

TABLE = "earlier"


@dataclass(frozen=True)
class EarlierPillar:
    id: str
    name: str
    agreed: int | None = None  # the stage the room agreed
    median: int | None = None  # median of the latest revealed round that rated the pillar

    @property
    def stage(self) -> int | None:
        """The stage a comparison uses: agreed, else the median."""
        return self.agreed if self.agreed is not None else self.median


@dataclass(frozen=True)
class EarlierAction:
    id: str
    pillar: str
    title: str
    status: str = "proposed"


@dataclass(frozen=True)
class EarlierWorkshop:
    """Frozen, so an undo step and the workshop can share one instance safely."""

    details: Details
    rubric_id: str
    rubric_name: str
    stage_ids: tuple[str, ...]
    stage_names: tuple[str, ...]
    overall_rule: str
    pillars: tuple[EarlierPillar, ...]
    overall: int | None = None
    actions: tuple[EarlierAction, ...] = ()
    file_name: str = ""  # the earlier file's base name, never a path
    linked_at: str = ""  # ISO 8601, minutes

    @property
    def k(self) -> int:
        return len(self.stage_ids)

    @property
    def pillar_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pillars)

    def title_and_date(self) -> str:
        """'Spring assessment (2026-05-18)': how the app and the handout name the earlier workshop."""
        title = self.details.title or "the earlier workshop"
        return f"{title} ({self.details.date})" if self.details.date else title

    def to_dict(self) -> dict[str, Any]:
        """The record stored in the file's `earlier` table."""
        return {
            "details": dict(vars(self.details)),
            "rubric_id": self.rubric_id,
            "rubric_name": self.rubric_name,
            "stage_ids": list(self.stage_ids),
            "stage_names": list(self.stage_names),
            "overall_rule": self.overall_rule,
            "overall": self.overall,
            "pillars": [dict(vars(p)) for p in self.pillars],
            "actions": [dict(vars(a)) for a in self.actions],
            "file_name": self.file_name,
            "linked_at": self.linked_at,
        }


def base_name(path_or_name: str) -> str:
    """The last part of a path, whichever system wrote it (a folder never leaves this computer)."""
    return PureWindowsPath(str(path_or_name).replace("\\", "/").split("/")[-1]).name


def snapshot(workshop: Workshop, file_name: str = "", linked_at: str | None = None, *,
             summary: Summary | None = None) -> EarlierWorkshop:
    """What a later workshop keeps of this one: only revealed rounds count, and nobody is named.

    `summary`, when given, is the workshop's summary of its revealed rounds already computed
    (a page refreshing on every edit of a big room need not compute it twice).
    """
    shown = revealed_only(workshop)
    if not shown.rounds:
        summary = None
    elif summary is None:
        summary = summarise(shown)
    medians = {s.pillar: s.median for s in summary.pillars} if summary else {}
    rubric = workshop.rubric
    pillars = tuple(
        EarlierPillar(p.id, p.name, workshop.decision(p.id).agreed, medians.get(p.id)) for p in rubric.pillars
    )
    actions = tuple(EarlierAction(a.id, a.pillar, a.title, a.status) for a in workshop.actions)
    when = linked_at if linked_at is not None else dt.datetime.now().isoformat(timespec="minutes")
    return EarlierWorkshop(
        details=Details(**vars(workshop.details)), rubric_id=rubric.id, rubric_name=rubric.name,
        stage_ids=tuple(s.id for s in rubric.stages), stage_names=tuple(s.name for s in rubric.stages),
        overall_rule=rubric.overall_rule, pillars=pillars,
        overall=summary.overall.stage if summary else None, actions=actions,
        file_name=base_name(file_name), linked_at=when,
    )


# --------------------------------------------------------------------------- reading it back


def earlier_from_record(doc: dict[str, Any], check: RecordChecker) -> EarlierWorkshop:
    """Rebuild the snapshot from the file, checking every field; failures name the field (`earlier.pillars[2].agreed`)."""
    where = TABLE

    def text(key: str, *, required: bool = False, limit: int = DETAIL_MAX) -> str:
        value = doc.get(key, "")
        if not isinstance(value, str):
            raise check.fail(f"{where}.{key}", f"unexpected value {short_repr(value)}")
        if required and not value.strip():
            raise check.fail(f"{where}.{key}", "missing")
        if len(value) > limit:
            raise check.fail(f"{where}.{key}", f"longer than {limit} characters")
        return value

    def rows(key: str, limit: int) -> list[dict[str, Any]]:
        value = doc.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise check.fail(f"{where}.{key}", f"unexpected value {short_repr(value)}")
        check.count(f"{where}.{key}", value, limit)
        return value

    details_doc = doc.get("details")
    if not isinstance(details_doc, dict):
        raise check.fail(f"{where}.details", f"unexpected value {short_repr(details_doc)}")
    details = Details(**check.fields(f"{where}.details", details_doc, Details))
    stage_ids, stage_names = (_names(doc, key, check, where) for key in ("stage_ids", "stage_names"))
    if not MIN_STAGES <= len(stage_ids) <= MAX_STAGES:
        raise check.fail(f"{where}.stage_ids", f"{len(stage_ids)} stages, expected {MIN_STAGES} to {MAX_STAGES}")
    if len(stage_names) != len(stage_ids):
        raise check.fail(f"{where}.stage_names", f"{len(stage_names)} names for {len(stage_ids)} stages")
    rule = text("overall_rule", required=True)
    check.member(f"{where}.overall_rule", rule, set(OVERALL_RULES), "rule")
    k = len(stage_ids)
    overall = doc.get("overall")
    if overall is not None:
        if not isinstance(overall, int) or isinstance(overall, bool):
            raise check.fail(f"{where}.overall", f"unexpected value {short_repr(overall)}")
        check.whole(f"{where}.overall", overall, 1, k)
    pillars: list[EarlierPillar] = []
    for i, row in enumerate(rows("pillars", MAX_PILLARS)):
        values = check.fields(f"{where}.pillars[{i}]", row, EarlierPillar)
        for key in ("agreed", "median"):
            if values.get(key) is not None:
                check.whole(f"{where}.pillars[{i}].{key}", values[key], 1, k)
        pillars.append(EarlierPillar(**values))
    if not pillars:
        raise check.fail(f"{where}.pillars", "no pillars")
    ids = {p.id for p in pillars}
    if len(ids) != len(pillars):
        raise check.fail(f"{where}.pillars", "two pillars share an id")
    actions: list[EarlierAction] = []
    for i, row in enumerate(rows("actions", MAX_ACTIONS)):
        values = check.fields(f"{where}.actions[{i}]", row, EarlierAction)
        check.member(f"{where}.actions[{i}].pillar", values["pillar"], ids | {""}, "pillar")
        check.member(f"{where}.actions[{i}].status", values.get("status", "proposed"), set(STATUSES), "status")
        actions.append(EarlierAction(**values))
    file_name = text("file_name")
    if file_name != base_name(file_name):
        raise check.fail(f"{where}.file_name", "a folder path; only the file's name is kept")
    return EarlierWorkshop(
        details=details, rubric_id=text("rubric_id", required=True), rubric_name=text("rubric_name"),
        stage_ids=stage_ids, stage_names=stage_names, overall_rule=rule, pillars=tuple(pillars), overall=overall,
        actions=tuple(actions), file_name=file_name, linked_at=text("linked_at"),
    )


def _names(doc: dict[str, Any], key: str, check: RecordChecker, where: str) -> tuple[str, ...]:
    value = doc.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise check.fail(f"{where}.{key}", f"unexpected value {short_repr(value)}")
    return tuple(value)

