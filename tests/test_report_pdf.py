"""The PDF handout: content, escaping of hostile text, anonymity, paper sizes and rendering."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core import operations as ops
from workshop_app.core.consensus import LEVEL_SYMBOLS, summarise
from workshop_app.core.demo import build_demo
from workshop_app.report.errors import ReportError
from workshop_app.report.pdf import export_pdf

HOSTILE = [
    "<b>Ann & Co</b>",
    '<img src="http://example.invalid/x.png">',
    "Seán O'Brien \"the Quote\"",
    "Ζωή Παπαδοπούλου",
    "Пётр Иванов",
    "Zoë Ñúñez-Åström",
]
UNPRINTABLE = ["田中 太郎", "Sam 🚀 Rocket"]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Export must never touch the network: any connection attempt fails the test."""

    def refuse(*_args: object, **_kw: object) -> None:
        raise AssertionError("export tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def demo_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    out = tmp_path_factory.mktemp("demo") / "demo.pdf"
    pages = export_pdf(build_demo(), out)
    return out, pages


def hostile_workshop():
    ws = build_demo()
    ops.set_details(ws, title="<script>alert('x')</script> & <b>Review</b>", client="Smith & Sons <Ltd>")
    people = [ops.add_participant(ws, name, "Guest <role> & co")[0] for name in HOSTILE + UNPRINTABLE]
    for i, person in enumerate(people):
        ops.set_rating(ws, person.id, "reality-over-hype", 1, 2, f"Comment {i}: <i>not italic</i> & {person.name}")
    ops.add_note(ws, 'Note with <a href="http://example.invalid">a link</a> & more')
    return ws


def test_demo_content(demo_pdf: tuple[Path, int]) -> None:
    path, pages = demo_pdf
    ws = build_demo()
    text = flat(pdf_text(path))
    assert pages == len(PdfReader(path).pages) >= 6
    overall = summarise(ws).overall
    assert f"{overall.stage} {ws.rubric.stage(overall.stage).name}" in text
    assert "OVERALL STAGE" in text
    for pillar in ws.rubric.pillars:
        assert pillar.name in text
    for action in ws.actions:
        assert flat(action.title) in text, action.title
    for words in ("Executive summary", "Where the room disagreed", "Roadmap", "Appendix: how the figures are computed",
                  "Tastle and Wierman", "lower of the two is taken", "Who took part", "weakest-link"):
        assert words in text
    # the override's rationale and a participant comment are printed
    assert "Billing automation works at Run level" in text
    assert "The churn model answers a real retention question." in text
    # polarised pillar shows two camps with the symbol and word
    assert "Two camps" in text and f"{LEVEL_SYMBOLS['polarised']} polarised" in text
    for person in ws.participants:
        assert person.name in text


def test_metadata_and_outline(demo_pdf: tuple[Path, int]) -> None:
    reader = PdfReader(demo_pdf[0])
    meta = reader.metadata
    assert meta.title == "AI in Customer Operations: Maturity Workshop"
    assert "Morgan Hale" in meta.author and "Meridian Advisory" in meta.author
    assert "Crawl, Walk, Run, Fly" in meta.subject and "Northwind Utilities" in meta.subject
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert {"Executive summary", "Where the room disagreed", "Roadmap", "Who took part"} <= set(titles)


def test_every_page_but_cover_has_footer(demo_pdf: tuple[Path, int]) -> None:
    path, pages = demo_pdf
    reader = PdfReader(path)
    assert "Page 1 of" not in (reader.pages[0].extract_text() or "")
    for number in range(2, pages + 1):
        text = reader.pages[number - 1].extract_text() or ""
        assert f"Page {number} of {pages}" in text
        assert "Prepared for the workshop participants" in text


def test_hostile_names_print_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop_app.report import fonts as fonts_module

    monkeypatch.setattr(fonts_module, "_system_fonts", lambda: [])  # a computer with no font for 田中 or 🚀
    fonts_module._register_extra.cache_clear()
    out = tmp_path / "hostile.pdf"
    try:
        export_pdf(hostile_workshop(), out)
    finally:
        fonts_module._register_extra.cache_clear()
    text = flat(pdf_text(out))
    for name in HOSTILE:
        assert name in text, name
    assert "<script>alert('x')</script> & <b>Review</b>" in text
    assert "Smith & Sons <Ltd>" in text
    assert "<i>not italic</i> &" in text
    assert '<a href="http://example.invalid">a link</a>' in text
    # characters the font cannot draw are shown as a replacement mark, never dropped silently
    assert "\ufffd\ufffd \ufffd\ufffd" in text and "Sam \ufffd Rocket" in text
    raw = out.read_bytes()
    assert b"/URI" not in raw  # no link annotation was made from user text


def test_anonymous_leaves_no_names(tmp_path: Path) -> None:
    ws = hostile_workshop()
    ops.add_note(ws, "Priya Raman will chase the data owners; ask Jonas about the IVR.")
    out = tmp_path / "anon.pdf"
    export_pdf(ws, out, anonymous=True)
    reader = PdfReader(out)
    text, attendance = pdf_text(out).rsplit("Who took part\n", 1)  # names are listed there, apart from ratings
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    for person in ws.participants:
        assert person.name not in text, person.name
        assert person.name not in meta, person.name
        for part in person.name.split():
            if len(part) >= 3 and part.isalpha():
                assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), part
    assert "P1" in text and "CX Director" in attendance
    assert "Morgan Hale" in meta  # the facilitator is not a participant
    # the polarised pillar shows the camps as counts, not names
    assert "4 people at 1 Crawl or below; 4 people at 3 Run or above" in flat(text)


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))])
def test_paper_sizes(tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    out = tmp_path / f"{paper}.pdf"
    export_pdf(build_demo(), out, paper=paper)
    for page in PdfReader(out).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.5)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_pages_render_non_blank(demo_pdf: tuple[Path, int], tmp_path: Path) -> None:
    from PIL import Image, ImageStat

    path, pages = demo_pdf
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    for image_path in images:
        image = Image.open(image_path).convert("L")
        dark = sum(image.histogram()[:160])
        assert ImageStat.Stat(image).stddev[0] > 8 and dark > 400, f"{image_path.name} looks blank"


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    export_pdf(build_demo(), tmp_path / "p.pdf", progress=lambda i, n, label: seen.append((i, n, label)))
    steps = [s for s, _, _ in seen]
    assert steps == sorted(steps) and steps[0] == 0 and steps[-1] == seen[-1][1] - 1
    assert all(label for _, _, label in seen)


