"""Names in any script: a system font fills in what DejaVu lacks, and what no font has is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core.demo import build_demo
from workshop_app.report import fonts as fonts_module
from workshop_app.report.fonts import register_fonts, with_system_fallback
from workshop_app.report.pdf import export_pdf, handout_warnings

RARE = "Ana ᶁ Ortiz"  # U+1D81: not in DejaVu Sans, in the STIX fonts matplotlib ships


def _faces(path: Path) -> set[str]:
    return {str(f.get_object()["/BaseFont"]) for page in PdfReader(path).pages
            for f in page["/Resources"].get("/Font", {}).values()}


def test_a_character_dejavu_lacks_is_set_in_a_system_font_that_has_it(tmp_path: Path) -> None:
    ws = build_demo()
    ws.participants[0].name = RARE
    out = tmp_path / "named.pdf"
    export_pdf(ws, out, anonymous=False)
    assert any("STIX" in face for face in _faces(out))
    assert handout_warnings(ws) == []


def test_the_usual_handout_never_searches_for_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> list[Path]:
        raise AssertionError("searched system fonts although DejaVu covers everything")

    monkeypatch.setattr(fonts_module, "_system_fonts", refuse)
    fonts, unprintable = with_system_fallback(register_fonts(), ["Élodie Marchand", "Пётр Иванов"])
    assert unprintable == [] and fonts.extra == ""


def test_text_no_font_covers_is_reported_not_silently_boxed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "_system_fonts", lambda: [])
    fonts_module._register_extra.cache_clear()
    try:
        ws = build_demo()
        ws.participants[0].name = "田中 太郎"
        warnings = handout_warnings(ws)
    finally:
        fonts_module._register_extra.cache_clear()
    assert warnings == ["'田中 太郎' prints with \ufffd marks: no font on this computer has its characters"]


def test_a_font_that_draws_boxes_for_everything_is_never_a_fallback() -> None:
    assert not any("lastresort" in p.name.lower() for p in fonts_module._system_fonts())


def test_markup_borrows_per_character_and_escapes() -> None:
    fonts, _ = with_system_fallback(register_fonts(), [RARE])
    assert fonts.extra
    assert fonts.markup("a<ᶁ>") == f'a&lt;<font name="{fonts.extra}">ᶁ</font>&gt;'


def test_the_earlier_workshops_words_are_checked_too(tmp_path: Path) -> None:
    """The progress section prints the linked workshop's title: its characters borrow a font like any other."""
    from dataclasses import replace

    ws = build_demo()
    assert ws.earlier is not None
    ws.earlier = replace(ws.earlier, details=replace(ws.earlier.details, title="Spring ᶁ review"))
    out = tmp_path / "earlier.pdf"
    export_pdf(ws, out)
    assert any("STIX" in face for face in _faces(out))
    assert handout_warnings(ws) == []
