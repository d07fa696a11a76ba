"""Brand profiles: the shipped default, custom brands, and clear errors for broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest
from pypdf import PdfReader

from workshop_app.core.demo import build_demo
from workshop_app.report.brand import Brand, default_brand_path, load_brand
from workshop_app.report.errors import ReportError
from workshop_app.report.pdf import export_pdf

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def write_brand(folder: Path, body: str) -> Path:
    path = folder / "brand.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_default_brand_loads() -> None:
    brand = load_brand(default_brand_path())
    assert brand.name == "Meridian Advisory"
    assert brand.logo is not None and brand.logo.is_file() and brand.logo_type == "PNG"
    assert brand.primary.startswith("#") and len(brand.primary) == 7


def test_custom_brand_with_font_and_colours(tmp_path: Path) -> None:
    shutil.copy(default_brand_path().parent / "logo.png", tmp_path / "mark.png")
    shutil.copy(FONTS / "DejaVuSerif.ttf", tmp_path / "Serif.ttf")
    path = write_brand(tmp_path, 'name = "Ortolan & Partners"\nprimary = "#6b1d5c"\naccent = "#2a7f62"\n'
                                 'logo = "mark.png"\nfont = "Serif.ttf"\nfooter = "Ortolan <footer> & co"\n')
    brand = load_brand(path)
    assert brand.font == tmp_path / "Serif.ttf"
    out = tmp_path / "out.pdf"
    export_pdf(build_demo(), out, brand=path)
    reader = PdfReader(out)
    assert "Ortolan <footer> & co" in (reader.pages[1].extract_text() or "")
    assert b"DejaVuSerif" in out.read_bytes()
    assert "Ortolan & Partners" in reader.metadata.author


def test_brand_font_without_symbols_borrows_them_from_dejavu(tmp_path: Path) -> None:
    """cmr10 has no ● ◐ ⇆, dashes or accents: those come from DejaVu Sans instead of printing as boxes."""
    from workshop_app.report.fonts import MISSING_GLYPH, register_fonts

    fonts = register_fonts(FONTS / "cmr10.ttf")
    assert fonts.markup("● aligned") == '<font name="DejaVuSans">●</font> aligned'
    assert fonts.markup("Élodie <b>\n\u4e2d") == (
        f'<font name="DejaVuSans">É</font>lodie &lt;b&gt;<br/><font name="DejaVuSans">{MISSING_GLYPH}</font>'
    )
    assert register_fonts().markup("● <x>") == "● &lt;x&gt;"  # DejaVu itself: no fallback needed
    shutil.copy(FONTS / "cmr10.ttf", tmp_path / "Roman.ttf")
    path = write_brand(tmp_path, 'name = "Roman Advisory"\nfont = "Roman.ttf"\n')
    out = tmp_path / "roman.pdf"
    export_pdf(build_demo(), out, brand=path)
    text = "".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "⇆" in text and "●" in text and "Élodie" in text
    assert MISSING_GLYPH not in text
    # The handout's own marks (priority ▲, dashes, ellipses, bullets) too, not only user text.
    assert fonts.borrow_glyphs("<b>High</b> ▲▲ &amp; – x") == (
        '<b>High</b> <font name="DejaVuSans">▲▲</font> &amp; <font name="DejaVuSans">–</font> x'
    )
    faces: dict[str, set[str]] = {}

    def record(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        for ch in text:
            faces.setdefault(ch, set()).add(str((font or {}).get("/BaseFont", "")))

    for page in PdfReader(out).pages:
        page.extract_text(visitor_text=record)
    for mark in "▲–":
        assert faces.get(mark) and all("DejaVuSans" in face for face in faces[mark]), (mark, faces.get(mark))
    assert any("Cmr10" in face for face in faces["a"])  # the brand font still sets the text


def test_brand_object_and_no_logo(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    pages = export_pdf(build_demo(), out, brand=Brand(name="Solo Consulting"))
    assert pages > 3
    assert "Solo Consulting" in (PdfReader(out).pages[2].extract_text() or "")


@pytest.mark.parametrize(
    ("body", "files", "expected"),
    [
        ('name = "X"\nprimary = "#12"\n', {}, r"primary: '#12' is not a colour"),
        ('name = "X"\naccent = "orange"\n', {}, r"accent: 'orange' is not a colour"),
        ('primary = "#123456"\n', {}, r"name: missing or empty"),
        ('name = "X"\nlogo = "nowhere.png"\n', {}, r"logo: file 'nowhere.png' not found"),
        ('name = "X"\nlogo = "logo.gif"\n', {"logo.gif": b"GIF89a"}, r"logo: 'logo.gif' is not a supported logo type"),
        ('name = "X"\nlogo = "fake.png"\n', {"fake.png": b"not a png"}, r"logo: 'fake.png' is not a valid PNG"),
        ('name = "X"\nfont = "bad.ttf"\n', {"bad.ttf": b"hello"}, r"font: 'bad.ttf' is not a TrueType"),
        ('name = "X"\nfont = "broken.ttf"\n', {"broken.ttf": b"\x00\x01\x00\x00" + b"\x00" * 40},
         r"font: .broken.ttf. is damaged or not a usable TrueType font"),
        ('name = "X"\ncolour = "#123456"\n', {}, r"colour: unknown key"),
        ('name = "X"\nprimary = 12\n', {}, r"primary: must be text"),
        ('name = "X\n', {}, r"TOML syntax error"),
    ],
)
def test_bad_brand_files_name_the_problem(tmp_path: Path, body: str, files: dict[str, bytes], expected: str) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    path = write_brand(tmp_path, body)
    with pytest.raises(ReportError, match=expected) as caught:
        export_pdf(build_demo(), tmp_path / "out.pdf", brand=path)
    assert str(path) in str(caught.value)  # the message names the file
    assert not (tmp_path / "out.pdf").exists()


def test_missing_unreadable_or_binary_brand_file(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such brand file"):
        load_brand(tmp_path / "none.toml")
    with pytest.raises(ReportError, match="the brand file cannot be read"):
        load_brand(tmp_path)
    binary = tmp_path / "logo.toml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(ReportError, match="logo.toml: the brand file is not UTF-8 text"):
        load_brand(binary)


def test_svg_logo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("svglib")
    import socket

    monkeypatch.setattr(socket.socket, "connect", lambda *a: (_ for _ in ()).throw(AssertionError("network")))
    svg = (default_brand_path().parent / "logo.svg").read_text(encoding="utf-8")
    # a reference to a remote image must be ignored, never fetched
    svg = svg.replace("</svg>", '<image href="http://example.invalid/x.png" width="10" height="10"/></svg>')
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    path = write_brand(tmp_path, 'name = "Meridian Advisory"\nlogo = "logo.svg"\n')
    assert load_brand(path).logo_type == "SVG"
    out = tmp_path / "svg.pdf"
    assert export_pdf(build_demo(), out, brand=path) > 3


def test_not_an_svg(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text("<html>nope</html>", encoding="utf-8")
    with pytest.raises(ReportError, match="is not an SVG file"):
        load_brand(write_brand(tmp_path, 'name = "X"\nlogo = "logo.svg"\n'))
