"""One figure, one wording: the command line, the app and the handout print the same agreement figure, and
call the median stage, the agreement and the level by the same names (as does the README)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.cli import main
from workshop_app.core.consensus import agreement_text, summarise
from workshop_app.core.demo import build_demo
from workshop_app.core.storage import save_workshop
from workshop_app.gui.widgets.pillar_card import describe_pillar
from workshop_app.report.pdf import export_pdf


def test_cli_reveal_and_pdf_agree_on_every_pillar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = build_demo()
    summary = summarise(ws)
    save_workshop(ws, tmp_path / "demo.workshop")
    assert main(["summary", str(tmp_path / "demo.workshop")]) == 0
    cli_lines = capsys.readouterr().out.splitlines()
    export_pdf(ws, tmp_path / "demo.pdf")
    pdf = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "demo.pdf").pages)
    names = {p.id: p.name for p in ws.participants}
    for stats in summary.pillars:
        figure = agreement_text(stats.consensus)
        name = ws.rubric.pillar(stats.pillar).name
        assert any(line.startswith(name) and f" {figure} " in line for line in cli_lines), (name, figure)
        card = describe_pillar(ws.rubric, stats, summary.round, {}, names)
        assert f"Agreement {figure}" in card.agreement
        assert f"agreement {figure} (1 = everyone agrees)" in pdf, (name, figure)
    act = summary.stats("act-with-precision")
    assert agreement_text(act.consensus) == "0.41" and f"{act.consensus:.2f}" == "0.42"  # rounded down, everywhere


#: Words once used for the same three things; the app says "median stage", "agreement" and "level".
SYNONYMS = ("consensus stage", "consensus score", "concordance", "typical stage", "consensus (median)",
            "verdict", "at the consensus", "from the consensus", "consensus table")
ROOT = Path(__file__).resolve().parents[1]


def _synonyms_in(text: str) -> list[str]:
    lowered = " ".join(text.lower().split())
    return [word for word in SYNONYMS if word in lowered]


def test_the_same_three_names_in_the_app_the_handout_the_command_line_and_the_readme(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit

    from workshop_app.gui.document import WorkshopDocument
    from workshop_app.gui.main_window import STEPS, MainWindow
    from workshop_app.gui.widgets.profile_view import LEGEND as PROFILE_LEGEND
    from workshop_app.gui.widgets.wall import LEGEND as WALL_LEGEND

    ws = build_demo()
    path = tmp_path / "demo.workshop"
    save_workshop(ws, path)
    # the app: every page's words (labels, buttons, placeholders), the wall and the profile chart
    window = MainWindow(start_screen=False)
    qtbot.addWidget(window)
    window.set_document(WorkshopDocument(ws, tmp_path / "app.workshop"))
    texts: list[str] = []
    for step in range(len(STEPS)):
        window.go_to_step(step)
        page = window.page(step)
        texts += [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
        texts += [w.placeholderText() for w in page.findChildren(QLineEdit)]
    wall = window.page(3).wall
    texts += wall.visible_texts() + [text for _, text in PROFILE_LEGEND]
    app_text = "\n".join(texts)
    assert _synonyms_in(app_text) == []
    assert "Median stage" in app_text and "▲ median stage" in WALL_LEGEND
    assert "agreement 0." in app_text
    levels = {"Aligned", "Discuss", "Split", "Polarised"}
    assert {r.level_word.split()[-1] for r in wall.data().rows} <= levels
    # the command line
    assert main(["summary", str(path)]) == 0
    cli = capsys.readouterr().out
    header = next(line for line in cli.splitlines() if line.startswith("Pillar"))
    assert header.split()[4:7] == ["Median", "Agreement", "IQR"] and "Level" in header
    with pytest.raises(SystemExit):
        main(["summary", "--help"])
    assert _synonyms_in(cli + capsys.readouterr().out) == []
    # the handout
    export_pdf(ws, tmp_path / "demo.pdf")
    pdf = " ".join(p.extract_text() or "" for p in PdfReader(tmp_path / "demo.pdf").pages)
    assert _synonyms_in(pdf) == []
    assert "Median stage" in pdf and "agreement" in pdf.lower() and "Level" in pdf
    # the README
    assert _synonyms_in((ROOT / "README.md").read_text(encoding="utf-8")) == []
