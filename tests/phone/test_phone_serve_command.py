"""`workshop-app serve FILE` end to end, in a subprocess on 127.0.0.1: address first, ballots saved, clean stop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from phone_client import REVOTED, Phone

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.filelock import FileLock
from workshop_app.core.storage import load_workshop, save_workshop


@pytest.fixture
def workshop_file(tmp_path: Path) -> Path:
    ws = build_demo()
    ops.open_round(ws, REVOTED, "Third look")
    path = tmp_path / "room.workshop"
    save_workshop(ws, path)
    return path


def _serve(path: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "workshop_app", "serve", str(path), "--host", "127.0.0.1",
                             "--port", "0", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_prints_the_address_saves_each_ballot_and_stops_cleanly(workshop_file: Path, stop_signal: int) -> None:
    proc = _serve(workshop_file)
    try:
        first = proc.stdout.readline().strip()
        url = urlsplit(first)
        assert url.scheme == "http" and url.hostname == "127.0.0.1" and url.query.startswith("code=")
        phone = Phone(url.port)
        assert phone.join(url.query[5:])[0] == 200
        person = load_workshop(workshop_file).participants[3]
        assert phone.claim(person.id)[0] == 200
        status, _ = phone.vote({p: {"stage": 3, "comment": "from a phone"} for p in REVOTED})
        assert status == 200
        saved = load_workshop(workshop_file)  # on disk already, before the server stops
        assert {(r.pillar, r.stage, r.comment) for r in saved.ratings if r.round == 3 and r.participant == person.id} \
            == {(p, 3, "from a phone") for p in REVOTED}
        proc.send_signal(stop_signal)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Voting closed: 1 of" in out
    assert not (workshop_file.parent / f".{workshop_file.name}.lock").exists()


def test_serve_refuses_a_file_open_in_the_app(workshop_file: Path) -> None:
    lock = FileLock.acquire(workshop_file)
    try:
        proc = subprocess.run([sys.executable, "-m", "workshop_app", "serve", str(workshop_file), "--host",
                               "127.0.0.1", "--port", "0"], capture_output=True, text=True, timeout=30)
    finally:
        lock.release()
    assert proc.returncode == 2 and proc.stdout == ""
    assert "open for editing" in proc.stderr and proc.stderr.count("\n") == 1


def test_serve_refuses_a_revealed_round(tmp_path: Path) -> None:
    path = tmp_path / "demo.workshop"
    save_workshop(build_demo(), path)
    proc = subprocess.run([sys.executable, "-m", "workshop_app", "serve", str(path), "--host", "127.0.0.1",
                           "--port", "0"], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "already revealed" in proc.stderr


def test_serve_names_hidden_marks_the_round_in_the_file(workshop_file: Path) -> None:
    proc = _serve(workshop_file, "--names-hidden")
    try:
        url = urlsplit(proc.stdout.readline().strip())
        assert "names hidden" in proc.stdout.readline()
        phone = Phone(url.port)
        assert phone.join(url.query[5:])[1]["names_hidden"] is True
        person = load_workshop(workshop_file).participants[1]
        assert phone.claim(person.id)[0] == 200
        assert phone.vote({p: {"stage": 2, "comment": ""} for p in REVOTED})[0] == 200
        saved = load_workshop(workshop_file)
        assert saved.round(3).names_hidden and {r.participant for r in saved.ratings if r.round == 3} == {person.id}
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
