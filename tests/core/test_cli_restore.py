"""`workshop-app restore`: list kept versions, restore one over the file or into a new one."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workshop_app.cli import COMMANDS, main
from workshop_app.core.demo import build_demo
from workshop_app.core.filelock import lock_path
from workshop_app.core.storage import load_workshop, save_workshop
from workshop_app.core.versions import keep_opened_copy, list_versions


def _save_as(path: Path, client: str, drop_ratings: int = 0) -> None:
    ws = build_demo()
    ws.details.client = client
    del ws.ratings[:drop_ratings]
    save_workshop(ws, path, keep_versions=False)


@pytest.fixture
def file_with_history(tmp_path: Path) -> Path:
    """Two kept versions: 'First' (48 ratings, oldest) and 'Second' (38 ratings); the file says 'Now'."""
    path = tmp_path / "w.workshop"
    _save_as(path, "First")
    keep_opened_copy(path)
    _save_as(path, "Second", drop_ratings=10)
    keep_opened_copy(path)
    _save_as(path, "Now")
    return path


def _error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("workshop-app: error: ") and err.count("\n") == 1
    return err


def test_restore_is_a_command() -> None:
    assert "restore" in COMMANDS


def test_list_numbers_versions_newest_first_with_counts(file_with_history: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", str(file_with_history), "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Earlier versions of {file_with_history}, newest first:"
    row = re.compile(r"^  (\d)  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  \(as opened, \d+ KB\)  "
                     r"8 participants, 2 rounds, (\d+) ratings, 4 decisions$")
    matches = [row.match(line) for line in out[1:3]]
    assert all(matches), out
    assert [(m.group(1), m.group(2)) for m in matches if m] == [("1", "38"), ("2", "48")]
    assert "--version N" in out[3]


def test_no_versions_is_said_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.workshop"
    _save_as(path, "Only")
    assert main(["restore", str(path)]) == 0
    assert "no earlier versions are kept for this file" in capsys.readouterr().out
    assert "no earlier versions are kept" in _error(capsys, ["restore", str(path), "--version", "1"])
    missing = _error(capsys, ["restore", str(tmp_path / "nothing.workshop"), "--version", "1"])
    assert "the file itself does not exist" in missing


def test_restore_over_the_file_keeps_the_current_one(file_with_history: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["restore", str(file_with_history), "--version", "2"]) == 0
    assert "restored over" in capsys.readouterr().out
    assert load_workshop(file_with_history).details.client == "First"
    newest = list_versions(file_with_history)[0]
    assert load_workshop(newest.path).details.client == "Now"
    assert main(["restore", str(file_with_history), "--version", "1"]) == 0  # and back again
    assert load_workshop(file_with_history).details.client == "Now"


def test_restore_into_a_new_file(file_with_history: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "copy.workshop"
    assert main(["restore", str(file_with_history), "--version", "1", "--out", str(out)]) == 0
    assert f"written to {out}" in capsys.readouterr().out
    assert load_workshop(out).details.client == "Second"
    assert load_workshop(file_with_history).details.client == "Now"
    assert "already exists; use --force" in _error(
        capsys, ["restore", str(file_with_history), "--version", "2", "--out", str(out)])
    assert load_workshop(out).details.client == "Second"
    assert main(["restore", str(file_with_history), "--version", "2", "--out", str(out), "--force"]) == 0
    assert load_workshop(out).details.client == "First"


@pytest.mark.parametrize(("extra", "words"), [
    (["--version", "3"], "there is no version 3; "),
    (["--version", "0"], "there is no version 0; "),
    (["--out", "x.workshop"], "--out and --force go with --version N"),
    (["--version", "1", "--out", "x.txt"], "must end in .workshop"),
    (["--version", "1", "--out", "no-such-folder/x.workshop"], "does not exist"),
    (["--version", "1", "--out", "w.workshop", "--force"], "is the file itself; leave out --out"),
])
def test_mistakes_are_one_line(file_with_history: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch, extra: list[str], words: str) -> None:
    monkeypatch.chdir(file_with_history.parent)
    assert words in _error(capsys, ["restore", str(file_with_history), *extra])
    assert load_workshop(file_with_history).details.client == "Now"


def test_refused_while_open_for_editing_naming_the_holder(file_with_history: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    lock_path(file_with_history).write_text(json.dumps(
        {"pid": os.getppid(), "host": socket.gethostname(), "user": "ann", "time": time.time(), "token": "t"}))
    err = _error(capsys, ["restore", str(file_with_history), "--version", "1"])
    assert "is open for editing by ann on" in err and "restore into a new file" in err
    assert load_workshop(file_with_history).details.client == "Now"
    assert len(list_versions(file_with_history)) == 2


def test_an_unreadable_version_is_listed_and_refused(file_with_history: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    list_versions(file_with_history)[0].path.write_bytes(b"\x00\x01 not a workshop")
    assert main(["restore", str(file_with_history)]) == 0
    listing = capsys.readouterr().out
    assert "cannot be read: not a Maturity Workshop file" in listing
    assert "not a Maturity Workshop file" in _error(capsys, ["restore", str(file_with_history), "--version", "1"])
    assert load_workshop(file_with_history).details.client == "Now"


def test_reachable_as_a_command_line(file_with_history: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "workshop_app", "restore", str(file_with_history)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("(as opened,") == 2


def test_a_deleted_file_can_be_restored_from_its_versions(file_with_history: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    file_with_history.unlink()
    out = tmp_path / "back.workshop"
    out.write_bytes(b"old")
    assert main(["restore", str(file_with_history), "--version", "2", "--out", str(out), "--force"]) == 0
    assert load_workshop(out).details.client == "First"
    assert main(["restore", str(file_with_history), "--version", "1"]) == 0
    assert load_workshop(file_with_history).details.client == "Second"
