"""Workshop files: a TinyDB JSON document, written atomically, read defensively.

A `.workshop` file is a TinyDB database (one table per kind of record) that
carries a copy of its rubric and a schema version, so it reopens unchanged
years later. Saving writes a temporary file, fsyncs it and atomically replaces
the old one (keeping the previous version as `<file>.bak`); loading refuses a
damaged or foreign file with a message and never writes to it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_app import __version__
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
from workshop_app.core.rubric import RubricError, rubric_from_dict

FORMAT_NAME = "maturity-workshop"
SCHEMA_VERSION = 1
SUFFIX = ".workshop"
_TABLES = ("participants", "rounds", "ratings", "decisions", "actions", "notes")


class WorkshopFileError(ValueError):
    """A workshop file that cannot be opened or saved; the message says why."""


# --------------------------------------------------------------------------- saving


def workshop_to_tables(workshop: Workshop) -> dict[str, dict[str, dict[str, Any]]]:
    """The TinyDB document of a workshop: one table per record kind."""
    from tinydb import TinyDB  # imported here: opening a file at start-up does not need it
    from tinydb.storages import MemoryStorage

    db = TinyDB(storage=MemoryStorage)
    data = workshop.to_dict()
    db.table("meta").insert(
        {
            "format": FORMAT_NAME,
            "schema_version": SCHEMA_VERSION,
            "app_version": __version__,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    db.table("rubric").insert(data["rubric"])
    db.table("details").insert(data["details"])
    for name in _TABLES:
        if data[name]:
            db.table(name).insert_multiple(data[name])
    tables = db.storage.read() or {}
    for name in _TABLES:
        tables.setdefault(name, {})  # an empty table still shows the file's shape
    return tables


def save_workshop(workshop: Workshop, path: str | Path, *, backup: bool = True) -> None:
    """Crash-safe save: the file on disk is always the old version or the new one."""
    path = Path(path)
    payload = json.dumps(workshop_to_tables(workshop), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot save here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp_name, path)
        _fsync_dir(directory)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise WorkshopFileError(f"{path}: save failed ({exc.strerror or exc}); the previous file is intact") from None


def _keep_backup(path: Path) -> None:
    """Copy the current file to `<file>.bak`, itself atomically."""
    backup = path.with_name(path.name + ".bak")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copyfile(path, tmp_name)
        os.replace(tmp_name, backup)
    except OSError:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- loading


def load_workshop(path: str | Path) -> Workshop:
    """Open a workshop file read-only; refuse anything damaged or foreign."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkshopFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise WorkshopFileError(f"{path}: is a folder, not a workshop file") from None
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return workshop_from_bytes(raw, source=str(path))


def workshop_from_bytes(raw: bytes, source: str = "workshop file") -> Workshop:
    if not raw.strip():
        raise WorkshopFileError(f"{source}: the file is empty (0 bytes of data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file (binary data)") from None
    try:
        tables = json.loads(text)
    except json.JSONDecodeError as exc:
        looks_ours = FORMAT_NAME in text[:400]
        what = "damaged or truncated workshop file" if looks_ours else "not a Maturity Workshop file"
        raise WorkshopFileError(
            f"{source}: {what} (invalid data at line {exc.lineno}, column {exc.colno})"
        ) from None
    return workshop_from_tables(tables, source)


