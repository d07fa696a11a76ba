"""Hostile input to the handout: damaged fonts and logos, oversized or endless files, deep TOML, huge rubrics."""

from __future__ import annotations

import io
import itertools
import os
import shutil
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from workshop_app.cli import main
from workshop_app.core import operations as ops
from workshop_app.core.demo import build_demo
from workshop_app.core.rubric import MAX_PILLARS, RUBRIC_LIST_MAX, RUBRIC_TEXT_MAX, RubricError, load_rubric
from workshop_app.core.storage import save_workshop
from workshop_app.core.tomlfile import MAX_TOML_BYTES
from workshop_app.report.brand import BRAND_TEXT_MAX, MAX_FONT_BYTES, MAX_LOGO_BYTES, default_brand_path, load_brand
from workshop_app.report.errors import ReportError
from workshop_app.report.pdf import export_pdf

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
LOGO = default_brand_path().parent / "logo.png"
_unique = itertools.count()  # each damaged font gets its own name: reportlab registers fonts by name


def brand_with(folder: Path, key: str, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    path = folder / f"brand-{next(_unique)}.toml"
    path.write_text(f'name = "Hostile Advisory"\n{key} = "{name}"\n', encoding="utf-8")
    return path


def refused_or_exported(brand: Path, out: Path) -> None:
    """A damaged brand is refused with a ReportError when read, or it makes a whole handout: never a traceback."""
    try:
        load_brand(brand)
    except ReportError as exc:
        assert "\n" not in str(exc) and "Hostile" not in str(exc)
        return
    assert export_pdf(build_demo(), out, brand=brand) > 3
    assert PdfReader(out).pages


def jpeg_logo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.open(LOGO).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


# --------------------------------------------------------------------------- the paragraph crash


@pytest.mark.parametrize("font", ["cmr10.ttf", "DejaVuSerif.ttf"])
def test_brand_font_paragraph_breaking_across_a_page(tmp_path: Path, font: str) -> None:
    """reportlab rebuilds the two halves of a split paragraph from fragments; that used to raise a TypeError."""
    shutil.copy(FONTS / font, tmp_path / f"Brand{font}")
    brand = tmp_path / "brand.toml"
    brand.write_text(f'name = "Split Advisory"\nfont = "Brand{font}"\n', encoding="utf-8")
    ws = build_demo()
    long_note = " ".join(f"Point {i}: the evidence for this pillar is thin and needs a named owner." for i in range(55))
    ops.add_note(ws, long_note[:4000])
    out = tmp_path / "split.pdf"
    assert export_pdf(ws, out, brand=brand) > 3
    text = " ".join((p.extract_text() or "") for p in PdfReader(out).pages).replace("\n", " ")
    assert "Point 0:" in text and "Point 54:" in text


# --------------------------------------------------------------------------- damaged fonts and logos


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=(FONTS / "cmr10.ttf").stat().st_size - 1))
def test_truncated_font_is_refused_or_works(tmp_path: Path, cut: int) -> None:
    data = (FONTS / "cmr10.ttf").read_bytes()[:cut]
    refused_or_exported(brand_with(tmp_path, "font", f"Cut{next(_unique)}.ttf", data), tmp_path / "out.pdf")


@settings(max_examples=20, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=LOGO.stat().st_size - 1), jpeg=st.booleans())
def test_truncated_logo_is_refused_or_works(tmp_path: Path, cut: int, jpeg: bool) -> None:
    data = (jpeg_logo() if jpeg else LOGO.read_bytes())[:cut]
    name = f"logo{next(_unique)}.{'jpg' if jpeg else 'png'}"
    refused_or_exported(brand_with(tmp_path, "logo", name, data), tmp_path / "out.pdf")


