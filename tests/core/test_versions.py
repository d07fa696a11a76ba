"""Earlier versions: the file as opened, rotated saves, restore over or into a new file, undoable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workshop_app.core import versions
from workshop_app.core.demo import build_demo
from workshop_app.core.filelock import FileLock
from workshop_app.core.model import Workshop
from workshop_app.core.operations import OperationError
from workshop_app.core.sample import large_rubric
from workshop_app.core.storage import FileInUseError, WorkshopFileError, load_workshop, save_workshop
from workshop_app.core.versions import (
    keep_opened_copy,
    list_versions,
    replace_contents,
    restore_version,
    summarise_version,
    versions_dir,
)


def _client(path: Path) -> str:
    return load_workshop(path).details.client


def _save_as(path: Path, client: str) -> None:
    ws = build_demo()
    ws.details.client = client
    save_workshop(ws, path, keep_versions=False)


def test_the_file_as_opened_is_kept_once(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "As found")
    kept = keep_opened_copy(path)
    assert kept is not None and kept.parent == versions_dir(path) == tmp_path / ".w.workshop.versions"
    assert kept.read_bytes() == path.read_bytes()
    assert keep_opened_copy(path) == kept  # opened again unchanged: no second copy
    _save_as(path, "Edited")
    keep_opened_copy(path)
    assert [v.kind for v in list_versions(path)] == ["opened", "opened"]
    assert [_client(v.path) for v in list_versions(path)] == ["Edited", "As found"]


def test_rotation_keeps_the_last_few_of_each_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.workshop"
    for i in range(versions.MAX_OPENED + 2):
        _save_as(path, f"Opened {i}")
        keep_opened_copy(path)
    monkeypatch.setattr(versions, "VERSION_EVERY_S", 0)
    ws = build_demo()
    for i in range(versions.MAX_SAVED + 3):
        ws.details.client = f"Save {i}"
        save_workshop(ws, path)
    kept = list_versions(path)
    opened = [_client(v.path) for v in kept if v.kind == "opened"]
    saved = [_client(v.path) for v in kept if v.kind == "saved"]
    assert opened == [f"Opened {i}" for i in reversed(range(2, versions.MAX_OPENED + 2))]
    assert len(saved) == versions.MAX_SAVED
    assert saved[0] == f"Save {versions.MAX_SAVED + 1}"  # the one the last save replaced
    assert [p for p in versions_dir(path).iterdir() if p.name.endswith(".tmp")] == []


def test_quick_saves_keep_one_copy_per_interval(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    ws = build_demo()
    for i in range(5):
        ws.details.client = f"Save {i}"
        save_workshop(ws, path)
    assert [(v.kind, _client(v.path)) for v in list_versions(path)] == [("saved", "Save 0")]


def test_restore_over_the_file_is_itself_undoable(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "Morning")
    keep_opened_copy(path)
    _save_as(path, "Afternoon, mistaken")
    morning = list_versions(path)[0]
    assert restore_version(path, morning) == path
    assert _client(path) == "Morning"
    newest = list_versions(path)[0]
    assert newest.kind == "saved" and _client(newest.path) == "Afternoon, mistaken"
    restore_version(path, newest)  # undo the restore
    assert _client(path) == "Afternoon, mistaken"
    assert not (tmp_path / ".w.workshop.lock").exists()


def test_restore_into_a_new_file_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "Old")
    keep_opened_copy(path)
    _save_as(path, "Current")
    out = tmp_path / "copy.workshop"
    restore_version(path, list_versions(path)[0], out=out)
    assert _client(out) == "Old" and _client(path) == "Current"
    assert len(list_versions(path)) == 1


def test_restore_is_refused_while_the_file_is_open_for_editing(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "Old")
    keep_opened_copy(path)
    _save_as(path, "Current")
    lock = FileLock.acquire(path)
    try:
        with pytest.raises(FileInUseError, match="not restored: the file is open for editing in another window"):
            restore_version(path, list_versions(path)[0])
    finally:
        lock.release()
    assert _client(path) == "Current"
    assert len(list_versions(path)) == 1


def test_an_unreadable_version_is_shown_as_such_and_not_restored(tmp_path: Path) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "Current")
    keep_opened_copy(path)
    bad = versions_dir(path) / "saved-20200101-000000.workshop"
    bad.write_bytes(b'{"meta": {"1": {"format": "maturity-workshop"')
    os.utime(bad, (2_000_000_000, 2_000_000_000))  # the newest, so it is listed first
    first = list_versions(path)[0]
    assert first.path == bad
    summary = summarise_version(first)
    assert summary.problem and summary.text().startswith("cannot be read: damaged or truncated")
    good = summarise_version(list_versions(path)[1])
    assert good.text() == "8 participants, 2 rounds, 48 ratings, 4 decisions"
    with pytest.raises(WorkshopFileError, match="damaged or truncated"):
        restore_version(path, first)
    assert _client(path) == "Current"


def test_no_versions_folder_means_an_empty_list(tmp_path: Path) -> None:
    assert list_versions(tmp_path / "never-saved.workshop") == []


def test_replace_contents_takes_an_earlier_version_of_the_same_rubric_only() -> None:
    ws = build_demo()
    earlier = build_demo()
    earlier.details.client = "Earlier"
    del earlier.ratings[:10]
    change = replace_contents(ws, earlier)
    assert ws.details.client == "Earlier" and len(ws.ratings) == len(earlier.ratings)
    assert "ratings" in change.areas
    with pytest.raises(OperationError, match="another rubric"):
        replace_contents(ws, Workshop(rubric=large_rubric(5, 3)))
    assert ws.details.client == "Earlier"
