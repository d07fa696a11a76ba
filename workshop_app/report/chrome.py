"""What every page carries around the text: header, footer, DRAFT mark, bookmarks and contents.

Pages are held back until the end (so a footer can say 'page x of y'). That is also
when bookmarks are bound to their page: a bookmark made while the page is being laid
out would point at the first page, because the PDF's page counter only moves when a
page is really written. The contents list on the cover is drawn then too, from the
headings as they fell, so it costs no second layout pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workshop_app.report import textruns
from workshop_app.report.brand import Brand, readable_as_text
from workshop_app.report.fonts import FontSet
from workshop_app.report.logo import Logo
from workshop_app.report.styles import MUTED, RULE, TEXT

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 22 * mm, 22 * mm
#: A handout longer than this gets a contents list on its cover.
CONTENTS_MIN_PAGES = 7
DRAFT_INK = colors.Color(0.80, 0.16, 0.12)


@dataclass
class PageFacts:
    """Filled while the story is laid out, read when the held pages are written."""

    title: str
    draft: tuple[str, ...] = ()
    headings: list[tuple[str, str, int]] = field(default_factory=list)  # (text, bookmark key, page)


def canvas_class(draw_chrome: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds pages until the end, then writes each with its chrome and its bookmarks."""

    class HeldCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []
            self._page_marks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **kw: Any) -> None:  # noqa: N802 - reportlab's name
            self._page_marks.append((key, kw))  # bound to its page when the page is written

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._page_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                for key, kw in self._page_marks:
                    Canvas.bookmarkPage(self, key, **kw)
                draw_chrome(self, self._pageNumber, total)
                super().showPage()
            self.showOutline()  # the bookmarks panel opens with the file
            super().save()

    return HeldCanvas


def _draft_mark(canvas: Canvas, fonts: FontSet, paper: tuple[float, float], reasons: tuple[str, ...]) -> None:
    """A light diagonal DRAFT across the page and, at the top, why the handout is a draft."""
    width, height = paper
    canvas.saveState()
    canvas.setFillColor(DRAFT_INK)
    canvas.setFillAlpha(0.10)
    canvas.setFont(fonts.bold, 110)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(52)
    canvas.drawCentredString(0, -38, "DRAFT")
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(DRAFT_INK)
    line = "DRAFT, not for distribution: " + "; ".join(reasons)
    textruns.draw(canvas, MARGIN_X, height - 8 * mm, textruns.fit(fonts, line, fonts.bold, 7.5, width - 2 * MARGIN_X),
                  7.5)
    canvas.restoreState()


def _contents(canvas: Canvas, fonts: FontSet, brand: Brand, paper: tuple[float, float], facts: PageFacts) -> None:
    """The cover's contents list: each section with its page, each line a link to it."""
    entries = [(text, key, page) for text, key, page in facts.headings if page > 1]
    if not entries:
        return
    width = paper[0]
    line_h, size = 5.4 * mm, 9
    top = 34 * mm + line_h * len(entries) + 9 * mm
    canvas.saveState()
    canvas.setFillColor(colors.HexColor(brand.primary) if readable_as_text(brand.primary) else TEXT)
    canvas.setFont(fonts.bold, 10)
    canvas.drawString(MARGIN_X, top, "Contents")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
    y = top - 2.5 * mm - line_h
    for text, key, page in entries:
        canvas.setFillColor(TEXT)
        textruns.draw(canvas, MARGIN_X, y, textruns.fit(fonts, text, fonts.regular, size,
                                                        width - 2 * MARGIN_X - 20 * mm), size)
        canvas.setFont(fonts.bold, size)
        canvas.drawRightString(width - MARGIN_X, y, str(page))
        canvas.linkRect("", key, (MARGIN_X, y - 1.5 * mm, width - MARGIN_X, y + 3.5 * mm), relative=0, thickness=0)
        y -= line_h
    canvas.restoreState()


def page_chrome(brand: Brand, fonts: FontSet, logo: Logo | None, facts: PageFacts, paper: tuple[float, float]
                ) -> Callable[[Canvas, int, int], None]:
    """Header and footer of every page but the cover; the DRAFT mark on every page."""
    width, height = paper
    primary = brand.primary

    def draw(canvas: Canvas, page: int, total: int) -> None:
        if facts.draft:
            _draft_mark(canvas, fonts, paper, facts.draft)
        if page == 1:
            if total >= CONTENTS_MIN_PAGES:
                _contents(canvas, fonts, brand, paper, facts)
            return
        canvas.saveState()
        top = height - MARGIN_TOP + 9 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        canvas.setFillColor(MUTED)
        title = ("DRAFT · " if facts.draft else "") + facts.title
        textruns.draw(canvas, MARGIN_X, top, textruns.fit(fonts, title, fonts.regular, 7.5,
                                                          width - 2 * MARGIN_X - 45 * mm), 7.5)
        if logo is not None:  # right-aligned above the rule
            logo_w, _ = logo.size_for(5.5 * mm, max_width=40 * mm)
            logo.draw(canvas, width - MARGIN_X - logo_w, top - 1.2 * mm, 5.5 * mm, max_width=40 * mm)
        bottom = MARGIN_BOTTOM - 11 * mm
        canvas.setStrokeColor(primary)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN_X, bottom + 5 * mm, MARGIN_X + 14 * mm, bottom + 5 * mm)
        canvas.setFillColor(MUTED)
        footer = brand.footer or brand.name
        textruns.draw(canvas, MARGIN_X, bottom, textruns.fit(fonts, footer, fonts.regular, 7.5,
                                                             width - 2 * MARGIN_X - 30 * mm), 7.5)
        canvas.setFont(fonts.bold, 7.5)
        canvas.drawRightString(width - MARGIN_X, bottom, f"Page {page} of {total}")
        canvas.restoreState()

    return draw


def cover_page(brand: Brand, fonts: FontSet, paper: tuple[float, float]) -> Callable[[Canvas, Any], None]:
    """The cover's brand band and who prepared the handout."""
    width, _ = paper

    def draw(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(brand.primary)
        canvas.rect(0, 0, width, 9 * mm, stroke=0, fill=1)
        canvas.setFillColor(brand.accent)
        canvas.rect(0, 9 * mm, width, 1.2 * mm, stroke=0, fill=1)
        canvas.setFillColor(MUTED)
        textruns.draw(canvas, MARGIN_X, 20 * mm, fonts.runs(f"Prepared by {brand.name}", fonts.bold), 8.5)
        lines = [t for t in (brand.tagline, brand.contact) if t]
        for i, line in enumerate(lines):
            textruns.draw(canvas, MARGIN_X, 20 * mm - (i + 1) * 4.2 * mm, fonts.runs(line, fonts.regular), 8)
        canvas.restoreState()

    return draw
