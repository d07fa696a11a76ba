"""Command-line mistakes: one line on stderr and exit 2, never the GUI opening on a typo, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import workshop_app.cli as cli
from workshop_app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """Files the GUI would have been opened on (the GUI itself is never started)."""
    calls: list[str | None] = []

    def fake_run_app(file: str | None, demo: bool = False) -> int:
        calls.append(file)
        return 0

    monkeypatch.setitem(sys.modules, "workshop_app.gui.app", types.SimpleNamespace(run_app=fake_run_app))
    monkeypatch.setattr(cli, "_display_missing", lambda: False)
    return calls


@pytest.mark.parametrize(("word", "hint"), [("rubric", "did you mean rubrics"), ("sumary", "did you mean summary"),
                                            ("exprot", "did you mean export"), ("frobnicate", "")])
def test_an_unknown_command_is_an_error_not_the_app(capsys, opened, word: str, hint: str) -> None:
    code, out, err = run(capsys, word, "x.workshop")
    assert code == 2 and out == "" and opened == []
    assert err.count("\n") == 1 and err.startswith(f"workshop-app: error: unknown command '{word}'")
    assert hint in err and "summary, rubrics" in err


def test_a_file_still_opens_the_app(capsys, opened, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").write_text("x")  # an existing file without an extension
    assert run(capsys, "notes")[0] == 0
    assert run(capsys, "later.workshop")[0] == 0  # a missing file: the app says so itself
    assert run(capsys, str(tmp_path / "sub" / "w"))[0] == 0
    assert opened == ["notes", "later.workshop", str(tmp_path / "sub" / "w")]


def test_no_display_is_one_line_and_exit_2(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_start(*args: object, **kwargs: object) -> int:
        raise AssertionError("the GUI was started without a display")

    monkeypatch.setitem(sys.modules, "workshop_app.gui.app", types.SimpleNamespace(run_app=must_not_start))
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no display" in err and "summary" in err
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert run(capsys, "--demo")[0] == 2


@pytest.mark.parametrize(("env", "missing"), [
    ({}, True), ({"QT_QPA_PLATFORM": "wayland;xcb"}, True), ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False), ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "minimal:enable_fonts"}, False), ({"QT_QPA_PLATFORM": "xcb;offscreen"}, False),
])
def test_what_counts_as_a_display(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], missing: bool) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli._display_missing() is missing


def test_demo_refuses_a_missing_folder_as_export_does(capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "no" / "such" / "demo.workshop"
    code, _, err = run(capsys, "demo", str(out_file))
    assert code == 2 and err == f"workshop-app: error: cannot write {out_file}: the folder {out_file.parent} " \
                               "does not exist\n"
    assert not out_file.parent.exists()
    code, _, err = run(capsys, "demo", str(tmp_path))
    assert code == 2 and "is a folder" in err


def test_import_title_and_client_follow_the_grid_rules(capsys, tmp_path: Path) -> None:
    csv_path = tmp_path / "r.csv"
    csv_path.write_text("participant,role,pillar,rating\nAnn,CX,reality-over-hype,2\n")
    out_file = tmp_path / "w.workshop"
    code, _, err = run(capsys, "import", str(csv_path), str(out_file), "--rubric", "crawl-walk-run-fly",
                       "--title", "T" * 301)
    assert code == 2 and err == "workshop-app: error: Title is too long (301 characters, at most 300)\n"
    code, _, err = run(capsys, "import", str(csv_path), str(out_file), "--rubric", "crawl-walk-run-fly",
                       "--client", "Contoso\x00\x1b[31m")
    assert code == 0
    from workshop_app.core.storage import load_workshop

    assert load_workshop(out_file).details.client == "Contoso[31m"
    code, _, err = run(capsys, "import", str(csv_path), str(tmp_path / "nope" / "w.workshop"),
                       "--rubric", "crawl-walk-run-fly")
    assert code == 2 and "the folder" in err and "does not exist" in err


def test_import_names_a_refused_row(capsys, tmp_path: Path) -> None:
    csv_path = tmp_path / "r.csv"
    csv_path.write_text(f"participant,role,pillar,rating\n{'N' * 300},CX,reality-over-hype,2\n")
    code, _, err = run(capsys, "import", str(csv_path), str(tmp_path / "w.workshop"), "--rubric",
                       "crawl-walk-run-fly")
    assert code == 2 and err.count("\n") == 1 and "line 2: participant name is too long" in err
    assert not (tmp_path / "w.workshop").exists()


def _demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.workshop"
    assert main(["demo", str(path)]) == 0
    return path


def test_summary_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run([sys.executable, "-m", "workshop_app", "summary", str(path)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert done.stderr == "" and done.returncode == 1


def test_summary_piped_into_head(tmp_path: Path) -> None:
    path = _demo(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(f'"{sys.executable}" -m workshop_app summary "{path}" | head -1', shell=True,
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.startswith("Crawl, Walk, Run, Fly: round 2") and done.stdout.count("\n") == 1
    assert done.stderr == ""
