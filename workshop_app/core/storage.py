"""Workshop files: a TinyDB JSON document, written atomically, read defensively.

A `.workshop` file is a TinyDB database (one table per kind of record) that
carries a copy of its rubric and a schema version, so it reopens unchanged
years later. Saving writes a temporary file, fsyncs it and atomically replaces
the old one (atomicfile.py), after keeping the old version in the file's
versions folder (versions.py); it refuses to overwrite a file another window
has open or that changed on disk since this session last read or wrote it.
Loading refuses a damaged, foreign or oversized file with one line and never
writes to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop_app import __version__
from workshop_app.core.atomicfile import AtomicWriteError, replace_atomically
from workshop_app.core.earlier import TABLE as EARLIER_TABLE
from workshop_app.core.earlier import earlier_from_record
from workshop_app.core.filecheck import RecordChecker, short_repr
from workshop_app.core.filejson import RECORD_TABLES, workshop_json
from workshop_app.core.limits import MAX_ACTIONS, MAX_NOTES, MAX_PARTICIPANTS, MAX_ROUNDS, MAX_WORKSHOP_BYTES
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
#: The newest file schema this app reads. A file is written with the oldest schema that holds it
#: (`file_schema`), so files stay readable by older versions of the app unless they carry
#: something an older version would silently drop.
SCHEMA_VERSION = 3
#: Schema 2: a round voted with names hidden. Version 1 of the app would ignore that flag and could
#: then name those raters, so such a file must not open there.
SCHEMA_NAMES_HIDDEN = 2
#: Schema 3: a link to an earlier workshop (its snapshot, core/earlier.py). An older app would drop the
#: link on its next save, so such a file must not open there.
SCHEMA_EARLIER = 3


def file_schema(workshop: Workshop) -> int:
    """The schema a file of this workshop is written with: the oldest one that keeps its promises."""
    if workshop.earlier is not None:
        return SCHEMA_EARLIER
    return SCHEMA_NAMES_HIDDEN if any(r.names_hidden for r in workshop.rounds) else 1

SUFFIX = ".workshop"
_TABLES = RECORD_TABLES
_BOM = b"\xef\xbb\xbf"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
#: No number in a workshop file needs more digits (ids are text).
_MAX_INT_DIGITS = 18
#: The same limits the app enforces on edits and imports (core/limits.py): what they accept, this opens.
_MAX_ROWS = {"participants": MAX_PARTICIPANTS, "rounds": MAX_ROUNDS, "actions": MAX_ACTIONS, "notes": MAX_NOTES}


class WorkshopFileError(ValueError):
    """A workshop file that cannot be opened or saved; the message says why."""


class FileInUseError(WorkshopFileError):
    """The file is open for editing in another window or process."""


class FileChangedError(WorkshopFileError):
    """The file on disk is no longer the one this session last read or wrote."""


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when this session last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, st: os.stat_result, payload: bytes) -> Fingerprint:
        return cls(st.st_mtime_ns, st.st_size, hashlib.sha256(payload).hexdigest())


def disk_changed(path: str | Path, known: Fingerprint) -> bool:
    """True if the file now holds other bytes than `known` (a touch alone is no change)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False  # deleted: saving recreates it, nothing of theirs is lost
    except OSError:
        return False  # unreadable: the save itself reports the problem
    if st.st_mtime_ns == known.mtime_ns and st.st_size == known.size:
        return False
    if st.st_size != known.size:
        return True
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return False
    return hashlib.sha256(raw).hexdigest() != known.digest


# --------------------------------------------------------------------------- saving


