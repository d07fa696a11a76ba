"""The handout's charts are vectors with real text in the handout's fonts, never pictures."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib
import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Group, String

from workshop_app.charts import ChartPalette
from workshop_app.core.demo import build_demo
from workshop_app.report import vcharts
from workshop_app.report.brand import default_brand_path, load_brand
from workshop_app.report.fonts import register_fonts
from workshop_app.report.pdf import export_pdf

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
STAGES = ["Crawl", "Walk", "Run", "Fly"]
PILLARS = ["Reality over hype", "Know your maturity"]


def _strings(node: Drawing | Group) -> list[String]:
    out: list[String] = []
    for item in node.contents:
        if isinstance(item, String):
            out.append(item)
        elif isinstance(item, Group):
            out.extend(_strings(item))
    return out


def _images(page) -> list[str]:  # noqa: ANN001 - a pypdf page
    """Names of image XObjects on a page, also inside form XObjects."""
    found: list[str] = []

    def walk(resources) -> None:  # noqa: ANN001
        xobjects = (resources or {}).get("/XObject") or {}
        for name, ref in xobjects.items():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append(name)
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    walk(page.get("/Resources"))
    return found


@pytest.fixture(scope="module")
def no_logo_demo(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    brand = dataclasses.replace(load_brand(default_brand_path()), logo=None)
    out = tmp_path_factory.mktemp("charts") / "demo.pdf"
    export_pdf(build_demo(), out, brand=brand)
    return PdfReader(out)


def _page_with(reader: PdfReader, text: str) -> int:
    """The first page after the cover (whose contents list names the sections too) that says `text`."""
    for number, page in enumerate(reader.pages):
        if number and text in (page.extract_text() or ""):
            return number
    raise AssertionError(f"no page says {text!r}")


def test_chart_pages_hold_no_pictures(no_logo_demo: PdfReader) -> None:
    """With no logo, nothing in the handout is a raster: the three charts are drawn as vectors."""
    pages = {_page_with(no_logo_demo, t) for t in ("Median stage", "Spread of ratings", "Movement between")}
    for number in pages:
        assert _images(no_logo_demo.pages[number]) == [], f"page {number + 1} holds a picture"
    assert all(_images(p) == [] for p in no_logo_demo.pages)


def test_chart_labels_are_text_a_reader_can_search(no_logo_demo: PdfReader) -> None:
    profile = no_logo_demo.pages[_page_with(no_logo_demo, "Where you are and where you aim to be")].extract_text()
    for label in ("Agreed stage", "Target stage", "Median stage", "Crawl", "Fly", "Sustain at scale"):
        assert label in profile
    spread = no_logo_demo.pages[_page_with(no_logo_demo, "Spread of ratings")].extract_text()
    for label in ("People at this stage (number shown)", "Median (ring)", "⇆ polarised", "(? 1)"):
        assert label in spread
    assert "upper row, range dashed" in no_logo_demo.pages[_page_with(no_logo_demo, "Movement between")].extract_text()


def test_every_chart_label_is_set_in_the_brand_font(tmp_path: Path) -> None:
    fonts = register_fonts(FONTS / "cmr10.ttf", FONTS / "cmb10.ttf")  # Computer Modern: letters, no ● ⇆
    drawing = vcharts.spread(fonts, ChartPalette(), STAGES, PILLARS, [[1, 3, 0, 0], [0, 0, 2, 2]], [0, 1],
                             [2, 3], ["aligned", "polarised"], 480, 160)
    faces = {s.fontName for s in _strings(drawing)}
    assert faces <= {fonts.regular, fonts.bold, "DejaVuSans"}
    assert fonts.regular in faces and fonts.bold in faces  # labels regular, counts bold
    borrowed = [s.text for s in _strings(drawing) if s.fontName == "DejaVuSans"]
    assert {"●", "⇆"} <= set(borrowed)  # the level marks the brand font lacks come from DejaVu Sans
    assert not any(ch.isalpha() for text in borrowed for ch in text)  # every word stays in the brand font


def test_a_brand_font_reaches_the_printed_charts(tmp_path: Path) -> None:
    brand = dataclasses.replace(load_brand(default_brand_path()), logo=None, font=FONTS / "DejaVuSerif.ttf",
                                font_bold=FONTS / "DejaVuSerif-Bold.ttf")
    out = tmp_path / "serif.pdf"
    export_pdf(build_demo(), out, brand=brand)
    reader = PdfReader(out)
    page = reader.pages[_page_with(reader, "Spread of ratings")]
    fonts = {f.get_object()["/BaseFont"] for f in page["/Resources"]["/Font"].values()}
    assert any("DejaVuSerif" in str(f) for f in fonts)
    for font in page["/Resources"]["/Font"].values():
        descriptor = font.get_object().get("/FontDescriptor")
        assert descriptor is not None and "/FontFile2" in descriptor.get_object(), font.get_object()["/BaseFont"]


def test_profile_marks_follow_the_data() -> None:
    fonts = register_fonts()
    one = vcharts.profile(fonts, ChartPalette(), STAGES, PILLARS, [2, None], [3, 2], [2, 1], 480, 160)
    texts = [s.text for s in _strings(one)]
    assert "not agreed yet" in texts and texts.count("Reality over hype") == 1
    other = vcharts.profile(fonts, ChartPalette(), STAGES, PILLARS, [2, 2], [3, 2], [2, 1], 480, 160)
    assert "not agreed yet" not in [s.text for s in _strings(other)]
    assert len(other.contents) > len(one.contents)  # a bar and a dot more


@pytest.mark.parametrize("call", [
    lambda f: vcharts.profile(f, ChartPalette(), STAGES, PILLARS, [2], [3, 2], None, 400, 150),
    lambda f: vcharts.profile(f, ChartPalette(), STAGES, PILLARS, [5, 1], [3, 2], None, 400, 150),
    lambda f: vcharts.spread(f, ChartPalette(), STAGES, PILLARS, [[1, 2, 3], [1, 1, 1, 1]], [0, 0], [1, 1],
                             ["aligned", "aligned"], 400, 150),
    lambda f: vcharts.movement(f, ChartPalette(), STAGES, PILLARS, [[1, 0, 0, -1]] * 2, [[1, 0, 0, 0]] * 2,
                               "Before", "After", 400, 150),
])
def test_bad_chart_data_is_refused_with_what_is_wrong(call) -> None:  # noqa: ANN001
    with pytest.raises(ValueError, match="pillars|outside|stages|negative"):
        call(register_fonts())


def test_empty_charts_say_so() -> None:
    drawing = vcharts.movement(register_fonts(), ChartPalette(), STAGES, [], [], [], "a", "b", 300, 100)
    assert [s.text for s in _strings(drawing)] == ["No pillar was re-voted"]
