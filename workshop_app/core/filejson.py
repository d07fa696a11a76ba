"""The JSON text of a workshop file, fast enough to write on every autosave of a big room.

Byte for byte what `json.dumps(tables, ensure_ascii=False, separators=(",", ":"))`
gives for the TinyDB document of storage.workshop_to_tables, built without copying
every record first. The ratings table (12,000 records at 200 people x 12 pillars x
5 rounds, most of the file) is encoded in chunks, and a chunk whose records hold
exactly the values of a chunk encoded by the previous save reuses that text: one
edit re-encodes one chunk, not the whole room. A chunk is reused only when its
records hold the same field names and values as when it was encoded (ratings hold
only text and whole numbers, never a list that could change in place).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from workshop_app.core.model import Workshop

#: Table order in the file (after meta, rubric and details).
RECORD_TABLES = ("participants", "rounds", "ratings", "decisions", "actions", "notes")
#: Records per cached chunk: small enough that one edit re-encodes little, large enough to join few parts.
CHUNK = 200

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
_chunks: dict[int, tuple[list[dict[str, Any]], str]] = {}


def workshop_json(workshop: Workshop, meta: dict[str, Any]) -> str:
    """The file's text for `workshop` with `meta` as its meta record."""
    records: dict[str, Iterable[Any]] = {
        "participants": workshop.participants, "rounds": workshop.rounds, "ratings": workshop.ratings,
        "decisions": workshop.decisions.values(), "actions": workshop.actions, "notes": workshop.notes,
    }
    parts = [
        f'"meta":{{"1":{_ENCODE(meta)}}}',
        f'"rubric":{{"1":{_ENCODE(workshop.rubric.to_dict())}}}',
        f'"details":{{"1":{_ENCODE(vars(workshop.details))}}}',
    ]
    for name in RECORD_TABLES:
        rows = [vars(r) for r in records[name]]
        text = _chunked(rows) if name == "ratings" else _ENCODE({str(i): row for i, row in enumerate(rows, 1)})
        parts.append(f'"{name}":{text}')
    if workshop.earlier is not None:  # only in a linked workshop (schema 3), after every other table
        parts.append(f'"earlier":{{"1":{_ENCODE(workshop.earlier.to_dict())}}}')
    return "{" + ",".join(parts) + "}"


def _chunked(rows: Sequence[dict[str, Any]]) -> str:
    """`{"1":{...},...}` for `rows`, reusing the text of chunks unchanged since the last save.

    A chunk is unchanged when its records compare equal (same field names, same
    values) to copies taken when its text was made; comparing dicts runs in C, a
    few milliseconds for a big room where encoding takes several times longer.
    """
    global _chunks
    fresh: dict[int, tuple[list[dict[str, Any]], str]] = {}
    parts = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        known = _chunks.get(start)
        if known is not None and known[0] == chunk:
            fresh[start] = known
        else:
            text = _ENCODE({str(i): row for i, row in enumerate(chunk, start + 1)})[1:-1]
            fresh[start] = ([dict(row) for row in chunk], text)
        parts.append(fresh[start][1])
    _chunks = fresh
    return "{" + ",".join(parts) + "}"
