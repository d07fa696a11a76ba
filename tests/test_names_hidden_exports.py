"""A workshop with a round voted with names hidden is never named: command line, data export, the dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app.cli import main
from workshop_app.core.demo import build_demo
from workshop_app.core.export_data import build_export
from workshop_app.core.storage import save_workshop


@pytest.fixture
def hidden_file(tmp_path: Path) -> Path:
    ws = build_demo()
    ws.rounds[0].names_hidden = True
    path = tmp_path / "hidden.workshop"
    save_workshop(ws, path)
    return path


@pytest.mark.parametrize("command", [
    ["summary", "{file}", "--named"],
    ["summary", "{file}", "--by-group", "--named"],
    ["export", "{file}", "{out}.pdf", "--named"],
    ["export-data", "{file}", "{out}.csv", "--named"],
])
def test_every_named_command_is_refused_and_writes_nothing(hidden_file: Path, tmp_path: Path, command: list[str],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = [a.format(file=hidden_file, out=out) for a in command]
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "round 1 was voted with names hidden" in err
    assert not list(tmp_path.glob("out.*"))


def test_the_same_commands_anonymous_still_work(hidden_file: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    ws = build_demo()
    assert main(["summary", str(hidden_file)]) == 0
    out = capsys.readouterr().out
    assert not any(p.name in out for p in ws.participants)
    assert main(["export-data", str(hidden_file), str(tmp_path / "out.csv")]) == 0


def test_the_core_refuses_a_named_data_export() -> None:
    ws = build_demo()
    build_export(ws, named=True)  # allowed while no round hides names
    ws.rounds[-1].names_hidden = True
    with pytest.raises(ValueError, match="voted with names hidden"):
        build_export(ws, named=True)


def test_the_handout_refuses_names_even_for_a_round_still_blind(tmp_path: Path) -> None:
    from workshop_app.core import operations as ops
    from workshop_app.report.errors import ReportError
    from workshop_app.report.pdf import export_pdf

    ws = build_demo()
    ops.open_round(ws, [ws.rubric.pillar_ids[0]], "Third look")
    ws.rounds[-1].names_hidden = True  # blind still: the promise holds all the same
    out = tmp_path / "named.pdf"
    with pytest.raises(ReportError, match="round 3 was voted with names hidden"):
        export_pdf(ws, out, anonymous=False)
    assert not out.exists()
