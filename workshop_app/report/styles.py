"""Type scale, paragraph and table styles of the handout, derived from the brand."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from workshop_app.report.brand import Brand, readable_as_text
from workshop_app.report.fonts import FontSet

TEXT = colors.HexColor("#1d2731")
MUTED = colors.HexColor("#5b6775")
RULE = colors.HexColor("#c9d0d8")
ZEBRA = colors.HexColor("#f4f6f9")
BASE = 9.5  # body size in points; every other size is a step on this scale
LEADING = 1.38


@dataclass(frozen=True)
class Styles:
    """Every style the sections use, so spacing and sizes stay consistent."""

    primary: colors.Color
    accent: colors.Color
    ink: colors.Color  # headings: the primary colour when it reads on white (WCAG 4.5:1), else the text colour
    tint: colors.Color  # a very light primary for boxes
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    bullet: ParagraphStyle
    quote: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle
    big: ParagraphStyle


def _tint(colour: colors.Color, share: float) -> colors.Color:
    """Mix a colour with white; share = how much of the colour stays."""
    return colors.Color(*(1 - share + share * c for c in (colour.red, colour.green, colour.blue)))


def make_styles(brand: Brand, fonts: FontSet) -> Styles:
    primary = colors.HexColor(brand.primary)
    accent = colors.HexColor(brand.accent)
    # a brand colour too light for text stays in bars, rules and table headers, never in type
    ink = primary if readable_as_text(brand.primary) else TEXT
    head_ink = colors.white if readable_as_text(brand.primary) else TEXT

    def style(name: str, size: float, *, bold: bool = False, colour: colors.Color = TEXT,
              before: float = 0, after: float = 0, **extra: object) -> ParagraphStyle:
        extra.setdefault("leading", round(size * LEADING, 1))
        return ParagraphStyle(
            name, fontName=fonts.bold if bold else fonts.regular, fontSize=size, textColor=colour,
            spaceBefore=before, spaceAfter=after, alignment=TA_LEFT, **extra,
        )

    return Styles(
        primary=primary,
        accent=accent,
        ink=ink,
        tint=_tint(primary, 0.07),
        title=style("title", 26, bold=True, colour=ink, after=10, leading=31),
        subtitle=style("subtitle", 14, colour=MUTED, after=4),
        h1=style("h1", 17, bold=True, colour=ink, before=18, after=10, keepWithNext=1),
        h2=style("h2", 12.5, bold=True, colour=ink, before=12, after=5, keepWithNext=1),
        h3=style("h3", 10, bold=True, colour=TEXT, before=8, after=3, keepWithNext=1),
        body=style("body", BASE, after=6),
        small=style("small", 8, colour=MUTED, after=3),
        caption=style("caption", 8, colour=MUTED, before=2, after=10),
        bullet=style("bullet", BASE, after=2.5, leftIndent=12, bulletIndent=2),
        quote=style("quote", BASE, after=5, leftIndent=10, borderPadding=(0, 0, 0, 6)),
        cell=style("cell", 8.5, leading=11),
        cell_bold=style("cell_bold", 8.5, bold=True, leading=11),
        head=style("head", 8, bold=True, colour=head_ink, leading=10),
        big=style("big", 20, bold=True, colour=ink, leading=24, after=2),
    )


def table_style(styles: Styles, *, zebra: bool = True, rows: int = 0) -> TableStyle:
    """Header row in the brand colour, hairline rules, optional zebra rows for long tables."""
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), styles.body.fontName),  # else each cell asks for Helvetica, never used
        ("BACKGROUND", (0, 0), (-1, 0), styles.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    return TableStyle(commands)


def box_style(styles: Styles) -> TableStyle:
    """A tinted call-out box with a brand-coloured bar on the left."""
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), styles.body.fontName),
        ("BACKGROUND", (0, 0), (-1, -1), styles.tint),
        ("LINEBEFORE", (0, 0), (0, -1), 3, styles.primary),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ])
