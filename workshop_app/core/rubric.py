"""Rubric model and the TOML reader that refuses broken rubrics with a precise message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OVERALL_RULES = ("weakest-link", "median")
MIN_STAGES, MAX_STAGES = 2, 10
#: A room rates every pillar; past a few dozen a workshop stops being one (the shipped rubrics have 4 and 6).
MAX_PILLARS = 50
#: Longest text of one rubric field or list item, and most items per stage list (shipped: 200 characters, 4 items).
RUBRIC_TEXT_MAX = 2000
RUBRIC_LIST_MAX = 20
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RubricError(ValueError):
    """A rubric that cannot be used; the message names the source, key path and problem."""


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    summary: str
    role: str = ""
    aim: str = ""
    risk: str = ""


@dataclass(frozen=True)
class Pillar:
    id: str
    name: str
    description: str
    question: str = ""
    levels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    actions: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rubric:
    id: str
    name: str
    version: str
    description: str
    overall_rule: str
    stages: tuple[Stage, ...]
    pillars: tuple[Pillar, ...]
    author: str = ""
    source: str = ""  # where it was read from; not part of the data

    @property
    def k(self) -> int:
        """Number of stages: ratings run from 1 to k."""
        return len(self.stages)

    def stage(self, number: int) -> Stage:
        """Stage by its 1-based number."""
        if not 1 <= number <= self.k:
            raise IndexError(f"stage {number} is outside 1..{self.k}")
        return self.stages[number - 1]

    def stage_number(self, stage_id: str) -> int:
        for i, stage in enumerate(self.stages, start=1):
            if stage.id == stage_id:
                return i
        raise KeyError(stage_id)

    def stage_label(self, number: int | None) -> str:
        """'2 Walk' style label; '?' for don't know."""
        if number is None:
            return "?"
        return f"{number} {self.stage(number).name}"

    def pillar(self, pillar_id: str) -> Pillar:
        for pillar in self.pillars:
            if pillar.id == pillar_id:
                return pillar
        raise KeyError(pillar_id)

    @property
    def pillar_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pillars)

    def levels_for(self, pillar_id: str, number: int) -> tuple[str, ...]:
        """What stage `number` looks like for a pillar (may be empty)."""
        return self.pillar(pillar_id).levels.get(self.stage(number).id, ())

    def actions_leaving(self, pillar_id: str, number: int) -> tuple[str, ...]:
        """Next-step actions that move a pillar out of stage `number`."""
        return self.pillar(pillar_id).actions.get(self.stage(number).id, ())

    def warnings(self) -> list[str]:
        """Gaps that do not stop a workshop but weaken it (for check-rubric)."""
        notes: list[str] = []
        for pillar in self.pillars:
            for number, stage in enumerate(self.stages, start=1):
                if stage.id not in pillar.levels:
                    notes.append(f"pillars.{pillar.id}.levels: no description for stage '{stage.id}'")
                if number < self.k and stage.id not in pillar.actions:
                    notes.append(f"pillars.{pillar.id}.actions: no next steps to leave stage '{stage.id}'")
        return notes

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the TOML file's shape, embedded in every workshop file."""
        return {
            "id": self.id,
            "name": self.name,
            "version": self.version,
            "description": self.description,
            "overall_rule": self.overall_rule,
            "author": self.author,
            "stages": [
                {k: v for k, v in vars(s).items() if v or k in ("id", "name", "summary")}
                for s in self.stages
            ],
            "pillars": [
                {
                    "id": p.id,
                    "name": p.name,
                    "description": p.description,
                    "question": p.question,
                    "levels": {k: list(v) for k, v in p.levels.items()},
                    "actions": {k: list(v) for k, v in p.actions.items()},
                }
                for p in self.pillars
            ],
        }


# --------------------------------------------------------------------------- reading