def workshop_from_tables(tables: Any, source: str = "workshop file") -> Workshop:
    """Rebuild a workshop from its TinyDB document, checking every record."""
    if not isinstance(tables, dict) or not isinstance(tables.get("meta"), dict):
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file")
    meta = _single(tables, "meta", source)
    if meta.get("format") != FORMAT_NAME:
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file")
    version = meta.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise WorkshopFileError(f"{source}: damaged workshop file (schema version {version!r})")
    if version > SCHEMA_VERSION:
        raise WorkshopFileError(
            f"{source}: made by a newer version of the app (file schema {version}, "
            f"this app reads up to {SCHEMA_VERSION}); please update the app"
        )
    try:
        rubric = rubric_from_dict(_single(tables, "rubric", source), source=f"{source} (embedded rubric)")
    except RubricError as exc:
        raise WorkshopFileError(f"damaged workshop file: {exc}") from None
    check = _Checker(source)
    details = Details(**check.fields("details", _single(tables, "details", source), Details))
    workshop = Workshop(rubric=rubric, details=details)

    for i, doc in enumerate(_rows(tables, "participants", source)):
        workshop.participants.append(Participant(**check.fields(f"participants[{i}]", doc, Participant)))
    people = {p.id for p in workshop.participants}
    if len(people) != len(workshop.participants):
        raise check.fail("participants", "two participants share an id")
    pillars = set(rubric.pillar_ids)

    for i, doc in enumerate(_rows(tables, "rounds", source)):
        values = check.fields(f"rounds[{i}]", doc, Round)
        check.whole(f"rounds[{i}].number", values["number"], 1, 10_000)
        check.pillar_list(f"rounds[{i}].pillars", values["pillars"], pillars)
        workshop.rounds.append(Round(**values))
    numbers = {r.number for r in workshop.rounds}
    if len(numbers) != len(workshop.rounds):
        raise check.fail("rounds", "two rounds share a number")

    seen: set[tuple[str, str, int]] = set()
    for i, doc in enumerate(_rows(tables, "ratings", source)):
        where = f"ratings[{i}]"
        values = check.fields(where, doc, Rating)
        check.member(f"{where}.participant", values["participant"], people, "participant")
        check.member(f"{where}.pillar", values["pillar"], pillars, "pillar")
        check.member(f"{where}.round", values["round"], numbers, "round")
        if values["stage"] is not None:
            check.whole(f"{where}.stage", values["stage"], 1, rubric.k)
        key = (values["participant"], values["pillar"], values["round"])
        if key in seen:
            raise check.fail(where, "duplicate rating for the same participant, pillar and round")
        seen.add(key)
        workshop.ratings.append(Rating(**values))

    for i, doc in enumerate(_rows(tables, "decisions", source)):
        where = f"decisions[{i}]"
        values = check.fields(where, doc, Decision)
        check.member(f"{where}.pillar", values["pillar"], pillars, "pillar")
        for key in ("agreed", "target"):
            if values[key] is not None:
                check.whole(f"{where}.{key}", values[key], 1, rubric.k)
        workshop.decisions[values["pillar"]] = Decision(**values)

    for i, doc in enumerate(_rows(tables, "actions", source)):
        where = f"actions[{i}]"
        values = check.fields(where, doc, RoadmapAction)
        check.member(f"{where}.pillar", values["pillar"], pillars | {""}, "pillar")
        check.member(f"{where}.horizon", values["horizon"], set(HORIZONS), "horizon")
        check.member(f"{where}.priority", values["priority"], set(PRIORITIES), "priority")
        check.member(f"{where}.status", values["status"], set(STATUSES), "status")
        workshop.actions.append(RoadmapAction(**values))

    for i, doc in enumerate(_rows(tables, "notes", source)):
        workshop.notes.append(Note(**check.fields(f"notes[{i}]", doc, Note)))
    return workshop


def _single(tables: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    rows = _rows(tables, name, source)
    if len(rows) != 1:
        raise WorkshopFileError(f"{source}: damaged workshop file (table '{name}' has {len(rows)} records, expected 1)")
    return rows[0]


def _rows(tables: dict[str, Any], name: str, source: str) -> list[dict[str, Any]]:
    """A table's documents in insertion order (TinyDB layout: {doc_id: document})."""
    raw = tables.get(name)
    if raw is None:
        return []
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise WorkshopFileError(f"{source}: damaged workshop file (table '{name}' is malformed)")
    try:
        order = sorted(raw, key=int)
    except ValueError:
        raise WorkshopFileError(f"{source}: damaged workshop file (table '{name}' has a bad record id)") from None
    return [raw[key] for key in order]


class _Checker:
    """Type checks for records, failing with the record's path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> WorkshopFileError:
        return WorkshopFileError(f"{self.source}: damaged workshop file ({where}: {problem})")

    def fields(self, where: str, doc: dict[str, Any], cls: type) -> dict[str, Any]:
        """Keep the dataclass's fields, check their types, default what is optional."""
        import dataclasses

        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in doc:
                has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
                if has_default and f.name != "id":
                    continue
                raise self.fail(where, f"missing '{f.name}'")
            value = doc[f.name]
            expected = str(f.type)
            ok = (
                (expected == "str" and isinstance(value, str))
                or (expected == "bool" and isinstance(value, bool))
                or (expected == "int" and isinstance(value, int) and not isinstance(value, bool))
                or (expected == "int | None" and (value is None or (isinstance(value, int) and not isinstance(value, bool))))
                or (expected == "list[str]" and isinstance(value, list) and all(isinstance(v, str) for v in value))
            )
            if not ok:
                raise self.fail(f"{where}.{f.name}", f"unexpected value {value!r}")
            values[f.name] = value
        return values

    def whole(self, where: str, value: int, low: int, high: int) -> None:
        if not low <= value <= high:
            raise self.fail(where, f"{value} is outside {low}..{high}")

    def member(self, where: str, value: Any, allowed: set[Any], what: str) -> None:
        if value not in allowed:
            raise self.fail(where, f"unknown {what} {value!r}")

    def pillar_list(self, where: str, values: list[str], pillars: set[str]) -> None:
        for value in values:
            self.member(where, value, pillars, "pillar")