def workshop_to_tables(workshop: Workshop) -> dict[str, dict[str, dict[str, Any]]]:
    """The TinyDB document of a workshop: one table per record kind, {"1": record, ...}.

    Built directly rather than through TinyDB's MemoryStorage (which copies every
    record twice); tests check that TinyDB reads the result.
    """
    data = workshop.to_dict()
    meta = _meta(workshop)
    tables: dict[str, dict[str, dict[str, Any]]] = {
        "meta": {"1": meta}, "rubric": {"1": data["rubric"]}, "details": {"1": data["details"]},
    }
    for name in _TABLES:
        tables[name] = {str(i): row for i, row in enumerate(data[name], start=1)}
    if "earlier" in data:
        tables[EARLIER_TABLE] = {"1": data["earlier"]}
    return tables


def _meta(workshop: Workshop) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "schema_version": file_schema(workshop),
        "app_version": __version__,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def workshop_bytes(workshop: Workshop) -> bytes:
    """The file's bytes (the JSON of workshop_to_tables, built fast: filejson.py);
    any text that cannot be UTF-8 (a lone surrogate) becomes U+FFFD."""
    try:
        text = workshop_json(workshop, _meta(workshop))
    except (TypeError, ValueError, RecursionError) as exc:
        raise WorkshopFileError(f"the workshop cannot be written ({exc})") from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text).encode("utf-8")


def save_workshop(workshop: Workshop, path: str | Path, *, expect: Fingerprint | None = None,
                  check_lock: bool = True, keep_versions: bool = True) -> Fingerprint:
    """Crash-safe save: the file on disk is always the old version or the new one.

    Refuses (FileInUseError) a file another window or process has open for editing,
    and with `expect` (FileChangedError) one that changed since this session read or
    wrote it. The replaced version goes to the versions folder (see versions.py).
    Returns the new file's fingerprint, the `expect` of the next save.
    """
    path = Path(path)
    payload = workshop_bytes(workshop)
    if check_lock:
        from workshop_app.core.filelock import held_elsewhere

        holder = held_elsewhere(path)
        if holder is not None:
            raise FileInUseError(f"{path}: not saved: the file is open for editing {holder.describe()}")
    if expect is not None and disk_changed(path, expect):
        raise FileChangedError(f"{path}: not saved: the file was changed by someone else since it was opened")
    rotate = None
    if keep_versions:
        from workshop_app.core.versions import rotate_before_replace as rotate
    try:
        directory = path.parent if str(path.parent) else Path(".")
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkshopFileError(f"{path}: not saved: cannot make the folder {path.parent} ({exc.strerror or exc})") from None
    try:
        st = replace_atomically(path, payload, before_replace=rotate)
    except AtomicWriteError as exc:
        raise WorkshopFileError(str(exc)) from None
    return Fingerprint.of(st, payload)


# --------------------------------------------------------------------------- loading


def open_workshop(path: str | Path) -> tuple[Workshop, Fingerprint]:
    """Read a workshop file, and what it was on disk (for the changed-on-disk check)."""
    path = Path(path)
    raw, st = read_workshop_bytes(path)
    return workshop_from_bytes(raw, source=str(path)), Fingerprint.of(st, raw)


def load_workshop(path: str | Path) -> Workshop:
    """Open a workshop file read-only; refuse anything damaged or foreign."""
    return open_workshop(path)[0]