class _Reader:
    """Walks raw rubric data, raising RubricError with the key path on the first problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, problem: str) -> RubricError:
        where = f"{self.source}: " if self.source else ""
        return RubricError(f"{where}{path}: {problem}" if path else f"{where}{problem}")

    def text(self, table: dict[str, Any], key: str, path: str, *, required: bool = True) -> str:
        full = f"{path}.{key}" if path else key
        if key not in table:
            if required:
                raise self.fail(full, "missing required key")
            return ""
        value = table[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(full, f"must be text, found {type(value).__name__}")
        if required and not value.strip():
            raise self.fail(full, "must not be empty")
        if len(value.strip()) > RUBRIC_TEXT_MAX:
            raise self.fail(full, f"too long ({len(value.strip())} characters; at most {RUBRIC_TEXT_MAX})")
        return value.strip()

    def ident(self, table: dict[str, Any], path: str) -> str:
        value = self.text(table, "id", path)
        if not _ID_RE.match(value):
            raise self.fail(
                f"{path}.id" if path else "id",
                f"'{value}' is not a valid id (use lowercase letters, digits and hyphens)",
            )
        return value

    def table_list(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        if key not in data:
            raise self.fail(key, "missing required key")
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, f"must be a list of tables ([[{key}]])")
        if not value:
            raise self.fail(key, "must not be empty")
        if key == "pillars" and len(value) > MAX_PILLARS:
            raise self.fail(key, f"at most {MAX_PILLARS} pillars, found {len(value)}")
        if key == "stages" and len(value) > MAX_STAGES:
            raise self.fail(key, f"needs {MIN_STAGES} to {MAX_STAGES} stages, found {len(value)}")
        return value

    def stage_lists(
        self, table: dict[str, Any], key: str, path: str, stage_ids: list[str]
    ) -> dict[str, tuple[str, ...]]:
        full = f"{path}.{key}"
        if key not in table:
            return {}
        value = table[key]
        if not isinstance(value, dict):
            raise self.fail(full, "must be a table keyed by stage id")
        if len(value) > len(stage_ids):
            raise self.fail(full, f"{len(value)} entries for {len(stage_ids)} stages")
        result: dict[str, tuple[str, ...]] = {}
        for stage_id, items in value.items():
            item_path = f"{full}.{stage_id}"
            if stage_id not in stage_ids:
                known = ", ".join(stage_ids)
                raise self.fail(item_path, f"unknown stage id '{stage_id}' (known: {known})")
            if isinstance(items, str):
                items = [items]
            if not isinstance(items, list):
                raise self.fail(item_path, "must be a list of text")
            if not items:
                raise self.fail(item_path, "empty list")
            if len(items) > RUBRIC_LIST_MAX:
                raise self.fail(item_path, f"at most {RUBRIC_LIST_MAX} items, found {len(items)}")
            cleaned = []
            for i, item in enumerate(items):
                if not isinstance(item, str) or not item.strip():
                    raise self.fail(f"{item_path}[{i}]", "must be non-empty text")
                if len(item.strip()) > RUBRIC_TEXT_MAX:
                    raise self.fail(f"{item_path}[{i}]",
                                    f"too long ({len(item.strip())} characters; at most {RUBRIC_TEXT_MAX})")
                cleaned.append(item.strip())
            result[stage_id] = tuple(cleaned)
        return result


def rubric_from_dict(data: dict[str, Any], source: str = "") -> Rubric:
    """Validate raw data (from TOML or an embedded copy) into a Rubric."""
    r = _Reader(source)
    if not isinstance(data, dict):
        raise r.fail("", "a rubric must be a table of keys")
    rubric_id = r.ident(data, "")
    name = r.text(data, "name", "")
    version = r.text(data, "version", "", required=False) or "1.0"
    description = r.text(data, "description", "", required=False)
    author = r.text(data, "author", "", required=False)
    rule = r.text(data, "overall_rule", "", required=False) or "weakest-link"
    if rule not in OVERALL_RULES:
        raise r.fail("overall_rule", f"'{rule}' is not one of {', '.join(OVERALL_RULES)}")

    raw_stages = r.table_list(data, "stages")
    if not MIN_STAGES <= len(raw_stages) <= MAX_STAGES:
        raise r.fail("stages", f"needs {MIN_STAGES} to {MAX_STAGES} stages, found {len(raw_stages)}")
    stages: list[Stage] = []
    for i, raw in enumerate(raw_stages):
        path = f"stages[{i}]"
        sid = r.ident(raw, path)
        if any(s.id == sid for s in stages):
            raise r.fail(f"{path}.id", f"duplicate stage id '{sid}'")
        stages.append(
            Stage(
                id=sid,
                name=r.text(raw, "name", path),
                summary=r.text(raw, "summary", path, required=False),
                role=r.text(raw, "role", path, required=False),
                aim=r.text(raw, "aim", path, required=False),
                risk=r.text(raw, "risk", path, required=False),
            )
        )
    stage_ids = [s.id for s in stages]

    pillars: list[Pillar] = []
    for i, raw in enumerate(r.table_list(data, "pillars")):
        pid = r.ident(raw, f"pillars[{i}]")
        path = f"pillars.{pid}"
        if any(p.id == pid for p in pillars):
            raise r.fail(f"pillars[{i}].id", f"duplicate pillar id '{pid}'")
        pillars.append(
            Pillar(
                id=pid,
                name=r.text(raw, "name", path),
                description=r.text(raw, "description", path, required=False),
                question=r.text(raw, "question", path, required=False),
                levels=r.stage_lists(raw, "levels", path, stage_ids),
                actions=r.stage_lists(raw, "actions", path, stage_ids),
            )
        )
    return Rubric(
        id=rubric_id,
        name=name,
        version=version,
        description=description,
        overall_rule=rule,
        stages=tuple(stages),
        pillars=tuple(pillars),
        author=author,
        source=source,
    )


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate a rubric TOML file."""
    from workshop_app.core.tomlfile import read_toml

    return rubric_from_dict(read_toml(path, "rubric", RubricError), source=str(path))


def shipped_rubrics() -> list[Rubric]:
    """The rubrics bundled with the app, sorted by name."""
    from workshop_app.paths import rubrics_dir

    return sorted((load_rubric(p) for p in rubrics_dir().glob("*.toml")), key=lambda r: r.name)


def find_rubric(id_or_file: str) -> Rubric:
    """A shipped rubric by id, or any rubric file by path."""
    candidate = Path(id_or_file)
    if candidate.suffix.lower() == ".toml" or candidate.exists():
        return load_rubric(candidate)
    from workshop_app.paths import rubrics_dir

    shipped = rubrics_dir() / f"{id_or_file}.toml"
    if shipped.exists():
        return load_rubric(shipped)
    for rubric in shipped_rubrics():
        if rubric.id == id_or_file:
            return rubric
    known = ", ".join(r.id for r in shipped_rubrics())
    raise RubricError(f"no rubric '{id_or_file}' (shipped rubrics: {known}; or give a .toml file)")
