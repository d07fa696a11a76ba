"""One figure, one wording: the command line, the Reveal page and the handout print the same agreement figure."""

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
