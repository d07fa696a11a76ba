"""A brand font must draw the Latin letters the handout is written in, or it is refused by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest

from workshop_app.cli import main
from workshop_app.report.brand import load_brand
from workshop_app.report.errors import ReportError
from workshop_app.report.fonts import LATIN_LETTERS, latin_problem, missing_latin

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
SYMBOLS = "STIXSizOneSymReg.ttf"  # large brackets and radicals for typesetting formulas: no letters at all


def _brand(folder: Path, font: str, key: str = "font") -> Path:
    shutil.copy(FONTS / font, folder / font)
    path = folder / "brand.toml"
    path.write_text(f'name = "Symbolic Partners"\n{key} = "{font}"\n', encoding="utf-8")
    return path


def test_missing_latin_reads_a_character_map() -> None:
    assert missing_latin({ord(c) for c in LATIN_LETTERS} | {0x4E2D}) == ""
    assert missing_latin({ord(c) for c in LATIN_LETTERS if c != "q"}) == "q"
    assert missing_latin(set()) == LATIN_LETTERS
    message = latin_problem("Odd.ttf", "xyz")
    assert "'Odd.ttf'" in message and "3 of the 52" in message and "x y z" in message


@pytest.mark.parametrize("key", ["font", "font_bold"])
def test_a_font_without_latin_letters_is_refused_naming_it(tmp_path: Path, key: str) -> None:
    path = _brand(tmp_path, SYMBOLS, key)
    with pytest.raises(ReportError) as caught:
        load_brand(path)
    message = str(caught.value)
    assert str(path) in message and f"{key}:" in message and SYMBOLS in message
    assert "lacks 52 of the 52 basic Latin letters" in message


def test_fonts_with_latin_letters_are_accepted(tmp_path: Path) -> None:
    for font in ("DejaVuSerif.ttf", "cmr10.ttf"):  # cmr10 lacks symbols and accents, not letters
        assert load_brand(_brand(tmp_path, font)).font == tmp_path / font


def test_the_command_line_says_which_font_and_what_it_lacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workshop = tmp_path / "demo.workshop"
    assert main(["demo", str(workshop)]) == 0
    out = tmp_path / "x.pdf"
    assert main(["export", str(workshop), str(out), "--brand", str(_brand(tmp_path, SYMBOLS))]) == 2
    err = capsys.readouterr().err
    assert SYMBOLS in err and "basic Latin letters" in err and "Traceback" not in err
    assert not out.exists()
