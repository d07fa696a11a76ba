"""Arabic and Hebrew shaped and in reading order; borrowed fonts in the header and footer too."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.graphics.shapes import Group, String

from workshop_app.charts import ChartPalette
from workshop_app.core.demo import build_demo
from workshop_app.report import vcharts
from workshop_app.report.brand import default_brand_path, load_brand
from workshop_app.report.fonts import register_fonts
from workshop_app.report.pdf import export_pdf
from workshop_app.report.rtl import NBSP, RUN_LINE, visual

ARABIC = "محمد الأحمد"  # Muhammad al-Ahmad
HEBREW = "שלום עולם"  # shalom olam
RARE = "ᶁ"  # U+1D81: not in DejaVu Sans, in the STIX fonts matplotlib ships


def _presentation_forms(text: str) -> bool:
    return any(0xFE70 <= ord(ch) <= 0xFEFF or 0xFB50 <= ord(ch) <= 0xFDFF for ch in text)


def _strings(node: Group) -> list[String]:
    out: list[String] = []
    for item in node.contents:
        out.extend([item] if isinstance(item, String) else _strings(item) if isinstance(item, Group) else [])
    return out


def _drawn(reader: PdfReader) -> list[str]:
    """Each text-showing operation's characters in the order they are drawn, left to right.

    Text extraction (pypdf, pdftotext) puts right-to-left text back into reading order, so
    the order on the page is read from the content stream through each font's ToUnicode map.
    """
    shown: list[str] = []
    for page in reader.pages:
        maps: dict[str, dict[int, str]] = {}
        for name, ref in page["/Resources"]["/Font"].items():
            cmap = ref.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
            maps[name] = {int(c, 16): chr(int(u, 16)) for c, u in re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap)}
        font = ""
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                font = operands[0]
            elif op in (b"Tj", b"TJ"):
                items = operands[0] if op == b"TJ" else [operands[0]]
                raw = b"".join(i.original_bytes for i in items if hasattr(i, "original_bytes"))
                shown.append("".join(maps[font].get(b, "?") for b in raw))
    return shown


def test_left_to_right_text_is_left_alone() -> None:
    for text in ("Ana Ortiz", "Пётр Иванов", "田中 太郎", "", "a (b) 1-2"):
        assert visual(text) == text


def test_arabic_is_joined_into_printed_forms_and_put_in_display_order() -> None:
    shown = visual(ARABIC)
    assert _presentation_forms(shown)
    assert " " not in shown and NBSP in shown  # one name stays on one line
    left, right = shown.split(NBSP)
    assert left[0] in "\ufea9\ufeaa"  # dal, the last letter of 'al-Ahmad', is drawn first, at the left
    assert right[-1] == "\ufee3"  # meem in its initial form, the first letter of 'Muhammad', at the right


def test_hebrew_is_reversed_and_english_around_it_keeps_its_order() -> None:
    assert visual(HEBREW) == "םלוע" + NBSP + "םולש"
    assert visual(f"Owner: {HEBREW}, data team") == f"Owner: םלוע{NBSP}םולש, data team"


def test_a_long_right_to_left_comment_is_set_as_lines_in_reading_order() -> None:
    words = [f"{'אבגדהוזחטיכלמנסעפצקרשת'[i % 22]}{'ש' * 4}" for i in range(20)]
    lines = visual(" ".join(words)).split("\n")
    assert len(lines) > 1 and all(len(line) <= RUN_LINE for line in lines)
    assert lines[0].replace(NBSP, " ").split(" ")[-1] == words[0][::-1]  # the first word is the first line's right end


def test_chart_labels_and_header_are_shaped_too() -> None:
    fonts = register_fonts()
    drawing = vcharts.profile(fonts, ChartPalette(), ["One", "Two"], [ARABIC, "Data"], [1, 2], [2, 2], None, 400, 120)
    label = "".join(s.text for s in _strings(drawing) if _presentation_forms(s.text))
    assert label == visual(ARABIC, breaks=False)
    assert fonts.runs(f"Client {HEBREW}", fonts.regular) == [(fonts.regular, "Client םלוע םולש")]


def test_names_and_comments_print_shaped_in_the_pdf(tmp_path: Path) -> None:
    ws = build_demo()
    ws.participants[0].name = ARABIC
    ws.participants[1].name = HEBREW
    rating = next(r for r in ws.ratings if r.participant == ws.participants[1].id and r.comment)
    rating.comment = f"{HEBREW} said the data is not ready"
    out = tmp_path / "named.pdf"
    export_pdf(ws, out, anonymous=False)
    drawn = " ".join(_drawn(PdfReader(out))).replace(NBSP, " ")
    assert visual(ARABIC).replace(NBSP, " ") in drawn  # joined forms, the name's first letter at the right
    assert ARABIC not in drawn  # never the unjoined letters in typing order
    assert "םלוע םולש said the data is not ready" in drawn
    assert HEBREW not in drawn


def test_header_and_footer_borrow_a_font_for_what_the_brand_font_lacks(tmp_path: Path) -> None:
    ws = build_demo()
    ws.details.client = f"Client {RARE}"
    brand = dataclasses.replace(load_brand(default_brand_path()), footer=f"Footer {RARE} line")
    out = tmp_path / "header.pdf"
    export_pdf(ws, out, brand=brand)
    page = PdfReader(out).pages[1]
    faces = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("STIX" in face for face in faces)  # the page's only ᶁ are in its header and footer
    text = (page.extract_text() or "").replace("\n", "")  # a font change starts a new text run
    assert f"Client {RARE} · AI in" in text and f"Footer {RARE} line" in text
    assert "\ufffd" not in text


def test_bookmarks_keep_typing_order_for_the_viewer_to_lay_out(tmp_path: Path) -> None:
    ws = build_demo()
    first, *rest = ws.rubric.pillars
    ws.rubric = dataclasses.replace(ws.rubric, pillars=(dataclasses.replace(first, name=HEBREW), *rest))
    out = tmp_path / "hebrew-pillar.pdf"
    export_pdf(ws, out)
    reader = PdfReader(out)
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    assert HEBREW in titles  # a viewer reorders bookmark text itself: stored as typed
    assert visual(HEBREW).replace(NBSP, " ") not in [t.replace(NBSP, " ") for t in titles]
    assert "םלוע םולש" in " ".join(_drawn(reader)).replace(NBSP, " ")  # while the page shows it right to left
