"""A round voted with names hidden: the file keeps the promise, and naming is refused for the workshop."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop_app.core.anonymity import names_hidden_rounds, naming_refusal
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import (
    SCHEMA_NAMES_HIDDEN,
    SCHEMA_VERSION,
    WorkshopFileError,
    load_workshop,
    save_workshop,
    workshop_from_bytes,
)


def test_a_demo_may_be_named() -> None:
    ws = build_demo()
    assert names_hidden_rounds(ws) == []
    assert naming_refusal(ws) == ""


def test_a_names_hidden_round_refuses_naming_for_the_whole_workshop() -> None:
    ws = build_demo()
    ws.rounds[-1].names_hidden = True
    number = ws.rounds[-1].number
    refusal = naming_refusal(ws)
    assert f"round {number} was voted with names hidden" in refusal
    ws.rounds[0].names_hidden = True
    assert "rounds 1, " in naming_refusal(ws)


def test_the_flag_survives_a_save_and_needs_the_newer_schema(tmp_path: Path) -> None:
    ws = build_demo()
    ws.rounds[0].names_hidden = True
    path = tmp_path / "hidden.workshop"
    save_workshop(ws, path)
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]["1"]
    assert SCHEMA_NAMES_HIDDEN <= meta["schema_version"] <= SCHEMA_VERSION
    again = load_workshop(path)
    assert [r.names_hidden for r in again.rounds] == [r.names_hidden for r in ws.rounds]
    assert naming_refusal(again)


def test_an_app_reading_only_schema_1_would_refuse_such_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an older app does with the file: it refuses it rather than open it and drop the flag."""
    import workshop_app.core.storage as storage

    ws = build_demo()
    ws.rounds[0].names_hidden = True
    raw = storage.workshop_bytes(ws)
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 1)
    with pytest.raises(WorkshopFileError, match="newer version of the app"):
        workshop_from_bytes(raw)


def test_a_damaged_flag_is_named() -> None:
    import workshop_app.core.storage as storage

    ws = build_demo()
    tables = json.loads(storage.workshop_bytes(ws))
    tables["rounds"]["1"]["names_hidden"] = "yes"
    with pytest.raises(WorkshopFileError, match=r"rounds\[0\]\.names_hidden"):
        workshop_from_bytes(json.dumps(tables).encode())
