"""The loader under attack, and the promise that what the app and the importer accept, the loader opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_app.core import limits
from workshop_app.core import operations as ops
from workshop_app.core.csv_import import apply_ratings, parse_ratings_csv
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.rubric import find_rubric
from workshop_app.core.storage import (
    WorkshopFileError,
    load_workshop,
    save_workshop,
    workshop_bytes,
    workshop_from_bytes,
)

FAST = settings(max_examples=60, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CWRF = find_rubric("crawl-walk-run-fly")
GOOD = workshop_bytes(build_demo())
TABLES = json.loads(GOOD)

_scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20))
_json = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                     max_leaves=12)


def _opens_or_refuses(raw: bytes) -> None:
    """The only outcomes allowed: a workshop, or WorkshopFileError with a one-line message."""
    try:
        workshop_from_bytes(raw, "hostile.workshop")
    except WorkshopFileError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 600


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes(raw: bytes) -> None:
    _opens_or_refuses(raw)


@FAST
@given(st.binary(max_size=64), st.integers(min_value=0, max_value=len(GOOD)))
def test_a_good_file_with_bytes_spliced_in(chunk: bytes, at: int) -> None:
    _opens_or_refuses(GOOD[:at] + chunk + GOOD[at + len(chunk):])


@FAST
@given(_json)
def test_arbitrary_json_documents(value: object) -> None:
    _opens_or_refuses(json.dumps(value).encode())
    _opens_or_refuses(json.dumps({"meta": {"1": {"format": "maturity-workshop", "schema_version": 1}},
                                  "rubric": value}).encode())


_TABLE_NAMES = sorted(TABLES)


@FAST
@given(st.sampled_from(_TABLE_NAMES), st.data(), _json)
def test_one_value_of_a_good_file_replaced(table: str, data: st.DataObject, value: object) -> None:
    """Any single field, record or table of a real file swapped for any JSON value."""
    tables = json.loads(GOOD)
    records = tables[table]
    if not records:
        tables[table] = value
    else:
        key = data.draw(st.sampled_from(sorted(records)))
        record = records[key]
        fields = sorted(record) if isinstance(record, dict) else []
        where = data.draw(st.sampled_from([None, *fields]))
        if where is None:
            records[key] = value
        else:
            record[where] = value
    _opens_or_refuses(json.dumps(tables).encode())


def test_deep_nesting_and_huge_numbers_are_refused() -> None:
    with pytest.raises(WorkshopFileError, match="nested too deeply"):
        workshop_from_bytes(b"[" * 100_000 + b"]" * 100_000)
    huge = GOOD.replace(b'"stage":2', b'"stage":' + b"9" * 5000, 1)
    with pytest.raises(WorkshopFileError, match="too many digits"):
        workshop_from_bytes(huge)


def test_a_bom_is_not_damage() -> None:
    assert workshop_from_bytes(b"\xef\xbb\xbf" + GOOD).to_dict() == workshop_from_bytes(GOOD).to_dict()


# --------------------------------------------------------------------------- what import accepts, the loader opens


def _round_trip(ws: Workshop, path: Path) -> None:
    save_workshop(ws, path)
    assert load_workshop(path).to_dict() == ws.to_dict()


def test_a_csv_import_at_every_limit_saves_and_reopens(tmp_path: Path) -> None:
    name = "É" + "n" * (limits.NAME_MAX - 1)
    role = "R" * limits.ROLE_MAX
    comment = "“quoted”, " + "c" * (limits.COMMENT_MAX - 10)
    lines = ["participant,role,pillar,rating,round,comment",
             f'{name},{role},reality-over-hype,2,{limits.MAX_ROUNDS},"{comment}"']
    lines += [f"P{i:04d},,reality-over-hype,{1 + i % 4},1," for i in range(limits.MAX_PARTICIPANTS - 1)]
    ws = Workshop(rubric=CWRF)
    apply_ratings(ws, parse_ratings_csv("\n".join(lines) + "\n", CWRF, "big.csv"))
    assert len(ws.participants) == limits.MAX_PARTICIPANTS
    assert max(r.number for r in ws.rounds) == limits.MAX_ROUNDS
    _round_trip(ws, tmp_path / "big.workshop")


def test_a_round_beyond_the_limit_is_refused_by_import_and_loader_alike(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=f"from 1 to {limits.MAX_ROUNDS}"):
        parse_ratings_csv(f"participant,role,pillar,rating,round\nAnn,,reality-over-hype,2,{limits.MAX_ROUNDS + 1}\n",
                          CWRF)
    beyond = GOOD.replace(b'"number":2', f'"number":{limits.MAX_ROUNDS + 1}'.encode(), 1)
    assert beyond != GOOD
    with pytest.raises(WorkshopFileError, match=f"outside 1..{limits.MAX_ROUNDS}"):
        workshop_from_bytes(beyond)


def test_records_at_the_count_limits_built_by_operations_reopen(tmp_path: Path) -> None:
    ws = build_demo()
    ws.actions.clear()
    for i in range(limits.MAX_ACTIONS):
        ops.add_action(ws, title=f"Action {i}" if i else "A" * limits.ACTION_TITLE_MAX,
                       detail="" if i else "d" * limits.ACTION_DETAIL_MAX)
    for i in range(limits.MAX_NOTES - len(ws.notes)):
        ops.add_note(ws, "N" * limits.NOTE_MAX if i == 0 else f"note {i}")
    ops.set_details(ws, title="T" * limits.DETAIL_MAX, client="Ç" * limits.DETAIL_MAX)
    with pytest.raises(ops.OperationError):
        ops.add_note(ws, "one too many")
    _round_trip(ws, tmp_path / "full.workshop")
    too_many = json.loads(workshop_bytes(ws))
    too_many["notes"][str(limits.MAX_NOTES + 1)] = too_many["notes"]["1"]
    with pytest.raises(WorkshopFileError, match=f"notes: {limits.MAX_NOTES + 1:,} records, at most"):
        workshop_from_bytes(json.dumps(too_many).encode())


def test_lone_surrogates_save_and_reopen(tmp_path: Path) -> None:
    ws = build_demo()
    ws.details.client = "Broken \ud800 pair"
    ws.participants[0].name = "Ann \udfff"
    path = tmp_path / "s.workshop"
    save_workshop(ws, path)
    again = load_workshop(path)
    assert again.details.client == "Broken \ufffd pair"
    assert again.participants[0].name == "Ann \ufffd"
    escaped = tmp_path / "escaped.workshop"
    escaped.write_bytes(GOOD.replace(b'"client":"', b'"client":"\\ud83d', 1))
    opened = load_workshop(escaped)
    assert opened.details.client.startswith("\ufffd")
    save_workshop(opened, escaped)
    assert load_workshop(escaped).to_dict() == opened.to_dict()


_cell = st.one_of(  # mostly plausible names (accepted), sometimes anything (refused or cleaned)
    st.from_regex(rf"[A-Za-zÀ-ÿ'ŁØ“” .-]{{1,{limits.NAME_MAX}}}", fullmatch=True),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=limits.NAME_MAX + 5))


@FAST
@given(st.lists(st.tuples(_cell, _cell, st.sampled_from(CWRF.pillar_ids), st.integers(1, 4),
                          st.integers(1, limits.MAX_ROUNDS + 1), st.text(max_size=limits.COMMENT_MAX // 4)),
                min_size=1, max_size=8))
def test_whatever_the_importer_accepts_reopens_identically(tmp_path_factory, rows) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["participant", "role", "pillar", "rating", "round", "comment"])
    writer.writerows(rows)
    ws = Workshop(rubric=CWRF)
    try:
        apply_ratings(ws, parse_ratings_csv(buffer.getvalue(), CWRF, "any.csv"))
    except ValueError:
        return  # refused with its own message: nothing to reopen
    path = tmp_path_factory.mktemp("imported") / "any.workshop"
    save_workshop(ws, path)
    assert load_workshop(path).to_dict() == ws.to_dict()