def read_workshop_bytes(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes, after checking it is a regular file of a sane size (no device, pipe or folder)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise WorkshopFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise WorkshopFileError(f"{path}: is a folder, not a workshop file")
    if not stat.S_ISREG(st.st_mode):
        raise WorkshopFileError(f"{path}: not a workshop file (a device, pipe or socket, not a regular file)")
    if st.st_size > MAX_WORKSHOP_BYTES:
        raise WorkshopFileError(f"{path}: too large for a workshop file ({st.st_size // (1024 * 1024)} MB; "
                                f"the limit is {MAX_WORKSHOP_BYTES // (1024 * 1024)} MB)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            st = os.fstat(fd)  # the file we opened, not the one we looked at
            if not stat.S_ISREG(st.st_mode):
                raise WorkshopFileError(f"{path}: not a workshop file (not a regular file)")
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read(MAX_WORKSHOP_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise WorkshopFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(raw) > MAX_WORKSHOP_BYTES:
        raise WorkshopFileError(f"{path}: too large for a workshop file")
    return raw, st


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError("a number with too many digits")
    return int(text)


def _clean_surrogates(value: Any) -> Any:
    """Lone surrogates (from \\udXXX escapes) become U+FFFD, so the workshop can be saved again."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_clean_surrogates(k): _clean_surrogates(v) for k, v in value.items()}
    return value


def workshop_from_bytes(raw: bytes, source: str = "workshop file") -> Workshop:
    """Parse and check a workshop file's bytes; only WorkshopFileError escapes."""
    if raw.startswith(_BOM):  # some editors add one; it is not data
        raw = raw[len(_BOM):]
    if not raw.strip():
        raise WorkshopFileError(f"{source}: the file is empty (0 bytes of data)")
    if len(raw) > MAX_WORKSHOP_BYTES:
        raise WorkshopFileError(f"{source}: too large for a workshop file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file (binary data)") from None
    looks_ours = FORMAT_NAME in text[:400]
    what = "damaged or truncated workshop file" if looks_ours else "not a Maturity Workshop file"
    try:
        tables = json.loads(text, parse_int=_parse_int)
        if _SURROGATE_ESCAPE.search(text):  # rare: only then walk the whole document
            tables = _clean_surrogates(tables)
    except json.JSONDecodeError as exc:
        raise WorkshopFileError(
            f"{source}: {what} (invalid data at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise WorkshopFileError(f"{source}: {what} (data nested too deeply)") from None
    except ValueError as exc:
        raise WorkshopFileError(f"{source}: {what} ({exc})") from None
    try:
        return workshop_from_tables(tables, source)
    except WorkshopFileError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
        raise WorkshopFileError(f"{source}: damaged workshop file ({type(exc).__name__}: {exc})") from None


def workshop_from_tables(tables: Any, source: str = "workshop file") -> Workshop:
    """Rebuild a workshop from its TinyDB document, checking every record."""
    if not isinstance(tables, dict) or not isinstance(tables.get("meta"), dict):
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file")
    meta = _single(tables, "meta", source)
    if meta.get("format") != FORMAT_NAME:
        raise WorkshopFileError(f"{source}: not a Maturity Workshop file")
    version = meta.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise WorkshopFileError(f"{source}: damaged workshop file (schema version {short_repr(version)})")
    if version > SCHEMA_VERSION:
        raise WorkshopFileError(
            f"{source}: made by a newer version of the app (file schema {version}, "
            f"this app reads up to {SCHEMA_VERSION}); please update the app"
        )
    try:
        rubric = rubric_from_dict(_single(tables, "rubric", source), source=f"{source} (embedded rubric)")
    except RubricError as exc:
        raise WorkshopFileError(f"damaged workshop file: {exc}") from None
    check = RecordChecker(source, WorkshopFileError)
    details = Details(**check.fields("details", _single(tables, "details", source), Details))
    workshop = Workshop(rubric=rubric, details=details)

    for name, limit in _MAX_ROWS.items():
        check.count(name, _rows(tables, name, source), limit)
    for i, doc in enumerate(_rows(tables, "participants", source)):
        workshop.participants.append(Participant(**check.fields(f"participants[{i}]", doc, Participant)))
    people = {p.id for p in workshop.participants}
    if len(people) != len(workshop.participants):
        raise check.fail("participants", "two participants share an id")
    pillars = set(rubric.pillar_ids)

    for i, doc in enumerate(_rows(tables, "rounds", source)):
        values = check.fields(f"rounds[{i}]", doc, Round)
        check.whole(f"rounds[{i}].number", values["number"], 1, MAX_ROUNDS)
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
    if _rows(tables, EARLIER_TABLE, source):
        workshop.earlier = earlier_from_record(_single(tables, EARLIER_TABLE, source), check)
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