def test_empty_workshop_exports(tmp_path: Path) -> None:
    from workshop_app.core.model import Workshop
    from workshop_app.core.rubric import find_rubric

    out = tmp_path / "empty.pdf"
    pages = export_pdf(Workshop(rubric=find_rubric("foundation-to-optimizing")), out)
    text = pdf_text(out)
    assert pages >= 3 and "Not assessed yet" in text and "No roadmap actions" in text


def test_unwritable_targets_raise_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="does not exist"):
        export_pdf(build_demo(), tmp_path / "missing" / "x.pdf")
    with pytest.raises(ReportError, match="is a folder"):
        export_pdf(build_demo(), tmp_path)
    with pytest.raises(ReportError, match="paper 'a3' is not supported"):
        export_pdf(build_demo(), tmp_path / "x.pdf", paper="a3")


def test_failed_export_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "X"\nprimary = "#12"\n', encoding="utf-8")
    with pytest.raises(ReportError):
        export_pdf(build_demo(), out, brand=bad)
    assert out.read_bytes() == b"old"
    export_pdf(build_demo(), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml", "keep.pdf"]


@pytest.mark.parametrize("text", ["<b>Ann & Co</b>", '<img src="http://example.invalid/x.png">', "a &amp; b", "it's \"q\""])
def test_escape_matches_saxutils(text: str) -> None:
    from xml.sax.saxutils import escape as sax_escape

    from workshop_app.report.fonts import escape

    assert escape(text) == sax_escape(text, {'"': "&quot;"})


def test_control_characters_are_dropped_not_fatal(tmp_path: Path) -> None:
    ws = build_demo()
    ws.participants[0].name = "Bell\x07 Ringer\x00"  # bypasses the operations' own cleaning on purpose
    out = tmp_path / "ctrl.pdf"
    export_pdf(ws, out)
    assert "Bell Ringer" in pdf_text(out)
