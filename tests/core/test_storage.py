"""Workshop files: round trips, crash-safe saves, damaged files refused untouched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_app.core.demo import build_demo
from workshop_app.core.rubric import load_rubric
from workshop_app.core.storage import (
    WorkshopFileError,
    load_workshop,
    save_workshop,
)


def test_round_trip_keeps_everything(tmp_path: Path) -> None:
    ws = build_demo()
    path = tmp_path / "demo.workshop"
    save_workshop(ws, path)
    again = load_workshop(path)
    assert again.to_dict() == ws.to_dict()
    tables = json.loads(path.read_text(encoding="utf-8"))
    assert tables["meta"]["1"]["schema_version"] == 3  # the demo is linked to an earlier workshop
    assert set(tables) >= {"meta", "rubric", "details", "participants", "rounds", "ratings", "decisions",
                           "actions", "notes", "earlier"}
    ws.earlier = None
    save_workshop(ws, path)
    tables = json.loads(path.read_text(encoding="utf-8"))
    assert tables["meta"]["1"]["schema_version"] == 1  # without the link nothing needs a newer schema
    assert "earlier" not in tables and load_workshop(path).earlier is None


def test_file_opens_after_its_rubric_file_changes_or_vanishes(tmp_path: Path) -> None:
    from workshop_app.core.csv_import import apply_ratings, parse_ratings_csv
    from workshop_app.core.model import Workshop

    rubric_file = tmp_path / "mine.toml"
    rubric_file.write_text(
        'id = "mine"\nname = "Mine"\n[[stages]]\nid = "a"\nname = "A"\n[[stages]]\nid = "b"\nname = "B"\n'
        '[[pillars]]\nid = "p"\nname = "P"\n', encoding="utf-8")
    rubric = load_rubric(rubric_file)
    ws = Workshop(rubric=rubric)
    apply_ratings(ws, parse_ratings_csv("participant,role,pillar,rating\nAnn,CX,p,B\n", rubric))
    save_workshop(ws, tmp_path / "w.workshop")
    rubric_file.write_text("this is no longer a rubric", encoding="utf-8")
    assert load_workshop(tmp_path / "w.workshop").rubric.stage(2).name == "B"
    rubric_file.unlink()
    assert load_workshop(tmp_path / "w.workshop").rubric.id == "mine"


def test_save_keeps_the_previous_version(tmp_path: Path) -> None:
    from workshop_app.core.versions import list_versions

    path = tmp_path / "w.workshop"
    ws = build_demo()
    save_workshop(ws, path)
    first = path.read_bytes()
    ws.details.client = "Changed"
    save_workshop(ws, path)
    assert [v.path.read_bytes() for v in list_versions(path)] == [first]
    assert load_workshop(path).details.client == "Changed"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _demo_bytes(tmp_path: Path) -> bytes:
    save_workshop(build_demo(), tmp_path / "good.workshop")
    return (tmp_path / "good.workshop").read_bytes()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda good: b"", "the file is empty"),
        (lambda good: b"   \n", "the file is empty"),
        (lambda good: good[: len(good) // 2], "damaged or truncated workshop file"),
        (lambda good: b"\x89PNG\r\n\x1a\n\x00\x00", "not a Maturity Workshop file"),
        (lambda good: b'{"_default": {}}', "not a Maturity Workshop file"),
        (lambda good: b"[1, 2, 3]", "not a Maturity Workshop file"),
        (lambda good: good.replace(b'"schema_version":3', b'"schema_version":99'), "newer version of the app"),
        (lambda good: good.replace(b'"stage":2', b'"stage":9', 1), "is outside 1..4"),
        (lambda good: good.replace(b'"pillar":"reality-over-hype"', b'"pillar":"nope"', 1), "unknown pillar 'nope'"),
        (lambda good: good.replace(b'"name":"Crawl"', b'"name":""', 1), "embedded rubric"),
        (lambda good: good.replace(b'"stage":2', b'"stage":"two"', 1), "unexpected value 'two'"),
    ],
)
def test_damaged_files_are_refused_and_left_untouched(tmp_path: Path, make, message: str) -> None:
    raw = make(_demo_bytes(tmp_path))
    path = tmp_path / "bad.workshop"
    path.write_bytes(raw)
    before = os.stat(path)
    with pytest.raises(WorkshopFileError) as info:
        load_workshop(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)
    assert path.read_bytes() == raw
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert not (tmp_path / "bad.workshop.bak").exists()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkshopFileError, match="no such file"):
        load_workshop(tmp_path / "none.workshop")
    with pytest.raises(WorkshopFileError, match="is a folder"):
        load_workshop(tmp_path)


def test_save_into_unwritable_place_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    original = path.read_bytes()
    with pytest.raises(WorkshopFileError, match="not saved"):
        save_workshop(build_demo(), path / "inside-a-file.workshop")
    assert path.read_bytes() == original


_KILL_SCRIPT = """
import sys
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import save_workshop
ws = build_demo()
path = sys.argv[1]
i = 0
print("ready", flush=True)
while True:
    i += 1
    ws.details.client = f"Client {i}" + "x" * (i % 5000)
    save_workshop(ws, path)
"""


def test_a_kill_during_saves_leaves_a_whole_file(tmp_path: Path) -> None:
    """Kill a process that saves in a loop, many times: the file always loads."""
    path = tmp_path / "w.workshop"
    save_workshop(build_demo(), path)
    for attempt in range(6):
        proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(path)], stdout=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(0.05 + attempt * 0.03)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        loaded = load_workshop(path)
        assert loaded.details.client.startswith("Client") or loaded.details.client == "Northwind Utilities"


def test_the_file_is_a_tinydb_database(tmp_path: Path) -> None:
    """Any TinyDB can open and query a workshop file; nothing is private to this app."""
    from tinydb import Query, TinyDB

    path = tmp_path / "demo.workshop"
    save_workshop(build_demo(), path)
    db = TinyDB(path, access_mode="r")
    try:
        assert db.table("meta").all()[0]["format"] == "maturity-workshop"
        people = db.table("participants")
        assert people.search(Query().name == "Grace O'Neill")[0]["role"] == "Chief Operating Officer"
        assert len(db.table("ratings")) == 8 * 4 + 8 * 2
    finally:
        db.close()
