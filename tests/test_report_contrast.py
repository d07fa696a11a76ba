"""Brand colours reach WCAG contrast wherever they set text; a light one is kept for accents."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors

from workshop_app.core.demo import build_demo
from workshop_app.report.brand import Brand, contrast_ratio, readable_as_text
from workshop_app.report.fonts import register_fonts
from workshop_app.report.pdf import export_pdf
from workshop_app.report.styles import TEXT, make_styles


@pytest.mark.parametrize(("colour", "ratio"), [("#000000", 21.0), ("#ffffff", 1.0), ("#777777", 4.48),
                                               ("#1f3a5f", 11.49)])
def test_contrast_ratio_follows_wcag(colour: str, ratio: float) -> None:
    assert contrast_ratio(colour) == pytest.approx(ratio, abs=0.05)


def test_a_dark_brand_colour_sets_headings() -> None:
    styles = make_styles(Brand(name="Dark", primary="#1f3a5f"), register_fonts())
    assert styles.h1.textColor == colors.HexColor("#1f3a5f")
    assert styles.head.textColor == colors.white


def test_a_light_brand_colour_is_kept_for_accents_and_text_stays_readable(tmp_path: Path) -> None:
    light = "#f5c518"
    assert not readable_as_text(light)
    styles = make_styles(Brand(name="Light", primary=light), register_fonts())
    for style in (styles.title, styles.h1, styles.h2, styles.big, styles.head):
        assert style.textColor == TEXT, style.name
    assert styles.primary == colors.HexColor(light)  # bars, rules and table headers keep the brand
    assert export_pdf(build_demo(), tmp_path / "light.pdf", brand=Brand(name="Light", primary=light)) > 3
