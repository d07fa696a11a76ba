"""End to end: `workshop-app export` on disk, and a 40 x 10 x 3 workshop whose tables split across pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.cli import main
from workshop_app.core.sample import large_workshop
from workshop_app.core.storage import save_workshop
from workshop_app.report.pdf import export_pdf


def test_cli_export_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workshop, out = tmp_path / "demo.workshop", tmp_path / "handout.pdf"
    assert main(["demo", str(workshop)]) == 0
    assert main(["export", str(workshop), str(out), "--paper", "letter", "--anonymous"]) == 0
    assert "pages to" in capsys.readouterr().out
    reader = PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612, abs=0.5)
    text = "".join(p.extract_text() or "" for p in reader.pages)
    assert "Amara Okafor" not in text.rsplit("Who took part", 1)[0]  # named only in the attendance list

    before = out.read_bytes()
    assert main(["export", str(workshop), str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["export", str(workshop), str(out), "--force"]) == 0


def test_cli_reports_bad_brand(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workshop = tmp_path / "demo.workshop"
    main(["demo", str(workshop)])
    brand = tmp_path / "brand.toml"
    brand.write_text('name = "X"\nprimary = "#12"\n', encoding="utf-8")
    assert main(["export", str(workshop), str(tmp_path / "x.pdf"), "--brand", str(brand)]) == 2
    err = capsys.readouterr().err
    assert "primary" in err and "#12" in err and "Traceback" not in err


def test_large_workshop_tables_split_with_repeated_headers(tmp_path: Path) -> None:
    ws = large_workshop(participants=40, pillars=10, rounds=3)
    assert len(ws.participants) == 40 and len(ws.rubric.pillars) == 10 and len(ws.rounds) == 3
    path = tmp_path / "large.workshop"
    save_workshop(ws, path)
    out = tmp_path / "large.pdf"
    assert main(["export", str(path), str(out)]) == 0
    texts = [p.extract_text() or "" for p in PdfReader(out).pages]
    assert len(texts) >= 15
    # long tables run over several pages, and every page they reach starts with their header row again
    def has_header(text: str, *cells: str) -> bool:
        lines = [line.strip() for line in text.splitlines()]
        return all(cell in lines for cell in cells)

    roadmap_pages = [t for t in texts if has_header(t, "Action and success measure", "Pillar", "Owner", "Priority", "Status")]
    assert len(roadmap_pages) >= 3
    assert sum(1 for t in texts if "Participant 40" in t) >= 1
    everything = "\n".join(texts)
    for pillar in ws.rubric.pillars:
        assert pillar.name in everything.replace("\n", " ") or pillar.name.split()[0] in everything


def test_large_workshop_anonymous(tmp_path: Path) -> None:
    ws = large_workshop(participants=40, pillars=10, rounds=3, seed=3)
    out = tmp_path / "anon.pdf"
    export_pdf(ws, out, anonymous=True, paper="letter")
    text = "".join(p.extract_text() or "" for p in PdfReader(out).pages).rsplit("Who took part", 1)[0]
    assert "P40" in text
    for person in ws.participants:
        assert person.name not in text


def test_export_says_when_the_handout_is_a_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workshop_app.core import operations as ops
    from workshop_app.core.demo import build_demo
    from workshop_app.core.storage import save_workshop

    ws = build_demo()
    for pillar in list(ws.decisions):
        ops.set_decision(ws, pillar, None, None, "")
    save_workshop(ws, tmp_path / "d.workshop")
    assert main(["export", str(tmp_path / "d.workshop"), str(tmp_path / "d.pdf")]) == 0
    out = capsys.readouterr().out
    assert "marked DRAFT on every page" in out
    save_workshop(build_demo(), tmp_path / "done.workshop")
    assert main(["export", str(tmp_path / "done.workshop"), str(tmp_path / "done.pdf")]) == 0
    assert "DRAFT" not in capsys.readouterr().out