@pytest.mark.parametrize("font", ["cmr10.ttf", "DejaVuSerif.ttf"])
def test_fonts_cut_at_many_offsets_give_one_clear_message(tmp_path: Path, font: str) -> None:
    """A cut in the tables the handout needs is refused when the brand is read, naming the file and the key;
    a cut only in tables it never reads (kerning, layout) still makes a whole handout."""
    data = (FONTS / font).read_bytes()
    refused = 0
    for cut in range(12, len(data), len(data) // 17):
        brand = brand_with(tmp_path, "font", f"Cut{next(_unique)}.ttf", data[:cut])
        try:
            load_brand(brand)
        except ReportError as exc:
            assert "font: 'Cut" in str(exc) and "is damaged or not a usable TrueType font" in str(exc)
            refused += 1
            continue
        assert export_pdf(build_demo(), tmp_path / "out.pdf", brand=brand) > 3
    assert refused >= 12


@pytest.mark.parametrize(("key", "name", "head"), [("font", "Noise.ttf", b"\x00\x01\x00\x00"),
                                                   ("logo", "noise.png", b"\x89PNG\r\n\x1a\n"),
                                                   ("logo", "noise.jpg", b"\xff\xd8\xff\xe0")])
def test_random_bytes_after_a_valid_header_are_refused(tmp_path: Path, key: str, name: str, head: bytes) -> None:
    noise = bytes((i * 7919 + 13) % 256 for i in range(20000))
    with pytest.raises(ReportError, match=rf"{key}: '{name}' is damaged"):
        load_brand(brand_with(tmp_path, key, name, head + noise))


def test_damaged_font_on_the_command_line_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workshop = tmp_path / "demo.workshop"
    save_workshop(build_demo(), workshop)
    brand = brand_with(tmp_path, "font", "Half.ttf", (FONTS / "DejaVuSerif.ttf").read_bytes()[:100_000])
    assert main(["export", str(workshop), str(tmp_path / "x.pdf"), "--brand", str(brand)]) == 2
    err = capsys.readouterr().err
    assert "Half.ttf" in err and "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


# --------------------------------------------------------------------------- sizes and kinds of file


def sparse(path: Path, size: int, head: bytes) -> Path:
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def test_oversized_logo_and_font_are_refused_before_reading(tmp_path: Path) -> None:
    sparse(tmp_path / "huge.png", 1024**3, b"\x89PNG\r\n\x1a\n")  # 1 GiB, no disk used
    sparse(tmp_path / "Huge.ttf", MAX_FONT_BYTES + 1, b"\x00\x01\x00\x00")
    with pytest.raises(ReportError, match=r"logo: 'huge\.png': too large for a logo \(1024 MB; the limit is 5 MB\)"):
        load_brand(_brand_for(tmp_path, "logo", "huge.png"))
    with pytest.raises(ReportError, match=r"font: 'Huge\.ttf': too large for a font"):
        load_brand(_brand_for(tmp_path, "font", "Huge.ttf"))
    assert MAX_LOGO_BYTES < 1024**3


def _brand_for(folder: Path, key: str, name: str) -> Path:
    path = folder / f"brand-{next(_unique)}.toml"
    path.write_text(f'name = "Hostile Advisory"\n{key} = "{name}"\n', encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs /dev/zero and mkfifo")
def test_devices_and_pipes_are_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.png")
    os.mkfifo(tmp_path / "Pipe.ttf")
    os.mkfifo(tmp_path / "pipe.toml")
    for path in (Path("/dev/zero"), tmp_path / "pipe.toml"):
        with pytest.raises(RubricError, match="not a rubric file .a device, pipe or socket"):
            load_rubric(path)
        with pytest.raises(ReportError, match="not a brand file .a device, pipe or socket"):
            load_brand(path)
    with pytest.raises(ReportError, match="logo: 'pipe.png': not a logo .a device, pipe or socket"):
        load_brand(_brand_for(tmp_path, "logo", "pipe.png"))
    with pytest.raises(ReportError, match="font: 'Pipe.ttf': not a font .a device, pipe or socket"):
        load_brand(_brand_for(tmp_path, "font", "Pipe.ttf"))


def test_oversized_and_deeply_nested_toml_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * MAX_TOML_BYTES + "\n", encoding="utf-8")
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    nested = tmp_path / "nested.toml"
    nested.write_text("x = " + "{a = " * 40 + "1" + "}" * 40 + "\n", encoding="utf-8")
    digits = tmp_path / "digits.toml"
    digits.write_text("x = " + "9" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(RubricError, match="too large for a rubric file .* the limit is 1 MB"):
        load_rubric(big)
    with pytest.raises(ReportError, match="nests tables or arrays too deeply"):
        load_brand(deep)
    with pytest.raises(RubricError, match="nests tables or arrays more than 20 levels deep"):
        load_rubric(nested)
    with pytest.raises(RubricError, match="holds a value that cannot be read"):
        load_rubric(digits)


def test_brand_text_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "brand.toml"
    path.write_text(f'name = "{"N" * 100_000}"\n', encoding="utf-8")
    with pytest.raises(ReportError, match=rf"name: too long \(100000 characters; at most {BRAND_TEXT_MAX}\)"):
        load_brand(path)
    path.write_text(f'name = "X"\nfooter = "{"F" * (BRAND_TEXT_MAX + 1)}"\n', encoding="utf-8")
    with pytest.raises(ReportError, match="footer: too long"):
        load_brand(path)


def rubric_text(pillars: int, *, items: int = 1, text: str = "Fine.") -> str:
    lines = ['id = "big"', 'name = "Big"', '[[stages]]', 'id = "a"', 'name = "A"', '[[stages]]', 'id = "b"',
             'name = "B"']
    for i in range(pillars):
        lines += ["[[pillars]]", f'id = "p{i}"', f'name = "Pillar {i}"', "[pillars.levels]",
                  "a = [" + ", ".join(f'"{text}"' for _ in range(items)) + "]"]
    return "\n".join(lines) + "\n"


def test_rubric_size_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "rubric.toml"
    path.write_text(rubric_text(MAX_PILLARS), encoding="utf-8")
    assert len(load_rubric(path).pillars) == MAX_PILLARS
    path.write_text(rubric_text(10_000), encoding="utf-8")
    with pytest.raises(RubricError, match=f"pillars: at most {MAX_PILLARS} pillars, found 10000"):
        load_rubric(path)
    path.write_text(rubric_text(1, items=RUBRIC_LIST_MAX + 1), encoding="utf-8")
    with pytest.raises(RubricError, match=rf"pillars.p0.levels.a: at most {RUBRIC_LIST_MAX} items"):
        load_rubric(path)
    path.write_text(rubric_text(1, text="x" * (RUBRIC_TEXT_MAX + 1)), encoding="utf-8")
    with pytest.raises(RubricError, match=r"pillars.p0.levels.a\[0\]: too long"):
        load_rubric(path)
