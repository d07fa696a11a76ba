"""Handout: perspectives by role group, with small groups never shown on their own when anonymous."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.report.pdf import export_pdf


def text_of(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)


def grouped_demo(groups: list[str]) -> Workshop:
    ws = build_demo()
    for person, group in zip(ws.participants, groups, strict=True):
        ops.set_participant_group(ws, person.id, group)
    return ws


def test_groups_of_three_get_a_section_with_the_gaps_in_words(tmp_path: Path) -> None:
    ws = grouped_demo(["Leadership"] * 4 + ["Front line"] * 4)
    out = tmp_path / "groups.pdf"
    export_pdf(ws, out)
    text = text_of(out)
    assert "Perspectives by role group" in text
    assert "Leadership" in text and "Front line" in text


def test_no_section_when_every_breakdown_would_single_someone_out(tmp_path: Path) -> None:
    ws = grouped_demo(["Leadership"] * 2 + ["Front line"] * 2 + ["IT and data"] * 2 + ["Management"] * 2)
    out = tmp_path / "small.pdf"
    export_pdf(ws, out)
    assert "Perspectives by role group" not in text_of(out)
    export_pdf(ws, out, anonymous=False)  # named: the room agreed, every group is shown
    assert "Perspectives by role group" in text_of(out)
