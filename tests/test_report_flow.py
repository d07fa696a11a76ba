"""Page flow on A4 and Letter for small, usual, large and six-pillar rooms: no near-empty page mid-section."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from workshop_app.core.demo import build_demo
from workshop_app.core.model import Workshop
from workshop_app.core.sample import large_workshop
from workshop_app.report.chrome import MARGIN_BOTTOM, MARGIN_TOP
from workshop_app.report.pdf import PAPER_SIZES, export_pdf


def _two_people() -> Workshop:
    ws = build_demo()
    keep = {p.id for p in ws.participants[:2]}
    ws.participants = [p for p in ws.participants if p.id in keep]
    ws.ratings = [r for r in ws.ratings if r.participant in keep]
    return ws


ROOMS = {
    "demo": build_demo,
    "two people": _two_people,
    "forty people": large_workshop,
    "six pillars": lambda: large_workshop(participants=10, pillars=6, rounds=2, seed=2),
}


def _fills(pdf: Path, frame_top: float, frame: float, page_height: float, folder: Path) -> list[float]:
    """Share of the text frame each page uses, down to its lowest ink (text, chart or drawing)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "24", "-png", str(pdf), str(folder / "p")], check=True)
    fills = []
    for path in sorted(folder.glob("p-*.png")):
        image = Image.open(path).convert("L")
        scale = image.height / page_height
        first, last = int((page_height - frame_top) * scale) + 1, int((page_height - MARGIN_BOTTOM) * scale)
        inked = [y for y in range(first, last) if image.crop((0, y, image.width, y + 1)).getextrema()[0] < 200]
        fills.append(((max(inked) - first) / scale / frame) if inked else 0.0)
    return fills


def _section_starts(reader: PdfReader) -> set[int]:
    starts = set()
    for item in reader.outline:
        if not isinstance(item, list):
            starts.add(reader.get_destination_page_number(item))
    return starts


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("room", list(ROOMS))
def test_no_page_is_less_than_a_third_full_unless_its_section_ends_there(tmp_path: Path, room: str,
                                                                        paper: str) -> None:
    out = tmp_path / "handout.pdf"
    export_pdf(ROOMS[room](), out, paper=paper)
    reader = PdfReader(out)
    height = PAPER_SIZES[paper][1]
    top, frame = height - MARGIN_TOP, height - MARGIN_TOP - MARGIN_BOTTOM
    fills = _fills(out, top, frame, height, tmp_path)
    starts = _section_starts(reader)
    last = len(reader.pages) - 1
    for i, fill in enumerate(fills[1:], start=1):
        if fill < 1 / 3:
            assert i == last or (i + 1) in starts, f"page {i + 1} is {fill:.0%} full in the middle of a section"
